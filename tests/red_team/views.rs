//! Everything one role may read about the attacked school, fetched as that role over HTTP.

use crate::common::TestApp;
use crate::common::world::PASSWORD;
use crate::world::{Attacked, CENTRE, NATIONAL, PSYCHOLOGIST};

/// A page, CSV or API answer: the path it came from and its body.
pub type View = (String, String);

/// Signs in as `login` and fetches every path, asserting each is served.
async fn fetch_all(app: &TestApp, login: &str, paths: Vec<String>) -> Vec<View> {
    app.clear_cookies();
    assert_eq!(app.login(login, PASSWORD).await.status, 303, "{login} signs in");
    let mut views = Vec::new();
    for path in paths {
        let reply = app.get(&path).await;
        assert_eq!(reply.status, 200, "{login} reads {path}: {}", reply.body);
        views.push((path, reply.body));
    }
    views
}

/// The psychologist's wave page, CSV and API summary.
pub async fn psychologist(app: &TestApp, attacked: &Attacked) -> Vec<View> {
    let wave = attacked.wave;
    let paths = vec![
        format!("/school/waves/{wave}"),
        format!("/school/waves/{wave}/figures.csv"),
        format!("/api/v1/waves/{wave}/summary"),
    ];
    fetch_all(app, PSYCHOLOGIST, paths).await
}

/// The centre's region overview, school page, wave page, CSV and API summary.
pub async fn centre(app: &TestApp, attacked: &Attacked) -> Vec<View> {
    let (wave, school) = (attacked.wave, attacked.school);
    let paths = vec![
        "/centre/region".to_owned(),
        format!("/centre/schools/{school}"),
        format!("/centre/waves/{wave}"),
        format!("/centre/waves/{wave}/figures.csv"),
        format!("/api/v1/waves/{wave}/summary"),
    ];
    fetch_all(app, CENTRE, paths).await
}

/// The national overview.
pub async fn national(app: &TestApp) -> Vec<View> {
    fetch_all(app, NATIONAL, vec!["/national".to_owned()]).await
}

/// Every view of every role.
pub async fn every_role(app: &TestApp, attacked: &Attacked) -> Vec<View> {
    let mut views = psychologist(app, attacked).await;
    views.extend(centre(app, attacked).await);
    views.extend(national(app).await);
    views
}

/// `body` with every UUID replaced by `<id>` and every CSRF token by `<csrf>`.
pub fn normalised(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let bytes = body.as_bytes();
    let mut at = 0;
    while at < body.len() {
        if is_uuid(&bytes[at..]) {
            out.push_str("<id>");
            at += 36;
            continue;
        }
        let ch = body[at..].chars().next().unwrap_or_default();
        out.push(ch);
        at += ch.len_utf8().max(1);
    }
    strip_csrf(&out)
}

fn is_uuid(bytes: &[u8]) -> bool {
    bytes.len() >= 36
        && bytes[..36]
            .iter()
            .enumerate()
            .all(|(i, &b)| if [8, 13, 18, 23].contains(&i) { b == b'-' } else { b.is_ascii_hexdigit() })
}

fn strip_csrf(body: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let mut out = String::new();
    let mut rest = body;
    while let Some(at) = rest.find(marker) {
        out.push_str(&rest[..at + marker.len()]);
        rest = &rest[at + marker.len()..];
        let end = rest.find('"').unwrap_or(rest.len());
        out.push_str("<csrf>");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}
