//! A liveness and readiness check for load balancers and scripts: it answers only when the database does.

use actix_web::{HttpResponse, web};
use diesel::RunQueryDsl;

use crate::web::{AppError, AppState};

/// `GET /healthz`: `{"status":"ok","database":"SQLite"}`.
pub async fn health(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    state.db(|conn| diesel::sql_query("SELECT 1").execute(conn).map_err(crate::db::DbError::from)).await?;
    let backend = state.settings.database_url.backend();
    Ok(HttpResponse::Ok().json(serde_json::json!({ "status": "ok", "database": backend })))
}
