//! `/account/security`: the account's second factor and its signed-in sessions; `/account/sessions/end`
//! ends one of the others, or all of them but this one.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::{html_page, see_other};
use crate::app::staff_sessions;
use crate::web::auth::CurrentUser;
use crate::web::csrf::CsrfForm;
use crate::web::page::Page;
use crate::web::session;
use crate::web::views::security::{SecurityView, SessionLine, security_page};
use crate::web::{AppError, AppState};

async fn render(
    user: &CurrentUser,
    page: &Page,
    session: &Session,
    state: &AppState,
    status: StatusCode,
    problem: Option<(&'static str, &'static str)>,
) -> Result<HttpResponse, AppError> {
    let secret = session::signed_in(session).map(|s| s.secret).ok_or(AppError::Unauthenticated)?;
    let id = user.0.id;
    let since = chrono::Utc::now().naive_utc() - chrono::Duration::hours(state.settings.session_hours);
    let (rows, current, codes_left) =
        state.use_case(move |conn| staff_sessions::overview(conn, id, &secret, since)).await?;
    let sessions: Vec<SessionLine> = rows
        .into_iter()
        .map(|row| SessionLine {
            current: row.id == current,
            id: row.id,
            device: row.device,
            created_at: row.created_at,
            last_seen_at: row.last_seen_at,
        })
        .collect();
    let account = &user.0;
    let view = SecurityView {
        has_second_factor: account.has_second_factor,
        required: state.settings.second_factor.requires(account.scope.role(), account.must_enrol_second_factor),
        codes_left,
        sessions: &sessions,
        problem,
    };
    Ok(html_page(status, security_page(&page.chrome(Some(account)), &view)))
}

/// `GET /account/security`.
pub async fn show(
    user: CurrentUser,
    page: Page,
    session: Session,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    render(&user, &page, &session, &state, StatusCode::OK, None).await
}

/// The page again after a code typed on it was refused (`problem`: which form, which message).
pub(super) async fn refused(
    user: CurrentUser,
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    problem: (&'static str, &'static str),
) -> Result<HttpResponse, AppError> {
    render(&user, &page, &session, &state, StatusCode::UNPROCESSABLE_ENTITY, Some(problem)).await
}

/// Which session to end: an id from the list, or `others`.
#[derive(Deserialize)]
pub struct EndForm {
    session: String,
}

/// `POST /account/sessions/end`: ends one other session, or every other one; the current one
/// stays (signing out ends it).
pub async fn end(
    user: CurrentUser,
    session: Session,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<EndForm>,
) -> Result<HttpResponse, AppError> {
    let secret = session::signed_in(&session).map(|s| s.secret).ok_or(AppError::Unauthenticated)?;
    let which = (form.session != "others").then_some(form.session);
    let id = user.0.id;
    let one = which.is_some();
    let ended = state.use_case(move |conn| staff_sessions::end_others(conn, id, &secret, which.as_deref())).await?;
    if one && ended == 0 {
        // Not a session of theirs that still runs (or this one, which signing out ends).
        return Err(AppError::NotFound);
    }
    session::set_flash(&session, if ended > 0 { "flash-sessions-ended" } else { "flash-sessions-none-ended" });
    Ok(see_other("/account/security"))
}
