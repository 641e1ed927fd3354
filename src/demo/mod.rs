//! Demo data. [`ensure_demo_region`] is what `ahual serve --demo` shows: a small region (Astana, with
//! the demo school among its schools, and Almaty beside it so the national pages compare), two closed
//! waves per school, waves running now, planted signals, referrals in every state and trust box letters
//! (see [`region`]). [`ensure_demo`] is its core, and what many tests build on: the demo school in
//! Astana with six classes (one of them smaller than k, so suppression has something to show), one
//! account per role, and one closed wave with generated responses: 7A with a high bullying rate, one
//! acute answer in 8A, and 10A with fewer than k responses. Both are created only on an empty
//! database; the logins are fixed so a first-time reader can follow the README.

#[cfg(test)]
mod flag_tests;
pub mod plan;
pub mod referrals;
pub mod region;
#[cfg(test)]
mod region_flag_tests;
pub mod responses;
pub mod school_waves;
pub mod trust;

use chrono::{Duration, Utc};
use diesel::Connection;

use self::responses::{ClassProfile, class_answers_json};

use crate::app::close_wave;
use crate::app::open_wave::{WaveRequest, open_wave};
use crate::app::run_flags::FlagContext;
use crate::db::responses::{NewResponse, SubmitError, submit};
use crate::db::users;
use crate::db::{DbConnection, DbError, form_tokens, waves};
use crate::domain::account::RoleScope;
use crate::domain::account::UserFields;
use crate::domain::audit::Actor;
use crate::domain::ids::SchoolId;
use crate::domain::lang::Lang;
use crate::domain::password::hash_password;
use crate::domain::period::ReportingPeriod;
use crate::domain::region::RegionCode;
use crate::domain::survey::wave::{AccessMode, local_date};

/// The demo school's code.
pub const DEMO_SCHOOL: &str = "SCH-DEMO";
/// The demo school's region (Astana).
pub const DEMO_REGION: &str = "KZ-71";

/// The classes: label, grade, roll. 10A is deliberately smaller than the default k.
pub const DEMO_CLASSES: [(&str, i64, i64); 6] =
    [("5A", 5, 24), ("6B", 6, 26), ("7A", 7, 25), ("8A", 8, 28), ("9B", 9, 27), ("10A", 10, 8)];

/// A demo sign-in, printed at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    /// Role name.
    pub role: &'static str,
    /// Login.
    pub login: &'static str,
    /// Password.
    pub password: &'static str,
}

/// The demo accounts (never use `--demo` on a real deployment).
pub const DEMO_LOGINS: [DemoLogin; 4] = [
    DemoLogin { role: "admin", login: "admin", password: "demo-admin-pass" },
    DemoLogin { role: "centre_staff", login: "centre", password: "demo-centre-pass" },
    DemoLogin { role: "psychologist", login: "psy", password: "demo-psy-pass" },
    DemoLogin { role: "national", login: "national", password: "demo-national-pass" },
];

/// The demo school and its classes, as the plan has it.
fn create_school(conn: &mut DbConnection) -> Result<SchoolId, DbError> {
    school_waves::create_school(conn, &plan::demo_school())
}

/// The instrument of the demo wave.
pub const DEMO_INSTRUMENT: &str = "school-climate";

/// How each demo class answers, in the order of [`DEMO_CLASSES`].
///
/// 5A, the smallest class of k or more, is the one withheld to protect 10A. Two in three of its
/// pupils answered: the withheld total of the two must leave 10A room within the rolls and bands
/// staff saw (`disclosure::slack`), and with 5A near its roll it would not, so 6B, 7A and 9B would be
/// withheld too.
pub fn demo_profiles() -> [ClassProfile; 6] {
    let quiet =
        ClassProfile { responses: 0, bullying_item_rate: 0.012, other_item_rate: 0.03, one_acute_answer: false };
    [
        ClassProfile { responses: 16, ..quiet },
        ClassProfile { responses: 23, ..quiet },
        ClassProfile { responses: 23, bullying_item_rate: 0.3, ..quiet },
        ClassProfile { responses: 25, one_acute_answer: true, ..quiet },
        ClassProfile { responses: 22, ..quiet },
        ClassProfile { responses: 6, ..quiet },
    ]
}

fn demo_error(what: &str) -> DbError {
    DbError::Corrupt(format!("demo wave: {what}"))
}

/// Opens a wave of the default instrument over every demo class, submits the generated responses
/// through the pupils' path, closes it, and moves it into the last published reporting period.
pub fn run_demo_wave(
    conn: &mut DbConnection,
    ctx: &FlagContext,
    school: crate::domain::ids::SchoolId,
) -> Result<(), DbError> {
    let instrument = ctx.catalog.latest(DEMO_INSTRUMENT).ok_or_else(|| demo_error("instrument missing"))?;
    let today = local_date(Utc::now());
    let request = WaveRequest {
        school,
        instrument: instrument.key(),
        mode: AccessMode::Password,
        dates: (today - Duration::days(13), today),
        classes: Vec::new(),
        creation_nonce: uuid::Uuid::new_v4().to_string(),
        now: Utc::now().naive_utc(),
        opened_by: Actor::Demo,
    };
    let opened = open_wave(conn, &request)?;
    let classes = waves::classes_of(conn, opened.wave_id)?;
    for (index, class) in classes.iter().enumerate() {
        let profile_index =
            DEMO_CLASSES.iter().position(|(label, _, _)| *label == class.label.as_str()).unwrap_or(index);
        let profile = demo_profiles()[profile_index % 6];
        let generated = class_answers_json(instrument, class.grade, profile, 1000 + index as u64)
            .ok_or_else(|| demo_error("generated an invalid answer"))?;
        // One form per pupil, as the start page would have issued them.
        let nonces = form_tokens::issue(conn, generated.len(), today)?;
        for (n, (json, nonce)) in generated.into_iter().zip(nonces).enumerate() {
            let lang = if n % 3 == 0 { Lang::Ru } else { Lang::Kk };
            let response =
                NewResponse { wave_class_id: class.id, nonce, code_hash: None, lang, today, answers_json: json };
            submit(conn, &response).map_err(|e| match e {
                SubmitError::Db(db) => db,
                SubmitError::Refused(refusal) => demo_error(&format!("{refusal:?}")),
                SubmitError::UnknownSeat => demo_error("unknown class-in-wave"),
            })?;
        }
    }
    close_wave::close(conn, opened.wave_id, Some(school), Actor::Demo, ctx, Utc::now().naive_utc())?;
    // Region and national figures appear per published reporting period: the demo wave ran in the
    // last one, so every page has something to show.
    let closes_on = ReportingPeriod::latest_published(today).first_day() + Duration::days(60);
    waves::backdate(conn, opened.wave_id, (closes_on - Duration::days(13), closes_on))?;
    Ok(())
}

/// Creates the demo accounts, the psychologist's at `school`; the centre's and the psychologist's ids.
fn create_accounts(conn: &mut DbConnection, school: SchoolId) -> Result<region::Workers, DbError> {
    let hashes = DEMO_LOGINS
        .iter()
        .map(|l| hash_password(l.password).map_err(|e| DbError::Corrupt(format!("hash: {e}"))))
        .collect::<Result<Vec<_>, _>>()?;
    let region = RegionCode::parse(DEMO_REGION).ok_or_else(|| DbError::Corrupt("demo region".into()))?;
    let scopes =
        [RoleScope::Admin, RoleScope::CentreStaff(region), RoleScope::Psychologist(school), RoleScope::National];
    let names = ["Demo Admin", "Демо Орталық", "Демо Психолог", "Демо Республика"];
    let mut ids = Vec::new();
    for ((login, scope), (name, hash)) in DEMO_LOGINS.iter().zip(scopes).zip(names.iter().zip(&hashes)) {
        let fields =
            UserFields { login: login.login.into(), scope, display_name: (*name).into(), email: None, active: true };
        ids.push(users::create(conn, &fields, hash)?);
    }
    Ok(region::Workers { centre: ids[1], psychologist: ids[2] })
}

/// Creates the demo school, classes, accounts and closed wave when the database has no accounts;
/// returns the logins.
pub fn ensure_demo(conn: &mut DbConnection, ctx: &FlagContext) -> Result<Vec<DemoLogin>, DbError> {
    if users::count(conn)? > 0 {
        return Ok(DEMO_LOGINS.to_vec());
    }
    let school = conn.transaction(|conn| {
        let school = create_school(conn)?;
        create_accounts(conn, school)?;
        Ok::<_, DbError>(school)
    })?;
    run_demo_wave(conn, ctx, school)?;
    Ok(DEMO_LOGINS.to_vec())
}

/// Creates the demo region ([`region`]) with the demo accounts when the database has no accounts;
/// returns the logins. `trust_key` is the deployment's, so the letters can be read by its pages.
pub fn ensure_demo_region(
    conn: &mut DbConnection,
    ctx: &FlagContext,
    trust_key: &crate::domain::trust_box::receipt::TrustBoxKey,
) -> Result<Vec<DemoLogin>, DbError> {
    if users::count(conn)? > 0 {
        return Ok(DEMO_LOGINS.to_vec());
    }
    let (school, workers) = conn.transaction(|conn| {
        let school = create_school(conn)?;
        let workers = create_accounts(conn, school)?;
        Ok::<_, DbError>((school, workers))
    })?;
    region::write_region(conn, ctx, trust_key, (school, workers), Utc::now().naive_utc())?;
    Ok(DEMO_LOGINS.to_vec())
}
