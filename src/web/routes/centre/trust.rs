//! `/centre/trust`: the trust box as a regional centre works it: the conversations written to it or
//! passed on by its schools, and its schools' overdue ones. Everything but saying which desk this is
//! lives in `web::trust_pages`.

use actix_session::Session;
use actix_web::{HttpResponse, web};

use crate::app::trust_box::staff::Desk;
use crate::domain::ids::ConversationId;
use crate::web::auth::CentreUser;
use crate::web::csrf::CsrfForm;
use crate::web::page::Page;
use crate::web::trust_pages::{self, CloseForm, Posted, TextForm};
use crate::web::{AppError, AppState};

fn desk(user: &CentreUser) -> Desk {
    Desk::Centre(user.region.clone())
}

/// `GET /centre/trust`: the centre's inbox.
pub async fn list(user: CentreUser, page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    trust_pages::inbox(&state, &page, &user.account, desk(&user)).await
}

/// `GET /centre/trust/{id}`: one conversation.
pub async fn show(
    user: CentreUser,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<ConversationId>,
) -> Result<HttpResponse, AppError> {
    let ok = actix_web::http::StatusCode::OK;
    trust_pages::conversation(&state, &page, &user.account, desk(&user), id.into_inner(), None, ok).await
}

async fn act(
    user: &CentreUser,
    session: &Session,
    page: &Page,
    state: &AppState,
    id: ConversationId,
    posted: Posted,
) -> Result<HttpResponse, AppError> {
    trust_pages::act(state, session, page, &user.account, desk(user), id, posted).await
}

/// `POST /centre/trust/{id}/reply`: words for the pupil.
pub async fn reply(
    user: CentreUser,
    session: Session,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<ConversationId>,
    CsrfForm(form): CsrfForm<TextForm>,
) -> Result<HttpResponse, AppError> {
    act(&user, &session, &page, &state, id.into_inner(), Posted::Reply(form.body)).await
}

/// `POST /centre/trust/{id}/note`: words for the other desk, never shown to the pupil.
pub async fn note(
    user: CentreUser,
    session: Session,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<ConversationId>,
    CsrfForm(form): CsrfForm<TextForm>,
) -> Result<HttpResponse, AppError> {
    act(&user, &session, &page, &state, id.into_inner(), Posted::Note(form.body)).await
}

/// `POST /centre/trust/{id}/close`: finish it with an outcome.
pub async fn close(
    user: CentreUser,
    session: Session,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<ConversationId>,
    CsrfForm(form): CsrfForm<CloseForm>,
) -> Result<HttpResponse, AppError> {
    act(&user, &session, &page, &state, id.into_inner(), Posted::Close(form.outcome)).await
}
