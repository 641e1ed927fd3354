//! The real `ahual serve` binary and one pupil's way through it, for the tests that cause a fault
//! under load (durability, a full disk, a PostgreSQL restart; the load itself is `pupil_load`). Each
//! submission carries a unique combination of answers (its number in base 5), so each acknowledged
//! one can be found in the database afterwards, and counted.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use ahual::domain::lang::Lang;

/// Items every grade sees, five options each (0 to 4): a submission's number written in base 5.
const ITEMS: [&str; 8] = [
    "victim_physical",
    "victim_verbal",
    "victim_relational",
    "victim_cyber",
    "staff_humiliated",
    "staff_physical",
    "bully_others",
    "witnessed",
];
const SURVEYS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/surveys");

fn answers_for(mut n: u32) -> Vec<(&'static str, String)> {
    assert!(n < 5u32.pow(ITEMS.len() as u32), "{n} does not fit eight base-5 digits");
    ITEMS
        .iter()
        .map(|item| {
            let digit = n % 5;
            n /= 5;
            (*item, digit.to_string())
        })
        .collect()
}

/// The submission number stored in a response's answers, if it has all eight items.
pub(super) fn number_of(answers: &str) -> Option<u32> {
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(answers).ok()?;
    ITEMS.iter().rev().try_fold(0u32, |n, item| Some(n * 5 + u32::try_from(map.get(*item)?.as_u64()?).ok()?))
}

/// Runs `ahual ARGS` in `dir` against the database at `url`.
pub fn ahual(dir: &Path, url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ahual"))
        .args(args)
        .current_dir(dir)
        .env("AHUAL_DATABASE_URL", url)
        .env("AHUAL_SURVEYS_DIR", SURVEYS)
        .env("AHUAL_LOG", "warn")
        .output()
        .unwrap()
}

/// Imports one school of `classes` grade-7 classes of `roll` pupils and opens a wave for all of
/// them; returns the wave's id and each class's password.
pub fn open_wave(dir: &Path, url: &str, classes: usize, roll: usize) -> (String, Vec<String>) {
    assert!(classes <= 26, "one letter per class");
    let mut text = String::from(
        "[[school]]\ncode = \"SCH-0001\"\nregion = \"KZ-71\"\nname = { kk = \"Мектеп\", ru = \"Школа\", en = \"School\" }\n",
    );
    for n in 0..classes {
        let label = char::from(b'A' + n as u8);
        text.push_str(&format!("\n[[class]]\nschool = \"SCH-0001\"\nlabel = \"7{label}\"\ngrade = 7\nroll = {roll}\n"));
    }
    std::fs::write(dir.join("roster.toml"), text).unwrap();
    let imported = ahual(dir, url, &["import", "roster.toml"]);
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    let args = ["wave", "open", "--school", "SCH-0001", "--instrument", "school-climate", "--json"];
    let opened: serde_json::Value = serde_json::from_slice(&ahual(dir, url, &args).stdout).unwrap();
    let passwords: Vec<String> =
        opened["classes"].as_array().unwrap().iter().map(|c| c["password"].as_str().unwrap().to_owned()).collect();
    assert_eq!(passwords.len(), classes);
    (opened["wave_id"].as_str().unwrap().to_owned(), passwords)
}

/// Closes `wave` and runs `ahual verify`: every counter equals its recount over `stored` responses.
pub fn close_and_verify(dir: &Path, url: &str, wave: &str, stored: usize) {
    let closed = ahual(dir, url, &["wave", "close", wave]);
    assert!(closed.status.success(), "{}", String::from_utf8_lossy(&closed.stderr));
    let verified = ahual(dir, url, &["verify"]);
    let report = String::from_utf8_lossy(&verified.stdout);
    assert_eq!(verified.status.code(), Some(0), "{report}{}", String::from_utf8_lossy(&verified.stderr));
    assert!(report.contains(&format!("{stored} response(s): 0 difference(s)")), "{report}");
}

/// A running `ahual serve`, killed when dropped so a failing test leaves no process behind.
pub struct Server {
    child: Child,
    pub base: String,
    /// Where its log goes (warnings and errors), for a failing test to show.
    pub log: std::path::PathBuf,
}

impl Server {
    pub fn start(dir: &Path, url: &str) -> Server {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(env!("CARGO_BIN_EXE_ahual"))
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .current_dir(dir)
            .env("AHUAL_DATABASE_URL", url)
            .env("AHUAL_SURVEYS_DIR", SURVEYS)
            .env("AHUAL_SECRET_KEY", "ab".repeat(64))
            .env("AHUAL_LOG", "warn")
            .env("AHUAL_WORKERS", "2")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.join(format!("serve-{port}.log"))).unwrap())
            .spawn()
            .unwrap();
        let log = dir.join(format!("serve-{port}.log"));
        let server = Server { child, base: format!("http://127.0.0.1:{port}"), log };
        let give_up = Instant::now() + Duration::from_secs(60);
        while agent().get(&server.base).call().is_err() {
            assert!(Instant::now() < give_up, "the server did not start at {}", server.base);
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    /// SIGKILL: no shutdown handler runs.
    pub fn kill(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// Asserts that the log said the database was away, briefly: at least one warning, at most
    /// `most` (they come once a `db::outage_log::WINDOW`, however many pupils were told to try
    /// again), and no 503 written up as a fault of ours.
    pub fn outage_said_briefly(&self, most: usize) {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let said = text.lines().filter(|line| line.contains("database unavailable")).count();
        let tail = self.log_tail();
        assert!((1..=most).contains(&said), "{said} lines say the database was unavailable, want 1 to {most}:\n{tail}");
        let as_faults = text.lines().filter(|line| line.contains("request failed") && line.contains("503")).count();
        assert_eq!(as_faults, 0, "503s of an outage logged as failures:\n{tail}");
    }

    /// The last lines of its log.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }

    /// The server's `/healthz` document.
    pub fn health(&self) -> serde_json::Value {
        let mut reply = agent().get(format!("{}/healthz", self.base)).call().unwrap();
        serde_json::from_str(&reply.body_mut().read_to_string().unwrap()).unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A client that follows no redirects and gives up on a request after 20 s.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

fn location(response: &ureq::http::Response<ureq::Body>) -> Option<String> {
    response.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_owned)
}

/// How one pupil's attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The thank-you redirect: the answers are acknowledged.
    Thanked,
    /// The "try again" page (503, in the pupil's language); `answers_sent` when it answered the
    /// answers themselves rather than the start or the form.
    TryAgain { answers_sent: bool },
    /// Anything else: the step, its status and the start of its page.
    Other(String),
}

/// Sorts a page that is not the next step: the "try again" page, or something else.
fn not_next(status: u16, body: &str, step: &str, answers_sent: bool) -> Outcome {
    if status == 503 && body.contains(&Lang::Kk.t("pupil-unavailable")) {
        Outcome::TryAgain { answers_sent }
    } else {
        Outcome::Other(format!("{step}: {status}: {}", body.chars().take(300).collect::<String>()))
    }
}

/// One pupil in Kazakh: start page, password, form, answers numbered `n`.
pub fn submit(agent: &ureq::Agent, base: &str, password: &str, n: u32) -> Result<Outcome, ureq::Error> {
    agent.get(format!("{base}/?lang=kk")).call()?.body_mut().read_to_string()?;
    let mut started = agent.post(format!("{base}/survey/start?lang=kk")).send_form([("password", password)])?;
    let Some(form) = location(&started).filter(|l| l.starts_with("/survey/")) else {
        let body = started.body_mut().read_to_string()?;
        return Ok(not_next(started.status().as_u16(), &body, "start", false));
    };
    let mut page = agent.get(format!("{base}{form}")).call()?;
    let body = page.body_mut().read_to_string()?;
    if page.status() != 200 || !body.contains("<form method=\"post\"") {
        return Ok(not_next(page.status().as_u16(), &body, "form", false));
    }
    // The form posts to its own address.
    let mut sent = agent.post(format!("{base}{form}")).send_form(answers_for(n))?;
    let thanked = sent.status() == 303 && location(&sent).is_some_and(|l| l.starts_with("/thanks"));
    let body = sent.body_mut().read_to_string()?;
    Ok(if thanked { Outcome::Thanked } else { not_next(sent.status().as_u16(), &body, "answers", true) })
}
