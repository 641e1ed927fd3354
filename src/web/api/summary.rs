//! `GET /api/v1/waves/{id}/summary`: the released figures of one wave as JSON. A group that is not
//! released carries no figures at all; an open wave yields participation bands only.

use actix_web::{HttpResponse, web};
use serde_json::{Value, json};

use super::caller::ApiCaller;
use super::waves::wave_json;
use crate::db::waves;
use crate::domain::disclosure::GroupReport;
use crate::domain::ids::WaveId;
use crate::web::figures::{self, NotYet};
use crate::web::{AppError, AppState};

/// One group of the report as the API shows it: engine JSON without parts, item measures or keys,
/// plus the school code and class label.
fn group_json(node: &GroupReport<String>, school: &str, class: Option<String>) -> Value {
    let mut value = serde_json::to_value(node).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.remove("parts");
        map.remove("key");
        if let Some(Value::Object(indicators)) = map.get_mut("indicators") {
            indicators.retain(|name, _| !name.starts_with("item:"));
        }
        map.insert("school".into(), json!(school));
        if let Some(class) = class {
            map.insert("class".into(), json!(class));
        }
    }
    value
}

fn groups(report: &GroupReport<String>, school: &str, label: impl Fn(&str) -> String) -> Vec<Value> {
    let mut out = vec![group_json(report, school, None)];
    out.extend(report.parts().iter().map(|part| group_json(part, school, Some(label(part.key())))));
    out
}

/// `GET /api/v1/waves/{id}/summary`.
pub async fn summary(
    caller: ApiCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = WaveId::parse(&id).ok_or(AppError::NotFound)?;
    let k = state.settings.k;
    match figures::load(&state, id, caller.scope.clone(), caller.account.id, "api_summary").await? {
        Ok(loaded) => {
            let school = loaded.school.code.to_string();
            let body = json!({
                "wave": wave_json(&loaded.wave, &school),
                "k": k.get(),
                "groups": groups(&loaded.report, &school, |key| loaded.label(key)),
            });
            Ok(HttpResponse::Ok().json(body))
        }
        Err(NotYet::Preparing) => Err(AppError::Conflict("figures-preparing")),
        Err(NotYet::Open) => {
            let scope = caller.scope.clone();
            let (wave, school, classes) = state
                .db(move |conn| {
                    let (wave, school) = figures::wave_in_scope(conn, id, &scope)?;
                    Ok((wave, school, waves::classes_of(conn, id)?))
                })
                .await?;
            let report = figures::participation(&classes, k)?;
            let code = school.code.to_string();
            let label = |key: &str| {
                classes.iter().find(|c| c.class_id.to_string() == key).map(|c| c.label.to_string()).unwrap_or_default()
            };
            Ok(HttpResponse::Ok().json(
                json!({ "wave": wave_json(&wave, &code), "k": k.get(), "groups": groups(&report, &code, label) }),
            ))
        }
    }
}
