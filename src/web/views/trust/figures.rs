//! The trust box's figures page: per region and published reporting period, the conversations by
//! topic, how they stood at publication, and how staff answered (for a centre its region, for the
//! national analyst every region side by side). Only what `domain::disclosure` released is shown; a
//! withheld count is "—".

use chrono::NaiveDate;
use maud::{Markup, html};

use super::{outcome_key, topic_key};
use crate::app::trust_box::figures::RegionTrustFigures;
use crate::domain::disclosure::{Breakdown, Percent, Released, Typical};
use crate::domain::lang::Lang;
use crate::domain::period::ReportingPeriod;
use crate::domain::trust_box::lifecycle::Outcome;
use crate::domain::trust_box::topic::Topic;
use crate::web::views::components::scroll_region;
use crate::web::views::figures::period::period_name;
use crate::web::views::layout::{Chrome, page};

/// What the figures page shows.
pub struct FiguresPageView<'a> {
    /// Where the page lives (`/centre/trust/figures` or `/national/trust`), for the period links.
    pub path: &'a str,
    /// The published period shown.
    pub period: ReportingPeriod,
    /// Today (Kazakhstan), to link the next period only once it is published.
    pub today: NaiveDate,
    /// The deployment's threshold, to say it.
    pub k: u32,
    /// Each region's released figures.
    pub regions: &'a [RegionTrustFigures],
}

/// The page.
pub fn trust_figures_page(chrome: &Chrome<'_>, view: &FiguresPageView<'_>) -> Markup {
    let lang = chrome.lang;
    let link = |to: ReportingPeriod| format!("{}?period={}", view.path, to.id());
    let k = crate::i18n::count(view.k);
    page(
        chrome,
        &lang.t("trust-figures-title"),
        html! {
            p.period { (period_name(lang, view.period)) }
            nav.inline aria-label=(lang.t("period-nav")) {
                a href=(link(view.period.previous())) { (lang.t("period-earlier")) }
                @if view.period.next().is_published(view.today) { " " a href=(link(view.period.next())) { (lang.t("period-later")) } }
            }
            p.hint { (lang.t_args("trust-figures-intro", &[("k", k)])) }
            (topics_table(lang, view.regions))
            (outcomes_table(lang, view.regions))
            (answers_table(lang, view.regions))
            p.hint { (lang.t("trust-figures-came-back-note")) }
        },
    )
}

fn count_cell(shown: Option<u32>) -> Markup {
    html! { td.num { @match shown { Some(n) => (n), None => "—" } } }
}

fn parts(breakdown: &Released<Breakdown>) -> Vec<Option<u32>> {
    breakdown.get().parts.clone()
}

fn topics_table(lang: Lang, regions: &[RegionTrustFigures]) -> Markup {
    let title = lang.t("trust-figures-topics");
    scroll_region(
        &title,
        html! {
            table {
                caption { (title) }
                thead { tr {
                    th scope="col" { (lang.t("trust-figures-col-region")) }
                    th scope="col" { (lang.t("trust-figures-col-total")) }
                    @for topic in Topic::ALL { th scope="col" { (lang.t(topic_key(topic))) } }
                } }
                tbody { @for r in regions { tr {
                    th scope="row" { (r.name.get(lang)) }
                    (count_cell(r.figures.by_topic.get().total))
                    @for part in parts(&r.figures.by_topic) { (count_cell(part)) }
                } } }
            }
        },
    )
}

fn outcomes_table(lang: Lang, regions: &[RegionTrustFigures]) -> Markup {
    let title = lang.t("trust-figures-outcomes");
    scroll_region(
        &title,
        html! {
            table {
                caption { (title) }
                thead { tr {
                    th scope="col" { (lang.t("trust-figures-col-region")) }
                    @for outcome in Outcome::ALL { th scope="col" { (lang.t(outcome_key(outcome))) } }
                    th scope="col" { (lang.t("trust-figures-col-open")) }
                } }
                tbody { @for r in regions { tr {
                    th scope="row" { (r.name.get(lang)) }
                    @for part in parts(&r.figures.by_outcome) { (count_cell(part)) }
                } } }
            }
        },
    )
}

fn percent_cell(shown: &Option<Released<Percent>>) -> Markup {
    html! { td.num { @match shown { Some(p) => (p.get()), None => "—" } } }
}

fn typical_cell(shown: &Option<Released<Typical>>) -> Markup {
    html! { td.num { @match shown { Some(t) => { (t.get().median) " / " (t.get().p90) }, None => "—" } } }
}

fn answers_table(lang: Lang, regions: &[RegionTrustFigures]) -> Markup {
    let title = lang.t("trust-figures-answers");
    scroll_region(
        &title,
        html! {
            table {
                caption { (title) }
                thead { tr {
                    th scope="col" { (lang.t("trust-figures-col-region")) }
                    th scope="col" { (lang.t("trust-figures-col-in-time")) }
                    th scope="col" { (lang.t("trust-figures-col-urgent-reply")) }
                    th scope="col" { (lang.t("trust-figures-col-other-reply")) }
                    th scope="col" { (lang.t("trust-figures-col-came-back")) }
                } }
                tbody { @for r in regions { tr {
                    th scope="row" { (r.name.get(lang)) }
                    (percent_cell(&r.figures.answered_in_time))
                    (typical_cell(&r.figures.urgent_reply_hours))
                    (typical_cell(&r.figures.other_reply_days))
                    (percent_cell(&r.figures.came_back))
                } } }
            }
        },
    )
}
