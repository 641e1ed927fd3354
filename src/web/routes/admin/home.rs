//! `GET /admin`: what the deployment holds, and where to manage it.

use actix_web::{Responder, web};

use crate::app::deployment_overview;
use crate::web::auth::AdminUser;
use crate::web::page::Page;
use crate::web::views::admin::home::{AdminHomeView, admin_home};
use crate::web::{AppError, AppState};

/// Counts of schools, classes and accounts.
pub async fn show(admin: AdminUser, page: Page, state: web::Data<AppState>) -> Result<impl Responder, AppError> {
    let counts = state.use_case(deployment_overview::counts).await?;
    let view = AdminHomeView {
        schools: counts.schools,
        classes: counts.classes,
        users: counts.users,
        k: state.settings.k.get(),
    };
    Ok(admin_home(&page.chrome(Some(&admin.0)), &view))
}
