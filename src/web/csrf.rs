//! Anti-forgery protection for every state-changing staff form: [`CsrfForm`] reads the urlencoded body,
//! checks its `csrf` field against the session's token in constant time, refuses text holding a NUL
//! (`nul_text`), then parses the form.

use std::future::Future;
use std::pin::Pin;

use actix_session::SessionExt;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use subtle::ConstantTimeEq;

use super::errors::AppError;
use super::nul_text::refuse_nul_in_form;
use super::session::stored_csrf_token;

/// Largest staff form body accepted.
pub const FORM_LIMIT: usize = 64 * 1024;

/// A form whose anti-forgery token was checked; holds the parsed form.
pub struct CsrfForm<T>(pub T);

#[derive(Deserialize)]
struct TokenOnly {
    csrf: Option<String>,
}

/// Compares without stopping at the first difference, so timing tells nothing about the token (only
/// whether the lengths differ, and every token has the same length). `subtle` also keeps the
/// optimiser from turning the comparison back into an early exit, which a hand-made fold cannot.
fn same_token(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// Whether a form's token is the session's (both present and equal); for forms that are not
/// urlencoded, such as the roster upload's multipart form.
pub(crate) fn token_matches(given: Option<&str>, expected: Option<&str>) -> bool {
    matches!((given, expected), (Some(given), Some(expected)) if same_token(given, expected))
}

/// Checks a urlencoded body against the session token and parses it.
fn check_and_parse<T: DeserializeOwned>(body: &[u8], expected: Option<String>) -> Result<T, AppError> {
    let given = serde_urlencoded::from_bytes::<TokenOnly>(body).ok().and_then(|t| t.csrf);
    match (given, expected) {
        (Some(given), Some(expected)) if same_token(&given, &expected) => {}
        _ => return Err(AppError::Csrf),
    }
    refuse_nul_in_form(body)?;
    serde_urlencoded::from_bytes::<T>(body).map_err(|_| AppError::BadRequest("error-bad-request"))
}

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let expected = stored_csrf_token(&req.get_session());
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            let body = body.await?;
            Ok(CsrfForm(check_and_parse(&body, expected)?))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug)]
    struct Named {
        name: String,
    }

    #[test]
    fn a_matching_token_lets_the_form_through() {
        let parsed: Named = check_and_parse(b"csrf=abc&name=x", Some("abc".into())).unwrap();
        assert_eq!(parsed.name, "x");
    }

    #[test]
    fn tokens_match_only_when_every_byte_and_the_length_agree() {
        assert!(same_token("abc", "abc"));
        assert!(same_token("", ""));
        assert!(!same_token("abc", "abd"));
        assert!(!same_token("abc", "xbc"));
        assert!(!same_token("abc", "abcd"), "a longer token with the right start is refused");
        assert!(!same_token("abc", "ab"), "a prefix of the token is refused");
    }

    #[test]
    fn missing_wrong_or_sessionless_tokens_are_refused() {
        assert!(matches!(check_and_parse::<Named>(b"name=x", Some("abc".into())), Err(AppError::Csrf)));
        assert!(matches!(check_and_parse::<Named>(b"csrf=abd&name=x", Some("abc".into())), Err(AppError::Csrf)));
        assert!(matches!(check_and_parse::<Named>(b"csrf=abc&name=x", None), Err(AppError::Csrf)));
    }
}
