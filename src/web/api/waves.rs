//! `GET /api/v1/waves`: the waves the caller may see.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde_json::json;

use super::caller::ApiCaller;
use crate::db::schools::{self, SchoolFilter};
use crate::db::waves;
use crate::domain::survey::wave::local_date;
use crate::domain::survey::wave_record::Wave;
use crate::web::figures::FigureScope;
use crate::web::{AppError, AppState};

/// The JSON of one wave.
pub fn wave_json(wave: &Wave, school_code: &str) -> serde_json::Value {
    json!({
        "id": wave.id.to_string(),
        "school": school_code,
        "instrument": wave.instrument_id,
        "instrument_version": wave.instrument_version,
        "opens_on": wave.opens_on.to_string(),
        "closes_on": wave.closes_on.to_string(),
        "status": match wave.status(local_date(Utc::now())) {
            crate::domain::survey::wave::WaveStatus::Scheduled => "scheduled",
            crate::domain::survey::wave::WaveStatus::Open => "open",
            crate::domain::survey::wave::WaveStatus::Closed => "closed",
        },
    })
}

/// `GET /api/v1/waves`.
pub async fn list(caller: ApiCaller, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let scope = caller.scope.clone();
    let (waves, schools) = state
        .db(move |conn| match &scope {
            FigureScope::School(school) => {
                Ok((waves::list_for_school(conn, *school)?, vec![schools::get(conn, *school, SchoolFilter::All)?]))
            }
            FigureScope::Region(region) => Ok((
                waves::list_for_region(conn, region)?,
                schools::list(conn, SchoolFilter::Region(region))?.into_iter().map(|s| s.school).collect(),
            )),
        })
        .await?;
    let items: Vec<serde_json::Value> = waves
        .iter()
        .filter_map(|w| schools.iter().find(|s| s.id == w.school_id).map(|s| wave_json(w, s.code.as_str())))
        .collect();
    Ok(HttpResponse::Ok().json(json!({ "waves": items })))
}
