//! `/school/trust` and `/centre/trust`: the trust box's staff pages (issue 19). One set of handlers
//! serves both desks; each is registered once per role with that role's extractor
//! (`trust::list::<PsychologistUser>`), so the route table stays the access table. What the pages do
//! is `web::trust_pages`.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpResponse, web};

use crate::domain::account::Account;
use crate::domain::ids::ConversationId;
use crate::domain::trust_box::desk::Desk;
use crate::web::auth::{CentreUser, PsychologistUser};
use crate::web::csrf::CsrfForm;
use crate::web::page::Page;
use crate::web::trust_pages::{self, CloseForm, Posted, TextForm};
use crate::web::{AppError, AppState};

/// Staff with a trust box desk, as their role's extractor gives them.
pub trait DeskHolder: FromRequest + 'static {
    /// The signed-in account.
    fn account(&self) -> &Account;
    /// The desk they work: their school's, or their region's centre's.
    fn desk(&self) -> Desk;
}

impl DeskHolder for PsychologistUser {
    fn account(&self) -> &Account {
        &self.account
    }
    fn desk(&self) -> Desk {
        Desk::School(self.school)
    }
}

impl DeskHolder for CentreUser {
    fn account(&self) -> &Account {
        &self.account
    }
    fn desk(&self) -> Desk {
        Desk::Centre(self.region.clone())
    }
}

/// `GET /school/trust`, `GET /centre/trust`: the desk's inbox.
pub async fn list<U: DeskHolder>(user: U, page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    trust_pages::inbox(&state, &page, user.account(), user.desk()).await
}

/// `GET /school/trust/{id}`, `GET /centre/trust/{id}`: one conversation.
pub async fn show<U: DeskHolder>(
    user: U,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<ConversationId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    trust_pages::conversation(&state, &page, user.account(), user.desk(), id, None, StatusCode::OK).await
}

/// The step posted by `user` on conversation `id`.
async fn act<U: DeskHolder>(
    user: &U,
    session: &Session,
    page: &Page,
    state: &AppState,
    id: ConversationId,
    posted: Posted,
) -> Result<HttpResponse, AppError> {
    trust_pages::act(state, session, page, user.account(), user.desk(), id, posted).await
}

/// `POST …/trust/{id}/reply`: words for the pupil.
pub async fn reply<U: DeskHolder>(
    user: U,
    session: Session,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<ConversationId>,
    CsrfForm(form): CsrfForm<TextForm>,
) -> Result<HttpResponse, AppError> {
    act(&user, &session, &page, &state, id.into_inner(), Posted::Reply(form.body)).await
}

/// `POST …/trust/{id}/note`: words for the other desk, never shown to the pupil.
pub async fn note<U: DeskHolder>(
    user: U,
    session: Session,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<ConversationId>,
    CsrfForm(form): CsrfForm<TextForm>,
) -> Result<HttpResponse, AppError> {
    act(&user, &session, &page, &state, id.into_inner(), Posted::Note(form.body)).await
}

/// `POST …/trust/{id}/close`: finish it with an outcome.
pub async fn close<U: DeskHolder>(
    user: U,
    session: Session,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<ConversationId>,
    CsrfForm(form): CsrfForm<CloseForm>,
) -> Result<HttpResponse, AppError> {
    act(&user, &session, &page, &state, id.into_inner(), Posted::Close(form.outcome)).await
}

/// `POST /school/trust/{id}/escalate`: pass it to the region's centre, once. Only a school does this,
/// so only the psychologist's extractor takes it; the school still reads it and may write notes.
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
