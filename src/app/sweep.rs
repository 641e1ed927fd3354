//! The scheduler's rounds: closing the waves whose last day has passed (counting them and running
//! their flags, and catching up any wave closed but not yet counted), and forgetting the form nonces
//! of forms that have expired. Idempotent, so several instances may sweep side by side.

use chrono::{DateTime, Utc};

use super::close_wave;
use super::run_flags::FlagContext;
use crate::db::{DbConnection, DbResult, form_tokens, waves};
use crate::domain::ids::WaveId;
use crate::domain::survey::wave::local_date;

/// One sweep at `now`; returns the waves it closed.
pub fn run(conn: &mut DbConnection, ctx: &FlagContext, now: DateTime<Utc>) -> DbResult<Vec<WaveId>> {
    let today = local_date(now);
    let closed = waves::close_due(conn, today, now.naive_utc())?;
    close_wave::catch_up(conn, ctx, now.naive_utc())?;
    form_tokens::forget_expired(conn, today)?;
    Ok(closed)
}
