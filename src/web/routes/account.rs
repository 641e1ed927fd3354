//! `/account/password`: every staff member changes their own password (audited as `password_set` by
//! themselves).

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use super::{html_page, see_other};
use crate::app::change_own_password;
use crate::domain::password::hash_password;
use crate::web::auth::CurrentUser;
use crate::web::csrf::CsrfForm;
use crate::web::forms::FieldErrors;
use crate::web::forms::account::PasswordForm;
use crate::web::page::Page;
use crate::web::session;
use crate::web::views::account::password_page;
use crate::web::{AppError, AppState};

/// `GET /account/password`.
pub async fn show(user: CurrentUser, page: Page) -> HttpResponse {
    html_page(StatusCode::OK, password_page(&page.chrome(Some(&user.0)), &FieldErrors::new()))
}

/// `POST /account/password`: checks the current password, sets the new one, and renews the session
/// (other sessions of the account end).
pub async fn change(
    user: CurrentUser,
    page: Page,
    session: Session,
    req: HttpRequest,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    let mut errors = form.check(&[&user.0.login, &user.0.display_name]);
    let login = user.0.login.clone();
    let stored = state
        .use_case(move |conn| change_own_password::current_password(conn, &login))
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let current = form.current.clone();
    if !state.cpu(move || stored.admits(&current)).await? {
        errors.add("current", "password-current-wrong");
    }
    if !errors.is_empty() {
        return Ok(html_page(StatusCode::UNPROCESSABLE_ENTITY, password_page(&page.chrome(Some(&user.0)), &errors)));
    }
    let new = form.new;
    let new_hash = state
        .cpu(move || hash_password(&new))
        .await?
        .map_err(|e| AppError::failed("hashing a password", e.to_string()))?;
    let id = user.0.id;
    state.use_case(move |conn| change_own_password::set_own_password(conn, id, &new_hash)).await?;
    // Every session of the account ended with the change; this one starts again.
    super::login::start_session(&state, &session, &req, id).await?;
    session::set_flash(&session, "flash-password-changed");
    Ok(see_other("/home"))
}
