//! The outbox page: how many notifications wait, were delivered or were given up, and each one not
//! delivered with its recipient, failures and last error, and a button to try it again now.

use maud::{Markup, html};

use crate::app::manage_outbox::{LISTED, MAX_ATTEMPTS, OutboxOverview};
use crate::i18n::count;
use crate::web::views::components::{csrf_field, scroll_region};
use crate::web::views::layout::{Chrome, page};

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
                (scroll_region(&lang.t("outbox-title"), html! {
                    table {
                        caption { (lang.t_args("outbox-caption", &[("most", count(LISTED as u32))])) }
                        thead { tr {
                            @for key in ["outbox-col-queued", "outbox-col-kind", "outbox-col-recipient", "outbox-col-attempts", "outbox-col-state", "outbox-col-error", "outbox-col-action"] {
                                th scope="col" { (lang.t(key)) }
                            }
                        } }
                        tbody {
                            @for message in &view.undelivered {
                                tr {
                                    td { (message.queued_on.to_string()) }
                                    td { (lang.t(if message.trust_box { "outbox-kind-trust" } else { "outbox-kind-referral" })) " (" (message.channel) ")" }
                                    td { (message.recipient) }
                                    td.num { (message.attempts) }
                                    td { (lang.t(if message.given_up() { "outbox-state-given-up" } else { "outbox-state-waiting" })) }
                                    td { (message.last_error.as_deref().unwrap_or("—")) }
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
                }))
            }
        },
    )
}
