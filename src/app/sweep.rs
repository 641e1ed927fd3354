//! The scheduler's rounds: closing the waves whose last day has passed (counting them and running
//! their flags, and catching up any wave closed but not yet counted), forgetting the form nonces of
//! forms that have expired (the survey's unspent ones, the trust box's spent ones), and the trust
//! box's upkeep (overdue notices, erasing old words: [`super::trust_box::upkeep`]), and deleting the
//! spreadsheet rosters left waiting past their hour (`roster_uploads`), and staff sessions older than
//! any session may live (`staff_sessions`). Idempotent, so
//! several instances may sweep side by side. Each step runs even when one before it failed, so a wave
//! that cannot be closed does not hold back a trust box notice; the first error is returned once all
//! have run, and the next sweep tries again.

use chrono::{DateTime, Utc};

use super::close_wave;
use super::run_flags::FlagContext;
use super::trust_box::upkeep::{self, TrustSweep};
use crate::db::{DbConnection, DbResult, form_tokens, roster_uploads, staff_sessions, trust_box_forms, waves};
use crate::domain::ids::WaveId;
use crate::domain::survey::wave::local_date;
use crate::domain::trust_box::retention::TextsKept;

/// What one sweep did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Swept {
    /// The waves it closed.
    pub closed: Vec<WaveId>,
    /// The trust box's overdue notices and erased words.
    pub trust: TrustSweep,
}

/// One sweep at `now`, keeping closed trust box conversations' words for `texts_kept`.
pub fn run(conn: &mut DbConnection, ctx: &FlagContext, texts_kept: TextsKept, now: DateTime<Utc>) -> DbResult<Swept> {
    let today = local_date(now);
    let closed = waves::close_due(conn, today, now.naive_utc())
        .and_then(|closed| close_wave::catch_up(conn, ctx, now.naive_utc()).map(|_| closed));
    let forgotten = form_tokens::forget_expired(conn, today)
        .and(trust_box_forms::forget_expired(conn, today))
        .and(roster_uploads::forget_expired(conn, now.naive_utc()))
        .and(staff_sessions::sweep(conn, now.naive_utc() - staff_sessions::LONGEST).map(|_| ()));
    let trust = upkeep::sweep(conn, &ctx.notify, texts_kept, now);
    forgotten?;
    Ok(Swept { trust: trust?, closed: closed? })
}
