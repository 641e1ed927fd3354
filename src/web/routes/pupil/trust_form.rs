//! The single-use token of the trust box's pupil forms (`domain::trust_box::form_token`): every form
//! page is given a fresh one, and a form is taken only with a token never sent before, so the next
//! pupil at a shared computer cannot send an earlier pupil's form again from the tab's history.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use chrono::Utc;

use super::super::html_page;
use super::start::with_start_policy;
use crate::app::trust_box::forms;
use crate::domain::trust_box::form_token::FormToken;
use crate::web::lang::request_lang;
use crate::web::views::pupil::notice::{Notice, notice_page};
use crate::web::{AppError, AppState};

/// A fresh token for a form page shown now.
pub(super) fn fresh() -> String {
    forms::fresh_token(Utc::now()).to_string()
}

/// `None` when the form's token (`sent`) is taken now; otherwise the page that refuses a form sent
/// again, too old or without a token (409). Asked first, before anything else is read or stored.
pub(super) async fn sent_again(
    req: &HttpRequest,
    state: &AppState,
    sent: &str,
) -> Result<Option<HttpResponse>, AppError> {
    let taken = match FormToken::parse(sent) {
        Some(token) => state.use_case(move |conn| forms::take(conn, &token, Utc::now())).await?,
        None => false,
    };
    let refused = || notice_page(request_lang(req), Notice::TrustSentAgain);
    Ok((!taken).then(|| with_start_policy(html_page(StatusCode::CONFLICT, refused()))))
}
