//! Which reporting period a region or national page shows, and the way to the one before and after.

use chrono::NaiveDate;
use fluent_templates::fluent_bundle::FluentValue;
use maud::{Markup, html};

use crate::domain::lang::Lang;
use crate::domain::period::ReportingPeriod;
use crate::i18n::arg;

/// "2025–2026 school year, second half" in `lang`.
pub fn period_name(lang: Lang, period: ReportingPeriod) -> String {
    let from = period.school_year().to_string();
    let to = (period.school_year() + 1).to_string();
    let half = FluentValue::from(i64::from(period.half()));
    lang.t_args("period-name", &[("from", arg(&from)), ("to", arg(&to)), ("half", half)])
}

/// The period shown on the page at `path` for questionnaire `instrument`, with links to the period
/// before it and, once published on `today`, the one after.
pub fn period_nav(lang: Lang, path: &str, instrument: &str, period: ReportingPeriod, today: NaiveDate) -> Markup {
    let link = |to: ReportingPeriod| format!("{path}?instrument={instrument}&period={}", to.id());
    html! {
        p.period { (lang.t_args("period-shown", &[("period", arg(&period_name(lang, period)))])) }
        nav.inline aria-label=(lang.t("period-nav")) {
            a href=(link(period.previous())) { (lang.t("period-earlier")) }
            @if period.next().is_published(today) {
                " " a href=(link(period.next())) { (lang.t("period-later")) }
            }
        }
    }
}
