//! `GET /school`: the psychologist's home.

use actix_web::{Responder, web};

use crate::db::schools::{self, SchoolFilter};
use crate::db::{classes, regions};
use crate::web::auth::PsychologistUser;
use crate::web::page::Page;
use crate::web::views::school::home::{SchoolHomeView, school_home};
use crate::web::{AppError, AppState};

/// The school, its region's centre and its classes.
pub async fn show(user: PsychologistUser, page: Page, state: web::Data<AppState>) -> Result<impl Responder, AppError> {
    let id = user.school;
    let (school, region, classes) = state
        .db(move |conn| {
            let school = schools::get(conn, id, SchoolFilter::All)?;
            let region = regions::get(conn, &school.region)?;
            Ok((school, region, classes::list(conn, id)?))
        })
        .await?;
    Ok(school_home(&page.chrome(Some(&user.account)), &SchoolHomeView { school, region, classes }))
}
