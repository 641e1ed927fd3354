//! `GET /centre/region`: the overview of the centre's region for one questionnaire.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use super::super::html_page;
use crate::app::region_figures;
use crate::domain::survey::wave::local_date;
use crate::web::auth::CentreUser;
use crate::web::page::Page;
use crate::web::views::centre::region::region_page;
use crate::web::{AppError, AppState};

/// Which questionnaire and version (the newest by default) and which published reporting period (the
/// latest by default).
#[derive(Deserialize)]
pub struct RegionQuery {
    instrument: Option<String>,
    version: Option<u32>,
    period: Option<String>,
}

/// The overview page.
pub async fn show(
    user: CentreUser,
    page: Page,
    state: web::Data<AppState>,
    query: web::Query<RegionQuery>,
) -> Result<HttpResponse, AppError> {
    let wanted = query.instrument.clone().unwrap_or_else(|| "school-climate".to_owned());
    let instrument = state.catalog.chosen(&wanted, query.version).ok_or(AppError::NotFound)?;
    let key = instrument.key();
    let today = local_date(Utc::now());
    let period = region_figures::chosen_period(query.period.as_deref(), today).ok_or(AppError::NotFound)?;
    let (with, region, actor) = (state.figure_context(), user.region.clone(), user.account.id);
    let overview =
        state.use_case(move |conn| region_figures::overview(conn, &with, &region, &key, period, actor)).await?;
    Ok(html_page(
        StatusCode::OK,
        region_page(&page.chrome(Some(&user.account)), instrument, &overview, &state.catalog, today),
    ))
}
