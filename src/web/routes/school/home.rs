//! `GET /school`: the psychologist's home.

use actix_web::{Responder, web};

use crate::app::browse_organisation;
use crate::web::auth::PsychologistUser;
use crate::web::page::Page;
use crate::web::views::school::home::{SchoolHomeView, school_home};
use crate::web::{AppError, AppState};

/// The school, its region's centre and its classes.
pub async fn show(user: PsychologistUser, page: Page, state: web::Data<AppState>) -> Result<impl Responder, AppError> {
    let id = user.school;
    let (school, region, classes) = state.use_case(move |conn| browse_organisation::school_home(conn, id)).await?;
    Ok(school_home(&page.chrome(Some(&user.account)), &SchoolHomeView { school, region, classes }))
}
