//! Issue 18: an id in a path that names nothing is "not found". Every route with `{id}` in its pattern
//! (taken from the fuzz's route table, which `fuzz_routes` keeps equal to the routes the source
//! registers, so a new route is covered without a line here), asked by a signed-in user of the role
//! the route serves, answers 404 for a malformed id and for a well-formed unknown one: the app's own
//! page in the request's language, or under `/api/v1` the API's JSON error in it. The forms sent are
//! valid, so a refusal can only be the id's. Runs on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use crate::common;
use crate::fuzz_routes::table::{Body, Entry, ROUTES};

use ahual::domain::lang::Lang;
use common::world::{PASSWORD, World};
use common::{Backend, Reply, TestApp};

/// Who serves the routes under each prefix (the API: centre staff, who may also move a referral).
const ROLES: &[(&str, &str)] =
    &[("/admin/", "admin"), ("/centre/", "centre-a"), ("/school/", "psy-a"), ("/api/v1/", "centre-a")];

/// Ids that are not UUIDs: each must be refused before any handler reads it.
const MALFORMED: &[&str] = &["not-a-uuid", "12345", "6f1c1f0e-8d7c-4b8e-9a53-0c1d2e3f4a5"];

/// A value the route's form accepts for `field`; `None` leaves the field out.
fn valid(field: &str) -> Option<&'static str> {
    Some(match field {
        "code" => "SCH-NEW",
        "region" => "KZ-71",
        "name_kk" | "name_ru" | "name_en" => "Name",
        "login" => "someone-new",
        "display_name" => "Someone New",
        "role" => "admin",
        "password" => "a long enough password",
        "active" => "on",
        "label" => "9Z",
        "grade" => "9",
        "roll" => "20",
        "to" => "acknowledged",
        "body" => "A note for the other side",
        "outcome" => "help-given",
        _ => return None,
    })
}

/// The routes with an id in their path, each with the login of the role it serves.
fn id_routes() -> Vec<(&'static Entry, &'static str)> {
    let routes: Vec<(&Entry, &str)> = ROUTES
        .iter()
        .filter(|entry| entry.pattern.contains("{id}"))
        .map(|entry| {
            let role = ROLES.iter().find(|(prefix, _)| entry.pattern.starts_with(prefix)).map(|(_, login)| *login);
            (entry, role.unwrap_or_else(|| panic!("no role serves {}: add it to ROLES", entry.pattern)))
        })
        .collect();
    assert!(routes.len() >= 20, "the route table was read: {} routes with an id", routes.len());
    routes
}

async fn send(app: &TestApp, entry: &Entry, path: &str) -> Reply {
    let fields = |names: &[&'static str]| -> Vec<(&'static str, &'static str)> {
        names.iter().filter_map(|name| valid(name).map(|value| (*name, value))).collect()
    };
    match entry.body {
        Body::None => app.get(path).await,
        Body::Form(names) => app.post_form(path, &fields(names)).await,
        Body::Json(names) => {
            let body: serde_json::Map<String, serde_json::Value> =
                fields(names).into_iter().map(|(name, value)| (name.to_owned(), value.into())).collect();
            app.post_json(path, &serde_json::Value::Object(body), None).await
        }
        Body::PupilForm(_) => panic!("{} is a pupil's route: no id in its path was expected", entry.pattern),
        Body::Multipart(_) => panic!("{} is an upload: no id in its path was expected", entry.pattern),
    }
}

/// What is wrong with `reply` as the "not found" answer in `lang`, if anything.
fn not_found_problem(reply: &Reply, api: bool, lang: Lang) -> Option<String> {
    let expected = lang.t("error-not-found");
    if reply.status != 404 {
        return Some(format!("status {}", reply.status));
    }
    if api {
        let Ok(json) = serde_json::from_str::<serde_json::Value>(&reply.body) else {
            return Some(format!("not JSON: {}", reply.body));
        };
        let right = json["error"] == "error-not-found" && json["message"] == expected.as_str();
        return (!right).then(|| format!("JSON {json}"));
    }
    let html = reply.headers.get("content-type").is_some_and(|t| t.starts_with("text/html"));
    (!html || !reply.body.contains(&expected)).then(|| format!("not the {lang:?} page: {}", reply.body))
}

async fn every_id_in_a_path_that_names_nothing_is_not_found(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    let unknown = uuid::Uuid::new_v4().to_string();
    let mut failures = Vec::new();
    let mut logins: Vec<&str> = ROLES.iter().map(|(_, login)| *login).collect();
    logins.sort_unstable();
    logins.dedup();
    for login in logins {
        app.clear_cookies();
        assert_eq!(app.login(login, PASSWORD).await.status, 303, "{login} signs in");
        for (entry, _) in id_routes().into_iter().filter(|(_, role)| *role == login) {
            let api = entry.pattern.starts_with("/api/");
            for (id, lang) in MALFORMED.iter().copied().chain([unknown.as_str()]).zip(Lang::ALL.iter().cycle()) {
                let path = format!("{}?lang={}", entry.pattern.replace("{id}", id), lang.code());
                let reply = send(&app, entry, &path).await;
                if let Some(problem) = not_found_problem(&reply, api, *lang) {
                    failures.push(format!("{} {path} as {login}: {problem}", entry.method));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} answers were not \"not found\":\n{}", failures.len(), failures.join("\n"));
}

on_both_backends!(every_id_in_a_path_that_names_nothing_is_not_found);
