//! `/account/api-token`: psychologists and centre staff create (or revoke) the token their scripts use
//! for the JSON API. The token is shown once; only its hash is stored. Creating and revoking are
//! audited, never the token.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::html_page;
use crate::app::manage_api_token;
use crate::domain::account::RoleScope;
use crate::web::auth::CurrentUser;
use crate::web::csrf::CsrfForm;
use crate::web::page::Page;
use crate::web::views::account::api_token_page;
use crate::web::{AppError, AppState};

fn staff_with_figures(user: &CurrentUser) -> Result<(), AppError> {
    if matches!(user.0.scope, RoleScope::Admin) { Err(AppError::Forbidden) } else { Ok(()) }
}

/// `GET /account/api-token`.
pub async fn show(user: CurrentUser, page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    staff_with_figures(&user)?;
    let id = user.0.id;
    let has = state.use_case(move |conn| manage_api_token::has_token(conn, id)).await?;
    Ok(html_page(StatusCode::OK, api_token_page(&page.chrome(Some(&user.0)), has, None)))
}

/// The token form: `create` or `revoke`.
#[derive(Deserialize)]
pub struct TokenForm {
    action: String,
}

/// `POST /account/api-token`.
pub async fn change(
    user: CurrentUser,
    page: Page,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<TokenForm>,
) -> Result<HttpResponse, AppError> {
    staff_with_figures(&user)?;
    let id = user.0.id;
    match form.action.as_str() {
        "create" => {
            let token = state.use_case(move |conn| manage_api_token::create_token(conn, id)).await?;
            Ok(html_page(StatusCode::OK, api_token_page(&page.chrome(Some(&user.0)), true, Some(&token))))
        }
        "revoke" => {
            state.use_case(move |conn| manage_api_token::revoke_token(conn, id)).await?;
            Ok(html_page(StatusCode::OK, api_token_page(&page.chrome(Some(&user.0)), false, None)))
        }
        _ => Err(AppError::BadRequest("error-bad-request")),
    }
}
