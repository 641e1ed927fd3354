//! Open figures, for anyone without signing in (docs/design.md): the list of regions, and each
//! region's page for one published reporting period: its climate figures (the region as a whole,
//! never a school), its centre's referral figures and the trust box's. Links carry the reader's
//! `lang`, so a shared address opens in the language it was shared in.

pub mod accountability;

use chrono::NaiveDate;
use maud::{Markup, html};

use crate::app::open_figures::{CentreFigures, OpenRegionFigures};
use crate::domain::disclosure::{Breakdown, Released};
use crate::domain::lang::Lang;
use crate::domain::period::ReportingPeriod;
use crate::domain::survey::catalog::Catalog;
use crate::domain::trust_box::lifecycle::Outcome as TrustOutcome;
use crate::domain::trust_box::topic::Topic;
use crate::i18n::{arg, count};
use crate::web::views::figures::cells::{count_cell, percent_cell, typical_cell};
use crate::web::views::figures::dashboard::{AcuteRow, Column, indicator_table};
use crate::web::views::figures::period::{period_links, period_shown};
use crate::web::views::layout::{Chrome, page};
use crate::web::views::trust::{outcome_key as trust_outcome_key, topic_key};
use accountability::{centres_table, referral_rows};

/// Where a page of the open figures lives, for links to other periods and languages.
pub struct OpenPlace<'a> {
    /// The page's path without a query (`/open` or `/open/KZ-11`).
    pub path: &'a str,
    /// The published period shown.
    pub period: ReportingPeriod,
    /// Today in Kazakhstan, to link the next period only once it is published.
    pub today: NaiveDate,
    /// The deployment's threshold.
    pub k: u32,
}

impl OpenPlace<'_> {
    fn link(&self, lang: Lang, period: ReportingPeriod) -> String {
        format!("{}?period={}&lang={}", self.path, period.id(), lang.code())
    }

    /// The period shown, the way to the ones before and after, and what is never shown.
    pub fn heading(&self, lang: Lang) -> Markup {
        html! {
            (period_shown(lang, self.period))
            (period_links(lang, self.period, self.today, |to| self.link(lang, to)))
            p.hint { (lang.t_args("open-intro", &[("k", count(self.k))])) }
        }
    }
}

/// `GET /open`: every region, with its centre's referral figures side by side.
pub fn open_index_page(chrome: &Chrome<'_>, place: &OpenPlace<'_>, centres: &[CentreFigures]) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        &lang.t("open-title"),
        html! {
            (place.heading(lang))
            h2 { (lang.t("open-regions")) }
            ul.columns {
                @for centre in centres {
                    li { a href=(format!("/open/{}?period={}&lang={}", centre.region.code.as_str(), place.period.id(), lang.code())) { (centre.region.name.get(lang)) } }
                }
            }
            h2 { (lang.t("open-referrals-title")) }
            (centres_table(lang, centres))
        },
    )
}

/// `GET /open/{region}`: one region's open figures for one period.
pub fn open_region_page(
    chrome: &Chrome<'_>,
    place: &OpenPlace<'_>,
    catalog: &Catalog,
    shown: &OpenRegionFigures,
) -> Markup {
    let lang = chrome.lang;
    let title = lang.t_args("open-region-title", &[("region", arg(shown.region.name.get(lang)))]);
    let csv = format!("{}/figures.csv?period={}&lang={}", place.path, place.period.id(), lang.code());
    page(
        chrome,
        &title,
        html! {
            (place.heading(lang))
            p { a href=(csv) download { (lang.t("open-download-csv")) } " · " a href=(format!("/open?period={}&lang={}", place.period.id(), lang.code())) { (lang.t("open-all-regions")) } }
            h2 { (lang.t("open-climate-title")) }
            @if shown.climate.is_empty() {
                p { (lang.t("open-climate-none")) }
            }
            @for climate in &shown.climate {
                @if let Some(instrument) = catalog.get(&climate.instrument) {
                    h3 { (instrument.title().get(lang)) " (" (lang.t_args("open-version", &[("version", count(instrument.version()))])) ")" }
                    @match &climate.region {
                        Some(figures) => (indicator_table(lang, instrument, &[Column { label: shown.region.name.get(lang).to_owned(), figures: figures.get() }], AcuteRow::Left)),
                        None => p { (lang.t("open-climate-withheld")) },
                    }
                }
            }
            h2 { (lang.t("open-referrals-title")) }
            p.hint { (lang.t("open-referrals-intro")) }
            (rows_table(&lang.t("open-referrals-title"), &referral_rows(lang, &shown.referrals)))
            h2 { (lang.t("trust-figures-title")) }
            (rows_table(&lang.t("trust-figures-title"), &trust_rows(lang, shown)))
            p.hint { (lang.t("trust-figures-came-back-note")) }
        },
    )
}

/// The trust box's figures of one region as labelled rows.
fn trust_rows(lang: Lang, shown: &OpenRegionFigures) -> Vec<(String, Markup)> {
    let trust = &shown.trust;
    let mut rows = vec![(lang.t("trust-figures-col-total"), count_cell(trust.by_topic.get().total))];
    rows.extend(part_rows(Topic::ALL.iter().map(|topic| lang.t(topic_key(*topic))), &trust.by_topic));
    rows.push((lang.t("trust-figures-outcomes"), html! { td {} }));
    let outcomes =
        TrustOutcome::ALL.iter().map(|o| lang.t(trust_outcome_key(*o))).chain([lang.t("trust-figures-col-open")]);
    rows.extend(part_rows(outcomes, &trust.by_outcome));
    rows.push((lang.t("trust-figures-col-in-time"), percent_cell(&trust.answered_in_time)));
    rows.push((lang.t("trust-figures-col-urgent-reply"), typical_cell(&trust.urgent_reply_hours)));
    rows.push((lang.t("trust-figures-col-other-reply"), typical_cell(&trust.other_reply_days)));
    rows.push((lang.t("trust-figures-col-came-back"), percent_cell(&trust.came_back)));
    rows
}

/// The parts of `breakdown` as rows under the one before it, each labelled by the next of `labels`.
fn part_rows(labels: impl Iterator<Item = String>, breakdown: &Released<Breakdown>) -> Vec<(String, Markup)> {
    labels.zip(&breakdown.get().parts).map(|(label, part)| (format!("— {label}"), count_cell(*part))).collect()
}

/// A two-column table of labelled figures, narrow enough for a phone; its caption repeats the
/// section's heading for screen readers only.
fn rows_table(caption: &str, rows: &[(String, Markup)]) -> Markup {
    html! {
        table.figure-list {
            caption.visually-hidden { (caption) }
            tbody { @for (label, cell) in rows { tr { th scope="row" { (label) } (cell) } } }
        }
    }
}
