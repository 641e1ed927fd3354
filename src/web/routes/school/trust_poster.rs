//! `GET /school/trust/poster`: the trust box's printable poster for the psychologist's school.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use super::super::html_page;
use crate::app::browse_organisation;
use crate::web::auth::PsychologistUser;
use crate::web::page::Page;
use crate::web::views::trust::{PosterView, trust_poster_page};
use crate::web::{AppError, AppState};

/// The poster, with the deployment's address and the school's code.
pub async fn show(user: PsychologistUser, page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let school = user.school;
    let (found, _, _) = state.use_case(move |conn| browse_organisation::school_home(conn, school)).await?;
    let address = format!("{}/trust", state.settings.public_url.trim_end_matches('/'));
    let view = PosterView { address: &address, school_code: found.code.as_str() };
    Ok(html_page(StatusCode::OK, trust_poster_page(&page.chrome(Some(&user.account)), &view)))
}
