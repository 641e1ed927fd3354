//! `GET /school`: the psychologist's home.

use actix_web::{Responder, web};

use crate::app::browse_organisation;
use crate::app::error::UseCaseError;
use crate::app::trust_box::staff;
use crate::domain::trust_box::desk::Desk;
use crate::web::auth::PsychologistUser;
use crate::web::page::Page;
use crate::web::views::school::home::{SchoolHomeView, school_home};
use crate::web::{AppError, AppState};

/// The school, its region's centre, its classes, and how many trust box conversations owe an answer.
pub async fn show(user: PsychologistUser, page: Page, state: web::Data<AppState>) -> Result<impl Responder, AppError> {
    let id = user.school;
    let ((school, region, classes), trust_owing) = state
        .use_case(move |conn| {
            let home = browse_organisation::school_home(conn, id)?;
            Ok::<_, UseCaseError>((home, staff::owing(conn, &Desk::School(id))?))
        })
        .await?;
    Ok(school_home(&page.chrome(Some(&user.account)), &SchoolHomeView { school, region, classes, trust_owing }))
}
