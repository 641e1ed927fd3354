//! The per-request context every staff page needs: language, anti-forgery token, current path (for
//! the language switch) and a one-shot notice. It touches no database.

use std::future::{Ready, ready};

use actix_session::SessionExt;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};

use super::lang::request_lang;
use super::session;
use super::views::layout::Chrome;
use crate::domain::account::Account;
use crate::domain::lang::Lang;

/// Context for rendering a staff page.
#[derive(Debug, Clone)]
pub struct Page {
    /// The reader's language.
    pub lang: Lang,
    /// Token every form must post back.
    pub csrf: String,
    /// Path and query of this request without its `lang=`, to come back to after switching language.
    pub path: String,
    /// Message key left by the previous action ("saved", ...).
    pub flash: Option<String>,
}

impl Page {
    /// The layout's view of this page for `account` (or a signed-out visitor).
    pub fn chrome<'a>(&'a self, account: Option<&'a Account>) -> Chrome<'a> {
        Chrome { lang: self.lang, csrf: &self.csrf, path: &self.path, account, flash: self.flash.as_deref() }
    }
}

/// The path and query of `req` without its `lang=` pairs: where the language switch comes back to (a
/// `lang=` left in the address would beat the switch's cookie).
fn path_without_lang(req: &HttpRequest) -> String {
    let query: Vec<&str> = req.query_string().split('&').filter(|p| !p.is_empty() && !p.starts_with("lang=")).collect();
    match query.join("&") {
        rest if rest.is_empty() => req.path().to_owned(),
        rest => format!("{}?{rest}", req.path()),
    }
}

/// Context for a page anyone may read without signing in (the open figures): the language and the
/// path, and no session, so reading it leaves no cookie.
#[derive(Debug, Clone)]
pub struct PublicPage {
    /// The reader's language.
    pub lang: Lang,
    /// Path and query of this request without its `lang=`.
    pub path: String,
}

impl PublicPage {
    /// The layout's view of this page: signed out, with no form to protect.
    pub fn chrome(&self) -> Chrome<'_> {
        Chrome { lang: self.lang, csrf: "", path: &self.path, account: None, flash: None }
    }
}

impl FromRequest for PublicPage {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(PublicPage { lang: request_lang(req), path: path_without_lang(req) }))
    }
}

impl FromRequest for Page {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let session = req.get_session();
        let path = path_without_lang(req);
        ready(Ok(Page {
            lang: request_lang(req),
            csrf: session::csrf_token(&session),
            path,
            flash: session::take_flash(&session),
        }))
    }
}
