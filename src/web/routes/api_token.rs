//! `/account/api-token`: psychologists and centre staff create (or revoke) the token their scripts use
//! for the JSON API. The token is shown once; only its hash is stored. Creating and revoking are
//! audited, never the token. A token reads figures without any second factor, so making one needs an
//! account that has one, and a code from it typed on the form.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use super::html_page;
use crate::app::manage_api_token;
use crate::app::second_factor::{self, CodeCheck};
use crate::domain::account::RoleScope;
use crate::web::auth::CurrentUser;
use crate::web::csrf::CsrfForm;
use crate::web::page::Page;
use crate::web::views::account::{TokenView, api_token_page};
use crate::web::{AppError, AppState};

fn staff_with_figures(user: &CurrentUser) -> Result<(), AppError> {
    if matches!(user.0.scope, RoleScope::Admin) { Err(AppError::Forbidden) } else { Ok(()) }
}

/// `GET /account/api-token`.
pub async fn show(user: CurrentUser, page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    staff_with_figures(&user)?;
    let id = user.0.id;
    let has = state.use_case(move |conn| manage_api_token::has_token(conn, id)).await?;
    Ok(html_page(
        StatusCode::OK,
        api_token_page(&page.chrome(Some(&user.0)), &TokenView { has_token: has, new_token: None, problem: None }),
    ))
}

/// The token form: `create` or `revoke`.
#[derive(Deserialize)]
pub struct TokenForm {
    action: String,
    #[serde(default)]
    code: String,
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
            if !user.0.has_second_factor {
                return Err(AppError::Conflict("api-token-needs-second-factor"));
            }
            let (seal, now, typed) = (state.second_factor_seal.clone(), Utc::now().naive_utc(), form.code);
            let check = state.use_case(move |conn| second_factor::check_code(conn, &seal, id, &typed, now)).await?;
            if check != CodeCheck::Accepted {
                let has = state.use_case(move |conn| manage_api_token::has_token(conn, id)).await?;
                let problem = Some(check.refusal_key());
                let view = TokenView { has_token: has, new_token: None, problem };
                return Ok(html_page(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    api_token_page(&page.chrome(Some(&user.0)), &view),
                ));
            }
            let token = state.use_case(move |conn| manage_api_token::create_token(conn, id)).await?;
            let view = TokenView { has_token: true, new_token: Some(&token), problem: None };
            Ok(html_page(StatusCode::OK, api_token_page(&page.chrome(Some(&user.0)), &view)))
        }
        "revoke" => {
            state.use_case(move |conn| manage_api_token::revoke_token(conn, id)).await?;
            let view = TokenView { has_token: false, new_token: None, problem: None };
            Ok(html_page(StatusCode::OK, api_token_page(&page.chrome(Some(&user.0)), &view)))
        }
        _ => Err(AppError::BadRequest("error-bad-request")),
    }
}
