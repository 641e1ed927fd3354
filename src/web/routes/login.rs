//! Staff sign-in and sign-out, with the database-backed login throttle.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use crate::db::{login_throttle, users};
use crate::domain::login_throttle::{after_failure, is_locked};
use crate::domain::organisation::Login;
use crate::domain::password::{verify_against_nothing, verify_password};
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

enum Outcome {
    SignedIn(crate::domain::ids::UserId),
    Wrong,
    Locked,
}

async fn check(state: &AppState, login: String, password: String) -> Result<Outcome, AppError> {
    let now = Utc::now().naive_utc();
    let key = login.clone();
    let (throttle, credentials) =
        state.db(move |conn| Ok((login_throttle::load(conn, &key)?, users::find_credentials(conn, &key)?))).await?;
    if is_locked(throttle.as_ref(), now) {
        return Ok(Outcome::Locked);
    }
    let verified = state
        .cpu(move || match credentials {
            Some(c) if c.account.active && verify_password(&password, &c.password_hash) => Some(c.account.id),
            _ => {
                verify_against_nothing(&password);
                None
            }
        })
        .await?;
    if let Some(id) = verified {
        state.db(move |conn| login_throttle::clear(conn, &login)).await?;
        return Ok(Outcome::SignedIn(id));
    }
    let next = after_failure(throttle.as_ref(), now);
    state.db(move |conn| login_throttle::save(conn, &login, &next)).await?;
    Ok(if is_locked(Some(&next), now) { Outcome::Locked } else { Outcome::Wrong })
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
        Outcome::SignedIn(id) => {
            session::sign_in(&session, id).map_err(|e| AppError::failed("starting a session", e))?;
            return Ok(super::see_other("/home"));
        }
        Outcome::Wrong => (StatusCode::UNAUTHORIZED, "sign-in-wrong"),
        Outcome::Locked => (StatusCode::TOO_MANY_REQUESTS, "sign-in-locked"),
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
