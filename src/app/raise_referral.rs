//! A psychologist raises a referral of a class of their school by hand: the referral, the centre's
//! notifications, the audit entry and the first note are stored in one transaction.

use chrono::NaiveDateTime;

use crate::db::referral_creation;
use crate::db::schools::{self, SchoolFilter};
use crate::db::{DbConnection, DbError, DbResult, regions};
use crate::domain::ids::ReferralId;
use crate::domain::referral::{ManualReferral, ReferralPlace};
use crate::notify::NotifyPlan;

/// The class named is not one of the psychologist's school.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotTheSchoolsClass;

/// Raises `manual` at `now`, notifying the region's centre as `plan` says. A class that is not of the
/// psychologist's school is refused, and nothing is stored.
pub fn raise(
    conn: &mut DbConnection,
    plan: &NotifyPlan,
    manual: &ManualReferral,
    now: NaiveDateTime,
) -> DbResult<Result<ReferralId, NotTheSchoolsClass>> {
    let school = schools::get(conn, manual.school, SchoolFilter::All)?;
    let centre_email = regions::get(conn, &school.region)?.centre_email;
    let notices = |id| plan.messages(id, ReferralPlace::School(&school), &school.region, &centre_email);
    match referral_creation::create_manual(conn, manual, now, &notices) {
        Ok(id) => Ok(Ok(id)),
        Err(DbError::NotFound) => Ok(Err(NotTheSchoolsClass)),
        Err(other) => Err(other),
    }
}
