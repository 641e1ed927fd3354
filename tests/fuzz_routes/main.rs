//! Issue 22: a property-based fuzz of every route's parameters. Random and hostile values
//! (`values.rs`: control characters, very long strings, other scripts, `../`, SQL and HTML
//! metacharacters, huge numbers, empty, wrong JSON types) go into the path, query, form and JSON
//! parameters of every route (`table.rs`), as every role: anonymous, a pupil holding a real form,
//! a psychologist, centre staff, a national analyst and an administrator, with valid anti-forgery
//! tokens most of the time so the values reach the handlers. No answer may be a 5xx (or no answer
//! at all: a panic), and the database must not change (`fingerprint.rs`), except the looks that the
//! audit log records by design and the tables an entry names. A route missing from the list fails
//! `every_registered_route_has_a_fuzz_entry`.
//!
//! `AHUAL_FUZZ_SEED` and `AHUAL_FUZZ_CASES` repeat or widen a run; every failure prints its request.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
mod fingerprint;
mod request;
pub(crate) mod table;
mod values;

use std::collections::BTreeSet;

use ahual::domain::region::RegionCode;
use ahual::domain::trust_box::topic::{Addressee, Topic};
use common::world::{PASSWORD, World};
use common::{Backend, TestApp};
use request::{Actor, Case, Secrets};

/// Audit actions that record a look: a fuzzed page that happens to show something records it.
/// (`api_token_created` is a change, not a look: it is not here.)
fn is_look(action: &str) -> bool {
    action.starts_with("view_") || matches!(action, "api_referral" | "api_referral_list" | "api_summary" | "export_csv")
}

/// An answer given before a route's handler reads its parameters: sent to sign in, refused for the
/// role or the anti-forgery token, or an API call without credentials.
fn is_door(pattern: &str, status: u16) -> bool {
    matches!(status, 303 | 403) || (status == 401 && pattern.starts_with("/api/"))
}

/// Tables the fingerprint leaves out: the audit log (checked on its own, below) and the staff
/// sessions, which every signed-in request may mark as seen, a fuzzed sign-out ends, and the fuzz's
/// own signing in again starts; no fuzzed request can start one (that would take a right password).
const SKIPPED: &[&str] = &["audit_log", "staff_sessions"];

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// A world with something behind every id: two schools, a closed wave with figures and a referral,
/// an open wave whose form a pupil holds, and two trust box conversations (to school A, and to its
/// centre only).
async fn world(backend: Backend) -> (TestApp, Secrets) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    common::pupil::fill(&mut app.conn(), world.wave_a, &[("7A", 21, r#"{"victim_verbal":3}"#)]);
    common::pupil::fill(&mut app.conn(), world.wave_a, &[("7A", 1, r#"{"victim_verbal":3,"sh_now":1}"#)]);
    common::close_now(&mut app.conn(), world.wave_a);
    let now = chrono::Utc::now().naive_utc();
    let scope =
        ahual::domain::referral::ReferralScope::Region(ahual::domain::region::RegionCode::parse("KZ-71").unwrap());
    let filter = ahual::domain::referral::InboxFilter::default();
    let referral = ahual::db::referrals::list(&mut app.conn(), &scope, &filter, now).unwrap()[0].id;
    let open = common::pupil::open(
        &mut app.conn(),
        world.school_b,
        vec![world.class_b],
        ahual::domain::survey::wave::AccessMode::Password,
    );
    let password = open.classes[0].password.clone().unwrap();
    let pass = common::pupil::start_form(&app, &password, "ru").await;
    let token = common::pupil::legacy_token(&app, &pass);
    let conversation = trust_conversation(&app, &world, Addressee::School);
    let to_centre = trust_conversation(&app, &world, Addressee::CentreOnly);
    let ids = [
        world.school_a.to_string(),
        world.school_b.to_string(),
        world.class_a.to_string(),
        world.class_b.to_string(),
        world.admin.to_string(),
        world.psy_a.to_string(),
        world.centre_a.to_string(),
        world.wave_a.to_string(),
        open.wave_id.to_string(),
        referral.to_string(),
        conversation.to_string(),
        to_centre.to_string(),
    ];
    (app, Secrets { ids: ids.to_vec(), pass, token })
}

/// A pupil's trust box conversation with school A (to its psychologist, or to its centre only): its
/// id, as its holder's inbox lists it.
fn trust_conversation(app: &TestApp, world: &World, addressee: Addressee) -> String {
    use ahual::app::trust_box::{pupil, staff};
    use ahual::domain::trust_box::desk::Desk;
    let letter = pupil::Letter {
        school_code: "SCH-A".into(),
        opening: ahual::domain::trust_box::record::Opening { topic: Topic::Bullying, addressee, in_danger: false },
        text: ahual::domain::trust_box::text::MessageText::parse("Мені мазақтайды").unwrap(),
        pin: None,
    };
    pupil::write(
        &mut app.conn(),
        &app.state().trust_box,
        &ahual::notify::NotifyPlan::default(),
        &letter,
        chrono::Utc::now(),
    )
    .unwrap()
    .unwrap();
    let (desk, actor) = match addressee {
        Addressee::School => (Desk::School(world.school_a), world.psy_a),
        Addressee::CentreOnly => (Desk::Centre(RegionCode::parse("KZ-71").unwrap()), world.centre_a),
    };
    let inbox = staff::inbox(&mut app.conn(), &desk, actor, chrono::Utc::now()).unwrap();
    inbox.conversations.iter().find(|r| r.addressee == addressee).unwrap().id.to_string()
}

/// One client per role on the same server, each with its own cookies.
async fn actors(app: &TestApp) -> Vec<Actor> {
    let mut actors = vec![Actor::new("anonymous", None, app), Actor::new("pupil", None, app)];
    for login in ["psy-a", "centre-a", "national", "admin"] {
        actors.push(Actor::new(login, Some(login), app));
    }
    for actor in &mut actors {
        actor.sign_in().await;
    }
    actors
}

async fn hostile_values_never_fail_and_never_store(backend: Backend, cases: u64) {
    let seed = setting("AHUAL_FUZZ_SEED", 22);
    let cases = setting("AHUAL_FUZZ_CASES", cases);
    let (app, secrets) = world(backend).await;
    let mut actors = actors(&app).await;
    let reader = fingerprint::Reader::new(&mut app.conn());
    let mut draw = values::Draw::seeded(seed);
    let mut failures = Vec::new();
    let mut sent = 0;
    let mut statuses: std::collections::BTreeMap<(&str, &str, &str), std::collections::BTreeMap<u16, u32>> =
        Default::default();
    let mut before = reader.take(&mut app.conn(), SKIPPED);
    for entry in table::ROUTES {
        for actor in &mut actors {
            let head = fingerprint::audit_head(&mut app.conn());
            let mut batch = Vec::new();
            for n in 0..cases {
                // The first case of each route and actor carries the actor's real tokens, so every
                // route is reached past its door whatever the seed (see the guard below).
                let case = Case::draw(entry, actor, &secrets, &mut draw, n == 0);
                let reply = case.send(actor).await;
                sent += 1;
                *statuses
                    .entry((entry.method, entry.pattern, actor.name))
                    .or_default()
                    .entry(reply.status)
                    .or_insert(0) += 1;
                if reply.status >= 500 {
                    failures.push(format!("{} as {}: {}\n{}", reply.status, actor.name, case, reply.body));
                }
                batch.push(case.to_string());
            }
            let after = reader.take(&mut app.conn(), SKIPPED);
            let changed: Vec<String> = fingerprint::changed(&before, &after)
                .into_iter()
                .filter(|t| !entry.may_write.contains(&t.as_str()))
                .collect();
            if !changed.is_empty() {
                failures.push(format!("{changed:?} changed as {}, by one of:\n{}", actor.name, batch.join("\n")));
            }
            let actions = fingerprint::audit_actions_after(&mut app.conn(), head);
            if let Some(change) = actions.iter().find(|a| !is_look(a)) {
                failures.push(format!("audit `{change}` as {}, by one of:\n{}", actor.name, batch.join("\n")));
            }
            before = after;
            if actor.sign_in_again_if_signed_out().await {
                before = reader.take(&mut app.conn(), SKIPPED);
            }
        }
    }
    for (key, counts) in &statuses {
        eprintln!("{key:?} {counts:?}");
    }
    // Guard against a fuzz that only ever meets the door: every route but those whose every answer
    // is a redirect must have been answered past sign-in, role and token checks at least once (the
    // second step of a sign-in redirects anyone who has not just typed a right password; its
    // answers past that are `tests/second_factor.rs`'s).
    for entry in table::ROUTES.iter().filter(|e| !matches!(e.pattern, "/home" | "/logout" | "/login/code")) {
        let reached = statuses
            .iter()
            .filter(|((m, p, _), _)| *m == entry.method && *p == entry.pattern)
            .any(|(_, counts)| counts.keys().any(|s| !is_door(entry.pattern, *s)));
        assert!(reached, "no request to {} {} got past the door", entry.method, entry.pattern);
    }
    let shown: Vec<&String> = failures.iter().take(25).collect();
    assert!(
        failures.is_empty(),
        "{} of {sent} requests failed (seed {seed}); the first {}:\n{}",
        failures.len(),
        shown.len(),
        shown.iter().map(|f| f.as_str()).collect::<Vec<_>>().join("\n\n")
    );
    assert!(sent >= table::ROUTES.len() as u64 * 6 * cases, "every route was tried as every role");
}

#[actix_rt::test]
async fn fuzz_on_sqlite() {
    hostile_values_never_fail_and_never_store(Backend::Sqlite, 10).await;
}

#[actix_rt::test]
async fn fuzz_on_postgres() {
    hostile_values_never_fail_and_never_store(Backend::Postgres, 2).await;
}

#[test]
fn every_registered_route_has_a_fuzz_entry() {
    let registered = table::registered();
    let fuzzed: BTreeSet<(String, String)> =
        table::ROUTES.iter().map(|e| (e.method.to_owned(), e.pattern.to_owned())).collect();
    assert!(registered.len() > 50, "the route table was read: {registered:?}");
    let missing: Vec<_> = registered.difference(&fuzzed).collect();
    assert!(missing.is_empty(), "routes without a fuzz entry in tests/fuzz_routes/table.rs: {missing:?}");
    let stale: Vec<_> = fuzzed.difference(&registered).collect();
    assert!(stale.is_empty(), "fuzz entries for routes that do not exist: {stale:?}");
    assert_eq!(fuzzed.len(), table::ROUTES.len(), "no route is listed twice");
}

#[test]
fn the_world_password_is_not_a_hostile_value() {
    let mut draw = values::Draw::seeded(1);
    let strategy = values::hostile();
    for _ in 0..2000 {
        let value = draw.value(&strategy);
        assert_ne!(value, PASSWORD);
        assert!(value.is_empty() || value.parse::<i64>().map_or(true, |n| !(0..=40).contains(&n)), "{value:?}");
    }
}
