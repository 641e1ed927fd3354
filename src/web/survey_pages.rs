//! The questionnaire page of each (questionnaire version, grade, language), rendered and gzipped once
//! in this process and then served as it is.
//!
//! The page depends on nothing else: no class, school, wave or pupil reaches it (the form posts to
//! its own address, which carries the pupil's sealed grant), so one rendering serves every pupil who
//! gets that questionnaire in that grade and language. Rendering it and compressing its 25 KB anew
//! for every pupil was a third of the server's work in a rush; here a request only clones a handle.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex};

use actix_web::http::StatusCode;
use actix_web::http::header::{self, AcceptEncoding, Encoding, Header};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use flate2::Compression;
use flate2::write::GzEncoder;

use super::views::pupil::survey::survey_page;
use crate::domain::instrument::{Grade, Instrument, InstrumentKey};
use crate::domain::lang::Lang;

type Key = (InstrumentKey, Grade, Lang);

/// One questionnaire page, as text and as a gzip body of the same text.
#[derive(Debug, Clone)]
pub struct SurveyPage {
    plain: Bytes,
    gzip: Bytes,
}

impl SurveyPage {
    /// `html` kept as it is and gzipped once, at the best level (it is compressed once per process).
    fn new(html: String) -> SurveyPage {
        let mut encoder = GzEncoder::new(Vec::with_capacity(html.len() / 4), Compression::best());
        // Writing into a Vec cannot fail.
        let gzip = encoder.write_all(html.as_bytes()).and_then(|()| encoder.finish()).unwrap_or_default();
        SurveyPage { plain: Bytes::from(html), gzip: Bytes::from(gzip) }
    }
}

/// Rendered questionnaire pages by questionnaire id and version, grade and language.
#[derive(Clone, Default)]
pub struct SurveyPages {
    pages: Arc<Mutex<HashMap<Key, SurveyPage>>>,
}

impl SurveyPages {
    /// The page for `instrument` in `grade` and `lang`, rendered now if this process has not yet.
    pub fn page(&self, lang: Lang, instrument: &Instrument, grade: Grade) -> SurveyPage {
        let key = (instrument.key(), grade, lang);
        if let Some(page) = self.pages.lock().ok().and_then(|pages| pages.get(&key).cloned()) {
            return page;
        }
        // Rendered outside the lock; two pupils who race here both render, and either result is right.
        let page = SurveyPage::new(survey_page(lang, instrument, grade).into_string());
        if let Ok(mut pages) = self.pages.lock() {
            pages.insert(key, page.clone());
        }
        page
    }
}

/// The 200 answer with `page`: gzipped when the client takes gzip (as the `Compress` middleware would
/// have chosen), plain otherwise.
pub fn survey_response(req: &HttpRequest, page: &SurveyPage) -> HttpResponse {
    let mut response = HttpResponse::build(StatusCode::OK);
    response.content_type("text/html; charset=utf-8").insert_header((header::VARY, "accept-encoding"));
    if takes_gzip(req) && !page.gzip.is_empty() {
        response.insert_header((header::CONTENT_ENCODING, "gzip")).body(page.gzip.clone())
    } else {
        response.body(page.plain.clone())
    }
}

fn takes_gzip(req: &HttpRequest) -> bool {
    let Ok(accepted) = AcceptEncoding::parse(req) else { return false };
    accepted.negotiate([Encoding::gzip(), Encoding::identity()].iter()) == Some(Encoding::gzip())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::domain::survey::catalog::Catalog;

    fn gunzip(body: &[u8]) -> Vec<u8> {
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(body).read_to_end(&mut text).expect("a valid gzip member");
        text
    }

    #[test]
    fn a_page_is_rendered_once_per_questionnaire_grade_and_language_and_gzips_to_itself() {
        let catalog = Catalog::shipped();
        let instrument = catalog.latest("school-climate").expect("shipped");
        let (five, seven) = (Grade::from_number(5).expect("a grade"), Grade::from_number(7).expect("a grade"));
        let pages = SurveyPages::default();
        let page = pages.page(Lang::Kk, instrument, seven);
        assert_eq!(gunzip(&page.gzip), page.plain, "the gzip body is the page");
        assert!(page.gzip.len() < page.plain.len() / 3, "and smaller: {} bytes", page.gzip.len());
        let again = pages.page(Lang::Kk, instrument, seven);
        assert_eq!(again.plain.as_ptr(), page.plain.as_ptr(), "kept, not rendered again");
        assert_ne!(pages.page(Lang::Ru, instrument, seven).plain, page.plain, "per language");
        assert_ne!(pages.page(Lang::Kk, instrument, five).plain, page.plain, "per grade");
    }
}
