//! The trust box's figures page: per region and published reporting period, the conversations by
//! topic, how they stood at publication, and how staff answered (for a centre its region, for the
//! national analyst every region side by side). Only what `domain::disclosure` released is shown; a
//! withheld count is "—".

use chrono::NaiveDate;
use maud::{Markup, html};

use super::{outcome_key, topic_key};
use crate::app::trust_box::figures::RegionTrustFigures;
use crate::domain::lang::Lang;
use crate::domain::period::ReportingPeriod;
use crate::domain::trust_box::lifecycle::Outcome;
use crate::domain::trust_box::topic::Topic;
use crate::web::views::figures::cells::{count_cell, part_cells, percent_cell, typical_cell};
use crate::web::views::figures::period::{period_links, period_name};
use crate::web::views::figures::side_by_side::regions_side_by_side;
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
            (period_links(lang, view.period, view.today, link))
            p.hint { (lang.t_args("trust-figures-intro", &[("k", k)])) }
            (topics_table(lang, view.regions))
            (outcomes_table(lang, view.regions))
            (answers_table(lang, view.regions))
            p.hint { (lang.t("trust-figures-came-back-note")) }
        },
    )
}

/// One table of the page: a row per region, under `columns`.
fn regions_table(
    lang: Lang,
    title_key: &str,
    columns: &[String],
    regions: &[RegionTrustFigures],
    cells: impl Fn(&RegionTrustFigures) -> Markup,
) -> Markup {
    regions_side_by_side(lang, &lang.t(title_key), columns, regions, |r| r.name.get(lang), cells)
}

fn topics_table(lang: Lang, regions: &[RegionTrustFigures]) -> Markup {
    let mut columns = vec![lang.t("trust-figures-col-total")];
    columns.extend(Topic::ALL.iter().map(|topic| lang.t(topic_key(*topic))));
    regions_table(lang, "trust-figures-topics", &columns, regions, |r| {
        html! { (count_cell(r.figures.by_topic.get().total)) (part_cells(&r.figures.by_topic)) }
    })
}

fn outcomes_table(lang: Lang, regions: &[RegionTrustFigures]) -> Markup {
    let mut columns: Vec<String> = Outcome::ALL.iter().map(|outcome| lang.t(outcome_key(*outcome))).collect();
    columns.push(lang.t("trust-figures-col-open"));
    regions_table(lang, "trust-figures-outcomes", &columns, regions, |r| part_cells(&r.figures.by_outcome))
}

fn answers_table(lang: Lang, regions: &[RegionTrustFigures]) -> Markup {
    let keys = [
        "trust-figures-col-in-time",
        "trust-figures-col-urgent-reply",
        "trust-figures-col-other-reply",
        "trust-figures-col-came-back",
    ];
    let columns: Vec<String> = keys.iter().map(|key| lang.t(key)).collect();
    regions_table(lang, "trust-figures-answers", &columns, regions, |r| {
        html! {
            (percent_cell(&r.figures.answered_in_time))
            (typical_cell(&r.figures.urgent_reply_hours))
            (typical_cell(&r.figures.other_reply_days))
            (percent_cell(&r.figures.came_back))
        }
    })
}
