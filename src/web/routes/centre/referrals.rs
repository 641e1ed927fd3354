//! `/centre/referrals`: the centre's inbox and its work on each referral of its region: acknowledge,
//! start, close with an outcome, and exchange notes with the school.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use crate::app::browse_organisation;
use crate::app::move_referral::{Step, move_referral};
use crate::domain::ids::{ReferralId, SchoolId};
use crate::domain::referral::{InboxFilter, ReferralScope, ReferralStatus};
use crate::web::auth::CentreUser;
use crate::web::csrf::CsrfForm;
use crate::web::page::Page;
use crate::web::referral_pages::{self, NoteForm, move_refused, step_refused};
use crate::web::routes::see_other;
use crate::web::session::set_flash;
use crate::web::views::referrals::Side;
use crate::web::{AppError, AppState};

/// The inbox filters as they come in the query string; anything unknown is ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct InboxQuery {
    status: Option<String>,
    school: Option<String>,
    indicator: Option<String>,
    overdue: Option<String>,
}

impl InboxQuery {
    fn filter(&self) -> InboxFilter {
        InboxFilter {
            status: self.status.as_deref().and_then(ReferralStatus::parse),
            school: self.school.as_deref().and_then(SchoolId::parse),
            // Indicator ids are slugs; anything else (a NUL, which PostgreSQL cannot compare) names none.
            indicator: self
                .indicator
                .clone()
                .filter(|i| !i.is_empty() && i.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')),
            overdue: self.overdue.is_some(),
        }
    }
}

fn scope(user: &CentreUser) -> ReferralScope {
    ReferralScope::Region(user.region.clone())
}

/// `GET /centre/referrals`: sorted by severity, then deadline.
pub async fn list(
    user: CentreUser,
    page: Page,
    state: web::Data<AppState>,
    query: web::Query<InboxQuery>,
) -> Result<HttpResponse, AppError> {
    let region = user.region.clone();
    let schools: Vec<(String, String)> = state
        .use_case(move |conn| browse_organisation::schools_of(conn, &region))
        .await?
        .into_iter()
        .map(|s| (s.school.id.to_string(), format!("{} {}", s.school.code, s.school.name.get(page.lang))))
        .collect();
    referral_pages::list(&state, &page, &user.account, Side::Centre, scope(&user), query.filter(), schools).await
}

/// `GET /centre/referrals/{id}`.
pub async fn show(
    user: CentreUser,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<ReferralId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    referral_pages::show(&state, &page, &user.account, Side::Centre, scope(&user), id).await
}

/// The transition form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TransitionForm {
    to: String,
    outcome: Option<String>,
    reason: Option<String>,
    note: Option<String>,
}

impl TransitionForm {
    /// The step asked for; a refused one is a 409 with its message.
    pub fn step(&self) -> Result<Step, AppError> {
        Step::asked(&self.to, self.outcome.as_deref(), self.reason.as_deref(), self.note.as_deref())
            .map_err(step_refused)
    }
}

/// `POST /centre/referrals/{id}/transition`: the next step, or 409 with the reason it is refused.
pub async fn transition(
    user: CentreUser,
    session: Session,
    state: web::Data<AppState>,
    id: web::Path<ReferralId>,
    CsrfForm(form): CsrfForm<TransitionForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let step = form.step()?;
    let scope = scope(&user);
    let actor = user.account.id;
    let now = Utc::now().naive_utc();
    state.use_case(move |conn| move_referral(conn, &scope, id, &step, actor, now).map_err(move_refused)).await?;
    set_flash(&session, "flash-referral-moved");
    Ok(see_other(&format!("/centre/referrals/{id}")))
}

/// `POST /centre/referrals/{id}/notes`.
pub async fn add_note(
    user: CentreUser,
    session: Session,
    state: web::Data<AppState>,
    id: web::Path<ReferralId>,
    CsrfForm(form): CsrfForm<NoteForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    referral_pages::add_note(&state, &session, &user.account, Side::Centre, scope(&user), id, &form.body).await
}
