//! Issue 21: rosters from spreadsheets in the browser. An administrator's XLSX with two bad rows is
//! previewed with both rows and cells named and nothing stored; the fixed file is imported, counted
//! and audited, and importing it again only updates. A psychologist imports only their own school's
//! classes; nobody reaches an upload that is not their own; unknown headers go through the mapping
//! step. Runs on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use crate::common;

use ahual::db::schema::{classes, roster_uploads};
use ahual::db::{classes as class_rows, schools};
use ahual::domain::organisation::SchoolCode;
use common::audit_log::{entry, mark, since};
use common::world::{PASSWORD, World};
use common::{Backend, Reply, TestApp, xlsx};
use diesel::prelude::*;

const BOUNDARY: &str = "roster-test-boundary";

/// Posts the upload form: its token, `kind` and the file `name` holding `bytes`.
pub async fn upload(app: &TestApp, path: &str, kind: &str, name: &str, bytes: &[u8]) -> Reply {
    let token = app.csrf_token().await;
    let mut body = Vec::new();
    for (field, value) in [("csrf", token.as_str()), ("kind", kind)] {
        body.extend(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n").bytes(),
        );
    }
    body.extend(
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\r\n").bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend(format!("\r\n--{BOUNDARY}--\r\n").bytes());
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    app.send("POST", path, &[("Content-Type", content_type.as_str())], body).await
}

pub fn class_count(app: &TestApp) -> i64 {
    classes::table.count().get_result(&mut app.conn()).unwrap()
}

pub fn upload_count(app: &TestApp) -> i64 {
    roster_uploads::table.count().get_result(&mut app.conn()).unwrap()
}

/// Uploads and follows to the upload's page; returns its address and the page.
async fn upload_and_open(app: &TestApp, base: &str, kind: &str, name: &str, bytes: &[u8]) -> (String, Reply) {
    let posted = upload(app, base, kind, name, bytes).await;
    assert_eq!(posted.status, 303, "{}", posted.body);
    let at = posted.location().unwrap().to_owned();
    assert!(at.starts_with(&format!("{base}/")), "{at}");
    (at.clone(), app.get(&at).await)
}

const GOOD: &[&[&str]] = &[
    &["Мектеп коды", "Сынып", "Параллель", "Оқушылар саны"],
    &["SCH-A", "5A", "5", "24"],
    &["SCH-A", "6Ә", "6", "25"],
    &["SCH-B", "9B", "9", "30"],
];

fn with_two_bad_rows() -> Vec<u8> {
    xlsx::xlsx(&[GOOD[0], GOOD[1], &["SCH-A", "6Ә", "4", "25"], &["SCH-B", "9B", "9", "0"]])
}

async fn an_administrators_xlsx_with_two_bad_rows_names_both_and_stores_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    app.login("admin", PASSWORD).await;
    let before = class_count(&app);
    let (_, preview) = upload_and_open(&app, "/admin/roster", "classes", "classes.xlsx", &with_two_bad_rows()).await;
    assert_eq!(preview.status, 200);
    assert!(preview.body.contains("2 қате табылды"), "the count, in Kazakh: {}", preview.body);
    assert!(preview.body.contains("<td class=\"num\">3</td><td>C (Параллель)</td><td>4</td>"), "{}", preview.body);
    assert!(preview.body.contains("<td class=\"num\">4</td><td>D (Оқушылар саны)</td><td>0</td>"), "{}", preview.body);
    assert!(!preview.body.contains("/import\""), "no import button while a row is bad");
    assert_eq!(class_count(&app), before, "nothing was stored");
}

async fn the_fixed_file_is_imported_counted_audited_and_a_second_import_only_updates(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    app.login("admin", PASSWORD).await;
    let before = class_count(&app);
    let (at, preview) = upload_and_open(&app, "/admin/roster", "classes", "classes.xlsx", &xlsx::xlsx(GOOD)).await;
    assert!(preview.body.contains("Жасалады: 3. Жаңартылады: 0."), "{}", preview.body);
    let mark_before = mark(&mut app.conn());
    let done = app.post_form(&format!("{at}/import"), &[]).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(done.body.contains("Жасалды: 3. Жаңартылды: 0."), "{}", done.body);
    assert_eq!(class_count(&app), before + 3);
    let school_a = schools::find_by_code(&mut app.conn(), &SchoolCode::parse("SCH-A").unwrap()).unwrap().id;
    let labels: Vec<String> =
        class_rows::list(&mut app.conn(), school_a).unwrap().iter().map(|c| c.label.to_string()).collect();
    assert_eq!(labels, ["5A", "6Ә", "7A"]);
    let subject = "roster:classes:created:3:updated:0";
    assert_eq!(since(&mut app.conn(), mark_before), [entry(world.admin, "roster_imported", subject)]);
    assert_eq!(upload_count(&app), 0, "an imported upload is deleted");
    assert_eq!(app.post_form(&format!("{at}/import"), &[]).await.status, 404, "an upload is imported once");
    let (again, preview) = upload_and_open(&app, "/admin/roster", "classes", "classes.xlsx", &xlsx::xlsx(GOOD)).await;
    assert!(preview.body.contains("Жасалады: 0. Жаңартылады: 3."), "{}", preview.body);
    let done = app.post_form(&format!("{again}/import"), &[]).await;
    assert!(done.body.contains("Жасалды: 0. Жаңартылды: 3."), "{}", done.body);
    assert_eq!(class_count(&app), before + 3, "the same file twice adds nothing");
}

async fn a_psychologist_imports_only_their_own_schools_classes(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    app.login("psy-a", PASSWORD).await;
    app.get("/lang/ru").await;
    let form = app.get("/school/roster").await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("name=\"kind\" value=\"classes\"") && !form.body.contains("value=\"schools\""));
    let other = "Класс;Код школы;Параллель;Число учеников\n8A;SCH-A;8;20\n8B;SCH-B;8;21\n";
    let (_, preview) = upload_and_open(&app, "/school/roster", "classes", "list.csv", other.as_bytes()).await;
    assert!(preview.body.contains("<td class=\"num\">3</td><td>B (Код школы)</td><td>SCH-B</td>"), "{}", preview.body);
    assert!(preview.body.contains("Это не ваша школа"), "{}", preview.body);
    let own = "Класс;Параллель;Число учеников\n8A;8;20\n8B;8;21\n";
    let before = class_count(&app);
    let (at, _) = upload_and_open(&app, "/school/roster", "classes", "list.csv", own.as_bytes()).await;
    let mark_before = mark(&mut app.conn());
    assert_eq!(app.post_form(&format!("{at}/import"), &[]).await.status, 200);
    assert_eq!(class_count(&app), before + 2);
    let labels: Vec<String> =
        class_rows::list(&mut app.conn(), world.school_a).unwrap().iter().map(|c| c.label.to_string()).collect();
    assert_eq!(labels, ["7A", "8A", "8B"]);
    let subject = format!("roster:classes:school:{}:created:2:updated:0", world.school_a);
    assert_eq!(since(&mut app.conn(), mark_before), [entry(world.psy_a, "roster_imported", subject)]);
    let kept = upload_count(&app);
    for kind in ["schools", "staff"] {
        let refused = upload(&app, "/school/roster", kind, "x.csv", b"code,region\nSCH-X,KZ-71\n").await;
        assert_eq!(refused.status, 422, "{kind}: {}", refused.body);
    }
    assert_eq!(upload_count(&app), kept, "a refused kind is not kept");
    assert_eq!(app.get("/school/roster/templates/staff-ru.csv").await.status, 404);
    assert_eq!(app.get("/school/roster/templates/classes-ru.csv").await.status, 200);
    assert_eq!(app.get("/admin/roster").await.status, 403, "the administrator's pages are not theirs");
}

async fn nobody_reaches_an_upload_that_is_not_their_own(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    let hash = ahual::domain::password::hash_password(PASSWORD).unwrap();
    common::world::user(&mut app.conn(), "admin2", ahual::domain::account::RoleScope::Admin, &hash);
    app.login("admin", PASSWORD).await;
    let (at, _) = upload_and_open(&app, "/admin/roster", "classes", "c.xlsx", &xlsx::xlsx(GOOD)).await;
    let id = at.rsplit('/').next().unwrap().to_owned();
    let before = class_count(&app);
    app.clear_cookies();
    app.login("admin2", PASSWORD).await;
    assert_eq!(app.get(&at).await.status, 404, "another administrator does not find it");
    assert_eq!(app.post_form(&format!("{at}/import"), &[]).await.status, 404);
    assert_eq!(app.post_form(&format!("{at}/mapping"), &[("col0", "label")]).await.status, 404);
    app.clear_cookies();
    app.login("psy-a", PASSWORD).await;
    assert_eq!(app.get(&format!("/school/roster/{id}")).await.status, 404, "nor a psychologist");
    assert_eq!(app.post_form(&format!("/school/roster/{id}/import"), &[]).await.status, 404);
    app.clear_cookies();
    assert_eq!(app.post_form(&format!("{at}/import"), &[]).await.status, 303, "strangers are sent to sign in");
    assert_eq!(class_count(&app), before);
    assert_eq!(upload_count(&app), 1, "the upload is still its owner's");
}

async fn unknown_headers_go_through_the_mapping_step(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    app.login("admin", PASSWORD).await;
    let csv = "Школа,Класс,Учитель,Параллель,Кол-во\nSCH-B,10A,Иванова,10,26\n";
    app.get("/lang/en").await;
    let (at, page) = upload_and_open(&app, "/admin/roster", "classes", "e-journal.csv", csv.as_bytes()).await;
    assert!(
        page.body.contains("Column C: &quot;Учитель&quot;") || page.body.contains("Column C: \"Учитель\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("No column holds"), "{}", page.body);
    let doubled = [("col0", "school"), ("col1", "label"), ("col2", "label"), ("col3", "grade"), ("col4", "roll")];
    let refused = app.post_form(&format!("{at}/mapping"), &doubled).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Two columns hold"), "{}", refused.body);
    let chosen = [("col0", "school"), ("col1", "label"), ("col2", ""), ("col3", "grade"), ("col4", "roll")];
    let saved = app.post_form(&format!("{at}/mapping"), &chosen).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let preview = app.get(&at).await;
    assert!(preview.body.contains("To create: 1. To update: 0."), "{}", preview.body);
    assert_eq!(app.post_form(&format!("{at}/mapping"), &[("col0", "nonsense")]).await.status, 400);
}

async fn a_staff_list_is_sealed_while_it_waits_and_its_new_accounts_sign_in(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    app.login("admin", PASSWORD).await;
    let first = "first password 77";
    let csv = format!(
        "login,role,school,region,password,display_name,email\n\
         newpsy,psychologist,SCH-A,,{first},Айгүл,\n\
         psy-a,psychologist,SCH-A,,another password 1,Psy A renamed,\n"
    );
    let (at, preview) = upload_and_open(&app, "/admin/roster", "staff", "staff.csv", csv.as_bytes()).await;
    assert!(preview.body.contains("Жасалады: 1. Жаңартылады: 1."), "{}", preview.body);
    assert!(!preview.body.contains(first), "a first password is never shown back");
    let stored: Vec<String> = roster_uploads::table.select(roster_uploads::table_sealed).load(&mut app.conn()).unwrap();
    assert_eq!(stored.len(), 1);
    let hex_of = |text: &str| text.bytes().map(|b| format!("{b:02x}")).collect::<String>();
    assert!(!stored[0].contains(&hex_of(first)) && !stored[0].contains(&hex_of("newpsy")), "the table is sealed");
    assert_eq!(app.post_form(&format!("{at}/import"), &[]).await.status, 200);
    app.clear_cookies();
    assert_ne!(app.login("newpsy", "another password 1").await.status, 303, "only with its own");
    assert_eq!(app.login("newpsy", first).await.status, 303, "the new account signs in with its first password");
    app.clear_cookies();
    assert_eq!(app.login("psy-a", PASSWORD).await.status, 303, "an existing account keeps its password");
}

on_both_backends!(
    a_staff_list_is_sealed_while_it_waits_and_its_new_accounts_sign_in,
    an_administrators_xlsx_with_two_bad_rows_names_both_and_stores_nothing,
    the_fixed_file_is_imported_counted_audited_and_a_second_import_only_updates,
    a_psychologist_imports_only_their_own_schools_classes,
    nobody_reaches_an_upload_that_is_not_their_own,
    unknown_headers_go_through_the_mapping_step,
);
