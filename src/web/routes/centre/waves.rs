//! `/centre/waves`: the centre reads the released figures of every school wave of its region, under
//! the same rules as the school (and the look is recorded).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::Utc;

use super::super::html_page;
use crate::app::browse_waves;
use crate::app::wave_figures::{self, FigureScope, NotYet};
use crate::domain::audit::AuditAction;
use crate::domain::ids::WaveId;
use crate::domain::survey::wave::local_date;
use crate::web::auth::CentreUser;
use crate::web::figures;
use crate::web::page::Page;
use crate::web::views::centre::waves::{CentreWaveRow, centre_wave_page, centre_waves_page};
use crate::web::views::figures::dashboard::{dashboard, preparing};
use crate::web::{AppError, AppState};

/// `GET /centre/waves`.
pub async fn list(user: CentreUser, page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let region = user.region.clone();
    let found = state.use_case(move |conn| browse_waves::of_region(conn, &region)).await?;
    let today = local_date(Utc::now());
    let rows: Vec<CentreWaveRow> =
        found.into_iter().map(|(wave, school)| CentreWaveRow { status: wave.status(today), wave, school }).collect();
    Ok(html_page(StatusCode::OK, centre_waves_page(&page.chrome(Some(&user.account)), &rows, &state.catalog)))
}

/// `GET /centre/waves/{id}`: a wave of a school of the region; others are not found.
pub async fn show(
    user: CentreUser,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<WaveId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let scope = FigureScope::Region(user.region.clone());
    let check = scope.clone();
    let (wave, school) = state.use_case(move |conn| wave_figures::wave_in_scope(conn, id, &check)).await?;
    let body = match figures::load(&state, id, scope, user.account.id, AuditAction::ViewFigures).await? {
        Ok(loaded) => {
            let instrument = state.catalog.get(&loaded.wave.instrument);
            instrument.map(|i| {
                dashboard(
                    page.lang,
                    i,
                    &loaded,
                    &format!("/centre/waves/{id}/figures.csv"),
                    &Default::default(),
                    "bullying_victim",
                )
            })
        }
        Err(NotYet::Preparing) => Some(preparing(page.lang)),
        Err(NotYet::Open) => None,
    };
    Ok(html_page(
        StatusCode::OK,
        centre_wave_page(&page.chrome(Some(&user.account)), &wave, &school, &state.catalog, body),
    ))
}

/// `GET /centre/waves/{id}/figures.csv`.
pub async fn export(
    user: CentreUser,
    state: web::Data<AppState>,
    id: web::Path<WaveId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    crate::web::export::csv_response(
        figures::load(&state, id, FigureScope::Region(user.region.clone()), user.account.id, AuditAction::ExportCsv)
            .await?,
    )
}
