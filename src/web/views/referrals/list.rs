//! The referral list: the centre's inbox (with filters) or the school's list of its referrals.

use chrono::NaiveDateTime;
use maud::{Markup, html};

use super::{Side, indicator_label, school_text, severity_badge, status_key, subject_text, when};
use crate::domain::referral::{InboxFilter, Referral, ReferralStatus};
use crate::domain::survey::catalog::Catalog;
use crate::web::views::components::scroll_region;
use crate::web::views::layout::{Chrome, page};

/// What the list shows.
pub struct ListView<'a> {
    /// Centre or school.
    pub side: Side,
    /// The referrals, already filtered and in inbox order.
    pub referrals: &'a [Referral],
    /// The filters applied (centre only).
    pub filter: &'a InboxFilter,
    /// Schools to filter by: (id, shown name).
    pub schools: &'a [(String, String)],
    /// Indicators to filter by.
    pub indicators: &'a [String],
    /// Now, for overdue marks.
    pub now: NaiveDateTime,
    /// The instruments, for indicator names.
    pub catalog: &'a Catalog,
}

fn filters(chrome: &Chrome<'_>, view: &ListView<'_>) -> Markup {
    let lang = chrome.lang;
    let status = view.filter.status.map(ReferralStatus::as_str).unwrap_or_default();
    let school = view.filter.school.map(|s| s.to_string()).unwrap_or_default();
    let indicator = view.filter.indicator.clone().unwrap_or_default();
    html! {
        form.filters method="get" action=(view.side.base()) {
            div.field {
                label for="status" { (lang.t("col-status")) }
                select id="status" name="status" {
                    option value="" { (lang.t("filter-any")) }
                    @for s in [ReferralStatus::New, ReferralStatus::Acknowledged, ReferralStatus::InProgress, ReferralStatus::Closed] {
                        option value=(s.as_str()) selected[s.as_str() == status] { (lang.t(status_key(s))) }
                    }
                }
            }
            div.field {
                label for="school" { (lang.t("field-school")) }
                select id="school" name="school" {
                    option value="" { (lang.t("filter-any")) }
                    @for (id, name) in view.schools {
                        option value=(id) selected[*id == school] { (name) }
                    }
                }
            }
            div.field {
                label for="indicator" { (lang.t("figures-indicator")) }
                select id="indicator" name="indicator" {
                    option value="" { (lang.t("filter-any")) }
                    @for id in view.indicators {
                        option value=(id) selected[*id == indicator] { (indicator_label(view.catalog, lang, id)) }
                    }
                }
            }
            div.field.check {
                input type="checkbox" id="overdue" name="overdue" value="1" checked[view.filter.overdue];
                label for="overdue" { (lang.t("filter-overdue")) }
            }
            button type="submit" { (lang.t("filter-apply")) }
        }
    }
}

fn table(chrome: &Chrome<'_>, view: &ListView<'_>) -> Markup {
    let lang = chrome.lang;
    html! {
        (scroll_region(&lang.t("referrals-title"), html! {
            table.referrals {
                caption.visually-hidden { (lang.t("referrals-title")) }
                thead { tr {
                    th scope="col" { (lang.t("col-severity")) }
                    @if view.side == Side::Centre { th scope="col" { (lang.t("field-school")) } }
                    th scope="col" { (lang.t("col-class")) }
                    th scope="col" { (lang.t("col-signals")) }
                    th scope="col" { (lang.t("col-status")) }
                    th scope="col" { (lang.t("col-acknowledge-by")) }
                } }
                tbody {
                    @for r in view.referrals {
                        @let overdue = r.overdue(view.now);
                        tr.overdue[overdue] {
                            td { (severity_badge(lang, r.severity)) }
                            @if view.side == Side::Centre { td { (school_text(lang, r)) } }
                            td { a href=(format!("{}/{}", view.side.base(), r.id)) { (subject_text(lang, r)) } }
                            td {
                                @if r.flags.is_empty() { (lang.t("referral-manual")) }
                                @for (i, (id, _)) in r.flags.iter().enumerate() {
                                    @if i > 0 { ", " }
                                    (indicator_label(view.catalog, lang, id))
                                }
                            }
                            td { (lang.t(status_key(r.status))) }
                            td {
                                (when(r.acknowledge_by))
                                @if overdue { " " strong.overdue-mark { (lang.t("referral-overdue")) } }
                            }
                        }
                    }
                }
            }
        }))
    }
}

/// `GET /centre/referrals` or `GET /school/referrals`.
pub fn referral_list_page(chrome: &Chrome<'_>, view: &ListView<'_>) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        &lang.t("referrals-title"),
        html! {
            @match view.side {
                Side::Centre => {
                    p.hint { (lang.t("referrals-centre-intro")) }
                    (filters(chrome, view))
                }
                Side::School => {
                    p.hint { (lang.t("referrals-school-intro")) }
                    p { a.button href="/school/referrals/new" { (lang.t("referral-raise")) } }
                }
            }
            @if view.referrals.is_empty() {
                p { (lang.t("referrals-none")) }
            } @else {
                (table(chrome, view))
            }
        },
    )
}
