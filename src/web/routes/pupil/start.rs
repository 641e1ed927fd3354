//! `/`: the start screen, and `POST /survey/start`: the class password (or a single-use code) opens a
//! fresh form for one pupil ([`admit_pupil`]), whose address the pupil is redirected to.

use std::net::IpAddr;
use std::time::Instant;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use super::super::{html_page, see_other};
use crate::app::admit_pupil::{self, AdmitRefusal};
use crate::domain::client_address::client_address;
use crate::web::form_origin::sender;
use crate::web::lang::request_lang;
use crate::web::views::pupil::notice::{Notice, notice_page};
use crate::web::views::pupil::start::start_page;
use crate::web::{AppError, AppState};

/// The start page and every answer to its form (which may show it again) let the form send its
/// `Origin` (and `Referer`) to this site, and to no other. Under the site-wide `no-referrer`, browsers
/// send `Origin: null` on the page's own form, which cannot be told from another site's forged post.
/// The pupil layout's `<meta name="referrer">` says the same, since a meta policy overrides the header.
const START_REFERRER_POLICY: &str = "same-origin";

pub(super) fn with_start_policy(mut response: HttpResponse) -> HttpResponse {
    response.headers_mut().insert(header::REFERRER_POLICY, HeaderValue::from_static(START_REFERRER_POLICY));
    response
}

/// The refusal of a pupil's form posted from another site's page (403, in the pupil's language), or
/// `None` when it came from this site (or a browser that names no sender): one check for every pupil
/// form that writes or opens something.
pub(super) fn from_other_site(req: &HttpRequest, state: &AppState) -> Option<HttpResponse> {
    (!sender(req.headers(), &state.settings.public_url).accepted())
        .then(|| with_start_policy(html_page(StatusCode::FORBIDDEN, notice_page(request_lang(req), Notice::OtherSite))))
}

/// `GET /`.
pub async fn show(req: HttpRequest) -> HttpResponse {
    with_start_policy(html_page(StatusCode::OK, start_page(request_lang(&req), None)))
}

/// The start form.
#[derive(Deserialize)]
pub struct StartForm {
    #[serde(default)]
    password: String,
}

pub(super) fn client(req: &HttpRequest, trusted_proxies: &[IpAddr]) -> Option<IpAddr> {
    let forwarded_for = req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok());
    client_address(req.peer_addr().map(|addr| addr.ip()), forwarded_for, trusted_proxies)
}

/// `POST /survey/start`: a post from another site is refused (403); a wrong password gets one generic
/// message; the right one a form.
pub async fn begin(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<StartForm>,
) -> Result<HttpResponse, AppError> {
    if let Some(refused) = from_other_site(&req, &state) {
        return Ok(refused);
    }
    open_form(&req, &state, &form.password).await.map(with_start_policy)
}

async fn open_form(req: &HttpRequest, state: &AppState, password: &str) -> Result<HttpResponse, AppError> {
    let lang = request_lang(req);
    let client = client(req, &state.settings.trusted_proxies);
    let admitted = match admit_pupil::knock(&state.pupil, client, password, Instant::now()) {
        Err(refusal) => Err(refusal),
        Ok(knock) => {
            let pupil = state.pupil.clone();
            state.use_case(move |conn| admit_pupil::admit(conn, &pupil, knock, lang, Utc::now())).await?
        }
    };
    Ok(match admitted {
        // The language rides along as on every pupil page, so the form's own address (which it posts
        // to) still names it when the pass cannot be opened (forged, or older than a form lives).
        Ok(pass) => see_other(&format!("/survey/{pass}?lang={}", lang.code())),
        Err(AdmitRefusal::TooManyAttempts) => {
            html_page(StatusCode::TOO_MANY_REQUESTS, start_page(lang, Some("pupil-too-many-attempts")))
        }
        Err(AdmitRefusal::WrongPassword) => {
            html_page(StatusCode::UNAUTHORIZED, start_page(lang, Some("pupil-wrong-password")))
        }
        Err(AdmitRefusal::Refused(refusal)) => html_page(StatusCode::CONFLICT, notice_page(lang, refusal.into())),
    })
}
