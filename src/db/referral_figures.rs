//! What the centres' accountability figures read: the referrals that arrived in a reporting period,
//! with their times, severity and outcome only (never their school, class or notes).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::error::{DbError, DbResult};
use super::schema::referrals;
use crate::domain::period::ReportingPeriod;
use crate::domain::referral::figures::ReferralTimes;
use crate::domain::region::RegionCode;
use crate::domain::statistics::Severity;

type Row = (String, String, NaiveDateTime, NaiveDateTime, Option<NaiveDateTime>, Option<NaiveDateTime>, Option<String>);

/// The referrals that arrived in `period`, of `region` or of every region, each with its region,
/// for `domain::referral::figures`.
pub fn received_in(
    conn: &mut DbConnection,
    region: Option<&RegionCode>,
    period: ReportingPeriod,
) -> DbResult<Vec<(RegionCode, ReferralTimes)>> {
    let mut query = referrals::table
        .select((
            referrals::region_code,
            referrals::severity,
            referrals::created_at,
            referrals::acknowledge_by,
            referrals::acknowledged_at,
            referrals::closed_at,
            referrals::outcome,
        ))
        .filter(referrals::created_at.ge(period.began_at()))
        .filter(referrals::created_at.lt(period.ended_at()))
        .into_boxed();
    if let Some(region) = region {
        query = query.filter(referrals::region_code.eq(region.as_str().to_owned()));
    }
    let rows: Vec<Row> = query.load(conn)?;
    rows.into_iter().map(times).collect()
}

fn times(row: Row) -> DbResult<(RegionCode, ReferralTimes)> {
    let (region, severity, created_at, acknowledge_by, acknowledged_at, closed_at, outcome) = row;
    let corrupt = |what: &str| DbError::Corrupt(format!("referral {what} not understood"));
    let region = RegionCode::parse(&region).ok_or_else(|| corrupt("region"))?;
    let severity = Severity::parse(&severity).map_err(|_| corrupt("severity"))?;
    Ok((region, ReferralTimes { severity, created_at, acknowledge_by, acknowledged_at, closed_at, outcome }))
}
