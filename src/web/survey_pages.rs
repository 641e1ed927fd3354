//! The questionnaire page of each (questionnaire version, grade, language), rendered and gzipped once
//! in this process and then only filled with each pupil's form token.
//!
//! The page depends on nothing else: no class, school or wave reaches it, so one rendering serves
//! every pupil who gets that questionnaire in that grade and language.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use actix_web::http::StatusCode;
use actix_web::http::header::{self, AcceptEncoding, Encoding, Header};
use actix_web::{HttpRequest, HttpResponse};

use super::stitched_page::StitchedPage;
use super::views::pupil::survey::survey_page;
use crate::domain::instrument::{Grade, Instrument, InstrumentKey};
use crate::domain::lang::Lang;

/// What the token is rendered as before the page is split around it. Control characters never
/// reach a questionnaire's text, and the split refuses a page where the slot appears twice.
const TOKEN_SLOT: &str = "\u{0}form-token\u{0}";

type Key = (InstrumentKey, Grade, Lang);

/// Rendered questionnaire pages by questionnaire id and version, grade and language.
#[derive(Clone, Default)]
pub struct SurveyPages {
    pages: Arc<Mutex<HashMap<Key, Arc<StitchedPage>>>>,
}

impl SurveyPages {
    /// The page for `instrument` in `grade` and `lang`, rendered now if this process has not yet;
    /// `None` only if the rendered page did not hold exactly one token slot.
    pub fn page(&self, lang: Lang, instrument: &Instrument, grade: Grade) -> Option<Arc<StitchedPage>> {
        let key = (instrument.key(), grade, lang);
        if let Some(page) = self.pages.lock().ok().and_then(|pages| pages.get(&key).cloned()) {
            return Some(page);
        }
        // Rendered outside the lock; two pupils who race here both render, and either result is right.
        let page =
            Arc::new(StitchedPage::split(&survey_page(lang, instrument, grade, TOKEN_SLOT).into_string(), TOKEN_SLOT)?);
        if let Ok(mut pages) = self.pages.lock() {
            pages.insert(key, page.clone());
        }
        Some(page)
    }
}

/// The 200 answer with `page` filled with `token`: gzipped when the client takes gzip (as the
/// `Compress` middleware would have chosen), plain otherwise.
pub fn survey_response(req: &HttpRequest, page: &StitchedPage, token: &str) -> HttpResponse {
    let mut response = HttpResponse::build(StatusCode::OK);
    response.content_type("text/html; charset=utf-8").insert_header((header::VARY, "accept-encoding"));
    if takes_gzip(req) {
        response.insert_header((header::CONTENT_ENCODING, "gzip")).body(page.gzip(token))
    } else {
        response.body(page.plain(token))
    }
}

fn takes_gzip(req: &HttpRequest) -> bool {
    let Ok(accepted) = AcceptEncoding::parse(req) else { return false };
    accepted.negotiate([Encoding::gzip(), Encoding::identity()].iter()) == Some(Encoding::gzip())
}
