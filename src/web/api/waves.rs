//! `GET /api/v1/waves`: the waves the caller may see.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Serialize;
use utoipa::ToSchema;

use super::caller::ApiCaller;
use crate::app::browse_waves;
use crate::domain::ids::WaveId;
use crate::domain::survey::wave::{WaveStatus, local_date};
use crate::domain::survey::wave_record::Wave;
use crate::web::{AppError, AppState};

/// Where a wave stands today.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
#[schema(as = WaveStatus)]
pub enum WaveStatusJson {
    /// Before its first day.
    Scheduled,
    /// Pupils can answer.
    Open,
    /// Closed: figures may be released.
    Closed,
}

impl From<WaveStatus> for WaveStatusJson {
    fn from(status: WaveStatus) -> Self {
        match status {
            WaveStatus::Scheduled => Self::Scheduled,
            WaveStatus::Open => Self::Open,
            WaveStatus::Closed => Self::Closed,
        }
    }
}

/// One wave as the API shows it; the document's `Wave` schema.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Wave)]
pub struct WaveJson {
    #[schema(value_type = String, format = "uuid")]
    id: WaveId,
    /// The school's code.
    school: String,
    instrument: String,
    instrument_version: u32,
    #[schema(format = Date)]
    opens_on: String,
    #[schema(format = Date)]
    closes_on: String,
    status: WaveStatusJson,
}

/// `{"waves": [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct WaveList {
    /// The caller's waves.
    waves: Vec<WaveJson>,
}

/// The JSON of one wave.
pub fn wave_json(wave: &Wave, school_code: &str) -> WaveJson {
    WaveJson {
        id: wave.id,
        school: school_code.to_owned(),
        instrument: wave.instrument.code().to_owned(),
        instrument_version: wave.instrument.version(),
        opens_on: wave.opens_on.to_string(),
        closes_on: wave.closes_on.to_string(),
        status: wave.status(local_date(Utc::now())).into(),
    }
}

/// `GET /api/v1/waves`.
#[utoipa::path(get, path = "/waves", operation_id = "list_waves", summary = "Waves the caller may see",
    responses((status = 200, description = "the caller's waves", body = WaveList)))]
pub async fn list(caller: ApiCaller, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let scope = caller.scope.clone();
    let found = state.use_case(move |conn| browse_waves::in_scope(conn, &scope)).await?;
    let waves = found.iter().map(|(wave, school)| wave_json(wave, school.code.as_str())).collect();
    Ok(HttpResponse::Ok().json(WaveList { waves }))
}
