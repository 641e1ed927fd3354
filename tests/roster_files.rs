//! Issue 21: bad spreadsheet files through the browser's path and the command line. Each is refused
//! with its own message in the reader's language (a 20 MB file with a page, not a reset connection),
//! and nothing is kept or written. The command line reads the same CSV and XLSX files and prints each
//! problem as `FILE:ROW:COLUMN: message`. Runs on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use crate::common;
use crate::roster_import::{class_count, upload, upload_count};

use ahual::db::schema::roster_uploads;
use common::command::ahual_with;
use common::world::{PASSWORD, World};
use common::{Backend, TestApp, TestDatabase, xlsx};
use diesel::prelude::*;

async fn every_bad_file_gets_its_message_and_changes_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    app.login("admin", PASSWORD).await;
    app.get("/lang/ru").await;
    let before = class_count(&app);
    let mut cp1251 = b"School code,Class,Grade,Pupils\nSCH-A,".to_vec();
    cp1251.extend_from_slice(&[0xCA, 0xEB, 0xE0, 0xF1, 0xF1]);
    cp1251.extend_from_slice(b",7,25\n");
    let merged = xlsx::workbook_of(&xlsx::sheet_xml(
        &xlsx::rows(&[
            &["School code", "Class", "Grade", "Pupils"],
            &["SCH-A", "7B", "7", "25"],
            &["", "7C", "7", "25"],
        ]),
        &["A2:A3"],
    ));
    let formula = xlsx::xlsx(&[&["School code", "Class", "Grade", "Pupils"], &["SCH-A", "7B", "7", "=D3"]]);
    let mut many = String::from("School code,Class,Grade,Pupils\n");
    for i in 0..50_000 {
        many.push_str(&format!("SCH-A,{i},7,20\n"));
    }
    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        ("cp1251.csv", cp1251, 422, "CSV UTF-8"),
        ("empty.xlsx", xlsx::xlsx(&[]), 422, "нет строки заголовков"),
        ("merged.xlsx", merged, 422, "Ячейки A2:A3 объединены"),
        ("formula.xlsx", formula, 422, "В ячейке D2 формула"),
        ("many.csv", many.into_bytes(), 422, "больше 20000 строк"),
        ("bomb.xlsx", xlsx::zip_bomb(60), 422, "распаковывается больше чем в 50 МБ"),
        ("not-a-zip.xlsx", b"PK\x03\x04 not really".to_vec(), 422, "Файл XLSX не читается"),
        ("big.csv", vec![b'a'; 20 * 1024 * 1024], 413, "Файл больше 10 МБ"),
    ];
    for (name, bytes, status, message) in cases {
        let reply = upload(&app, "/admin/roster", "classes", name, &bytes).await;
        assert_eq!(reply.status, status, "{name}: {}", reply.body);
        assert!(reply.body.contains(message), "{name}: {}", reply.body);
        assert!(reply.body.contains("checked") && reply.body.contains("value=\"classes\""), "{name}: the kind is kept");
    }
    let no_file = upload(&app, "/admin/roster", "classes", "", b"").await;
    assert_eq!(no_file.status, 422);
    assert!(no_file.body.contains("Выберите файл"), "{}", no_file.body);
    let no_kind = upload(&app, "/admin/roster", "pupils", "c.csv", b"a,b\n1,2\n").await;
    assert_eq!(no_kind.status, 422);
    assert_eq!(class_count(&app), before, "no bad file changed anything");
    assert_eq!(upload_count(&app), 0, "no bad file is kept");
}

async fn an_upload_without_its_token_is_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    app.login("admin", PASSWORD).await;
    let body = b"--b\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nclasses\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n\r\nSchool code,Class,Grade,Pupils\nSCH-A,9A,9,20\n\r\n--b--\r\n";
    let reply =
        app.send("POST", "/admin/roster", &[("Content-Type", "multipart/form-data; boundary=b")], body.to_vec()).await;
    assert_eq!(reply.status, 403);
    assert_eq!(upload_count(&app), 0);
}

async fn the_command_line_imports_the_same_files(backend: Backend) {
    let db = TestDatabase::create(backend);
    let url = db.url.as_str();
    let dir = tempfile::tempdir().unwrap();
    let schools =
        "School code;Region code;Name (Kazakh);Name (Russian);Name (English)\nSCH-7;KZ-71;Мектеп;Школа;School\n";
    std::fs::write(dir.path().join("schools.csv"), schools).unwrap();
    let bad = xlsx::xlsx(&[
        &["Мектеп коды", "Сынып", "Параллель", "Оқушылар саны"],
        &["SCH-7", "7A", "4", "25"],
        &["SCH-7", "7 B", "7", "25"],
    ]);
    std::fs::write(dir.path().join("classes.xlsx"), &bad).unwrap();
    let good = xlsx::xlsx(&[&["Мектеп коды", "Сынып", "Параллель", "Оқушылар саны"], &["SCH-7", "7A", "7", "25"]]);
    std::fs::write(dir.path().join("fixed.xlsx"), &good).unwrap();
    let run = |args: &[&str]| ahual_with(dir.path(), args, None, &[]);
    let imported = run(&["import", "--database-url", url, "schools.csv"]);
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    assert!(String::from_utf8_lossy(&imported.stdout).contains("schools 1 new"));
    let refused = run(&["import", "--database-url", url, "classes.xlsx"]);
    assert!(!refused.status.success());
    let errors = String::from_utf8_lossy(&refused.stderr);
    assert!(errors.contains("classes.xlsx:2:C: The grade must be from 5 to 11. (`4`)"), "{errors}");
    assert!(errors.contains("classes.xlsx:3:B: Use 1 to 8 letters and digits"), "{errors}");
    let fixed = run(&["import", "--database-url", url, "--kind", "classes", "fixed.xlsx"]);
    assert!(fixed.status.success(), "{}", String::from_utf8_lossy(&fixed.stderr));
    assert!(String::from_utf8_lossy(&fixed.stdout).contains("classes 1 new"));
    let again = run(&["import", "--database-url", url, "fixed.xlsx"]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("classes 0 new, 1 updated"));
}

async fn templates_download_and_an_expired_upload_is_gone_and_swept(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    app.login("admin", PASSWORD).await;
    let template = app.get("/admin/roster/templates/classes-ru.csv").await;
    assert_eq!(template.status, 200);
    assert!(template.headers["content-type"].starts_with("text/csv"), "{:?}", template.headers);
    assert!(template.headers["content-disposition"].contains("classes-ru.csv"));
    assert_eq!(template.body, "\u{feff}Код школы;Класс;Параллель;Число учеников\r\n");
    assert_eq!(app.get("/admin/roster/templates/pupils-ru.csv").await.status, 404);
    assert_eq!(app.get("/admin/roster/templates/staff-de.csv").await.status, 404);
    let csv = "School code,Class,Grade,Pupils\nSCH-A,9A,9,20\n";
    let posted = upload(&app, "/admin/roster", "classes", "c.csv", csv.as_bytes()).await;
    let at = posted.location().unwrap().to_owned();
    assert_eq!(app.get(&at).await.status, 200);
    let past = chrono::Utc::now().naive_utc() - chrono::Duration::minutes(1);
    diesel::update(roster_uploads::table).set(roster_uploads::expires_at.eq(past)).execute(&mut app.conn()).unwrap();
    assert_eq!(app.get(&at).await.status, 404, "an expired upload is not found");
    assert_eq!(app.post_form(&format!("{at}/import"), &[]).await.status, 404);
    assert_eq!(upload_count(&app), 1, "until the sweep");
    ahual::app::sweep::run(&mut app.conn(), &common::flags(), Default::default(), chrono::Utc::now()).unwrap();
    assert_eq!(upload_count(&app), 0, "the sweep deletes it");
}

on_both_backends!(
    templates_download_and_an_expired_upload_is_gone_and_swept,
    every_bad_file_gets_its_message_and_changes_nothing,
    an_upload_without_its_token_is_refused,
    the_command_line_imports_the_same_files,
);
