//! Two real `ahual serve` processes on one PostgreSQL database, as behind a load balancer: a session
//! made through one is honoured by the other, a login lock made through one holds in the other, and a
//! pupil's form started on one is sent through the other exactly once. Nothing that matters lives in
//! one process's memory.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::pupil::{start, stored, submit};
use common::{Backend, TestApp, TestDatabase};

const SECRET_KEY: &str = "5f1c0e3a9b7d2c4e6a8b0d1f3e5c7a9b2d4f6e8a0c1b3d5f7e9a2c4b6d8f0e1a\
                          3c5e7a9b1d3f5e7a9c1b3d5f7e9a0c2b4d6f8e0a2c4b6d8f0e2a4c6b8d0f2e4a";
const SURVEYS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/surveys");

/// A running `ahual serve`; killed when dropped.
struct Instance {
    child: Child,
    address: String,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn ahual(dir: &Path, database_url: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ahual"));
    for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("AHUAL_")) {
        command.env_remove(key);
    }
    command
        .current_dir(dir)
        .env("AHUAL_DATABASE_URL", database_url)
        .env("AHUAL_SECRET_KEY", SECRET_KEY)
        .env("AHUAL_SURVEYS_DIR", SURVEYS)
        .env("AHUAL_MAIL_DIR", dir.join("mail"))
        .env("AHUAL_LOG", "warn");
    command
}

/// Starts an instance and waits until it answers `/healthz`.
async fn serve(dir: &Path, database_url: &str, demo: bool) -> Instance {
    let port = free_port();
    let mut command = ahual(dir, database_url);
    command.args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--workers", "1"]);
    if demo {
        command.arg("--demo");
    }
    let child = command.stdout(Stdio::null()).stderr(Stdio::inherit()).spawn().unwrap();
    let instance = Instance { child, address: format!("http://127.0.0.1:{port}") };
    let client = awc::Client::default();
    let started = Instant::now();
    loop {
        if let Ok(reply) = client.get(format!("{}/healthz", instance.address)).send().await
            && reply.status().is_success()
        {
            return instance;
        }
        assert!(started.elapsed() < Duration::from_secs(90), "ahual serve did not answer on {}", instance.address);
        actix_rt::time::sleep(Duration::from_millis(200)).await;
    }
}

#[actix_rt::test]
async fn two_instances_on_one_postgres_database_serve_the_same_users() {
    let database = Arc::new(TestDatabase::create(Backend::Postgres));
    let dir = tempfile::tempdir().unwrap();
    // The first fills the empty database with the demo; the second joins it as another instance would.
    let first = serve(dir.path(), &database.url, true).await;
    let second = serve(dir.path(), &database.url, false).await;
    let a = TestApp::external(first.address.clone(), database.clone());
    let b = TestApp::external(second.address.clone(), database.clone());

    // A session made through the first instance is honoured by the second.
    assert_eq!(b.get("/school").await.status, 303, "signed out on the second instance at first");
    assert_eq!(a.login("psy", "demo-psy-pass").await.status, 303);
    a.share_cookies_with(&b);
    let school = b.get("/school").await;
    assert_eq!(school.status, 200, "the session cookie made by one instance works on the other");

    // A login lock made through the first holds in the second, even for the right password.
    let statuses = {
        let mut s = Vec::new();
        for _ in 0..5 {
            let fresh = TestApp::external(first.address.clone(), database.clone());
            s.push(fresh.login("centre", "wrong password!").await.status);
        }
        s
    };
    assert_eq!(statuses.last(), Some(&429), "the first instance locks after five failures: {statuses:?}");
    let other = TestApp::external(second.address.clone(), database.clone());
    assert_eq!(other.login("centre", "demo-centre-pass").await.status, 429, "the lock holds in the second");

    // A pupil's form started on one instance is sent through the other, once.
    let opened = ahual(dir.path(), &database.url)
        .args(["wave", "open", "--school", "SCH-DEMO", "--instrument", "school-climate", "--classes", "9B", "--json"])
        .output()
        .unwrap();
    assert!(opened.status.success(), "{}", String::from_utf8_lossy(&opened.stderr));
    let json: serde_json::Value = serde_json::from_slice(&opened.stdout).unwrap();
    let password = json["classes"][0]["password"].as_str().unwrap().to_owned();
    let before = stored(&mut a.conn()).len();
    let pass = start(&a, &password, "ru").await;
    let form = b.get(&format!("/survey/{pass}")).await;
    assert_eq!(form.status, 200, "the form opens on the other instance");
    let sent = submit(&b, &pass, &[("belong", "2")]).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    assert_eq!(submit(&a, &pass, &[("belong", "2")]).await.status, 409, "the spent form is spent everywhere");
    assert_eq!(stored(&mut a.conn()).len(), before + 1, "stored exactly once");
}
