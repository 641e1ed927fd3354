//! `/school/waves`: the psychologist opens a wave for chosen classes, prints the passwords (shown
//! once), follows participation in bands of k while it is open, and closes it.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::{Duration, Utc};

use super::super::{html_page, see_other};
use crate::app::manage_classes;
use crate::app::open_wave::{OpenRefusal, WaveRequest, open_asked};
use crate::app::wave_figures::{self, FigureScope};
use crate::app::{browse_organisation, browse_waves, close_wave};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::WaveId;
use crate::domain::survey::wave::{WaveStatus, local_date};
use crate::web::auth::PsychologistUser;
use crate::web::csrf::CsrfForm;
use crate::web::figures;
use crate::web::forms::FieldErrors;
use crate::web::forms::wave::WaveForm;
use crate::web::page::Page;
use crate::web::school_dashboard;
use crate::web::session::set_flash;
use crate::web::views::school::waves::{
    NewWaveView, Sheets, WaveClassLine, WaveDetailView, WaveListView, new_wave_page, secrets_page, wave_detail_page,
    wave_list_page,
};
use crate::web::{AppError, AppState};

/// `GET /school/waves`.
pub async fn list(user: PsychologistUser, page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let school = user.school;
    let waves = state.use_case(move |conn| browse_waves::of_school(conn, school)).await?;
    let view = WaveListView { waves, today: local_date(Utc::now()), catalog: state.catalog.clone() };
    Ok(html_page(StatusCode::OK, wave_list_page(&page.chrome(Some(&user.account)), &view)))
}

fn fresh_nonce() -> String {
    let mut bytes = [0u8; 16];
    rand::fill(&mut bytes);
    hex::encode(bytes)
}

async fn render_new(
    user: &PsychologistUser,
    page: &Page,
    state: &AppState,
    form: WaveForm,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let school = user.school;
    let classes = state.use_case(move |conn| manage_classes::classes_of(conn, school)).await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let view = NewWaveView { classes, catalog: state.catalog.clone(), form, errors };
    Ok(html_page(status, new_wave_page(&page.chrome(Some(&user.account)), &view)))
}

/// `GET /school/waves/new`: everything pre-selected: all classes, the main instrument, two weeks.
pub async fn new(user: PsychologistUser, page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let school = user.school;
    let classes = state.use_case(move |conn| manage_classes::classes_of(conn, school)).await?;
    let today = local_date(Utc::now());
    let instrument = state.catalog.latest("school-climate").or_else(|| state.catalog.latest_all().first().copied());
    let form = WaveForm {
        instrument: instrument.map(|i| i.id().to_owned()).unwrap_or_default(),
        classes: classes.iter().map(|c| c.id).collect(),
        unreadable_classes: 0,
        opens_on: today.to_string(),
        closes_on: (today + Duration::days(14)).to_string(),
        mode: "password".into(),
        nonce: fresh_nonce(),
    };
    render_new(&user, &page, &state, form, FieldErrors::new()).await
}

/// `POST /school/waves`: opens the wave and shows its secrets once. Posting the same form again opens
/// nothing twice.
pub async fn create(
    user: PsychologistUser,
    page: Page,
    state: web::Data<AppState>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let form = WaveForm::from_pairs(&pairs);
    let choice = match form.parse(local_date(Utc::now())) {
        Ok(choice) => choice,
        Err(errors) => return render_new(&user, &page, &state, form, errors).await,
    };
    let Some(instrument) = state.catalog.latest(&choice.instrument) else {
        let mut errors = FieldErrors::new();
        errors.add("instrument", "wave-choose-instrument");
        return render_new(&user, &page, &state, form, errors).await;
    };
    let request = WaveRequest {
        school: user.school,
        instrument: instrument.key(),
        mode: choice.mode,
        dates: (choice.opens_on, choice.closes_on),
        classes: choice.classes,
        creation_nonce: if form.nonce.is_empty() { fresh_nonce() } else { form.nonce.clone() },
        now: Utc::now().naive_utc(),
        opened_by: Actor::User(user.account.id),
    };
    let title = instrument.title().get(page.lang).to_owned();
    let school = user.school;
    let asked = state
        .use_case(move |conn| {
            // The sheets also carry the school's code, with which a pupil reaches the trust box.
            let code = browse_organisation::school_home(conn, school)?.0.code;
            open_asked(conn, &request).map(|opened| opened.map(|opened| (opened, code)))
        })
        .await?;
    match asked {
        Ok((opened, code)) => {
            let address = state.settings.public_url.clone();
            let sheets = Sheets { title: &title, address: &address, school_code: code.as_str(), opened: &opened };
            Ok(html_page(StatusCode::OK, secrets_page(&page.chrome(Some(&user.account)), &sheets)))
        }
        Err(OpenRefusal::AlreadyOpened) => Err(AppError::Conflict("wave-already-opened")),
        Err(OpenRefusal::PeriodTaken) => {
            let mut errors = FieldErrors::new();
            errors.add("closes_on", "wave-period-taken");
            render_new(&user, &page, &state, form, errors).await
        }
        Err(OpenRefusal::NoClasses) => {
            let mut errors = FieldErrors::new();
            errors.add("class", "wave-choose-classes");
            render_new(&user, &page, &state, form, errors).await
        }
    }
}

/// Which indicator the funnel plot shows.
#[derive(serde::Deserialize)]
pub struct FunnelQuery {
    funnel: Option<String>,
}

/// `GET /school/waves/{id}`: status and, while open, participation in bands of k per class.
pub async fn show(
    user: PsychologistUser,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<WaveId>,
    query: web::Query<FunnelQuery>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let school = user.school;
    let (wave, classes) = state.use_case(move |conn| browse_waves::wave_of_school(conn, school, id)).await?;
    let status = wave.status(local_date(Utc::now()));
    let report = wave_figures::participation(&classes, state.settings.k)?;
    let lines = classes
        .iter()
        .map(|c| {
            let key = c.class_id.to_string();
            let band = report.parts().iter().find(|p| p.key() == &key).and_then(|p| p.participation());
            WaveClassLine { label: c.label.to_string(), grade: c.grade, roll: c.roll, band }
        })
        .collect();
    let figures = match status {
        WaveStatus::Closed => {
            school_dashboard::section(&state, &user, page.lang, &wave, &classes, query.funnel.as_deref()).await?
        }
        _ => None,
    };
    let view = WaveDetailView {
        wave,
        status,
        classes: lines,
        school_band: if status == WaveStatus::Closed { None } else { report.participation() },
        catalog: state.catalog.clone(),
        figures,
    };
    Ok(html_page(StatusCode::OK, wave_detail_page(&page.chrome(Some(&user.account)), &view)))
}

/// `POST /school/waves/{id}/close`.
pub async fn close(
    user: PsychologistUser,
    session: Session,
    state: web::Data<AppState>,
    id: web::Path<WaveId>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let school = user.school;
    let wave = state.use_case(move |conn| browse_waves::wave_of_school(conn, school, id)).await?.0;
    if wave.status(local_date(Utc::now())) == WaveStatus::Closed {
        return Err(AppError::Conflict("wave-already-closed"));
    }
    let ctx = state.flag_context();
    state
        .use_case(move |conn| {
            close_wave::close(conn, id, Some(school), Actor::User(user.account.id), &ctx, Utc::now().naive_utc())
        })
        .await?;
    set_flash(&session, "flash-wave-closed");
    Ok(see_other(&format!("/school/waves/{id}")))
}

/// `GET /school/waves/{id}/figures.csv`: the released figures with the same suppression.
pub async fn export(
    user: PsychologistUser,
    state: web::Data<AppState>,
    id: web::Path<WaveId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    crate::web::export::csv_response(
        figures::load(&state, id, FigureScope::School(user.school), user.account.id, AuditAction::ExportCsv).await?,
    )
}
