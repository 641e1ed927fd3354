//! The outbox page: how many notifications wait, were delivered or were given up, and each one not
//! delivered with its recipient, failures and last error, and a button to try it again now.

use maud::{Markup, html};

use crate::app::manage_outbox::{LISTED, MAX_ATTEMPTS, OutboxOverview, QueuedKind};
use crate::i18n::count;
use crate::web::views::components::csrf_field;
use crate::web::views::layout::{Chrome, page};

fn kind_key(kind: QueuedKind) -> &'static str {
    match kind {
        QueuedKind::Referral => "outbox-kind-referral",
        QueuedKind::TrustBox => "outbox-kind-trust",
        QueuedKind::Account => "outbox-kind-account",
    }
}

/// The table's columns (message keys); on a narrow screen each cell carries its column's name.
const COLUMNS: [&str; 7] = [
    "outbox-col-queued",
    "outbox-col-kind",
    "outbox-col-recipient",
    "outbox-col-attempts",
    "outbox-col-state",
    "outbox-col-error",
    "outbox-col-action",
];

/// `GET /admin/outbox`.
pub fn outbox_page(chrome: &Chrome<'_>, view: &OutboxOverview) -> Markup {
    let lang = chrome.lang;
    let (waiting, delivered, given_up) = view.tally;
    let number = |n: i64| count(u32::try_from(n).unwrap_or(u32::MAX));
    page(
        chrome,
        &lang.t("outbox-title"),
        html! {
            p { (lang.t_args("outbox-intro", &[("attempts", count(MAX_ATTEMPTS.unsigned_abs()))])) }
            p { (lang.t_args("outbox-tally", &[("waiting", number(waiting)), ("delivered", number(delivered)), ("given_up", number(given_up))])) }
            @if view.undelivered.is_empty() {
                p { (lang.t("outbox-empty")) }
            } @else {
                @let label = |key: &str| lang.t(key);
                table.stack {
                    caption { (lang.t_args("outbox-caption", &[("most", count(LISTED as u32))])) }
                    thead { tr {
                        @for key in COLUMNS { th scope="col" { (label(key)) } }
                    } }
                    tbody {
                        @for message in &view.undelivered {
                            tr {
                                td data-label=(label(COLUMNS[0])) { (message.queued_on.to_string()) }
                                td data-label=(label(COLUMNS[1])) { (lang.t(kind_key(message.kind))) " (" (message.channel) ")" }
                                td data-label=(label(COLUMNS[2])) { (message.recipient) }
                                td.num data-label=(label(COLUMNS[3])) { (message.attempts) }
                                td data-label=(label(COLUMNS[4])) { (lang.t(if message.given_up() { "outbox-state-given-up" } else { "outbox-state-waiting" })) }
                                td data-label=(label(COLUMNS[5])) { (message.last_error.as_deref().unwrap_or("—")) }
                                td {
                                    form method="post" action=(format!("/admin/outbox/{}/retry", message.id)) {
                                        (csrf_field(chrome.csrf))
                                        button type="submit" { (lang.t("outbox-retry")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
