//! `/admin/settings`: the effective configuration (read-only) and the centres' notification addresses,
//! whose changes are audited.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::super::{html_page, see_other};
use crate::app::manage_centres;
use crate::domain::organisation::Email;
use crate::domain::region::RegionCode;
use crate::web::auth::AdminUser;
use crate::web::csrf::CsrfForm;
use crate::web::page::Page;
use crate::web::session::set_flash;
use crate::web::views::admin::settings::{SettingsView, settings_page};
use crate::web::{AppError, AppState};

async fn render(
    admin: &AdminUser,
    page: &Page,
    state: &AppState,
    problem: Option<(String, &'static str, String)>,
) -> Result<HttpResponse, AppError> {
    let regions = state.use_case(manage_centres::centres).await?;
    let code = if problem.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let settings = &state.settings;
    let view = SettingsView {
        backend: settings.database_url.backend(),
        k: settings.k.get(),
        public_url: settings.public_url.clone(),
        session_hours: settings.session_hours,
        surveys_dir: settings.surveys_dir.display().to_string(),
        regions,
        problem,
    };
    Ok(html_page(code, settings_page(&page.chrome(Some(&admin.0)), &view)))
}

/// `GET /admin/settings`.
pub async fn show(admin: AdminUser, page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    render(&admin, &page, &state, None).await
}

/// The centre address form.
#[derive(Deserialize)]
pub struct CentreEmailForm {
    email: String,
}

/// `POST /admin/settings/centres/{code}`.
pub async fn set_centre_email(
    admin: AdminUser,
    page: Page,
    session: Session,
    state: web::Data<AppState>,
    code: web::Path<String>,
    CsrfForm(form): CsrfForm<CentreEmailForm>,
) -> Result<HttpResponse, AppError> {
    let region = RegionCode::parse(&code).ok_or(AppError::NotFound)?;
    match Email::parse(&form.email) {
        Ok(email) => {
            let actor = admin.0.id;
            state.use_case(move |conn| manage_centres::set_centre_email(conn, actor, &region, &email)).await?;
            set_flash(&session, "flash-saved");
            Ok(see_other("/admin/settings"))
        }
        Err(invalid) => render(&admin, &page, &state, Some((region.to_string(), invalid.0, form.email))).await,
    }
}
