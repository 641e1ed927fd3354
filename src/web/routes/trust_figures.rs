//! `GET /centre/trust/figures` (the centre's region) and `GET /national/trust` (every region): the
//! trust box's figures for one published reporting period, the latest by default. A period not yet
//! published names nothing ("not found"), as on the region and national pages.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use super::html_page;
use crate::app::region_figures::chosen_period;
use crate::app::trust_box::figures::{Scope, of_period};
use crate::domain::account::Account;
use crate::domain::region::RegionCode;
use crate::domain::survey::wave::local_date;
use crate::web::auth::{CentreUser, NationalUser};
use crate::web::page::Page;
use crate::web::views::trust::{FiguresPageView, trust_figures_page};
use crate::web::{AppError, AppState};

/// Which published period (the latest by default).
#[derive(Deserialize)]
pub struct FiguresQuery {
    period: Option<String>,
}

/// `GET /centre/trust/figures`.
pub async fn centre(
    user: CentreUser,
    page: Page,
    state: web::Data<AppState>,
    query: web::Query<FiguresQuery>,
) -> Result<HttpResponse, AppError> {
    let region = user.region.clone();
    show(&state, &page, &user.account, Some(region), "/centre/trust/figures", &query).await
}

/// `GET /national/trust`.
pub async fn national(
    user: NationalUser,
    page: Page,
    state: web::Data<AppState>,
    query: web::Query<FiguresQuery>,
) -> Result<HttpResponse, AppError> {
    show(&state, &page, &user.0, None, "/national/trust", &query).await
}

async fn show(
    state: &AppState,
    page: &Page,
    account: &Account,
    region: Option<RegionCode>,
    path: &str,
    query: &FiguresQuery,
) -> Result<HttpResponse, AppError> {
    let today = local_date(Utc::now());
    let period = chosen_period(query.period.as_deref(), today).ok_or(AppError::NotFound)?;
    let (k, actor) = (state.settings.k, account.id);
    let regions = state
        .use_case(move |conn| {
            let scope = region.as_ref().map_or(Scope::Country, Scope::Region);
            of_period(conn, scope, period, k, actor)
        })
        .await?;
    let view = FiguresPageView { path, period, today, k: k.get(), regions: &regions };
    Ok(html_page(StatusCode::OK, trust_figures_page(&page.chrome(Some(account)), &view)))
}
