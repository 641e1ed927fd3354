//! Staff sign-in and sign-out, with the database-backed login throttle. An account with a second
//! factor signs in in two steps: the password (`/login`), then a code (`/login/code`); only the
//! second starts a session.

use actix_session::Session;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use crate::app::second_factor::{self, CodeCheck};
use crate::app::sign_in::{self, Locked, SignIn};
use crate::app::staff_sessions;
use crate::domain::organisation::Login;
use crate::web::csrf::CsrfForm;
use crate::web::page::Page;
use crate::web::session;
use crate::web::views::login::{LoginView, login_page};
use crate::web::views::second_factor::code_page;
use crate::web::{AppError, AppState};

/// `GET /login`.
pub async fn show(page: Page) -> HttpResponse {
    let body = login_page(&page.chrome(None), &LoginView { login: "", problem: None });
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(body.into_string())
}

/// The posted sign-in form.
#[derive(Deserialize)]
pub struct LoginForm {
    login: String,
    password: String,
}

async fn check(state: &AppState, login: String, password: String) -> Result<SignIn, AppError> {
    let now = Utc::now().naive_utc();
    let attempt = match state.use_case(move |conn| sign_in::begin(conn, login, now)).await? {
        Ok(attempt) => attempt,
        Err(Locked) => return Ok(SignIn::Locked),
    };
    let checked = state.cpu(move || attempt.check(&password)).await?;
    state.use_case(move |conn| sign_in::finish(conn, checked)).await
}

/// Starts a session for `user` in a fresh cookie and records it, with the device named by the
/// request's browser (staff routes only; a pupil's never reach here).
pub(super) async fn start_session(
    state: &AppState,
    session: &Session,
    req: &HttpRequest,
    user: crate::domain::ids::UserId,
) -> Result<(), AppError> {
    let secret = session::sign_in(session, user).map_err(|e| AppError::failed("starting a session", e))?;
    let agent = req.headers().get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let now = Utc::now().naive_utc();
    state.use_case(move |conn| staff_sessions::start(conn, &secret, user, &agent, now)).await
}

/// `POST /login`: signs in (or asks for a code next), or shows the form again with a message that
/// never says which part was wrong.
pub async fn submit(
    state: web::Data<AppState>,
    page: Page,
    session: Session,
    req: HttpRequest,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let login_key =
        Login::parse(&form.login).map(|l| l.as_str().to_owned()).unwrap_or_else(|_| form.login.trim().to_lowercase());
    let outcome = check(&state, login_key, form.password).await?;
    let (status, problem) = match outcome {
        SignIn::SignedIn(id) => {
            start_session(&state, &session, &req, id).await?;
            return Ok(super::see_other("/home"));
        }
        SignIn::NeedsCode(id) => {
            session::await_second_factor(&session, id).map_err(|e| AppError::failed("starting a sign-in", e))?;
            return Ok(super::see_other("/login/code"));
        }
        SignIn::Wrong => (StatusCode::UNAUTHORIZED, "sign-in-wrong"),
        SignIn::Locked => (StatusCode::TOO_MANY_REQUESTS, "sign-in-locked"),
    };
    let body = login_page(&page.chrome(None), &LoginView { login: &form.login, problem: Some(problem) });
    Ok(HttpResponse::build(status).content_type("text/html; charset=utf-8").body(body.into_string()))
}

/// The sign-out form carries only the token.
#[derive(Deserialize)]
pub struct SignOutForm {}

/// `POST /logout`: ends the session here and on the server, so its cookie, if copied, opens nothing.
pub async fn sign_out(
    state: web::Data<AppState>,
    session: Session,
    CsrfForm(_): CsrfForm<SignOutForm>,
) -> Result<HttpResponse, AppError> {
    if let Some(signed) = session::signed_in(&session) {
        state.use_case(move |conn| staff_sessions::end(conn, &signed.secret)).await?;
    }
    session::sign_out(&session);
    Ok(super::see_other("/login"))
}

fn code_reply(page: &Page, status: StatusCode, problem: Option<&'static str>) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(code_page(&page.chrome(None), problem).into_string())
}

/// `GET /login/code`: the second step, for a password typed in the last few minutes.
pub async fn show_code(page: Page, session: Session) -> HttpResponse {
    match session::pending_second_factor(&session) {
        Some(_) => code_reply(&page, StatusCode::OK, None),
        None => super::see_other("/login"),
    }
}

/// The posted code: six digits from the app, or a recovery code.
#[derive(Deserialize)]
pub struct CodeForm {
    code: String,
}

/// `POST /login/code`: a right code starts the session; a wrong one counts against the login's
/// throttle, and a lock sends the person back to the password.
pub async fn submit_code(
    state: web::Data<AppState>,
    page: Page,
    session: Session,
    req: HttpRequest,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> Result<HttpResponse, AppError> {
    let Some(user) = session::pending_second_factor(&session) else {
        return Ok(super::see_other("/login"));
    };
    let now = Utc::now().naive_utc();
    let seal = state.second_factor_seal.clone();
    let typed = form.code;
    let checked = state.use_case(move |conn| second_factor::check_code(conn, &seal, user, &typed, now)).await?;
    match checked {
        CodeCheck::Accepted => {
            start_session(&state, &session, &req, user).await?;
            Ok(super::see_other("/home"))
        }
        CodeCheck::Wrong => Ok(code_reply(&page, StatusCode::UNAUTHORIZED, Some("code-wrong"))),
        CodeCheck::Locked => {
            session::sign_out(&session);
            let body = login_page(&page.chrome(None), &LoginView { login: "", problem: Some("sign-in-locked") });
            Ok(HttpResponse::TooManyRequests().content_type("text/html; charset=utf-8").body(body.into_string()))
        }
    }
}
