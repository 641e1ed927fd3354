//! Which language a request is answered in: `?lang=` (pupil pages carry it in links and forms, so no
//! cookie is left on a shared computer), then the staff's `lang` cookie, then Kazakh.

use actix_web::HttpRequest;

use crate::domain::lang::Lang;

/// The name of the cookie that keeps a staff member's language choice.
pub const LANG_COOKIE: &str = "lang";

/// The language chosen for this request.
pub fn request_lang(req: &HttpRequest) -> Lang {
    query_lang(req.query_string())
        .or_else(|| req.cookie(LANG_COOKIE).and_then(|c| Lang::parse(c.value())))
        .unwrap_or_default()
}

fn query_lang(query: &str) -> Option<Lang> {
    query.split('&').filter_map(|pair| pair.strip_prefix("lang=")).find_map(Lang::parse)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::cookie::Cookie;
    use actix_web::test::TestRequest;

    #[test]
    fn query_beats_cookie_beats_default() {
        let req = TestRequest::get().uri("/?x=1&lang=ru").cookie(Cookie::new(LANG_COOKIE, "en")).to_http_request();
        assert_eq!(request_lang(&req), Lang::Ru);
        let req = TestRequest::get().uri("/").cookie(Cookie::new(LANG_COOKIE, "en")).to_http_request();
        assert_eq!(request_lang(&req), Lang::En);
        let req = TestRequest::get().uri("/?lang=xx").to_http_request();
        assert_eq!(request_lang(&req), Lang::Kk);
    }
}
