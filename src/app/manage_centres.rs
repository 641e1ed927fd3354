//! An administrator sets where each region's Psychological Support Centre receives its referral
//! notifications. Each change is audited (`settings_changed`) with the administrator as actor; the
//! address itself stays out of the log.

use crate::db::{DbConnection, DbResult, organisation_changes, regions};
use crate::domain::audit::Actor;
use crate::domain::ids::UserId;
use crate::domain::organisation::Email;
use crate::domain::region::RegionCode;
use crate::domain::school::Region;

/// Every region with its centre and the centre's address, in display order.
pub fn centres(conn: &mut DbConnection) -> DbResult<Vec<Region>> {
    regions::list(conn)
}

/// Sends `region`'s centre notifications to `email` from now on, as `actor`; an unknown region is
/// not found.
pub fn set_centre_email(conn: &mut DbConnection, actor: UserId, region: &RegionCode, email: &Email) -> DbResult<()> {
    organisation_changes::set_centre_email(conn, Actor::User(actor), region, email.as_str())
}
