//! Staff sign-in and sign-out, with the database-backed login throttle.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use crate::app::sign_in::{self, Locked, SignIn};
use crate::domain::organisation::Login;
use crate::web::csrf::CsrfForm;
use crate::web::page::Page;
use crate::web::session;
use crate::web::views::login::{LoginView, login_page};
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

/// `POST /login`: signs in, or shows the form again with a message that never says which part was wrong.
pub async fn submit(
    state: web::Data<AppState>,
    page: Page,
    session: Session,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let login_key =
        Login::parse(&form.login).map(|l| l.as_str().to_owned()).unwrap_or_else(|_| form.login.trim().to_lowercase());
    let outcome = check(&state, login_key, form.password).await?;
    let (status, problem) = match outcome {
        SignIn::SignedIn(id) => {
            session::sign_in(&session, id).map_err(|e| AppError::failed("starting a session", e))?;
            return Ok(super::see_other("/home"));
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

/// `POST /logout`.
pub async fn sign_out(session: Session, CsrfForm(_): CsrfForm<SignOutForm>) -> HttpResponse {
    session::sign_out(&session);
    super::see_other("/login")
}
