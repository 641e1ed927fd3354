//! Which reporting period a region or national page shows, and the way to the one before and after.

use chrono::NaiveDate;
use fluent_templates::fluent_bundle::FluentValue;
use maud::{Markup, html};

use crate::domain::instrument::Instrument;
use crate::domain::lang::Lang;
use crate::domain::period::ReportingPeriod;
use crate::domain::survey::catalog::Catalog;
use crate::i18n::arg;

/// "2025–2026 school year, second half" in `lang`.
pub fn period_name(lang: Lang, period: ReportingPeriod) -> String {
    let from = period.school_year().to_string();
    let to = (period.school_year() + 1).to_string();
    let half = FluentValue::from(i64::from(period.half()));
    lang.t_args("period-name", &[("from", arg(&from)), ("to", arg(&to)), ("half", half)])
}

/// The period shown on the page at `path` for `instrument` (id and version), with links to the period
/// before it and, once published on `today`, the one after.
pub fn period_nav(
    lang: Lang,
    path: &str,
    instrument: &Instrument,
    period: ReportingPeriod,
    today: NaiveDate,
) -> Markup {
    let (id, version) = (instrument.id(), instrument.version());
    let link = |to: ReportingPeriod| format!("{path}?instrument={id}&version={version}&period={}", to.id());
    html! {
        (period_shown(lang, period))
        (period_links(lang, period, today, link))
    }
}

/// "Reporting period: …", with what a period is.
pub fn period_shown(lang: Lang, period: ReportingPeriod) -> Markup {
    html! { p.period { (lang.t_args("period-shown", &[("period", arg(&period_name(lang, period)))])) } }
}

/// Links to the period before `period` and, once published on `today`, the one after, each at
/// `link(to)`: every page of published periods moves between them the same way.
pub fn period_links(
    lang: Lang,
    period: ReportingPeriod,
    today: NaiveDate,
    link: impl Fn(ReportingPeriod) -> String,
) -> Markup {
    html! {
        nav.inline aria-label=(lang.t("period-nav")) {
            a href=(link(period.previous())) { (lang.t("period-earlier")) }
            @if period.next().is_published(today) {
                " " a href=(link(period.next())) { (lang.t("period-later")) }
            }
        }
    }
}

/// Links to each version of `instrument` on the page at `path` for `period`, when there is more than
/// one: versions are never added together (their questions are worded differently), so a period run
/// with an older version is found under it.
pub fn version_nav(
    lang: Lang,
    path: &str,
    catalog: &Catalog,
    instrument: &Instrument,
    period: ReportingPeriod,
) -> Markup {
    let versions = catalog.versions(instrument.id());
    html! {
        @if versions.len() > 1 {
            nav.inline aria-label=(lang.t("figures-version-nav")) {
                (lang.t("figures-version-nav")) ": "
                @for other in versions {
                    a href=(format!("{path}?instrument={}&version={}&period={}", other.id(), other.version(), period.id()))
                        aria-current=[(other.version() == instrument.version()).then_some("page")] { (other.version()) } " "
                }
            }
        }
    }
}
