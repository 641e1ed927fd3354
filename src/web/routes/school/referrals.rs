//! `/school/referrals`: the psychologist follows the referrals of their school, adds notes, and
//! raises a manual referral for a class ("complex case").

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::Utc;

use crate::app::manage_classes;
use crate::app::raise_referral::{self, NotTheSchoolsClass};
use crate::domain::ids::ReferralId;
use crate::domain::referral::{InboxFilter, ManualReferral, NoteText, ReferralScope};
use crate::web::auth::PsychologistUser;
use crate::web::csrf::CsrfForm;
use crate::web::forms::FieldErrors;
use crate::web::page::Page;
use crate::web::referral_pages::{self, NoteForm};
use crate::web::routes::{html_page, see_other};
use crate::web::session::set_flash;
use crate::web::views::referrals::{ManualForm, Side, manual_referral_page};
use crate::web::{AppError, AppState};

fn scope(user: &PsychologistUser) -> ReferralScope {
    ReferralScope::School(user.school)
}

/// `GET /school/referrals`.
pub async fn list(user: PsychologistUser, page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let filter = InboxFilter::default();
    referral_pages::list(&state, &page, &user.account, Side::School, scope(&user), filter, Vec::new()).await
}

/// `GET /school/referrals/{id}`.
pub async fn show(
    user: PsychologistUser,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<ReferralId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    referral_pages::show(&state, &page, &user.account, Side::School, scope(&user), id).await
}

/// `POST /school/referrals/{id}/notes`.
pub async fn add_note(
    user: PsychologistUser,
    session: Session,
    state: web::Data<AppState>,
    id: web::Path<ReferralId>,
    CsrfForm(form): CsrfForm<NoteForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    referral_pages::add_note(&state, &session, &user.account, Side::School, scope(&user), id, &form.body).await
}

async fn render_form(
    user: &PsychologistUser,
    page: &Page,
    state: &AppState,
    form: &ManualForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let school = user.school;
    let options: Vec<(String, String)> = state
        .use_case(move |conn| manage_classes::classes_of(conn, school))
        .await?
        .into_iter()
        .map(|c| (c.id.to_string(), c.label.to_string()))
        .collect();
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok(html_page(status, manual_referral_page(&page.chrome(Some(&user.account)), &options, form, errors)))
}

/// `GET /school/referrals/new`.
pub async fn new(user: PsychologistUser, page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    render_form(&user, &page, &state, &ManualForm::default(), &FieldErrors::new()).await
}

/// `POST /school/referrals`: a manual referral of a class of this school.
pub async fn create(
    user: PsychologistUser,
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<ManualForm>,
) -> Result<HttpResponse, AppError> {
    let mut errors = FieldErrors::new();
    let class = form.class;
    if class.is_none() {
        errors.add("class", "referral-class-required");
    }
    let note = NoteText::parse(&form.note).inspect_err(|e| errors.add("note", e.message_key())).ok();
    let (Some(class), Some(note)) = (class, note) else {
        return render_form(&user, &page, &state, &form, &errors).await;
    };
    let manual =
        ManualReferral { school: user.school, class, urgent: form.urgent.is_some(), note, raised_by: user.account.id };
    let plan = state.notify.clone();
    let now = Utc::now().naive_utc();
    match state.use_case(move |conn| raise_referral::raise(conn, &plan, &manual, now)).await? {
        Ok(id) => {
            set_flash(&session, "flash-referral-raised");
            Ok(see_other(&format!("/school/referrals/{id}")))
        }
        Err(NotTheSchoolsClass) => {
            errors.add("class", "referral-class-required");
            render_form(&user, &page, &state, &form, &errors).await
        }
    }
}
