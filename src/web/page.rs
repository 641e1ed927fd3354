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
    /// Path and query of this request, to come back to after switching language.
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

impl FromRequest for Page {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let session = req.get_session();
        let path = match req.query_string() {
            "" => req.path().to_owned(),
            query => format!("{}?{query}", req.path()),
        };
        ready(Ok(Page {
            lang: request_lang(req),
            csrf: session::csrf_token(&session),
            path,
            flash: session::take_flash(&session),
        }))
    }
}
