//! The psychologist's form for a manual referral ("complex case") of one class.

use maud::{Markup, html};
use serde::Deserialize;

use crate::domain::ids::ClassId;
use crate::web::forms::{FieldErrors, optional_id};
use crate::web::views::components::{csrf_field, form_problems, select_field};
use crate::web::views::layout::{Chrome, page};

/// The form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ManualForm {
    /// The class chosen (none when nothing, or nothing that is a class id, was chosen).
    #[serde(deserialize_with = "optional_id")]
    pub class: Option<ClassId>,
    /// "1" when urgent.
    pub urgent: Option<String>,
    /// What the centre should know.
    pub note: String,
}

/// `GET /school/referrals/new`; `classes` are (id, label).
pub fn manual_referral_page(
    chrome: &Chrome<'_>,
    classes: &[(String, String)],
    form: &ManualForm,
    errors: &FieldErrors,
) -> Markup {
    let lang = chrome.lang;
    let note_error = errors.get("note");
    page(
        chrome,
        &lang.t("referral-raise"),
        html! {
            p.hint { (lang.t("referral-raise-intro")) }
            (form_problems(lang, errors))
            form method="post" action="/school/referrals" {
                (csrf_field(chrome.csrf))
                (select_field(lang, errors, "class", "col-class", classes, &form.class.map(|c| c.to_string()).unwrap_or_default()))
                div.field.check {
                    input type="checkbox" id="urgent" name="urgent" value="1" checked[form.urgent.is_some()];
                    label for="urgent" { (lang.t("referral-urgent-check")) }
                }
                div.field.invalid[note_error.is_some()] {
                    label for="note" { (lang.t("referral-raise-note")) }
                    textarea id="note" name="note" rows="6" maxlength="4000" required
                        aria-invalid=[note_error.map(|_| "true")] aria-describedby="note-hint" { (form.note) }
                    p.hint id="note-hint" { (lang.t("referral-note-hint")) }
                    @if let Some(key) = note_error { p.error { (lang.t(key)) } }
                }
                button type="submit" { (lang.t("referral-raise-send")) }
            }
        },
    )
}
