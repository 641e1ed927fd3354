//! `/account/two-factor`: enrolling an authenticator app (or replacing it), renewing recovery codes
//! and removing the second factor where the role allows. Changing a second factor that exists asks
//! for one of its codes (or a recovery code), so a session left open on a shared computer cannot
//! swap it.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use super::{html_page, see_other};
use crate::app::second_factor::{self, CodeCheck};
use crate::domain::second_factor::TotpSecret;
use crate::web::auth::CurrentUser;
use crate::web::csrf::CsrfForm;
use crate::web::page::Page;
use crate::web::session;
use crate::web::views::second_factor::{EnrolView, enrol_page, recovery_codes_page};
use crate::web::{AppError, AppState};

/// The secret being enrolled: the one kept in the session (so the QR code scanned stays the one
/// checked), or a new one, which is kept from now on.
fn enrolling_secret(session: &Session) -> TotpSecret {
    let kept = session::enrolling(session).and_then(|hex| hex::decode(hex).ok()).and_then(TotpSecret::from_bytes);
    kept.unwrap_or_else(|| {
        let secret = TotpSecret::generate();
        session::set_enrolling(session, &hex::encode(secret.bytes()));
        secret
    })
}

fn enrol_reply(
    user: &CurrentUser,
    page: &Page,
    state: &AppState,
    secret: &TotpSecret,
    status: StatusCode,
    problem: Option<(&'static str, &'static str)>,
) -> HttpResponse {
    let account = &user.0;
    let view = EnrolView {
        otpauth: &secret.otpauth_url(&account.login).unwrap_or_default(),
        secret_text: &secret.for_typing(),
        replacing: account.has_second_factor,
        required_now: account.lacks_required_second_factor(state.settings.second_factor),
        problem,
    };
    html_page(status, enrol_page(&page.chrome(Some(account)), &view))
}

/// `GET /account/two-factor`.
pub async fn show(user: CurrentUser, page: Page, session: Session, state: web::Data<AppState>) -> HttpResponse {
    let secret = enrolling_secret(&session);
    enrol_reply(&user, &page, &state, &secret, StatusCode::OK, None)
}

/// The enrolment form: the new app's code, and (when replacing) a code of the current one.
#[derive(Deserialize)]
pub struct EnrolForm {
    code: String,
    #[serde(default)]
    current: String,
}

async fn check_own_code(state: &AppState, user: &CurrentUser, typed: String) -> Result<CodeCheck, AppError> {
    let (seal, id, now) = (state.second_factor_seal.clone(), user.0.id, Utc::now().naive_utc());
    state.use_case(move |conn| second_factor::check_code(conn, &seal, id, &typed, now)).await
}

/// `POST /account/two-factor`: enrols the secret shown, once the app's code proves it was scanned,
/// and shows the recovery codes once.
pub async fn enrol(
    user: CurrentUser,
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<EnrolForm>,
) -> Result<HttpResponse, AppError> {
    let secret = enrolling_secret(&session);
    if user.0.has_second_factor {
        let check = check_own_code(&state, &user, form.current).await?;
        if check != CodeCheck::Accepted {
            let problem = Some(("current", check.refusal_key()));
            return Ok(enrol_reply(&user, &page, &state, &secret, StatusCode::UNPROCESSABLE_ENTITY, problem));
        }
    }
    let (seal, id, now, typed) = (state.second_factor_seal.clone(), user.0.id, Utc::now().naive_utc(), form.code);
    let kept = secret.clone();
    let enrolled = state.use_case(move |conn| second_factor::enrol(conn, &seal, id, &kept, &typed, now)).await?;
    let Some(codes) = enrolled else {
        let problem = Some(("code", "code-wrong-new-app"));
        return Ok(enrol_reply(&user, &page, &state, &secret, StatusCode::UNPROCESSABLE_ENTITY, problem));
    };
    session::clear_enrolling(&session);
    let mut account = user.0.clone();
    account.has_second_factor = true;
    account.must_enrol_second_factor = false;
    Ok(html_page(StatusCode::OK, recovery_codes_page(&page.chrome(Some(&account)), &codes)))
}

/// A form that asks only for a code.
#[derive(Deserialize)]
pub struct CodeForm {
    code: String,
}

/// `POST /account/two-factor/codes`: a new set of recovery codes, shown once; the old ones stop
/// working.
pub async fn renew_codes(
    user: CurrentUser,
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> Result<HttpResponse, AppError> {
    if !user.0.has_second_factor {
        return Ok(see_other("/account/two-factor"));
    }
    let check = check_own_code(&state, &user, form.code).await?;
    if check != CodeCheck::Accepted {
        return super::security::refused(user, page, session, state, ("renew", check.refusal_key())).await;
    }
    let id = user.0.id;
    let codes = state.use_case(move |conn| second_factor::renew_codes(conn, id)).await?;
    Ok(html_page(StatusCode::OK, recovery_codes_page(&page.chrome(Some(&user.0)), &codes)))
}

/// `POST /account/two-factor/remove`: only where neither the role nor a reset requires one.
pub async fn remove(
    user: CurrentUser,
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> Result<HttpResponse, AppError> {
    let account = &user.0;
    if state.settings.second_factor.requires(account.scope.role(), account.must_enrol_second_factor) {
        return Err(AppError::Forbidden);
    }
    if !account.has_second_factor {
        return Err(AppError::Conflict("second-factor-off"));
    }
    let check = check_own_code(&state, &user, form.code).await?;
    if check != CodeCheck::Accepted {
        return super::security::refused(user, page, session, state, ("remove", check.refusal_key())).await;
    }
    let id = account.id;
    state.use_case(move |conn| second_factor::remove_own(conn, id)).await?;
    session::set_flash(&session, "flash-second-factor-removed");
    Ok(see_other("/account/security"))
}
