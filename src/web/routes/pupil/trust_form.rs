//! The single-use token of the trust box's pupil forms (`domain::trust_box::form_token`): every form
//! page is given a fresh one, and a form is taken only with a token never sent before, so the next
//! pupil at a shared computer cannot send an earlier pupil's form again from the tab's history.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use chrono::Utc;

use super::super::html_page;
use super::start::{from_other_site, with_start_policy};
use crate::app::trust_box::forms;
use crate::domain::trust_box::form_token::FormToken;
use crate::web::lang::request_lang;
use crate::web::views::pupil::notice::{Notice, notice_page};
use crate::web::{AppError, AppState};

/// A fresh token for a form page shown now.
pub(super) fn fresh() -> String {
    forms::fresh_token(Utc::now()).to_string()
}

/// `None` when a trust box form may be taken: posted from this site's own page (else 403, as every
/// pupil form) and its token (`sent`) taken now (else 409: sent again, too old or without a token).
/// Asked first, before anything else is read or stored, and in this order, so another site's page
/// spends no token.
pub(super) async fn refused_post(
    req: &HttpRequest,
    state: &AppState,
    sent: &str,
) -> Result<Option<HttpResponse>, AppError> {
    if let Some(refused) = from_other_site(req, state) {
        return Ok(Some(refused));
    }
    let taken = match FormToken::parse(sent) {
        Some(token) => state.use_case(move |conn| forms::take(conn, &token, Utc::now())).await?,
        None => false,
    };
    let refused = || notice_page(request_lang(req), Notice::TrustSentAgain);
    Ok((!taken).then(|| with_start_policy(html_page(StatusCode::CONFLICT, refused()))))
}
