//! docs/privacy.md promise 1: pupil routes log nothing about the pupil. Every log line (tracing and the
//! `log` crate, at TRACE level) written while a pupil starts and submits is captured and searched for
//! the answers, the client address (and a forwarded one) and the user agent. The requests go over a
//! plain std socket, which logs nothing, so every captured line comes from the server.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::Write;

use ahual::domain::survey::wave::AccessMode;
use common::captured_log::CapturedLog;
use common::world::World;
use common::{Backend, TestApp};

fn form(fields: &[(&str, &str)]) -> String {
    serde_urlencoded::to_string(fields).unwrap()
}

/// One request over a plain socket: std logs nothing, so every captured line is the server's.
async fn raw_post(address: &str, path: &str, body: &str) -> (u16, String) {
    use std::io::Read;
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nUser-Agent: {USER_AGENT}\r\nX-Forwarded-For: 203.0.113.77\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let address = address.to_owned();
    let reply = actix_web::rt::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(&address).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut reply = String::new();
        stream.read_to_string(&mut reply).unwrap();
        reply
    })
    .await
    .unwrap();
    let status = reply.split_whitespace().nth(1).unwrap().parse().unwrap();
    let location = reply
        .lines()
        .find_map(|l| l.strip_prefix("location: ").or_else(|| l.strip_prefix("Location: ")))
        .unwrap_or_default()
        .trim()
        .to_owned();
    (status, location)
}

const USER_AGENT: &str = "PupilBrowser/9.9 (kiosk-7; marker-ua-31337)";

#[actix_rt::test]
async fn a_submission_leaves_no_answer_address_or_user_agent_in_the_logs() {
    let captured = CapturedLog::install(tracing::Level::TRACE);
    tracing::info!("capture works");

    let app = TestApp::spawn(Backend::Sqlite).await;
    let world = World::build(&mut app.conn());
    let opened = common::pupil::open(&mut app.conn(), world.school_a, vec![], AccessMode::Password);
    let password = opened.classes[0].password.clone().unwrap();
    let warm_up = app.get("/healthz").await;
    assert_eq!(warm_up.status, 200, "the server is up before capture starts");
    captured.clear();

    let address = app.address.trim_start_matches("http://").to_owned();
    let (status, location) = raw_post(&address, "/survey/start?lang=ru", &form(&[("password", &password)])).await;
    assert_eq!(status, 303);
    let pass = common::pupil::pass_in(&location);
    assert_eq!(app.get(&location).await.status, 200);
    let answers = [("victim_verbal", "4"), ("sh_wish_dead", "1"), ("would_tell", "5")];
    let (status, _) = raw_post(&address, &location, &form(&answers)).await;
    assert_eq!(status, 303, "the form posts to its own address");
    // A form served by the previous release, sent with its token to the old address.
    let (status, old_location) = raw_post(&address, "/survey/start?lang=ru", &form(&[("password", &password)])).await;
    assert_eq!(status, 303);
    let old_pass = common::pupil::pass_in(&old_location);
    let token = common::pupil::legacy_token(&app, &old_pass);
    let mut old_form = vec![("_token", token.as_str())];
    old_form.extend_from_slice(&answers);
    let (status, _) = raw_post(&address, "/survey/submit?lang=ru", &form(&old_form)).await;
    assert_eq!(status, 303, "the previous release's form is taken too");
    let (status, _) = raw_post(&address, "/survey/start?lang=ru", &form(&[("password", "WRONGWRONG")])).await;
    assert_eq!(status, 401);
    assert_eq!(common::pupil::stored(&mut app.conn()).len(), 2, "both submissions really happened");

    let logs = captured.text();
    assert!(
        logs.lines().count() >= 3,
        "the server's own trace lines were captured, so the check is not vacuous:\n{logs}"
    );
    for secret in [
        USER_AGENT,
        "marker-ua",
        "127.0.0.1",
        "203.0.113.77",
        "victim_verbal",
        "sh_wish_dead",
        "would_tell",
        &token,
        &pass,
        &old_pass,
        &password,
        "WRONGWRONG",
    ] {
        assert!(!logs.contains(secret), "the logs contain {secret:?}:\n{logs}");
    }
}
