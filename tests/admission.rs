//! One admission rule, every path: random seats (a wave scheduled, open or over, a class with room or
//! full, a class password or a single-use code used or not, a form sent already or not) are fed
//! (every combination, each with a random roll) through every path a pupil's form takes — the start page, the form page, the submit route, the
//! database's single submission, its group-commit set and (on PostgreSQL) its one-statement batch —
//! and each path's verdict must be the one `Seat::admit` gives. Runs on both backends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use ahual::db::responses::{self, NewResponse, SubmitError};
use ahual::db::schema::{access_codes, wave_classes, waves as wave_rows};
use ahual::db::{DbConnection, form_tokens, response_set, response_statement, waves};
use ahual::domain::ids::{SchoolId, WaveClassId};
use ahual::domain::lang::Lang;
use ahual::domain::survey::access_secret;
use ahual::domain::survey::admission::{Code, Refusal, Seat, Token};
use ahual::domain::survey::wave::{AccessMode, WaveStatus, local_date};
use chrono::{Duration, Utc};
use common::pupil::{open, open_form, pass_of, submit};
use common::world::{class, school};
use common::{Backend, TestApp};
use diesel::prelude::*;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};

/// How a seat's wave stands: the rule sees three statuses, the data has four ways to get there.
#[derive(Debug, Clone, Copy)]
enum Dates {
    Scheduled,
    Open,
    PastLastDay,
    ClosedByHand,
}

/// A seat to build: the wave, the class's roll and responses, the way in and the form's token.
#[derive(Debug, Clone, Copy)]
struct Spec {
    dates: Dates,
    roll: u32,
    responses: u32,
    mode: AccessMode,
    code_used: bool,
    sent: bool,
}

impl Spec {
    /// The seat the rule decides on, with `token` as the path asking knows it.
    fn seat(&self, token: Token) -> Seat {
        let wave = match self.dates {
            Dates::Scheduled => WaveStatus::Scheduled,
            Dates::Open => WaveStatus::Open,
            Dates::PastLastDay | Dates::ClosedByHand => WaveStatus::Closed,
        };
        let code = match self.mode {
            AccessMode::Password => Code::ClassPassword,
            AccessMode::Codes => Code::single_use(Some(self.code_used)),
        };
        Seat { wave, roll: self.roll, responses: self.responses, code, token }
    }
}

/// How full the class is: room for more than one, the last place, or none.
#[derive(Debug, Clone, Copy)]
enum Room {
    Plenty,
    LastPlace,
    Full,
}

/// Every combination of the rule's inputs, with a random roll (and so random counts) for each: a
/// path that decides differently anywhere has a seat here to show it.
fn every_spec(runner: &mut TestRunner) -> Vec<Spec> {
    let mut specs = Vec::new();
    for dates in [Dates::Scheduled, Dates::Open, Dates::PastLastDay, Dates::ClosedByHand] {
        for room in [Room::Plenty, Room::LastPlace, Room::Full] {
            for (mode, code_used) in
                [(AccessMode::Password, false), (AccessMode::Codes, false), (AccessMode::Codes, true)]
            {
                for sent in [false, true] {
                    let roll = (2u32..30).new_tree(runner).unwrap().current();
                    let responses = match room {
                        Room::Plenty => (0..roll - 1).new_tree(runner).unwrap().current(),
                        Room::LastPlace => roll - 1,
                        Room::Full => roll,
                    };
                    // A form sent with a code has spent it.
                    let code_used = code_used || (sent && mode == AccessMode::Codes);
                    specs.push(Spec { dates, roll, responses, mode, code_used, sent });
                }
            }
        }
    }
    specs
}

/// A class-in-wave built for a spec, with the pupil's secret and form.
struct Built {
    wave_class: WaveClassId,
    secret: String,
    pass: String,
}

/// Opens a wave for one new class of `roll` pupils, takes a form as a pupil would while it is open
/// (and sends it when the spec says the form was sent), then moves the seat to the spec.
async fn build(app: &TestApp, school: SchoolId, n: usize, spec: &Spec) -> Built {
    let mut conn = app.conn();
    let class_id = class(&mut conn, school, &format!("{}A{n}", 5 + n % 7), 5 + (n % 7) as i64, 30);
    let opened = open(&mut conn, school, vec![class_id], spec.mode);
    let wave_class = waves::classes_of(&mut conn, opened.wave_id).unwrap()[0].id;
    let opened_class = &opened.classes[0];
    let secret = opened_class.password.clone().unwrap_or_else(|| opened_class.codes[0].clone());
    let reply = app.post_raw("/survey/start?lang=en", &[("password", &secret)]).await;
    let pass = pass_of(&reply);
    open_form(app, &pass).await;
    if spec.sent {
        let sent = submit(app, &pass, &[]).await;
        assert_eq!(sent.status, 303, "the form is sent while the seat is open: {}", sent.body);
    }
    move_to(&mut conn, wave_class, spec);
    Built { wave_class, secret, pass }
}

/// Puts the seat's wave, counts and code where the spec says (again after a path stored a response).
fn move_to(conn: &mut DbConnection, wave_class: WaveClassId, spec: &Spec) {
    let wave_id: String =
        wave_classes::table.find(wave_class.to_string()).select(wave_classes::wave_id).first(conn).unwrap();
    let today = local_date(Utc::now());
    let (opens, closes, closed_at) = match spec.dates {
        Dates::Scheduled => (today + Duration::days(1), today + Duration::days(8), None),
        Dates::Open => (today - Duration::days(1), today + Duration::days(6), None),
        Dates::PastLastDay => (today - Duration::days(8), today - Duration::days(1), None),
        Dates::ClosedByHand => (today - Duration::days(1), today + Duration::days(6), Some(Utc::now().naive_utc())),
    };
    diesel::update(wave_rows::table.find(&wave_id))
        .set((wave_rows::opens_on.eq(opens), wave_rows::closes_on.eq(closes), wave_rows::closed_at.eq(closed_at)))
        .execute(conn)
        .unwrap();
    diesel::update(wave_classes::table.find(wave_class.to_string()))
        .set((wave_classes::roll.eq(spec.roll as i32), wave_classes::responses.eq(spec.responses as i32)))
        .execute(conn)
        .unwrap();
    if spec.code_used {
        diesel::delete(access_codes::table.filter(access_codes::wave_class_id.eq(wave_class.to_string())))
            .execute(conn)
            .unwrap();
    }
}

/// The title of the page that explains `refusal`, in English.
fn title(refusal: Refusal) -> String {
    Lang::En.t(match refusal {
        Refusal::AlreadySent => "pupil-already-sent-title",
        Refusal::NotOpenYet => "pupil-not-open-title",
        Refusal::Closed => "pupil-closed-title",
        Refusal::CodeUsed => "pupil-code-used-title",
        Refusal::ClassFull => "pupil-full-title",
    })
}

/// Checks a page against the rule's verdict: a redirect onwards when admitted, else 409 with the
/// refusal's page.
fn assert_page(path: &str, spec: &Spec, expected: Result<(), Refusal>, status: u16, body: &str) {
    match expected {
        Ok(()) => assert!(status == 303 || status == 200, "{path}: {spec:?} admitted, got {status}: {body}"),
        Err(refusal) => {
            assert_eq!(status, 409, "{path}: {spec:?} refused {refusal:?}, got {status}: {body}");
            assert!(body.contains(&title(refusal)), "{path}: {spec:?} should say {refusal:?}: {body}");
        }
    }
}

/// The verdict of the database's paths for one response of the seat, each rolled back.
fn database_verdicts(conn: &mut DbConnection, built: &Built, spec: &Spec) -> Vec<(&'static str, Result<(), Refusal>)> {
    let today = local_date(Utc::now());
    let response = |conn: &mut DbConnection| {
        // An unsent form's nonce is issued and unspent; a sent one's is gone, as one never issued.
        let nonce = if spec.sent {
            uuid::Uuid::new_v4().to_string()
        } else {
            form_tokens::issue(conn, 1, today).unwrap().remove(0)
        };
        let code_hash =
            (spec.mode == AccessMode::Codes).then(|| access_secret::hash(&access_secret::normalise(&built.secret)));
        NewResponse {
            wave_class_id: built.wave_class,
            nonce,
            code_hash,
            lang: Lang::En,
            today,
            answers_json: "{}".into(),
        }
    };
    let verdict = |outcome: Result<(), SubmitError>| match outcome {
        Ok(()) => Ok(()),
        Err(SubmitError::Refused(refusal)) => Err(refusal),
        Err(other) => panic!("{spec:?}: not a verdict: {other:?}"),
    };
    let mut verdicts = Vec::new();
    let single = rolled_back(conn, |conn| {
        let new = response(conn);
        responses::submit_unguarded(conn, &new).map(|_| ())
    });
    verdicts.push(("responses::submit_unguarded", verdict(single)));
    if spec.mode == AccessMode::Password {
        // The set path takes no single-use codes: it gives those to the single path.
        let set = rolled_back(conn, |conn| {
            let new = response(conn);
            response_set::store_set(conn, &[new]).map(|_| ())
        });
        verdicts.push(("response_set::store_set", verdict(set)));
    }
    verdicts
}

/// Runs `path` in a transaction that is always rolled back, and returns its outcome.
fn rolled_back(
    conn: &mut DbConnection,
    path: impl FnOnce(&mut DbConnection) -> Result<(), SubmitError>,
) -> Result<(), SubmitError> {
    let mut outcome = None;
    let _ = conn.transaction::<(), diesel::result::Error, _>(|conn| {
        outcome = Some(path(conn));
        Err(diesel::result::Error::RollbackTransaction)
    });
    outcome.unwrap()
}

/// PostgreSQL's one-statement batch commits on its own, so it runs last; it says only whether the
/// response was stored, and fails as a whole on a spent token.
fn statement_admits(conn: &mut DbConnection, built: &Built, spec: &Spec) -> bool {
    let today = local_date(Utc::now());
    let nonce = if spec.sent {
        uuid::Uuid::new_v4().to_string()
    } else {
        form_tokens::issue(conn, 1, today).unwrap().remove(0)
    };
    let new = NewResponse {
        wave_class_id: built.wave_class,
        nonce,
        code_hash: None,
        lang: Lang::En,
        today,
        answers_json: "{}".into(),
    };
    let DbConnection::Postgresql(pg) = conn else { panic!("the one-statement batch is PostgreSQL's") };
    matches!(response_statement::store(pg, &[new]).as_deref(), Ok([Some(_)]))
}

async fn every_path_gives_the_rules_verdict(backend: Backend) {
    // Behind a trusted proxy, each seat's pupil comes from their own address: the spent codes below
    // are wrong secrets to the start page, and one address would soon be throttled.
    let database = std::sync::Arc::new(common::TestDatabase::create(backend));
    let app = TestApp::spawn_configured(database, |settings| {
        settings.trusted_proxies = vec!["127.0.0.1".parse().unwrap(), "::1".parse().unwrap()];
    })
    .await;
    let school = school(&mut app.conn(), "ADM-1", "KZ-71");
    let mut runner = TestRunner::new(Config::default());
    for (n, spec) in every_spec(&mut runner).iter().enumerate() {
        let built = build(&app, school, n, spec).await;
        let address = format!("10.0.{}.{}", n / 250, n % 250 + 1);
        let start = app
            .post_raw_with_headers(
                "/survey/start?lang=en",
                &[("password", &built.secret)],
                &[("x-forwarded-for", &address)],
            )
            .await;
        if spec.code_used {
            // A spent code is deleted: it is no longer a key at all, like a mistyped one.
            assert_eq!(start.status, 401, "start: {spec:?}: {}", start.body);
        } else {
            assert_page("start", spec, spec.seat(Token::NotIssued).admit(1), start.status, &start.body);
        }
        let token = if spec.sent { Token::Spent } else { Token::Unspent };
        let expected = spec.seat(token).admit(1);
        let form = app.get(&format!("/survey/{}", built.pass)).await;
        assert_page("form", spec, expected, form.status, &form.body);
        for (path, verdict) in database_verdicts(&mut app.conn(), &built, spec) {
            assert_eq!(verdict, expected, "{path}: {spec:?}");
        }
        let sent = submit(&app, &built.pass, &[]).await;
        assert_page("submit", spec, expected, sent.status, &sent.body);
        if backend == Backend::Postgres && spec.mode == AccessMode::Password {
            move_to(&mut app.conn(), built.wave_class, spec);
            assert_eq!(
                statement_admits(&mut app.conn(), &built, spec),
                expected.is_ok(),
                "response_statement: {spec:?}"
            );
        }
    }
}

#[actix_rt::test]
async fn every_path_gives_the_rules_verdict_on_sqlite() {
    every_path_gives_the_rules_verdict(Backend::Sqlite).await;
}

#[actix_rt::test]
async fn every_path_gives_the_rules_verdict_on_postgres() {
    every_path_gives_the_rules_verdict(Backend::Postgres).await;
}
