//! `GET /centre`: the centre, its region and the region's schools.

use actix_web::{Responder, web};

use crate::app::browse_organisation;
use crate::app::error::UseCaseError;
use crate::app::trust_box::staff;
use crate::domain::trust_box::desk::Desk;
use crate::web::auth::CentreUser;
use crate::web::page::Page;
use crate::web::views::centre::{CentreHomeView, centre_home};
use crate::web::{AppError, AppState};

/// The centre's home, with how many trust box conversations it holds owe an answer.
pub async fn show(user: CentreUser, page: Page, state: web::Data<AppState>) -> Result<impl Responder, AppError> {
    let region_code = user.region.clone();
    let ((region, schools), trust_owing) = state
        .use_case(move |conn| {
            let home = browse_organisation::centre_home(conn, &region_code)?;
            Ok::<_, UseCaseError>((home, staff::owing(conn, &Desk::Centre(region_code))?))
        })
        .await?;
    Ok(centre_home(&page.chrome(Some(&user.account)), &CentreHomeView { region, schools, trust_owing }))
}
