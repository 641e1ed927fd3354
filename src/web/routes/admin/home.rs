//! `GET /admin`: what the deployment holds, and where to manage it.

use actix_web::{Responder, web};

use crate::db::schools::SchoolFilter;
use crate::db::{schools, users};
use crate::web::auth::AdminUser;
use crate::web::page::Page;
use crate::web::views::admin::home::{AdminHomeView, admin_home};
use crate::web::{AppError, AppState};

/// Counts of schools, classes and accounts.
pub async fn show(admin: AdminUser, page: Page, state: web::Data<AppState>) -> Result<impl Responder, AppError> {
    let (schools, users) = state.db(|conn| Ok((schools::list(conn, SchoolFilter::All)?, users::count(conn)?))).await?;
    let view = AdminHomeView {
        schools: schools.len(),
        classes: schools.iter().map(|s| s.class_count).sum(),
        users,
        k: state.settings.k.get(),
    };
    Ok(admin_home(&page.chrome(Some(&admin.0)), &view))
}
