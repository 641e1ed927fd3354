//! Worlds for the attacks across periods: schools in two regions whose waves end in the reporting
//! period before the last published one, in the last published one and in the current one (not yet
//! published), built step by step so the attacker can look between the steps; a wave whose last day
//! is the last day of a period that is published before the wave is closed and counted; and answers
//! exchanged between withheld groups after the fact, for the indistinguishability checks.

use std::collections::BTreeMap;

use ahual::app::close_wave;
use ahual::db::DbConnection;
use ahual::domain::account::RoleScope;
use ahual::domain::audit::Actor;
use ahual::domain::ids::{ClassId, SchoolId, WaveId};
use ahual::domain::password::hash_password;
use ahual::domain::period::ReportingPeriod;
use ahual::domain::survey::wave::{AccessMode, local_date};
use chrono::{Duration, NaiveDate, Utc};

use crate::common::TestApp;
use crate::common::pupil::{fill, into_period, open};
use crate::common::world::{PASSWORD, World, class, school, user};

/// Where a wave's last day lies, relative to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum When {
    /// The period before the last published one.
    Earlier,
    /// The last published period.
    Last,
    /// The current period (not published: no region or national figures yet).
    Current,
}

impl When {
    pub fn period(self) -> ReportingPeriod {
        let today = local_date(Utc::now());
        let last = ReportingPeriod::latest_published(today);
        match self {
            When::Earlier => last.previous(),
            When::Last => last,
            When::Current => ReportingPeriod::containing(today),
        }
    }

    pub const ALL: [When; 3] = [When::Earlier, When::Last, When::Current];
}

/// One class in one wave: grade, respondents, pupils bullied, pupils with thoughts of being dead and
/// pupils with the acute "right now" answer (the last two from grade 7 only: younger classes are not
/// asked the self-harm section).
#[derive(Debug, Clone, Copy)]
pub struct C {
    pub label: &'static str,
    pub grade: i64,
    pub n: u32,
    pub bullied: u32,
    pub ideation: u32,
    pub acute: u32,
}

pub const fn c(label: &'static str, grade: i64, n: u32, bullied: u32, ideation: u32) -> C {
    C { label, grade, n, bullied, ideation, acute: 0 }
}

impl C {
    /// The same class with `acute` pupils giving the acute answer.
    pub const fn acute(self, acute: u32) -> C {
        C { acute, ..self }
    }
}

/// One wave of a school.
#[derive(Debug, Clone)]
pub struct W {
    pub when: When,
    pub classes: Vec<C>,
    /// Still open when its period is published (see [`run_until_the_last_day_of_the_last_period`]);
    /// [`run`] leaves it out.
    pub late: bool,
}

pub fn w(when: When, classes: &[C]) -> W {
    W { when, classes: classes.to_vec(), late: false }
}

/// A wave that is still open when its period is published.
pub fn late(when: When, classes: &[C]) -> W {
    W { when, classes: classes.to_vec(), late: true }
}

impl W {
    /// The class labels of the wave.
    pub fn labels(&self) -> Vec<&'static str> {
        self.classes.iter().map(|c| c.label).collect()
    }
}

/// A school: its region, its waves, and how many pupils on each class roll did not answer in the
/// wave where the class had most respondents (0: every pupil answered).
#[derive(Debug, Clone)]
pub struct S {
    pub code: &'static str,
    pub region: &'static str,
    pub absent: u32,
    pub waves: Vec<W>,
}

pub fn s(code: &'static str, region: &'static str, waves: &[W]) -> S {
    S { code, region, absent: 2, waves: waves.to_vec() }
}

/// A built school: its plan, ids, and the id of each wave once it has run.
#[derive(Debug, Clone)]
pub struct Built {
    pub plan: S,
    pub id: SchoolId,
    pub classes: BTreeMap<&'static str, ClassId>,
    pub waves: Vec<Option<WaveId>>,
}

impl Built {
    /// The waves that have run, with their plans.
    pub fn ran(&self) -> impl Iterator<Item = (&W, WaveId)> {
        self.plan.waves.iter().zip(&self.waves).filter_map(|(plan, id)| id.map(|id| (plan, id)))
    }
}

pub fn psychologist(code: &str) -> String {
    format!("psy-{}", code.to_lowercase())
}

/// The centre of a region (the world has centre staff for Astana and Almaty).
pub fn centre(region: &str) -> &'static str {
    match region {
        "KZ-71" => "centre-a",
        "KZ-75" => "centre-b",
        other => panic!("no centre account for {other}"),
    }
}

pub const REGIONS: [&str; 2] = ["KZ-71", "KZ-75"];
pub const NATIONAL: &str = "national";

/// The organisation (regions, centres, the national analyst), the schools, their psychologists and
/// their classes; no wave yet.
pub fn organise(app: &TestApp, schools: &[S]) -> Vec<Built> {
    let mut conn = app.conn();
    World::build(&mut conn);
    let hash = hash_password(PASSWORD).unwrap();
    let mut built = Vec::new();
    for plan in schools {
        assert!(REGIONS.contains(&plan.region));
        let id = school(&mut conn, plan.code, plan.region);
        user(&mut conn, &psychologist(plan.code), RoleScope::Psychologist(id), &hash);
        let mut rolls: BTreeMap<&'static str, (i64, u32)> = BTreeMap::new();
        for spec in plan.waves.iter().flat_map(|w| &w.classes) {
            let entry = rolls.entry(spec.label).or_insert((spec.grade, 0));
            assert_eq!(entry.0, spec.grade, "{} {}: one grade per class in these worlds", plan.code, spec.label);
            entry.1 = entry.1.max(spec.n);
        }
        let classes = rolls
            .iter()
            .map(|(label, (grade, most))| {
                let roll = i64::from(most + plan.absent).max(1);
                (*label, class(&mut conn, id, label, *grade, roll))
            })
            .collect();
        built.push(Built { plan: plan.clone(), id, classes, waves: vec![None; plan.waves.len()] });
    }
    built
}

/// Opens a wave over `plan`'s classes (dated today) and stores the answers of its pupils through the
/// production submission path. Pupil `i` of a class answered "2-3 times a month" to the verbal
/// bullying item when `i < bullied`, "yes" to wishing they were dead when `i < ideation`, and "yes"
/// to the acute item when `i < acute` (overlapping groups); "never" and "no" otherwise. Every pupil
/// answered those items and "strongly agree" to belonging, nothing else; younger classes are not
/// asked the self-harm section.
fn open_and_answer(conn: &mut DbConnection, school: &Built, plan: &W) -> WaveId {
    let ids = plan.classes.iter().map(|c| school.classes[c.label]).collect();
    let wave = open(conn, school.id, ids, AccessMode::Password).wave_id;
    for c in &plan.classes {
        assert!(c.bullied <= c.n && c.ideation <= c.n && c.acute <= c.n);
        assert!(c.ideation + c.acute == 0 || c.grade >= 7, "the self-harm section is asked from grade 7");
        let mut answers: BTreeMap<String, u32> = BTreeMap::new();
        for i in 0..c.n {
            let verbal = if i < c.bullied { 3 } else { 0 };
            let json = if c.grade >= 7 {
                let (wish, now) = (u32::from(i < c.ideation), u32::from(i < c.acute));
                format!(r#"{{"victim_verbal":{verbal},"sh_wish_dead":{wish},"sh_now":{now},"belong":4}}"#)
            } else {
                format!(r#"{{"victim_verbal":{verbal},"belong":4}}"#)
            };
            *answers.entry(json).or_default() += 1;
        }
        for (json, count) in &answers {
            fill(conn, wave, &[(c.label, *count, json.as_str())]);
        }
    }
    wave
}

/// Runs every wave ending `when`: opened, answered, closed by hand (counted, flags run) and, for a
/// published period, moved into it as if it had run then.
pub fn run(app: &TestApp, schools: &mut [Built], when: When) {
    let mut conn = app.conn();
    for school in schools.iter_mut() {
        for at in 0..school.plan.waves.len() {
            let plan = school.plan.waves[at].clone();
            if plan.when != when || plan.late {
                continue;
            }
            let wave = open_and_answer(&mut conn, school, &plan);
            close_wave::close(&mut conn, wave, None, Actor::Cli, &crate::common::flags(), Utc::now().naive_utc())
                .unwrap();
            if when != When::Current {
                into_period(&mut conn, wave, when.period());
            }
            school.waves[at] = Some(wave);
        }
    }
}

/// Opens and answers a wave for `plan` and leaves it open, with its last day moved to the last day
/// of the last published period: a wave that ran to the end of a period and that the close-date sweep
/// has not closed yet when the period is published (the sweep closes waves the day after their last
/// day, the same day the period is published).
pub fn run_until_the_last_day_of_the_last_period(app: &TestApp, school: &mut Built, at: usize) -> WaveId {
    use ahual::db::schema::{responses, waves};
    use diesel::prelude::*;
    let mut conn = app.conn();
    let plan = school.plan.waves[at].clone();
    assert!(plan.late && plan.when == When::Last);
    let wave = open_and_answer(&mut conn, school, &plan);
    let last_day: NaiveDate = When::Last.period().last_day();
    let id = wave.to_string();
    diesel::update(waves::table.find(&id))
        .set((waves::opens_on.eq(last_day - Duration::days(7)), waves::closes_on.eq(last_day)))
        .execute(&mut conn)
        .unwrap();
    diesel::update(responses::table.filter(responses::wave_id.eq(&id)))
        .set(responses::submitted_on.eq(last_day))
        .execute(&mut conn)
        .unwrap();
    school.waves[at] = Some(wave);
    wave
}

/// What the server's close-date sweep does (`web::background::sweep`): closes every wave whose last
/// day is over, then counts every closed wave not counted yet and runs the flags still due.
pub fn sweep(app: &TestApp) -> Vec<WaveId> {
    let mut conn = app.conn();
    let now = Utc::now();
    let closed = ahual::db::waves::close_due(&mut conn, local_date(now), now.naive_utc()).unwrap();
    close_wave::catch_up(&mut conn, &crate::common::flags(), now.naive_utc()).unwrap();
    closed
}

/// The stored answers of `wave` in class `label` of `school`: (response id, answers JSON).
fn answers_of(conn: &mut DbConnection, wave: WaveId, class: ClassId) -> Vec<(String, serde_json::Value)> {
    use ahual::db::schema::responses;
    use diesel::prelude::*;
    let rows: Vec<(String, String)> = responses::table
        .filter(responses::wave_id.eq(wave.to_string()))
        .filter(responses::class_id.eq(class.to_string()))
        .select((responses::id, responses::answers))
        .order(responses::id)
        .load(conn)
        .unwrap();
    rows.into_iter().map(|(id, json)| (id, serde_json::from_str(&json).unwrap())).collect()
}

fn store_answers(conn: &mut DbConnection, wave: WaveId, id: &str, answers: &serde_json::Value) {
    use ahual::db::schema::responses;
    use diesel::prelude::*;
    let row = responses::table.find((wave.to_string(), id));
    assert_eq!(diesel::update(row).set(responses::answers.eq(answers.to_string())).execute(conn).unwrap(), 1);
}

/// Exchanges `item` between `count` responses of `from` that answered `value_from` and as many of
/// `to` that answered `value_to` (in wave `wave` of `school`), then counts the wave again: the world
/// where those pupils' answers were the other way round. Every other answer, every respondent count
/// and every id stays as it was.
pub fn exchange(
    app: &TestApp,
    school: &Built,
    wave: WaveId,
    item: &str,
    (from, value_from): (&str, i64),
    (to, value_to): (&str, i64),
    count: usize,
) {
    exchange_between(app, (school, wave, from, value_from), (school, wave, to, value_to), item, count);
}

/// [`exchange`] between classes of two (possibly different) schools' waves.
pub fn exchange_between(
    app: &TestApp,
    (school_a, wave_a, class_a, value_a): (&Built, WaveId, &str, i64),
    (school_b, wave_b, class_b, value_b): (&Built, WaveId, &str, i64),
    item: &str,
    count: usize,
) {
    let mut conn = app.conn();
    let pick = |conn: &mut DbConnection, school: &Built, wave: WaveId, label: &str, value: i64| {
        let found: Vec<_> = answers_of(conn, wave, school.classes[label])
            .into_iter()
            .filter(|(_, answers)| answers[item].as_i64() == Some(value))
            .take(count)
            .collect();
        assert_eq!(found.len(), count, "{} {label}: {count} responses with {item} = {value}", school.plan.code);
        found
    };
    let a = pick(&mut conn, school_a, wave_a, class_a, value_a);
    let b = pick(&mut conn, school_b, wave_b, class_b, value_b);
    for ((id_a, mut answers_a), (id_b, mut answers_b)) in a.into_iter().zip(b) {
        answers_a[item] = serde_json::json!(value_b);
        answers_b[item] = serde_json::json!(value_a);
        store_answers(&mut conn, wave_a, &id_a, &answers_a);
        store_answers(&mut conn, wave_b, &id_b, &answers_b);
    }
    let catalog = crate::common::catalog();
    let now = Utc::now().naive_utc();
    for wave in if wave_a == wave_b { vec![wave_a] } else { vec![wave_a, wave_b] } {
        close_wave::materialise(&mut conn, wave, &catalog, now).unwrap();
    }
}
