//! One fuzz request: drawn for a route and a role, sent, and printed whole when it fails.

use std::fmt;

use super::common::world::PASSWORD;
use super::common::{Reply, TestApp};
use super::table::{Body, Entry};
use super::values::{Draw, encode, hostile, hostile_json};

/// What the world holds that a request may name: its ids, and the
/// pupil's form address and token.
pub struct Secrets {
    /// Every id of the world: schools, classes, accounts, waves, the referral.
    pub ids: Vec<String>,
    /// The sealed address of the form a pupil holds.
    pub pass: String,
    /// That form's token, as the previous release's page carried it.
    pub token: String,
}

/// A role: its own client (cookie jar) on the shared server.
pub struct Actor {
    /// The role's name in failure reports.
    pub name: &'static str,
    login: Option<&'static str>,
    client: TestApp,
    csrf: Option<String>,
}

impl Actor {
    /// A client for `name`, signing in as `login` (staff) or never (anonymous, pupil).
    pub fn new(name: &'static str, login: Option<&'static str>, app: &TestApp) -> Actor {
        Actor { name, login, client: app.another_client(), csrf: None }
    }

    /// Signs in (staff only) and keeps the session's anti-forgery token. The anonymous visitor
    /// keeps the token of the sign-in page, so its forms reach their handlers too; the pupil has no
    /// session at all.
    pub async fn sign_in(&mut self) {
        if let Some(login) = self.login {
            let reply = self.client.login(login, PASSWORD).await;
            assert_eq!(reply.status, 303, "{login} signs in: {}", reply.body);
        }
        if !self.is_pupil() {
            self.csrf = Some(self.client.csrf_token().await);
        }
    }

    /// A fuzzed `/logout` with a valid token signs out; sign in again so the next route is tried
    /// with the role, not anonymously. True when it signed in again (which writes: a session, and
    /// the step of the code typed).
    pub async fn sign_in_again_if_signed_out(&mut self) -> bool {
        let out = self.login.is_some() && self.client.get("/home").await.location() == Some("/login");
        if out {
            self.sign_in().await;
        }
        out
    }

    fn is_pupil(&self) -> bool {
        self.name == "pupil"
    }
}

/// A drawn request.
pub struct Case {
    method: &'static str,
    path: String,
    content_type: Option<&'static str>,
    body: Vec<u8>,
}

impl fmt::Display for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let body = String::from_utf8_lossy(&self.body);
        let shown: String = body.chars().take(600).collect();
        let more = if body.chars().count() > 600 { format!(" … ({} bytes)", self.body.len()) } else { String::new() };
        write!(f, "{} {} [{}] {shown}{more}", self.method, self.path, self.content_type.unwrap_or("-"))
    }
}

/// A path parameter: half the time (where the entry allows) something real of its kind, so the
/// request gets past the lookup to the rest of its parameters.
fn path_value(entry: &Entry, param: &str, secrets: &Secrets, draw: &mut Draw) -> String {
    if !entry.real_ids || !draw.chance(0.5) {
        return draw.value(&hostile());
    }
    match param {
        "code" if entry.pattern.starts_with("/lang/") => draw.pick(&["kk", "ru", "en"]).to_string(),
        "code" => draw.pick(&["KZ-71", "KZ-75"]).to_string(),
        "pass" => secrets.pass.clone(),
        _ => draw.pick(&secrets.ids).clone(),
    }
}

fn query(entry: &Entry, draw: &mut Draw) -> String {
    let mut pairs = Vec::new();
    for name in entry.query {
        if draw.chance(0.7) {
            let value = if *name == "lang" && draw.chance(0.3) { "ru".to_owned() } else { draw.value(&hostile()) };
            pairs.push(format!("{name}={}", encode(&value)));
        }
    }
    if draw.chance(0.2) {
        pairs.push(format!("{}={}", encode(&draw.value(&hostile())), encode(&draw.value(&hostile()))));
    }
    if pairs.is_empty() { String::new() } else { format!("?{}", pairs.join("&")) }
}

fn form(fields: &[&str], first: Vec<(String, String)>, draw: &mut Draw) -> Vec<u8> {
    let mut pairs = first;
    for field in fields {
        if draw.chance(0.8) {
            pairs.push(((*field).to_owned(), draw.value(&hostile())));
        }
    }
    serde_urlencoded::to_string(&pairs).unwrap().into_bytes()
}

impl Case {
    /// Draws a request to `entry` as `actor`; the `first_case` of each route and actor always carries the
    /// actor's real anti-forgery and form tokens.
    pub fn draw(entry: &Entry, actor: &Actor, secrets: &Secrets, draw: &mut Draw, first_case: bool) -> Case {
        let mut path = String::new();
        for (i, part) in entry.pattern.split(['{', '}']).enumerate() {
            if i % 2 == 0 {
                path.push_str(part);
            } else {
                path.push_str(&encode(&path_value(entry, part, secrets, draw)));
            }
        }
        path.push_str(&query(entry, draw));
        let (content_type, body) = match entry.body {
            Body::None => (None, Vec::new()),
            Body::Form(fields) => {
                let csrf = match &actor.csrf {
                    Some(token) if first_case || draw.chance(0.85) => token.clone(),
                    _ => draw.value(&hostile()),
                };
                (Some("application/x-www-form-urlencoded"), form(fields, vec![("csrf".into(), csrf)], draw))
            }
            Body::PupilForm(fields) => {
                let mut first = Vec::new();
                if fields.contains(&"_token") {
                    let token = if actor.is_pupil() && (first_case || draw.chance(0.8)) {
                        secrets.token.clone()
                    } else {
                        draw.value(&hostile())
                    };
                    first.push(("_token".to_owned(), token));
                }
                if fields.contains(&"form") {
                    // A trust box form's single-use token: the pupil sends a fresh one, so the rest of
                    // the form is reached (and the token spent: `trust_spent_forms` is among what it
                    // may write); the others none, refused at once. No value is drawn for it, so the
                    // draws of every other route stay as they were (malformed tokens are the unit
                    // tests' of `domain::trust_box::form_token`).
                    let token = if actor.is_pupil() {
                        ahual::app::trust_box::forms::fresh_token(chrono::Utc::now()).to_string()
                    } else {
                        String::new()
                    };
                    first.push(("form".to_owned(), token));
                }
                let fields: Vec<&str> = fields.iter().copied().filter(|f| *f != "_token" && *f != "form").collect();
                let mut body = form(&fields, first, draw);
                if entry.pattern == "/survey/submit" || entry.pattern == "/survey/{pass}" {
                    // An answer that is no option of its item: a case can never be a valid response.
                    body.extend_from_slice(b"&would_tell=-1");
                }
                (Some("application/x-www-form-urlencoded"), body)
            }
            Body::Json(fields) => (Some("application/json"), json_body(fields, draw)),
            Body::Multipart(fields) => {
                let csrf = match &actor.csrf {
                    Some(token) if first_case || draw.chance(0.85) => token.clone(),
                    _ => draw.value(&hostile()),
                };
                (Some(MULTIPART), multipart(fields, csrf, draw))
            }
        };
        Case { method: entry.method, path, content_type, body }
    }

    /// Sends the request with `actor`'s cookies.
    pub async fn send(&self, actor: &Actor) -> Reply {
        let headers: Vec<(&str, &str)> = self.content_type.iter().map(|t| ("Content-Type", *t)).collect();
        actor.client.send(self.method, &self.path, &headers, self.body.clone()).await
    }
}

const BOUNDARY: &str = "fuzz-boundary-8d1c";
const MULTIPART: &str = "multipart/form-data; boundary=fuzz-boundary-8d1c";

/// A multipart form: the token, then each field (often) with a hostile value; `file` as a file.
fn multipart(fields: &[&str], csrf: String, draw: &mut Draw) -> Vec<u8> {
    let mut body = format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n");
    for field in fields {
        if draw.chance(0.8) {
            let value = draw.value(&hostile());
            let file = if *field == "file" { "; filename=\"roster.csv\"" } else { "" };
            body.push_str(&format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"{file}\r\n\r\n{value}\r\n"
            ));
        }
    }
    body.push_str(&format!("--{BOUNDARY}--\r\n"));
    body.into_bytes()
}

fn json_body(fields: &[&str], draw: &mut Draw) -> Vec<u8> {
    if draw.chance(0.1) {
        return draw.value(&hostile()).into_bytes();
    }
    let value = if draw.chance(0.15) {
        draw.value(&hostile_json())
    } else {
        let mut object = serde_json::Map::new();
        for field in fields {
            if draw.chance(0.8) {
                object.insert((*field).to_owned(), draw.value(&hostile_json()));
            }
        }
        serde_json::Value::Object(object)
    };
    serde_json::to_vec(&value).unwrap()
}
