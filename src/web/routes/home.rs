//! Where people land: the public start page and each role's home.

use actix_web::http::header;
use actix_web::{HttpResponse, Responder};
use maud::html;

use crate::domain::account::RoleScope;
use crate::web::auth::CurrentUser;
use crate::web::page::Page;
use crate::web::views::layout::page;

/// `GET /home`: sends each role to its own home.
pub async fn role_home(user: CurrentUser) -> HttpResponse {
    let target = match user.0.scope {
        RoleScope::Admin => "/admin",
        RoleScope::CentreStaff(_) => "/centre",
        RoleScope::Psychologist(_) => "/school",
    };
    HttpResponse::SeeOther().insert_header((header::LOCATION, target)).finish()
}

/// `GET /`: the public start page.
pub async fn start(page_ctx: Page) -> impl Responder {
    let lang = page_ctx.lang;
    page(
        &page_ctx.chrome(None),
        &lang.t("start-title"),
        html! {
            p { (lang.t("start-intro")) }
            p { a.button href="/login" { (lang.t("start-staff-sign-in")) } }
        },
    )
}
