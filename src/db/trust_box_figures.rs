//! What the trust box's figures read: the conversations that arrived in a reporting period.

use chrono::{Days, NaiveTime};
use diesel::prelude::*;

use super::DbConnection;
use super::error::DbResult;
use super::schema::trust_conversations;
use super::trust_box::ConversationRow;
use crate::domain::period::ReportingPeriod;
use crate::domain::region::RegionCode;
use crate::domain::trust_box::record::ConversationRecord;

/// The conversations that arrived in `period` (Kazakhstan time, as kept), of `region` or of every
/// region, for `domain::trust_box::figures`.
pub fn arrived_in(
    conn: &mut DbConnection,
    region: Option<&RegionCode>,
    period: ReportingPeriod,
) -> DbResult<Vec<ConversationRecord>> {
    let first = period.first_day().and_time(NaiveTime::MIN);
    let after_last =
        period.last_day().checked_add_days(Days::new(1)).unwrap_or(period.last_day()).and_time(NaiveTime::MIN);
    let mut query = trust_conversations::table
        .select(ConversationRow::as_select())
        .filter(trust_conversations::arrived_at.ge(first))
        .filter(trust_conversations::arrived_at.lt(after_last))
        .into_boxed();
    if let Some(region) = region {
        query = query.filter(trust_conversations::region_code.eq(region.as_str().to_owned()));
    }
    let rows: Vec<ConversationRow> = query.load(conn)?;
    rows.into_iter().map(ConversationRow::into_record).collect()
}
