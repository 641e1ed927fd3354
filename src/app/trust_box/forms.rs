//! A pupil form of the trust box is taken once (`domain::trust_box::form_token`): sent again from the
//! history of a shared computer (Back, then Reload), it is refused before anything is read or stored.

use chrono::{DateTime, Utc};

use crate::app::error::UseCaseResult;
use crate::db::{DbConnection, trust_box_forms};
use crate::domain::survey::wave::local_date;
use crate::domain::trust_box::form_token::FormToken;

/// A token for a form shown at `now`.
pub fn fresh_token(now: DateTime<Utc>) -> FormToken {
    FormToken::issue(local_date(now))
}

/// Whether the form sent with `token` at `now` may be taken: shown today or yesterday (Kazakhstan
/// time) and never sent before. It is spent by this call, in a statement of its own.
pub fn take(conn: &mut DbConnection, token: &FormToken, now: DateTime<Utc>) -> UseCaseResult<bool> {
    if !token.takes_on(local_date(now)) {
        return Ok(false);
    }
    Ok(trust_box_forms::spend(conn, token)?)
}
