//! Small reusable pieces of forms and tables, so every form looks and behaves the same: a label, the
//! kept value, and the field's message tied to it for screen readers.

use maud::{Markup, html};

use crate::domain::lang::Lang;
use crate::web::forms::FieldErrors;

/// A labelled text input that keeps its value and shows its message.
pub struct TextField<'a> {
    /// Form field name.
    pub name: &'static str,
    /// Message key of the label.
    pub label: &'static str,
    /// What was typed or stored.
    pub value: &'a str,
    /// `text`, `password`, `number`, `email`.
    pub kind: &'static str,
    /// Whether the browser should insist on a value.
    pub required: bool,
}

impl TextField<'_> {
    /// Renders it with any message from `errors`.
    pub fn render(&self, lang: Lang, errors: &FieldErrors) -> Markup {
        let error = errors.get(self.name);
        let error_id = format!("{}-error", self.name);
        html! {
            div.field.invalid[error.is_some()] {
                label for=(self.name) { (lang.t(self.label)) }
                input id=(self.name) name=(self.name) type=(self.kind) value=(self.value)
                    required[self.required] autocomplete="off"
                    aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| error_id.as_str())];
                @if let Some(key) = error {
                    p.error id=(error_id) { (lang.t(key)) }
                }
            }
        }
    }
}

/// A labelled select that keeps its choice; options are (value, shown text).
pub fn select_field(
    lang: Lang,
    errors: &FieldErrors,
    name: &'static str,
    label: &'static str,
    options: &[(String, String)],
    selected: &str,
) -> Markup {
    let error = errors.get(name);
    let error_id = format!("{name}-error");
    html! {
        div.field.invalid[error.is_some()] {
            label for=(name) { (lang.t(label)) }
            select id=(name) name=(name) aria-invalid=[error.map(|_| "true")]
                aria-describedby=[error.map(|_| error_id.as_str())] {
                @for (value, text) in options {
                    option value=(value) selected[value == selected] { (text) }
                }
            }
            @if let Some(key) = error {
                p.error id=(error_id) { (lang.t(key)) }
            }
        }
    }
}

/// The hidden anti-forgery field every staff form carries.
pub fn csrf_field(token: &str) -> Markup {
    html! { input type="hidden" name="csrf" value=(token); }
}

/// A summary at the top of a refused form, so the reader knows to look below.
pub fn form_problems(lang: Lang, errors: &FieldErrors) -> Markup {
    html! {
        @if !errors.is_empty() {
            p.error.summary role="alert" { (lang.t("form-has-problems")) }
        }
    }
}

/// A wide table in its own sideways-scrolling region, so that at 200% zoom or on a narrow window the
/// table scrolls and the page does not (WCAG 1.4.10). The region is labelled and reachable with the
/// keyboard, so it can be scrolled without a mouse.
pub fn scroll_region(label: &str, table: Markup) -> Markup {
    html! {
        div.scroll role="region" aria-label=(label) tabindex="0" { (table) }
    }
}
