//! Who is asking, and what their role lets them reach: the one mechanism every staff route uses.
//! A handler states its role by taking [`AdminUser`], [`CentreUser`] or [`PsychologistUser`]; the
//! extractor refuses everyone else (sign-in page for strangers, 403 for other roles). Scope (which
//! region, which school) comes with the extractor and every query filters by it, so an id from
//! another scope is simply not found.

use std::future::Future;
use std::pin::Pin;

use actix_session::SessionExt;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use chrono::Duration;

use super::errors::AppError;
use super::session;
use super::state::AppState;
use crate::app::recognise_staff::{self, SessionAge};
use crate::domain::account::{Account, RoleScope};
use crate::domain::ids::SchoolId;
use crate::domain::region::RegionCode;

/// Any signed-in, active staff member.
#[derive(Debug, Clone)]
pub struct CurrentUser(pub Account);

type Boxed<T> = Pin<Box<dyn Future<Output = Result<T, actix_web::Error>>>>;

async fn load_current(req: HttpRequest) -> Result<CurrentUser, AppError> {
    let session = req.get_session();
    let signed = session::signed_in(&session).ok_or(AppError::Unauthenticated)?;
    let (user_id, issued, secret) = (signed.user, signed.issued, signed.secret);
    let state = req.app_data::<web::Data<AppState>>().ok_or_else(|| AppError::internal("no application state"))?;
    let age = SessionAge {
        issued,
        now: chrono::Utc::now().timestamp(),
        max_age: Duration::hours(state.settings.session_hours),
    };
    let Some(account) =
        state.use_case(move |conn| recognise_staff::session_account(conn, user_id, &secret, age)).await?
    else {
        session::sign_out(&session);
        return Err(AppError::Unauthenticated);
    };
    super::request_log::record_role(account.scope.role());
    let path = req.path();
    if account.must_change_password && path != super::errors::PASSWORD_PAGE {
        return Err(AppError::PasswordChangeRequired);
    }
    if account.lacks_required_second_factor(state.settings.second_factor)
        && !account.must_change_password
        && path != super::errors::SECOND_FACTOR_PAGE
    {
        return Err(AppError::SecondFactorRequired);
    }
    Ok(CurrentUser(account))
}

impl FromRequest for CurrentUser {
    type Error = actix_web::Error;
    type Future = Boxed<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(load_current(req).await?) })
    }
}

/// An administrator.
#[derive(Debug, Clone)]
pub struct AdminUser(pub Account);

/// A national reader: the regions' released figures, nothing finer.
#[derive(Debug, Clone)]
pub struct NationalUser(pub Account);

/// Centre staff, with the region they serve.
#[derive(Debug, Clone)]
pub struct CentreUser {
    /// The account.
    pub account: Account,
    /// The only region they may see.
    pub region: RegionCode,
}

/// A school psychologist, with their school.
#[derive(Debug, Clone)]
pub struct PsychologistUser {
    /// The account.
    pub account: Account,
    /// The only school they may see.
    pub school: SchoolId,
}

macro_rules! role_extractor {
    ($name:ident, |$account:ident| $pattern:pat => $build:expr) => {
        impl FromRequest for $name {
            type Error = actix_web::Error;
            type Future = Boxed<Self>;

            fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
                let req = req.clone();
                Box::pin(async move {
                    let CurrentUser($account) = load_current(req).await?;
                    match $account.scope.clone() {
                        $pattern => Ok($build),
                        _ => Err(AppError::Forbidden.into()),
                    }
                })
            }
        }
    };
}

role_extractor!(AdminUser, |account| RoleScope::Admin => AdminUser(account));
role_extractor!(NationalUser, |account| RoleScope::National => NationalUser(account));
role_extractor!(CentreUser, |account| RoleScope::CentreStaff(region) => CentreUser { account, region });
role_extractor!(PsychologistUser, |account| RoleScope::Psychologist(school) => PsychologistUser { account, school });
