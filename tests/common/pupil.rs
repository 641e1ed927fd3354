//! Helpers for pupil tests: open a wave straight in the database and walk a pupil through the survey.
#![allow(dead_code, clippy::unwrap_used)]

use ahual::app::open_wave::{OpenedWave, WaveRequest, open_wave_in_any_period};
use ahual::db::DbConnection;
use ahual::domain::ids::{ClassId, SchoolId};
use ahual::domain::survey::wave::{AccessMode, local_date};
use chrono::{Duration, Utc};

use super::{Reply, TestApp};

/// Opens a wave of the default instrument's current version (the one the app opens new waves with)
/// for `classes` (all when empty), running from today, in whatever period (worlds of the tests may
/// give a school several waves at once).
pub fn open(conn: &mut DbConnection, school: SchoolId, classes: Vec<ClassId>, mode: AccessMode) -> OpenedWave {
    let current = super::catalog().latest("school-climate").unwrap().version();
    open_version(conn, school, classes, mode, current)
}

/// Opens a wave as [`open`] does, of the default instrument's `version` (an older one, as waves run
/// before a new version was shipped).
pub fn open_version(
    conn: &mut DbConnection,
    school: SchoolId,
    classes: Vec<ClassId>,
    mode: AccessMode,
    version: u32,
) -> OpenedWave {
    let today = local_date(Utc::now());
    let request = WaveRequest {
        school,
        instrument: ahual::domain::instrument::InstrumentKey::new("school-climate", version),
        mode,
        dates: (today, today + Duration::days(7)),
        classes,
        creation_nonce: uuid::Uuid::new_v4().to_string(),
        now: Utc::now().naive_utc(),
        opened_by: ahual::domain::audit::Actor::Cli,
    };
    open_wave_in_any_period(conn, &request).unwrap()
}

/// The form's sealed pass in a redirect to `/survey/{pass}?lang=..`.
pub fn pass_of(reply: &Reply) -> String {
    let location = reply.location().unwrap_or_else(|| panic!("no redirect: {} {}", reply.status, reply.body));
    pass_in(location)
}

/// The sealed pass in a form's address `/survey/{pass}?lang=..`.
pub fn pass_in(address: &str) -> String {
    let path = address.split('?').next().unwrap();
    path.strip_prefix("/survey/").unwrap().to_owned()
}

/// Types the password on the start page in `lang` and returns the form's address (its sealed pass).
pub async fn start(app: &TestApp, secret: &str, lang: &str) -> String {
    let reply = app.post_raw(&format!("/survey/start?lang={lang}"), &[("password", secret)]).await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    pass_of(&reply)
}

/// Opens the form at `pass` as the browser does (asserting that it is shown) and returns its page.
pub async fn open_form(app: &TestApp, pass: &str) -> String {
    let form = app.get(&format!("/survey/{pass}")).await;
    assert_eq!(form.status, 200, "{}", form.body);
    form.body
}

/// Types the password and opens the form: its address (pass).
pub async fn start_form(app: &TestApp, secret: &str, lang: &str) -> String {
    let pass = start(app, secret, lang).await;
    open_form(app, &pass).await;
    pass
}

/// Sends `answers` with the form at `pass` as its page does (it posts to its own address) and returns
/// the reply. The address's `?lang=` is left out: a pass that opens names the language itself.
pub async fn submit(app: &TestApp, pass: &str, answers: &[(&str, &str)]) -> Reply {
    app.post_raw(&format!("/survey/{pass}"), answers).await
}

/// The signed token that the previous release's form page carried for the form at `pass` (the same
/// grant, signed with the server's key), as a pupil who opened the form before an upgrade holds it.
pub fn legacy_token(app: &TestApp, pass: &str) -> String {
    let key = app.state().pupil.key();
    let grant = ahual::domain::survey::form_pass::open(pass, key, Utc::now().timestamp()).unwrap();
    grant.sign(key)
}

/// Sends `answers` with `token` to `POST /survey/submit`, as a form served by the previous release
/// did, and returns the reply.
pub async fn submit_legacy(app: &TestApp, token: &str, lang: &str, answers: &[(&str, &str)]) -> Reply {
    let mut fields = vec![("_token", token)];
    fields.extend_from_slice(answers);
    app.post_raw(&format!("/survey/submit?lang={lang}"), &fields).await
}

/// Stored responses of the database, as (class id, answers JSON).
pub fn stored(conn: &mut DbConnection) -> Vec<(String, String)> {
    use ahual::db::schema::responses;
    use diesel::prelude::*;
    responses::table.select((responses::class_id, responses::answers)).load(conn).unwrap()
}

/// The column names of `responses`, sorted, read from the database itself.
pub fn response_columns(conn: &mut DbConnection, backend: super::Backend) -> Vec<String> {
    use diesel::prelude::*;
    use diesel::sql_types::Text;
    #[derive(QueryableByName)]
    struct Column {
        #[diesel(sql_type = Text)]
        name: String,
    }
    let query = match backend {
        super::Backend::Sqlite => "SELECT name FROM pragma_table_info('responses')",
        super::Backend::Postgres => {
            "SELECT column_name AS name FROM information_schema.columns \
             WHERE table_name = 'responses' AND table_schema = current_schema()"
        }
    };
    let mut names: Vec<String> =
        diesel::sql_query(query).load::<Column>(conn).unwrap().into_iter().map(|c| c.name).collect();
    names.sort();
    names
}

/// Stores `n` responses with `answers_json` for each class of `wave` whose label is a key of
/// `per_class`, through the production submission path (as if pupils had answered).
pub fn fill(conn: &mut DbConnection, wave: ahual::domain::ids::WaveId, per_class: &[(&str, u32, &str)]) {
    use ahual::db::responses::{NewResponse, submit};
    use ahual::domain::lang::Lang;
    let today = local_date(Utc::now());
    let classes = ahual::db::waves::classes_of(conn, wave).unwrap();
    for (label, n, answers) in per_class {
        let class = classes.iter().find(|c| c.label.as_str() == *label).unwrap();
        for _ in 0..*n {
            let response = NewResponse {
                wave_class_id: class.id,
                nonce: ahual::db::form_tokens::issue(conn, 1, today).unwrap().remove(0),
                code_hash: None,
                lang: Lang::Kk,
                today,
                answers_json: (*answers).to_owned(),
            };
            submit(conn, &response).unwrap();
        }
    }
}

/// Moves the closed `wave` into the last published reporting period (as if it had run in it), so
/// region and national figures, released per published period, include it.
pub fn into_last_published_period(conn: &mut DbConnection, wave: ahual::domain::ids::WaveId) {
    into_period(conn, wave, ahual::domain::period::ReportingPeriod::latest_published(local_date(Utc::now())));
}

/// Moves the closed `wave` into `period`, ending 60 days after the period starts.
pub fn into_period(
    conn: &mut DbConnection,
    wave: ahual::domain::ids::WaveId,
    period: ahual::domain::period::ReportingPeriod,
) {
    let closes_on = period.first_day() + Duration::days(60);
    ahual::db::waves::backdate(conn, wave, (closes_on - Duration::days(7), closes_on)).unwrap();
}

/// Posts a trust box pupil form to `path` as its page does: `fields` with a fresh single-use form
/// token (`domain::trust_box::form_token`), which the page would carry.
pub async fn post_trust(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> Reply {
    post_trust_with_headers(app, path, fields, &[]).await
}

/// [`post_trust`] with extra request headers (a proxy's `X-Forwarded-For`, another site's `Origin`).
pub async fn post_trust_with_headers(
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> Reply {
    let token = ahual::app::trust_box::forms::fresh_token(Utc::now()).to_string();
    let mut with_token = vec![("form", token.as_str())];
    with_token.extend_from_slice(fields);
    app.post_raw_with_headers(path, &with_token, headers).await
}

/// A trust box page without its form's single-use token, which is new on every page: what is left
/// is what the pupil reads, to compare two answers.
pub fn without_form_token(body: &str) -> String {
    let mut rest = body;
    let mut kept = String::new();
    while let Some(start) = rest.find(r#"name="form" value=""#) {
        let after = start + r#"name="form" value=""#.len();
        kept.push_str(&rest[..after]);
        rest = &rest[after..];
        rest = rest.find('"').map_or("", |end| &rest[end..]);
    }
    kept.push_str(rest);
    kept
}
