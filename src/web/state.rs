//! What every handler shares: the connection pool and the settings.

use std::sync::Arc;

use actix_web::web;

use super::errors::AppError;
use crate::config::Settings;
use crate::db::{DbConnection, DbError, Pool};

/// Shared, cheap to clone; no other in-process state must be shared between instances.
#[derive(Clone)]
pub struct AppState {
    /// Database connections.
    pub pool: Pool,
    /// Effective configuration.
    pub settings: Arc<Settings>,
}

impl AppState {
    /// Runs `work` with a pooled connection on the blocking thread pool, so slow queries never stall
    /// the async workers.
    pub async fn db<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, DbError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        let result = web::block(move || {
            let mut conn = pool.get()?;
            work(&mut conn)
        })
        .await
        .map_err(|e| AppError::Internal(format!("blocking task failed: {e}")))?;
        result.map_err(AppError::from)
    }

    /// Runs CPU-heavy work (password hashing) off the async workers.
    pub async fn cpu<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        web::block(work).await.map_err(|e| AppError::Internal(format!("blocking task failed: {e}")))
    }
}
