//! `GET /open`, `GET /open/{region}` and `GET /open/{region}/figures.csv`: the open figures, for
//! anyone without signing in, per published reporting period (the latest by default); and
//! `GET /national/centres`, every centre's referral figures side by side for the national analyst.
//! A period not yet published names nothing ("not found"), as on the staff's pages.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use super::html_page;
use crate::app::open_figures::{self, OpenRegionFigures};
use crate::app::region_figures::chosen_period;
use crate::domain::period::ReportingPeriod;
use crate::domain::region::RegionCode;
use crate::domain::survey::wave::local_date;
use crate::web::auth::NationalUser;
use crate::web::open_export::open_figures_csv;
use crate::web::page::{Page, PublicPage};
use crate::web::views::national::national_centres_page;
use crate::web::views::open::{OpenPlace, open_index_page, open_region_page};
use crate::web::{AppError, AppState};

/// Which published period (the latest by default); the language comes with `lang`, read by [`PublicPage`].
#[derive(Deserialize)]
pub struct OpenQuery {
    period: Option<String>,
}

fn period_of(query: &OpenQuery) -> Result<ReportingPeriod, AppError> {
    chosen_period(query.period.as_deref(), local_date(Utc::now())).ok_or(AppError::NotFound)
}

/// The open figures of the region `code` names, for the period `query` asks (the page and its CSV).
async fn region_figures(
    state: &AppState,
    code: &str,
    query: &OpenQuery,
) -> Result<(OpenRegionFigures, ReportingPeriod), AppError> {
    let (region, period) = (RegionCode::parse(code).ok_or(AppError::NotFound)?, period_of(query)?);
    let with = state.figure_context();
    let shown = state.use_case(move |conn| open_figures::of_region(conn, &with, &region, period)).await?;
    Ok((shown, period))
}

/// `GET /open`.
pub async fn index(
    page: PublicPage,
    state: web::Data<AppState>,
    query: web::Query<OpenQuery>,
) -> Result<HttpResponse, AppError> {
    let period = period_of(&query)?;
    let k = state.settings.k;
    let centres = state.use_case(move |conn| open_figures::every_centre(conn, period, k)).await?;
    let place = OpenPlace { path: "/open", period, today: local_date(Utc::now()), k: k.get() };
    Ok(html_page(StatusCode::OK, open_index_page(&page.chrome(), &place, &centres)))
}

/// `GET /open/{region}`.
pub async fn region(
    page: PublicPage,
    state: web::Data<AppState>,
    code: web::Path<String>,
    query: web::Query<OpenQuery>,
) -> Result<HttpResponse, AppError> {
    let (shown, period) = region_figures(&state, &code, &query).await?;
    let path = format!("/open/{}", shown.region.code.as_str());
    let place = OpenPlace { path: &path, period, today: local_date(Utc::now()), k: state.settings.k.get() };
    Ok(html_page(StatusCode::OK, open_region_page(&page.chrome(), &place, &state.catalog, &shown)))
}

/// `GET /open/{region}/figures.csv`: the same figures as the page, one row each.
pub async fn region_csv(
    state: web::Data<AppState>,
    code: web::Path<String>,
    query: web::Query<OpenQuery>,
) -> Result<HttpResponse, AppError> {
    let (shown, period) = region_figures(&state, &code, &query).await?;
    let csv = open_figures_csv(&shown, period, &state.catalog, state.settings.k)
        .map_err(|e| AppError::failed("writing the open figures as CSV", e))?;
    let name = format!("ahual-{}-{}.csv", shown.region.code.as_str(), period.id());
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(("Content-Disposition", format!("attachment; filename=\"{name}\"")))
        .body(csv))
}

/// `GET /national/centres`.
pub async fn national_centres(
    user: NationalUser,
    page: Page,
    state: web::Data<AppState>,
    query: web::Query<OpenQuery>,
) -> Result<HttpResponse, AppError> {
    let period = period_of(&query)?;
    let (k, actor) = (state.settings.k, user.0.id);
    let centres = state.use_case(move |conn| open_figures::centres(conn, period, k, actor)).await?;
    let place = OpenPlace { path: "/national/centres", period, today: local_date(Utc::now()), k: k.get() };
    Ok(html_page(StatusCode::OK, national_centres_page(&page.chrome(Some(&user.0)), &place, &centres)))
}
