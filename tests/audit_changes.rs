//! Every change of who may look is in the audit log, in the transaction that makes it: accounts
//! created, re-scoped, deactivated and given passwords (by an administrator, by the user, by the
//! command line), schools and the centres' settings, and waves opened (with how many secrets were
//! issued), closed by hand and by the close-date sweep; a change whose entry cannot be written is not
//! stored. No entry ever holds a password, a hash, a class password, a code or an e-mail address (the
//! command line's changes are in `audit_cli.rs`). Runs on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::sync::Arc;

use ahual::domain::period::ReportingPeriod;

use ahual::db::schema::{users as user_rows, waves as wave_rows};
use ahual::db::{schools, users, waves};
use ahual::domain::organisation::SchoolCode;
use ahual::domain::survey::wave::local_date;
use ahual::web::background::sweep;
use common::audit_log::{all_text, assert_chain_intact, entry, mark, since};
use common::world::{PASSWORD, World};
use common::{Backend, TestApp, TestDatabase};
use diesel::prelude::*;

const CREATED_PASSWORD: &str = "first password 1";
const RESET_PASSWORD: &str = "reset password 22";
const OWN_PASSWORD: &str = "my own password 333";

/// The edit form of the account `newpsy` with `changes` applied.
fn account_form<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![("login", "newpsy"), ("display_name", "New Psychologist"), ("email", "")];
    fields.extend_from_slice(changes);
    fields
}

async fn an_administrators_account_changes_are_audited_each_by_kind(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    app.login("admin", PASSWORD).await;
    let school_a = world.school_a.to_string();
    let before = mark(&mut app.conn());
    let psychologist = [("role", "psychologist"), ("school", school_a.as_str()), ("region", "")];
    let mut create = account_form(&psychologist);
    create.push(("password", CREATED_PASSWORD));
    assert_eq!(app.post_form("/admin/users", &create).await.status, 303);
    let id = users::find_id_by_login(&mut app.conn(), "newpsy").unwrap().unwrap();
    let subject = format!("user:{id}");
    assert_eq!(
        since(&mut app.conn(), before),
        [entry(world.admin, "user_created", format!("{subject}:role:psychologist:school:{school_a}"))]
    );
    let edit = format!("/admin/users/{id}");
    let centre = [("role", "centre_staff"), ("region", "KZ-75"), ("school", ""), ("active", "on")];
    let before = mark(&mut app.conn());
    assert_eq!(app.post_form(&edit, &account_form(&centre)).await.status, 303);
    assert_eq!(
        since(&mut app.conn(), before),
        [entry(world.admin, "role_changed", format!("{subject}:role:centre_staff:region:KZ-75"))]
    );
    let before = mark(&mut app.conn());
    assert_eq!(app.post_form(&edit, &account_form(&centre[..3])).await.status, 303);
    assert_eq!(since(&mut app.conn(), before), [entry(world.admin, "user_deactivated", &subject)]);
    let before = mark(&mut app.conn());
    assert_eq!(app.post_form(&edit, &account_form(&centre[..3])).await.status, 303);
    assert_eq!(since(&mut app.conn(), before), [], "saving an unchanged account records nothing");
    let renamed = [("display_name", "Renamed"), ("role", "centre_staff"), ("region", "KZ-75"), ("active", "on")];
    let fields = [("login", "newpsy"), ("email", "")].into_iter().chain(renamed).collect::<Vec<_>>();
    let before = mark(&mut app.conn());
    assert_eq!(app.post_form(&edit, &fields).await.status, 303);
    assert_eq!(
        since(&mut app.conn(), before),
        [entry(world.admin, "user_reactivated", &subject), entry(world.admin, "user_changed", &subject)]
    );
    let before = mark(&mut app.conn());
    let reset = app.post_form(&format!("{edit}/password"), &[("password", RESET_PASSWORD)]).await;
    assert_eq!(reset.status, 303);
    assert_eq!(since(&mut app.conn(), before), [entry(world.admin, "password_set", &subject)]);
    assert_chain_intact(&mut app.conn());
}

async fn a_user_changing_their_own_password_is_audited_as_themselves(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    app.login("psy-a", PASSWORD).await;
    let before = mark(&mut app.conn());
    let wrong = [("current", "not my password"), ("new", OWN_PASSWORD), ("repeat", OWN_PASSWORD)];
    assert_eq!(app.post_form("/account/password", &wrong).await.status, 422);
    assert_eq!(since(&mut app.conn(), before), [], "a refused change records nothing");
    let right = [("current", PASSWORD), ("new", OWN_PASSWORD), ("repeat", OWN_PASSWORD)];
    assert_eq!(app.post_form("/account/password", &right).await.status, 303);
    assert_eq!(since(&mut app.conn(), before), [entry(world.psy_a, "password_set", format!("user:{}", world.psy_a))]);
    assert_chain_intact(&mut app.conn());
}

async fn no_audit_entry_of_an_account_change_holds_a_password_or_hash(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    app.login("admin", PASSWORD).await;
    let school_a = world.school_a.to_string();
    let mut create = account_form(&[("role", "psychologist"), ("school", school_a.as_str()), ("region", "")]);
    create.push(("password", CREATED_PASSWORD));
    assert_eq!(app.post_form("/admin/users", &create).await.status, 303);
    let id = users::find_id_by_login(&mut app.conn(), "newpsy").unwrap().unwrap();
    let created_hash = users::find_credentials(&mut app.conn(), "newpsy").unwrap().unwrap().password_hash;
    let reset = app.post_form(&format!("/admin/users/{id}/password"), &[("password", RESET_PASSWORD)]).await;
    assert_eq!(reset.status, 303);
    let reset_hash = users::find_credentials(&mut app.conn(), "newpsy").unwrap().unwrap().password_hash;
    app.clear_cookies();
    app.login("newpsy", RESET_PASSWORD).await;
    let own = [("current", RESET_PASSWORD), ("new", OWN_PASSWORD), ("repeat", OWN_PASSWORD)];
    assert_eq!(app.post_form("/account/password", &own).await.status, 303);
    let own_hash = users::find_credentials(&mut app.conn(), "newpsy").unwrap().unwrap().password_hash;
    let text = all_text(&mut app.conn());
    assert_eq!(text.matches("password_set").count(), 2, "{text}");
    for secret in [CREATED_PASSWORD, RESET_PASSWORD, OWN_PASSWORD, PASSWORD, &created_hash, &reset_hash, &own_hash] {
        assert!(!text.contains(secret), "`{secret}` is in the audit log:\n{text}");
    }
    assert!(!text.contains("argon2"), "no password hash of any kind:\n{text}");
    let stored: Vec<String> = user_rows::table.select(user_rows::password_hash).load(&mut app.conn()).unwrap();
    assert!(stored.iter().all(|hash| !text.contains(hash.as_str())));
}

async fn schools_and_centre_settings_changes_are_audited(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    app.login("admin", PASSWORD).await;
    let names = [("name_kk", "Жаңа мектеп"), ("name_ru", "Новая школа"), ("name_en", "New School")];
    let mut school = vec![("code", "SCH-NEW"), ("region", "KZ-71")];
    school.extend_from_slice(&names);
    let before = mark(&mut app.conn());
    assert_eq!(app.post_form("/admin/schools", &school).await.status, 303);
    let id = schools::find_by_code(&mut app.conn(), &SchoolCode::parse("SCH-NEW").unwrap()).unwrap().id;
    assert_eq!(
        since(&mut app.conn(), before),
        [entry(world.admin, "school_created", format!("school:{id}:region:KZ-71"))]
    );
    school[1] = ("region", "KZ-75");
    let before = mark(&mut app.conn());
    assert_eq!(app.post_form(&format!("/admin/schools/{id}"), &school).await.status, 303);
    assert_eq!(app.post_form(&format!("/admin/schools/{id}"), &school).await.status, 303);
    assert_eq!(
        since(&mut app.conn(), before),
        [entry(world.admin, "school_changed", format!("school:{id}:region:KZ-75"))],
        "the move to another region is recorded; saving it again unchanged is not"
    );
    let before = mark(&mut app.conn());
    let email = [("email", "centre.astana@example.kz")];
    assert_eq!(app.post_form("/admin/settings/centres/KZ-71", &email).await.status, 303);
    assert_eq!(since(&mut app.conn(), before), [entry(world.admin, "settings_changed", "region:KZ-71:centre_email")]);
    assert!(!all_text(&mut app.conn()).contains("example.kz"), "the address stays out of the log");
    assert_chain_intact(&mut app.conn());
}

/// The secret shown on the sheet after opening a wave, without its grouping dashes.
fn first_secret(sheet: &str) -> String {
    let at = sheet.find("class=\"secret\">").unwrap() + 15;
    sheet[at..at + 11].replace('-', "")
}

async fn opening_and_closing_a_wave_on_the_web_is_audited_with_the_count_of_secrets(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    app.login("psy-a", PASSWORD).await;
    let class = world.class_a.to_string();
    // One wave per school and reporting period (the world's wave takes this one): the next two.
    let next = ReportingPeriod::containing(local_date(chrono::Utc::now())).next();
    let mut opened = Vec::new();
    for (mode, nonce, period) in [("password", "a".repeat(32), next), ("codes", "b".repeat(32), next.next())] {
        let first = period.first_day();
        let (opens, closes) = (first.to_string(), (first + chrono::Duration::days(7)).to_string());
        let fields = [
            ("instrument", "school-climate"),
            ("class", class.as_str()),
            ("opens_on", opens.as_str()),
            ("closes_on", closes.as_str()),
            ("mode", mode),
            ("nonce", nonce.as_str()),
        ];
        let before = mark(&mut app.conn());
        let sheet = app.post_form("/school/waves", &fields).await;
        assert_eq!(sheet.status, 200, "{}", sheet.body);
        let wave = waves::list_for_school(&mut app.conn(), world.school_a)
            .unwrap()
            .into_iter()
            .find(|w| w.id != world.wave_a && !opened.iter().any(|(id, _)| *id == w.id))
            .unwrap()
            .id;
        let issued = if mode == "password" { "passwords:1" } else { "codes:25" };
        assert_eq!(
            since(&mut app.conn(), before),
            [
                entry(world.psy_a, "wave_opened", format!("wave:{wave}")),
                entry(world.psy_a, "wave_codes_issued", format!("wave:{wave}:{issued}")),
            ]
        );
        opened.push((wave, first_secret(&sheet.body)));
    }
    let before = mark(&mut app.conn());
    let wave = opened[0].0;
    assert_eq!(app.post_form(&format!("/school/waves/{wave}/close"), &[]).await.status, 303);
    assert_eq!(app.post_form(&format!("/school/waves/{wave}/close"), &[]).await.status, 409);
    assert_eq!(since(&mut app.conn(), before), [entry(world.psy_a, "wave_closed", format!("wave:{wave}"))]);
    let text = all_text(&mut app.conn());
    for (_, secret) in &opened {
        assert!(!text.contains(secret.as_str()), "a password or code is in the log:\n{text}");
    }
    assert_chain_intact(&mut app.conn());
}

async fn the_close_date_sweep_closes_due_waves_as_the_scheduler(backend: Backend) {
    let database = TestDatabase::create(backend);
    let pool = database.pool();
    let world = World::build(&mut pool.get().unwrap());
    let today = local_date(chrono::Utc::now());
    diesel::update(wave_rows::table.find(world.wave_a.to_string()))
        .set((
            wave_rows::opens_on.eq(today - chrono::Duration::days(8)),
            wave_rows::closes_on.eq(today - chrono::Duration::days(1)),
        ))
        .execute(&mut pool.get().unwrap())
        .unwrap();
    // The server's own sweep is off, so the two below are the only ones.
    let app = TestApp::spawn_configured(Arc::new(database), |settings| settings.background = false).await;
    let before = mark(&mut pool.get().unwrap());
    assert_eq!(sweep(app.state()).await, 1);
    assert_eq!(sweep(app.state()).await, 0, "the next sweep finds nothing due");
    assert_eq!(
        since(&mut pool.get().unwrap(), before),
        [entry("scheduler", "wave_closed", format!("wave:{}", world.wave_a))]
    );
    assert_chain_intact(&mut pool.get().unwrap());
}

/// Makes every insert into the audit log fail, as a full disk or a broken chain table would.
fn block_audit_inserts(app: &TestApp, backend: Backend) {
    let statements: &[&str] = match backend {
        Backend::Sqlite => {
            &["CREATE TRIGGER block_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit blocked'); END"]
        }
        Backend::Postgres => &[
            "CREATE FUNCTION block_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit blocked'; END $$ \
             LANGUAGE plpgsql",
            "CREATE TRIGGER block_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION block_audit()",
        ],
    };
    for statement in statements {
        diesel::sql_query(*statement).execute(&mut app.conn()).unwrap();
    }
}

async fn a_change_whose_audit_entry_cannot_be_written_is_not_stored(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    app.login("admin", PASSWORD).await;
    block_audit_inserts(&app, backend);
    let school_a = world.school_a.to_string();
    let mut create = account_form(&[("role", "psychologist"), ("school", school_a.as_str()), ("region", "")]);
    create.push(("password", CREATED_PASSWORD));
    assert_eq!(app.post_form("/admin/users", &create).await.status, 500);
    assert_eq!(users::find_id_by_login(&mut app.conn(), "newpsy").unwrap(), None, "no account without its record");
    let reset_path = format!("/admin/users/{}/password", world.psy_a);
    assert_eq!(app.post_form(&reset_path, &[("password", RESET_PASSWORD)]).await.status, 500);
    app.clear_cookies();
    assert_eq!(app.login("psy-a", PASSWORD).await.status, 303, "the old password still works");
    let waves_before = waves::list_for_school(&mut app.conn(), world.school_a).unwrap().len();
    let class = world.class_a.to_string();
    let next = ReportingPeriod::containing(local_date(chrono::Utc::now())).next().first_day().to_string();
    let nonce = "c".repeat(32);
    let fields = [
        ("instrument", "school-climate"),
        ("class", class.as_str()),
        ("opens_on", next.as_str()),
        ("closes_on", next.as_str()),
        ("mode", "codes"),
        ("nonce", nonce.as_str()),
    ];
    assert_eq!(app.post_form("/school/waves", &fields).await.status, 500);
    let after = waves::list_for_school(&mut app.conn(), world.school_a).unwrap().len();
    assert_eq!(after, waves_before, "no wave, and no codes, without the record of their opening");
    assert_eq!(app.post_form(&format!("/school/waves/{}/close", world.wave_a), &[]).await.status, 500);
    assert!(!waves::get(&mut app.conn(), world.wave_a, None).unwrap().closed, "no closing without its record");
}

on_both_backends!(
    an_administrators_account_changes_are_audited_each_by_kind,
    a_user_changing_their_own_password_is_audited_as_themselves,
    no_audit_entry_of_an_account_change_holds_a_password_or_hash,
    schools_and_centre_settings_changes_are_audited,
    opening_and_closing_a_wave_on_the_web_is_audited_with_the_count_of_secrets,
    the_close_date_sweep_closes_due_waves_as_the_scheduler,
    a_change_whose_audit_entry_cannot_be_written_is_not_stored,
);
