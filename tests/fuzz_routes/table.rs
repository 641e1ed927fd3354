//! The fuzz's list of routes and their parameters, and the route table read from the source
//! (`src/web/routes/**`, `src/web/api/mod.rs`), so that a route added without a fuzz entry fails.

use std::collections::BTreeSet;
use std::path::Path;

/// How a route takes its body.
#[derive(Debug, Clone, Copy)]
pub enum Body {
    /// No body (GET).
    None,
    /// A urlencoded staff form with these fields, checked against the session's `csrf` token.
    Form(&'static [&'static str]),
    /// A pupil's urlencoded form (no session, no `csrf`).
    PupilForm(&'static [&'static str]),
    /// A JSON object with these fields.
    Json(&'static [&'static str]),
    /// A `multipart/form-data` staff form with these fields (`file` sent as a file), and its `csrf`.
    Multipart(&'static [&'static str]),
}

/// One route as the fuzz sends to it.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// `GET` or `POST`, as registered.
    pub method: &'static str,
    /// The pattern as registered, scope included (`/school/waves/{id}`).
    pub pattern: &'static str,
    /// The query parameters the route reads.
    pub query: &'static [&'static str],
    /// What its body holds.
    pub body: Body,
    /// Whether the world's real ids (and a pupil's real pass) may stand in the path. Only where no
    /// hostile body could make the request succeed: a note's text, a password or closing a wave would.
    pub real_ids: bool,
    /// Tables a refused request may write, with the reason in `ROUTES`' comments.
    pub may_write: &'static [&'static str],
}

const fn get(pattern: &'static str, query: &'static [&'static str]) -> Entry {
    Entry { method: "GET", pattern, query, body: Body::None, real_ids: true, may_write: &[] }
}

const fn post(pattern: &'static str, body: Body, real_ids: bool) -> Entry {
    Entry { method: "POST", pattern, query: &["lang"], body, real_ids, may_write: &[] }
}

const USER_FIELDS: &[&str] = &["login", "display_name", "email", "role", "region", "school", "password", "active"];
const SCHOOL_FIELDS: &[&str] = &["code", "region", "name_kk", "name_ru", "name_en"];
const CLASS_FIELDS: &[&str] = &["label", "grade", "roll"];
/// The roster mapping form: one select per column of the uploaded file.
const MAPPING_FIELDS: &[&str] = &["col0", "col1", "col2", "col3"];
const TRANSITION_FIELDS: &[&str] = &["to", "outcome", "reason", "note"];
/// What a trust box pupil form writes however it is refused: its spent token.
const SPENDS_FORM: &[&str] = &["trust_spent_forms"];

/// Every route of the app. Query names include `lang` (read by every page) and `next`.
pub const ROUTES: &[Entry] = &[
    get("/static/app.css", &["v"]),
    get("/static/kiosk.js", &["v"]),
    get("/healthz", &[]),
    get("/", &["lang"]),
    // A wrong class password is counted in memory only, never stored.
    post("/survey/start", Body::PupilForm(&["password"]), true),
    get("/survey/{pass}", &["lang"]),
    // Every case holds an answer that is not an option of its item, so nothing can be stored.
    post("/survey/{pass}", Body::PupilForm(&["victim_verbal", "sh_wish_dead", "would_tell"]), true),
    // Where the previous release's form posted, with its token (kept one release for an upgrade).
    post("/survey/submit", Body::PupilForm(&["_token", "victim_verbal", "sh_wish_dead", "would_tell"]), true),
    get("/thanks", &["lang"]),
    get("/thanks/forget.css", &[]),
    get("/privacy", &["lang"]),
    get("/trust", &["lang"]),
    // Each trust box form spends its single-use token first (`web::routes::pupil::trust_form`), so a
    // refused one may write `trust_spent_forms`. A stored message needs a real school code, a known
    // topic and addressee and a text at once: the fuzz's hostile values never make one (a message it
    // could make would be a pupil's, not a fault).
    Entry {
        may_write: SPENDS_FORM,
        ..post("/trust", Body::PupilForm(&["form", "school", "topic", "to", "danger", "text", "pin"]), true)
    },
    get("/trust/back", &["lang"]),
    // Without a real receipt nothing is found, so nothing else is written.
    Entry { may_write: SPENDS_FORM, ..post("/trust/back", Body::PupilForm(&["form", "receipt", "pin"]), true) },
    Entry {
        may_write: SPENDS_FORM,
        ..post("/trust/back/write", Body::PupilForm(&["form", "receipt", "pin", "text"]), true)
    },
    get("/trust/done", &["lang"]),
    get("/api/v1/openapi.json", &[]),
    get("/api/v1/waves", &[]),
    get("/api/v1/waves/{id}/summary", &[]),
    get("/api/v1/referrals", &[]),
    get("/api/v1/referrals/{id}", &[]),
    // `to` is never a state, so a real referral is safe here.
    post("/api/v1/referrals/{id}/transition", Body::Json(TRANSITION_FIELDS), true),
    post("/api/v1/referrals/{id}/notes", Body::Json(&["body"]), false),
    get("/home", &["lang"]),
    get("/lang/{code}", &["next"]),
    get("/login", &["lang", "next"]),
    // A wrong password is counted against the login typed: the lock is the defence, kept in the
    // database on purpose so that it holds across instances.
    Entry { may_write: &["login_throttle"], ..post("/login", Body::Form(&["login", "password"]), true) },
    get("/login/code", &["lang"]),
    // A wrong code counts against the login, like a wrong password.
    Entry { may_write: &["login_throttle"], ..post("/login/code", Body::Form(&["code"]), true) },
    post("/logout", Body::Form(&[]), true),
    get("/account/password", &["lang"]),
    post("/account/password", Body::Form(&["current", "new", "repeat"]), true),
    get("/account/api-token", &["lang"]),
    Entry { may_write: &["login_throttle"], ..post("/account/api-token", Body::Form(&["action", "code"]), true) },
    get("/account/security", &["lang"]),
    post("/account/sessions/end", Body::Form(&["session"]), true),
    get("/account/two-factor", &["lang"]),
    Entry { may_write: &["login_throttle"], ..post("/account/two-factor", Body::Form(&["code", "current"]), true) },
    Entry { may_write: &["login_throttle"], ..post("/account/two-factor/codes", Body::Form(&["code"]), true) },
    Entry { may_write: &["login_throttle"], ..post("/account/two-factor/remove", Body::Form(&["code"]), true) },
    get("/admin", &["lang"]),
    get("/admin/schools", &["lang"]),
    post("/admin/schools", Body::Form(SCHOOL_FIELDS), true),
    get("/admin/schools/{id}", &["lang"]),
    post("/admin/schools/{id}", Body::Form(SCHOOL_FIELDS), true),
    get("/admin/users", &["lang"]),
    post("/admin/users", Body::Form(USER_FIELDS), true),
    get("/admin/users/{id}", &["lang"]),
    post("/admin/users/{id}", Body::Form(USER_FIELDS), true),
    post("/admin/users/{id}/password", Body::Form(&["password"]), false),
    // A real id would reset that account's second factor and end its sessions, the fuzz's own too.
    post("/admin/users/{id}/two-factor/reset", Body::Form(&[]), false),
    // No drawn `kind` is a kind, so no upload is ever kept; no real id is an upload, so the steps
    // after it find nothing (their success and refusals are `tests/roster_import.rs`'s).
    get("/admin/roster", &["lang"]),
    post("/admin/roster", Body::Multipart(&["kind", "file"]), true),
    get("/admin/roster/templates/{name}", &["lang"]),
    get("/admin/roster/{id}", &["lang"]),
    post("/admin/roster/{id}/mapping", Body::Form(MAPPING_FIELDS), true),
    post("/admin/roster/{id}/import", Body::Form(&[]), true),
    get("/admin/settings", &["lang"]),
    get("/admin/outbox", &["lang"]),
    post("/admin/outbox/{id}/retry", Body::Form(&[]), false),
    post("/admin/settings/centres/{code}", Body::Form(&["email"]), false),
    get("/national", &["lang", "instrument", "period"]),
    get("/national/trust", &["lang", "period"]),
    get("/national/centres", &["lang", "period"]),
    get("/open", &["lang", "period"]),
    get("/open/{region}", &["lang", "period"]),
    get("/open/{region}/figures.csv", &["lang", "period"]),
    get("/centre", &["lang"]),
    get("/centre/schools/{id}", &["lang", "period"]),
    get("/centre/region", &["lang", "instrument", "period"]),
    get("/centre/waves", &["lang", "period"]),
    get("/centre/waves/{id}", &["lang", "funnel"]),
    get("/centre/waves/{id}/figures.csv", &["lang"]),
    get("/centre/referrals", &["lang", "status", "school", "indicator", "overdue"]),
    get("/centre/referrals/{id}", &["lang"]),
    post("/centre/referrals/{id}/transition", Body::Form(TRANSITION_FIELDS), true),
    post("/centre/referrals/{id}/notes", Body::Form(&["body"]), false),
    get("/centre/trust", &["lang"]),
    get("/centre/trust/figures", &["lang", "period"]),
    // The holder's first look at a new conversation marks it read: a write the page makes by design.
    Entry { may_write: &["trust_conversations"], ..get("/centre/trust/{id}", &["lang"]) },
    // Words that happen to be valid would be stored, and any outcome code closes: no real ids.
    post("/centre/trust/{id}/reply", Body::Form(&["body"]), false),
    post("/centre/trust/{id}/note", Body::Form(&["body"]), false),
    post("/centre/trust/{id}/close", Body::Form(&["outcome"]), false),
    get("/school", &["lang"]),
    get("/school/classes", &["lang"]),
    post("/school/classes", Body::Form(CLASS_FIELDS), true),
    get("/school/classes/{id}", &["lang"]),
    post("/school/classes/{id}", Body::Form(CLASS_FIELDS), true),
    get("/school/roster", &["lang"]),
    post("/school/roster", Body::Multipart(&["kind", "file"]), true),
    get("/school/roster/templates/{name}", &["lang"]),
    get("/school/roster/{id}", &["lang"]),
    post("/school/roster/{id}/mapping", Body::Form(MAPPING_FIELDS), true),
    post("/school/roster/{id}/import", Body::Form(&[]), true),
    get("/school/waves", &["lang"]),
    post("/school/waves", Body::Form(&["instrument", "classes", "opens_on", "closes_on", "mode", "nonce"]), true),
    get("/school/waves/new", &["lang"]),
    get("/school/waves/{id}", &["lang", "funnel"]),
    post("/school/waves/{id}/close", Body::Form(&[]), false),
    get("/school/waves/{id}/figures.csv", &["lang"]),
    get("/school/referrals", &["lang"]),
    post("/school/referrals", Body::Form(&["class", "urgent", "note"]), true),
    get("/school/referrals/new", &["lang"]),
    get("/school/referrals/{id}", &["lang"]),
    post("/school/referrals/{id}/notes", Body::Form(&["body"]), false),
    get("/school/trust", &["lang"]),
    get("/school/trust/poster", &["lang"]),
    // The holder's first look at a new conversation marks it read: a write the page makes by design.
    Entry { may_write: &["trust_conversations"], ..get("/school/trust/{id}", &["lang"]) },
    // Valid words would be stored, an escalation needs no field at all: no real ids.
    post("/school/trust/{id}/reply", Body::Form(&["body"]), false),
    post("/school/trust/{id}/note", Body::Form(&["body"]), false),
    post("/school/trust/{id}/escalate", Body::Form(&[]), false),
    post("/school/trust/{id}/close", Body::Form(&["outcome"]), false),
];

/// Files that register routes, with the scope each is mounted under.
const ROUTE_FILES: &[(&str, &str)] = &[
    ("src/web/routes/mod.rs", ""),
    ("src/web/routes/pupil/mod.rs", ""),
    ("src/web/routes/pupil/survey_scope.rs", "/survey"),
    ("src/web/api/mod.rs", "/api/v1"),
    ("src/web/routes/admin/mod.rs", "/admin"),
    ("src/web/routes/centre/mod.rs", "/centre"),
    ("src/web/routes/school/mod.rs", "/school"),
];

/// Files whose scope routes by hand in a default service, and the (method, pattern) it stands for.
const DEFAULT_SERVICES: &[(&str, &[(&str, &str)])] =
    &[("src/web/routes/pupil/survey_scope.rs", &[("GET", "/survey/{pass}"), ("POST", "/survey/{pass}")])];

/// Constants used as route patterns, by the expression the source writes.
fn constant(expression: &str) -> Option<&'static str> {
    match expression {
        "thanks::FORGET_STYLESHEET" => Some(ahual::web::routes::FORGET_STYLESHEET),
        _ => None,
    }
}

fn rust_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().map(Result::unwrap) {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// Every (method, pattern) the source registers. Panics, naming the file, on any way of registering
/// a route that this reader does not follow, so that none is missed silently.
pub fn registered() -> BTreeSet<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let mut routes = BTreeSet::new();
    for file in files {
        let relative = file.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        if relative.ends_with("/tests.rs") || relative.ends_with("_tests.rs") {
            continue; // a test module of its own file: it registers nothing in the server
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        // Comments are left out: a doc comment may name `.route(..)` without registering anything.
        let code_lines = code.lines().filter(|line| !line.trim_start().starts_with("//"));
        let source: String = code_lines.flat_map(str::split_whitespace).collect();
        let prefix = ROUTE_FILES.iter().find(|(f, _)| *f == relative).map(|(_, p)| *p);
        for marker in ["web::resource(", "#[get(", "#[post(", "#[route(", "web::route()", ".default_service("] {
            let by_hand = DEFAULT_SERVICES.iter().any(|(file, _)| *file == relative);
            let allowed = marker == ".default_service(" && (relative == "src/web/server.rs" || by_hand);
            assert!(allowed || !source.contains(marker), "{relative} registers routes with `{marker}`: teach the fuzz");
        }
        for (_, stands_for) in DEFAULT_SERVICES.iter().filter(|(file, _)| *file == relative) {
            assert!(source.contains(".default_service("), "{relative} no longer has its default service");
            routes.extend(stands_for.iter().map(|(method, pattern)| (method.to_string(), pattern.to_string())));
        }
        let Some(prefix) = prefix else {
            assert!(!source.contains(".route("), "{relative} registers routes: add it to ROUTE_FILES");
            continue;
        };
        for call in source.split(".route(").skip(1) {
            let (pattern, rest) = call.split_once(",web::").unwrap_or_else(|| panic!("{relative}: .route({call}"));
            let pattern = match pattern.strip_prefix('"').and_then(|p| p.strip_suffix('"')) {
                Some(literal) => literal,
                None => constant(pattern).unwrap_or_else(|| panic!("{relative}: unknown route constant {pattern}")),
            };
            let method = rest.split_once("()").unwrap_or_else(|| panic!("{relative}: {rest}")).0.to_uppercase();
            routes.insert((method, format!("{prefix}{pattern}")));
        }
    }
    for (file, prefix) in ROUTE_FILES.iter().filter(|(_, p)| !p.is_empty() && !p.starts_with("/api")) {
        // `a/b/mod.rs` is module `b`, mounted in `a/mod.rs`; `a/c.rs` is module `c`, mounted in `a/mod.rs`.
        let (dir, name) = file.rsplit_once('/').unwrap();
        let (mounting_dir, module) = match name.strip_suffix(".rs") {
            Some("mod") => dir.rsplit_once('/').unwrap(),
            Some(stem) => (dir, stem),
            None => panic!("{file} is not a Rust file"),
        };
        let mounts = std::fs::read_to_string(root.join(mounting_dir).join("mod.rs")).unwrap();
        let mount = format!("web::scope(\"{prefix}\").configure({module}::configure)");
        assert!(mounts.contains(&mount), "{mounting_dir}/mod.rs no longer mounts {module} as `{mount}`");
    }
    routes
}
