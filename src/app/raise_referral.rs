//! A psychologist raises a referral of a class of their school by hand: the referral, the centre's
//! notifications, the audit entry and the first note are stored in one transaction.

use chrono::NaiveDateTime;

use crate::db::referrals::{self, ManualReferral};
use crate::db::schools::{self, SchoolFilter};
use crate::db::{DbConnection, DbResult, regions};
use crate::domain::ids::ReferralId;
use crate::domain::referral::ReferralPlace;
use crate::notify::NotifyPlan;

/// Raises `manual` at `now`, notifying the region's centre as `plan` says. A class that is not of the
/// psychologist's school is not found, and nothing is stored.
pub fn raise(
    conn: &mut DbConnection,
    plan: &NotifyPlan,
    manual: &ManualReferral,
    now: NaiveDateTime,
) -> DbResult<ReferralId> {
    let school = schools::get(conn, manual.school, SchoolFilter::All)?;
    let centre_email = regions::get(conn, &school.region)?.centre_email;
    let notices = |id| plan.messages(id, ReferralPlace::School(&school), &school.region, &centre_email);
    referrals::create_manual(conn, manual, now, &notices)
}
