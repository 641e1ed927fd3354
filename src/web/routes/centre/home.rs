//! `GET /centre`: the centre, its region and the region's schools.

use actix_web::{Responder, web};

use crate::app::browse_organisation;
use crate::web::auth::CentreUser;
use crate::web::page::Page;
use crate::web::views::centre::{CentreHomeView, centre_home};
use crate::web::{AppError, AppState};

/// The centre's home.
pub async fn show(user: CentreUser, page: Page, state: web::Data<AppState>) -> Result<impl Responder, AppError> {
    let region_code = user.region.clone();
    let (region, schools) = state.use_case(move |conn| browse_organisation::centre_home(conn, &region_code)).await?;
    Ok(centre_home(&page.chrome(Some(&user.account)), &CentreHomeView { region, schools }))
}
