//! `/school/trust`: the trust box as a school psychologist works it: the conversations pupils wrote
//! to the school (escalated ones stay readable, with notes). Everything but saying which desk this
//! is lives in `web::trust_pages`.

use actix_session::Session;
use actix_web::{HttpResponse, web};

use crate::app::trust_box::staff::Desk;
use crate::domain::ids::ConversationId;
use crate::web::auth::PsychologistUser;
use crate::web::csrf::CsrfForm;
use crate::web::page::Page;
use crate::web::trust_pages::{self, CloseForm, Posted, TextForm};
use crate::web::{AppError, AppState};

fn desk(user: &PsychologistUser) -> Desk {
    Desk::School(user.school)
}

/// `GET /school/trust`: the psychologist's inbox.
pub async fn list(user: PsychologistUser, page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    trust_pages::inbox(&state, &page, &user.account, desk(&user)).await
}

/// `GET /school/trust/{id}`: one conversation.
pub async fn show(
    user: PsychologistUser,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<ConversationId>,
) -> Result<HttpResponse, AppError> {
    let ok = actix_web::http::StatusCode::OK;
    trust_pages::conversation(&state, &page, &user.account, desk(&user), id.into_inner(), None, ok).await
}

async fn act(
    user: &PsychologistUser,
    session: &Session,
    page: &Page,
    state: &AppState,
    id: ConversationId,
    posted: Posted,
) -> Result<HttpResponse, AppError> {
    trust_pages::act(state, session, page, &user.account, desk(user), id, posted).await
}

/// `POST /school/trust/{id}/reply`: words for the pupil.
pub async fn reply(
    user: PsychologistUser,
    session: Session,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<ConversationId>,
    CsrfForm(form): CsrfForm<TextForm>,
) -> Result<HttpResponse, AppError> {
    act(&user, &session, &page, &state, id.into_inner(), Posted::Reply(form.body)).await
}

/// `POST /school/trust/{id}/note`: words for the other desk, never shown to the pupil.
pub async fn note(
    user: PsychologistUser,
    session: Session,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<ConversationId>,
    CsrfForm(form): CsrfForm<TextForm>,
) -> Result<HttpResponse, AppError> {
    act(&user, &session, &page, &state, id.into_inner(), Posted::Note(form.body)).await
}

/// `POST /school/trust/{id}/escalate`: pass it to the region's centre (once; the school still reads
/// it and may write notes).
pub async fn escalate(
    user: PsychologistUser,
    session: Session,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<ConversationId>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    act(&user, &session, &page, &state, id.into_inner(), Posted::Escalate).await
}

/// `POST /school/trust/{id}/close`: finish it with an outcome.
pub async fn close(
    user: PsychologistUser,
    session: Session,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<ConversationId>,
    CsrfForm(form): CsrfForm<CloseForm>,
) -> Result<HttpResponse, AppError> {
    act(&user, &session, &page, &state, id.into_inner(), Posted::Close(form.outcome)).await
}
