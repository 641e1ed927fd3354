//! The demo region behind `ahual serve --demo`: the plan ([`super::plan`]) written in the order things
//! happen. Every school's wave of the earlier published period, closed, counted and flagged as the
//! sweep does it then; the same for the later period; the waves running now; the centre's work on the
//! referrals; the trust box's letters. Times are in the past, spread over the two periods, so trends,
//! deadlines and each period's published figures have something to show; nothing but "today" depends
//! on the clock.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use super::plan::{SchoolPlan, plan};
use super::referrals::{Staff, raise_manual_referrals, work_flag_referrals};
use super::school_waves::{Which, create_school, write_wave};
use super::trust::{TrustDesks, write_letters};
use super::{DEMO_INSTRUMENT, DEMO_REGION};
use crate::app::close_wave;
use crate::app::run_flags::FlagContext;
use crate::db::{DbConnection, DbError, classes};
use crate::domain::ids::SchoolId;
use crate::domain::instrument::Instrument;
use crate::domain::period::ReportingPeriod;
use crate::domain::region::RegionCode;
use crate::domain::survey::wave::local_date;
use crate::domain::trust_box::receipt::TrustBoxKey;

/// The demo's two accounts that work: the centre's and the psychologist's.
#[derive(Debug, Clone, Copy)]
pub struct Workers {
    /// The centre staff of Astana.
    pub centre: crate::domain::ids::UserId,
    /// The demo school's psychologist.
    pub psychologist: crate::domain::ids::UserId,
}

/// Days into a period on which the `index`-th school's wave ends: the demo school first, the others
/// over the following three weeks.
fn closes_on(period: ReportingPeriod, index: usize) -> NaiveDate {
    period.first_day() + Duration::days(50 + (index % 22) as i64)
}

/// A time of day (UTC) on `day`.
fn at(day: NaiveDate, hour: u32) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or(NaiveTime::MIN))
}

/// Writes closed wave `wave` (0 or 1) of every school in `period`, then counts them and runs the flags
/// the day after the last one closed, as the sweep does.
fn closed_waves(
    conn: &mut DbConnection,
    ctx: &FlagContext,
    (instrument, schools): (&Instrument, &[(SchoolPlan, SchoolId)]),
    wave: usize,
    period: ReportingPeriod,
) -> Result<(), DbError> {
    let mut last = period.first_day();
    for (index, (plan, school)) in schools.iter().enumerate() {
        let closes = closes_on(period, index);
        last = last.max(closes);
        let opens = closes - Duration::days(11);
        write_wave(conn, instrument, (plan, *school), index, Which::Closed(wave, (opens, closes)), at(opens, 3))?;
    }
    close_wave::catch_up(conn, ctx, at(last + Duration::days(1), 3))?;
    Ok(())
}

/// Writes the whole demo region on a database that holds the demo accounts' schools only; `now` is
/// the real time, from which "today" and its periods follow.
pub fn write_region(
    conn: &mut DbConnection,
    ctx: &FlagContext,
    trust_key: &TrustBoxKey,
    (demo_school, workers): (SchoolId, Workers),
    now: NaiveDateTime,
) -> Result<(), DbError> {
    let instrument =
        ctx.catalog.latest(DEMO_INSTRUMENT).ok_or_else(|| DbError::Corrupt("demo: questionnaire missing".into()))?;
    let today = local_date(now.and_utc());
    let later = ReportingPeriod::latest_published(today);
    let earlier = later.previous();
    let mut schools = Vec::new();
    for (index, school) in plan().into_iter().enumerate() {
        let id = if index == 0 { demo_school } else { create_school(conn, &school)? };
        schools.push((school, id));
    }
    closed_waves(conn, ctx, (instrument, &schools), 0, earlier)?;
    closed_waves(conn, ctx, (instrument, &schools), 1, later)?;
    for (index, (plan, school)) in schools.iter().enumerate().filter(|(_, (plan, _))| plan.open_wave) {
        let dates = (today - Duration::days(6), today + Duration::days(8));
        write_wave(conn, instrument, (plan, *school), index, Which::Open(dates), at(dates.0, 3))?;
    }
    let region = RegionCode::parse(DEMO_REGION).ok_or_else(|| DbError::Corrupt("demo region".into()))?;
    let staff = Staff { centre: workers.centre, psychologist: workers.psychologist, school: demo_school };
    let later_began = later.began_at();
    work_flag_referrals(conn, staff, &region, later_began, now)?;
    let labels: Vec<_> =
        classes::list(conn, demo_school)?.into_iter().map(|c| (c.id, c.label.as_str().to_owned())).collect();
    raise_manual_referrals(conn, ctx, staff, &labels, (later_began, now))?;
    let desks = TrustDesks {
        key: trust_key,
        plan: &ctx.notify,
        centre: (workers.centre, &region),
        psychologist: workers.psychologist,
        schools: schools.iter().filter(|(p, _)| p.region == DEMO_REGION).map(|(p, _)| p.code.clone()).collect(),
    };
    write_letters(conn, &desks, later_began, now)?;
    Ok(())
}
