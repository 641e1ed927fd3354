//! `GET /national`: each region's released figures for one questionnaire, side by side.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use super::html_page;
use crate::app::region_figures;
use crate::domain::survey::wave::local_date;
use crate::web::auth::NationalUser;
use crate::web::page::Page;
use crate::web::views::national::{NationalView, national_page};
use crate::web::{AppError, AppState};

/// Which questionnaire and version (the newest by default) and which published reporting period (the
/// latest by default).
#[derive(Deserialize)]
pub struct NationalQuery {
    instrument: Option<String>,
    version: Option<u32>,
    period: Option<String>,
}

/// The national overview page.
pub async fn show(
    user: NationalUser,
    page: Page,
    state: web::Data<AppState>,
    query: web::Query<NationalQuery>,
) -> Result<HttpResponse, AppError> {
    let wanted = query.instrument.clone().unwrap_or_else(|| "school-climate".to_owned());
    let instrument = state.catalog.chosen(&wanted, query.version).ok_or(AppError::NotFound)?;
    let key = instrument.key();
    let today = local_date(Utc::now());
    let period = region_figures::chosen_period(query.period.as_deref(), today).ok_or(AppError::NotFound)?;
    let (with, actor) = (state.figure_context(), user.0.id);
    let national = state.use_case(move |conn| region_figures::national(conn, &with, &key, period, actor)).await?;
    let view = NationalView {
        instrument,
        regions: &national.regions,
        figures: &national.figures,
        catalog: &state.catalog,
        k: state.settings.k.get(),
        period,
        today,
    };
    Ok(html_page(StatusCode::OK, national_page(&page.chrome(Some(&user.0)), &view)))
}
