//! `GET /trust` and `POST /trust`: a pupil writes to the trust box and gets a receipt (issue 19).
//! Nothing about the request is logged; the receipt is the answer's body, never an address. The form
//! is taken once (`super::trust_form`), and one address may start only so many conversations an hour
//! (`domain::trust_box::pace`), counted in memory.

use std::time::Instant;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use super::super::html_page;
use super::start::{client, with_start_policy};
use super::trust_form::{fresh, refused_post};
use crate::app::trust_box::pupil::{self, Letter, WriteRefusal};
use crate::domain::trust_box::pace::Writing;
use crate::domain::trust_box::receipt::Pin;
use crate::domain::trust_box::record::Opening;
use crate::domain::trust_box::text::{MessageText, TextError};
use crate::domain::trust_box::topic::{Addressee, Topic, Urgency};
use crate::web::lang::request_lang;
use crate::web::views::pupil::trust_write::{Draft, receipt_page, write_page};
use crate::web::{AppError, AppState};

/// `GET /trust`.
pub async fn show(req: HttpRequest) -> HttpResponse {
    with_start_policy(html_page(StatusCode::OK, write_page(request_lang(&req), &Draft::default(), &[], &fresh())))
}

/// The writing form, every field optional here so that a missing one is named on the page.
#[derive(Deserialize)]
pub struct LetterForm {
    /// The form's single-use token.
    #[serde(default)]
    form: String,
    #[serde(default)]
    school: String,
    #[serde(default)]
    topic: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    danger: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    pin: String,
}

/// The message key that explains a refused text.
pub(super) fn text_problem(error: TextError) -> &'static str {
    match error {
        TextError::Empty => "trust-error-text-empty",
        TextError::TooLong => "trust-error-text-long",
        TextError::Control => "trust-error-text-control",
    }
}

/// What the pupil sent, checked: the letter, or the problems to show beside what they typed.
fn checked(form: &LetterForm, draft: &Draft) -> Result<Letter, Vec<&'static str>> {
    let mut problems = Vec::new();
    if draft.topic.is_none() {
        problems.push("trust-error-topic");
    }
    if draft.addressee.is_none() {
        problems.push("trust-error-to");
    }
    let text = MessageText::parse(&form.text).map_err(|e| problems.push(text_problem(e))).ok();
    let pin = Pin::parse(&form.pin).map_err(|_| problems.push("trust-error-pin")).ok().flatten();
    match (draft.topic, draft.addressee, text) {
        (Some(topic), Some(addressee), Some(text)) if problems.is_empty() => Ok(Letter {
            school_code: form.school.clone(),
            opening: Opening { topic, addressee, in_danger: draft.in_danger },
            text,
            pin,
        }),
        _ => Err(problems),
    }
}

/// `POST /trust`: a post from another site is refused (403), and a form sent before (409, nothing
/// shown again); an address that has started too many conversations this hour gets the form back with
/// everything typed and nothing stored (429); a form with problems comes back with them and with
/// everything typed (400); a stored message answers with its receipt. A form shown again carries a
/// fresh token.
pub async fn write(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<LetterForm>,
) -> Result<HttpResponse, AppError> {
    let lang = request_lang(&req);
    if let Some(refused) = refused_post(&req, &state, &form.form).await? {
        return Ok(refused);
    }
    let draft = Draft {
        school: form.school.clone(),
        topic: Topic::from_code(&form.topic),
        addressee: Addressee::from_code(&form.to),
        in_danger: !form.danger.is_empty(),
        text: form.text.clone(),
    };
    let (client, now) = (client(&req, &state.settings.trusted_proxies), Instant::now());
    if !state.pupil.may_write(Writing::NewConversation, client, now) {
        let page = write_page(lang, &draft, &["trust-error-too-many-letters"], &fresh());
        return Ok(with_start_policy(html_page(StatusCode::TOO_MANY_REQUESTS, page)));
    }
    let letter = match checked(&form, &draft) {
        Ok(letter) => letter,
        Err(problems) => {
            return Ok(with_start_policy(html_page(
                StatusCode::BAD_REQUEST,
                write_page(lang, &draft, &problems, &fresh()),
            )));
        }
    };
    let (with_pin, urgency) = (letter.pin.is_some(), Urgency::of(letter.opening.topic, letter.opening.in_danger));
    let (key, plan) = (state.trust_box.clone(), state.notify.clone());
    let stored = state.use_case(move |conn| pupil::write(conn, &key, &plan, &letter, Utc::now())).await?;
    Ok(with_start_policy(match stored {
        Ok(receipt) => {
            state.pupil.wrote(Writing::NewConversation, client, now);
            html_page(StatusCode::OK, receipt_page(lang, &receipt.display(), with_pin, urgency))
        }
        Err(WriteRefusal::UnknownSchool) => {
            html_page(StatusCode::BAD_REQUEST, write_page(lang, &draft, &["trust-error-school"], &fresh()))
        }
    }))
}
