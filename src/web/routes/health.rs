//! A liveness and readiness check for load balancers and scripts: it answers only when the database does.

use actix_web::{HttpResponse, web};

use crate::app::check_health;
use crate::web::{AppError, AppState};

/// `GET /healthz`: `{"status":"ok","database":"SQLite"}`.
pub async fn health(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    state.use_case(check_health::database_answers).await?;
    let backend = state.settings.database_url.backend();
    Ok(HttpResponse::Ok().json(serde_json::json!({ "status": "ok", "database": backend })))
}
