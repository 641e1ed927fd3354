//! Who calls the API: a signed-in session, or a bearer token whose hash is stored with the account.
//! Only staff with a figure scope (psychologists, centre staff) get one; administrators see no figures.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};

use crate::app::recognise_staff;
use crate::app::wave_figures::FigureScope;
use crate::domain::account::{Account, RoleScope};
use crate::web::auth::CurrentUser;
use crate::web::{AppError, AppState};

/// An authenticated API caller with the figures they may read.
#[derive(Debug, Clone)]
pub struct ApiCaller {
    /// The account.
    pub account: Account,
    /// Their school or region.
    pub scope: FigureScope,
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    value.strip_prefix("Bearer ").map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

async fn by_token(state: &AppState, token: String) -> Result<Account, AppError> {
    let account = state
        .use_case(move |conn| recognise_staff::token_account(conn, &token))
        .await?
        .ok_or(AppError::Unauthorized)?;
    crate::web::request_log::record_role(account.scope.role());
    Ok(account)
}

impl FromRequest for ApiCaller {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let session_user = CurrentUser::from_request(&req, payload);
        Box::pin(async move {
            let state =
                req.app_data::<web::Data<AppState>>().ok_or_else(|| AppError::internal("no application state"))?;
            let account = match bearer(&req) {
                Some(token) => by_token(state, token).await?,
                None => session_user.await.map_err(|_| AppError::Unauthorized)?.0,
            };
            // A token stays refused while its account's password, reset by someone else, waits
            // for its owner's own choice, and while the account lacks a second factor it must have.
            if account.must_change_password || account.lacks_required_second_factor(state.settings.second_factor) {
                return Err(AppError::Forbidden.into());
            }
            let scope = match &account.scope {
                RoleScope::Psychologist(school) => FigureScope::School(*school),
                RoleScope::CentreStaff(region) => FigureScope::Region(region.clone()),
                RoleScope::Admin | RoleScope::National => return Err(AppError::Forbidden.into()),
            };
            Ok(ApiCaller { account, scope })
        })
    }
}
