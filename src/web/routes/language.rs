//! Switching the interface language for staff: a cookie, then back to where the reader was.

use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::domain::lang::Lang;
use crate::web::AppError;
use crate::web::lang::LANG_COOKIE;

/// Where to return after switching.
#[derive(Deserialize)]
pub struct SwitchQuery {
    next: Option<String>,
}

/// Only paths on this site, so the switch cannot be used to send people elsewhere.
fn local_path(next: Option<&str>) -> &str {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => path,
        _ => "/home",
    }
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
    Ok(HttpResponse::SeeOther()
        .cookie(cookie)
        .insert_header((header::LOCATION, local_path(query.next.as_deref())))
        .finish())
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path(Some("/admin/users?x=1")), "/admin/users?x=1");
        assert_eq!(local_path(Some("//evil.example")), "/home");
        assert_eq!(local_path(Some("https://evil.example")), "/home");
        assert_eq!(local_path(Some("/\\evil.example")), "/home");
        assert_eq!(local_path(None), "/home");
    }
}
