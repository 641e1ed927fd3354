//! `GET /centre/schools/{id}`: one school of the centre's region; schools elsewhere are not found.

use actix_web::{Responder, web};

use crate::app::browse_organisation;
use crate::domain::ids::SchoolId;
use crate::web::auth::CentreUser;
use crate::web::page::Page;
use crate::web::views::centre::{CentreSchoolView, centre_school};
use crate::web::{AppError, AppState};

/// A school of the region with its classes.
pub async fn show(
    user: CentreUser,
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<SchoolId>,
) -> Result<impl Responder, AppError> {
    let id = id.into_inner();
    let region = user.region.clone();
    let (school, classes) = state.use_case(move |conn| browse_organisation::centre_school(conn, &region, id)).await?;
    Ok(centre_school(&page.chrome(Some(&user.account)), &CentreSchoolView { school, classes }))
}
