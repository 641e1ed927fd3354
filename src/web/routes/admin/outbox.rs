//! `/admin/outbox`: the notifications not delivered yet, why they failed, and a button to try one
//! again now (audited).

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use super::super::{html_page, see_other};
use crate::app::manage_outbox;
use crate::domain::ids::OutboxId;
use crate::web::auth::AdminUser;
use crate::web::csrf::CsrfForm;
use crate::web::page::Page;
use crate::web::session::set_flash;
use crate::web::views::admin::outbox::outbox_page;
use crate::web::{AppError, AppState};

/// `GET /admin/outbox`.
pub async fn show(admin: AdminUser, page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let overview = state.use_case(manage_outbox::overview).await?;
    Ok(html_page(StatusCode::OK, outbox_page(&page.chrome(Some(&admin.0)), &overview)))
}

/// The retry form carries only the token.
#[derive(Deserialize)]
pub struct RetryForm {}

/// `POST /admin/outbox/{id}/retry`: due now; a message delivered meanwhile (or never there) is not
/// found.
pub async fn retry(
    admin: AdminUser,
    session: Session,
    state: web::Data<AppState>,
    id: web::Path<OutboxId>,
    CsrfForm(_): CsrfForm<RetryForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let actor = admin.0.id;
    let now = Utc::now().naive_utc();
    if !state.use_case(move |conn| manage_outbox::retry(conn, actor, id, now)).await? {
        return Err(AppError::NotFound);
    }
    set_flash(&session, "flash-outbox-retried");
    Ok(see_other("/admin/outbox"))
}
