//! Switching the interface language for staff: a cookie, then back to where the reader was.

use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::domain::lang::Lang;
use crate::web::AppError;
use crate::web::lang::LANG_COOKIE;
use crate::web::redirect::{self, LocalPath};

/// Where to return after switching.
#[derive(Deserialize)]
pub struct SwitchQuery {
    next: Option<String>,
}

/// Only paths on this site, so the switch cannot send people elsewhere or break its own header; any
/// other target sends the reader home (the language is switched all the same).
fn return_to(next: Option<&str>) -> LocalPath {
    next.and_then(|next| LocalPath::parse(next).ok()).unwrap_or_else(redirect::home)
}

/// `GET /lang/{code}?next=/path`.
pub async fn switch(code: web::Path<String>, query: web::Query<SwitchQuery>) -> Result<HttpResponse, AppError> {
    let lang = Lang::parse(&code).ok_or(AppError::NotFound)?;
    let cookie = Cookie::build(LANG_COOKIE, lang.code())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .max_age(Duration::days(365))
        .finish();
    let mut response = redirect::to(&return_to(query.next.as_deref()));
    response.add_cookie(&cookie).map_err(|e| AppError::failed("setting the language cookie", e))?;
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::return_to;

    #[test]
    fn only_local_paths_are_followed() {
        let target = |next| return_to(next).as_str().to_owned();
        assert_eq!(target(Some("/admin/users?x=1")), "/admin/users?x=1");
        assert_eq!(target(Some("//evil.example")), "/home");
        assert_eq!(target(Some("https://evil.example")), "/home");
        assert_eq!(target(Some("/\\evil.example")), "/home");
        assert_eq!(target(Some("/home\r\nSet-Cookie: x=1")), "/home");
        assert_eq!(target(Some("/home\0")), "/home");
        assert_eq!(target(None), "/home");
    }
}
