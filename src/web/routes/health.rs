//! A liveness and readiness check for load balancers and scripts: it answers only when the database does.

use actix_web::{HttpResponse, web};

use crate::app::check_health;
use crate::web::{AppError, AppState};

/// `GET /healthz`: `{"status":"ok","database":"SQLite","writer":{"restarts":0,"last_failure":null},
/// "checkpoint":{...}}`. A thread that panicked and carried on (`db::supervision`) still serves, so
/// the status stays "ok"; its count and last reason tell the operator to look at the log.
pub async fn health(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    state.use_case(check_health::database_answers).await?;
    let backend = state.settings.database_url.backend();
    let mut report = serde_json::json!({ "status": "ok", "database": backend });
    for (name, health) in check_health::threads(&state.threads) {
        report[name] = serde_json::to_value(health).unwrap_or_default();
    }
    Ok(HttpResponse::Ok().json(report))
}
