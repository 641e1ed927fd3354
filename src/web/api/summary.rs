//! `GET /api/v1/waves/{id}/summary`: the released figures of one wave as JSON. A group that is not
//! released carries no figures at all; an open wave yields participation bands only.

use actix_web::{HttpResponse, web};
use serde::Serialize;
use utoipa::ToSchema;

use super::caller::ApiCaller;
use super::group_json::GroupJson;
use super::openapi::IdPath;
use super::waves::{WaveJson, wave_json};
use crate::app::wave_figures::{self, NotYet};
use crate::domain::audit::AuditAction;
use crate::domain::disclosure::GroupReport;
use crate::domain::ids::WaveId;
use crate::web::figures;
use crate::web::{AppError, AppState};

/// The summary of one wave: the document's answer to `GET /waves/{id}/summary`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Summary {
    wave: WaveJson,
    /// The disclosure threshold in force.
    k: u32,
    /// The school, then each class.
    groups: Vec<GroupJson>,
}

fn groups(report: &GroupReport<String>, school: &str, label: impl Fn(&str) -> String) -> Vec<GroupJson> {
    let mut out = vec![GroupJson::of(report, school, None)];
    out.extend(report.parts().iter().map(|part| GroupJson::of(part, school, Some(label(part.key())))));
    out
}

/// `GET /api/v1/waves/{id}/summary`.
#[utoipa::path(get, path = "/waves/{id}/summary", operation_id = "wave_summary", summary = "Released figures of one wave", params(IdPath),
    responses((status = 200, description = "released figures (bands only while the wave is open)", body = Summary)))]
pub async fn summary(
    caller: ApiCaller,
    state: web::Data<AppState>,
    id: web::Path<WaveId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let k = state.settings.k;
    match figures::load(&state, id, caller.scope.clone(), caller.account.id, AuditAction::ApiSummary).await? {
        Ok(loaded) => {
            let school = loaded.school.code.to_string();
            let groups = groups(&loaded.report, &school, |key| loaded.label(key));
            Ok(HttpResponse::Ok().json(Summary { wave: wave_json(&loaded.wave, &school), k: k.get(), groups }))
        }
        Err(NotYet::Preparing) => Err(AppError::Conflict("figures-preparing")),
        Err(NotYet::Open) => {
            let scope = caller.scope.clone();
            let open = state.use_case(move |conn| wave_figures::participation_of(conn, id, &scope, k)).await?;
            let code = open.school.code.to_string();
            let groups = groups(&open.report, &code, |key| open.label(key));
            Ok(HttpResponse::Ok().json(Summary { wave: wave_json(&open.wave, &code), k: k.get(), groups }))
        }
    }
}
