//! The national overview: every region's released figures for one questionnaire, side by side, with a
//! chart of the regions for the bullying indicator. Regions without released figures are named. No
//! national total is shown: next to the regions it would only add a way to subtract.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use maud::{Markup, html};

use crate::app::open_figures::CentreFigures;
use crate::domain::instrument::Instrument;
use crate::domain::period::ReportingPeriod;
use crate::domain::region::RegionCode;
use crate::domain::region_figures::RegionFigures;
use crate::domain::school::Region;
use crate::domain::survey::catalog::Catalog;
use crate::i18n::{arg, count};
use crate::web::views::charts::{ChartId, ChartText, rate_chart};
use crate::web::views::figures::groups_table::{groups_table, indicator_rows};
use crate::web::views::figures::period::{period_nav, version_nav};
use crate::web::views::layout::{Chrome, page};
use crate::web::views::open::OpenPlace;
use crate::web::views::open::accountability::centres_table;

const FOCUS: &str = "bullying_victim";

/// What the national page shows.
pub struct NationalView<'a> {
    /// The questionnaire version shown.
    pub instrument: &'a Instrument,
    /// Every region, in the order regions are listed.
    pub regions: &'a [Region],
    /// The disclosed figures of the regions that have counted waves.
    pub figures: &'a BTreeMap<RegionCode, Arc<RegionFigures>>,
    /// The questionnaires to switch between.
    pub catalog: &'a Catalog,
    /// The threshold used.
    pub k: u32,
    /// The reporting period shown.
    pub period: ReportingPeriod,
    /// Today, to know which periods are published.
    pub today: NaiveDate,
}

/// `GET /national`.
pub fn national_page(chrome: &Chrome<'_>, view: &NationalView<'_>) -> Markup {
    let lang = chrome.lang;
    let instrument = view.instrument;
    let released: Vec<_> = view
        .regions
        .iter()
        .filter_map(|r| {
            let whole = view.figures.get(&r.code)?.report().figures()?;
            Some((r.name.get(lang).to_owned(), whole.get()))
        })
        .collect();
    let withheld: Vec<&str> = view
        .regions
        .iter()
        .filter(|r| view.figures.get(&r.code).and_then(|f| f.report().figures()).is_none())
        .map(|r| r.name.get(lang))
        .collect();
    let focus_label = instrument.indicator(FOCUS).map(|i| i.label().get(lang).to_owned()).unwrap_or_default();
    let rows = indicator_rows(&released, FOCUS);
    let k = count(view.k);
    let title = format!("{} · {}", lang.t("national-title"), instrument.title().get(lang));
    page(
        chrome,
        &title,
        html! {
            p.hint { (lang.t_args("figures-rules", &[("k", k)])) }
            p { (lang.t("national-intro")) " " a href=(format!("/national/trust?period={}", view.period.id())) { (lang.t("nav-trust-figures")) } " · " a href=(format!("/national/centres?period={}", view.period.id())) { (lang.t("open-referrals-title")) } }
            (period_nav(lang, "/national", instrument, view.period, view.today))
            (version_nav(lang, "/national", view.catalog, instrument, view.period))
            nav.inline aria-label=(lang.t("col-instrument")) {
                @for other in view.catalog.latest_all() {
                    a href=(format!("/national?instrument={}&period={}", other.id(), view.period.id())) aria-current=[(other.id() == instrument.id()).then_some("page")] { (other.title().get(lang)) } " "
                }
            }
            @if released.is_empty() {
                p { (lang.t("figures-nothing-released")) }
            } @else {
                (groups_table(lang, instrument, "field-region", &released))
            }
            @if !withheld.is_empty() {
                p { (lang.t_args("national-withheld", &[("regions", arg(&withheld.join(", ")))])) }
            }
            @if !rows.is_empty() {
                figure.chart {
                    figcaption { (focus_label) }
                    (rate_chart(&ChartText { id: ChartId::new("chart-national-rate"), title: focus_label.clone(), desc: lang.t("figures-chart-desc") }, "%", &rows, &[]))
                }
            }
        },
    )
}

/// `GET /national/centres`: every centre's referral figures side by side, as the open figures show
/// them region by region.
pub fn national_centres_page(chrome: &Chrome<'_>, place: &OpenPlace<'_>, centres: &[CentreFigures]) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        &lang.t("open-referrals-title"),
        html! {
            (place.heading(lang))
            p.hint { (lang.t("open-referrals-intro")) }
            (centres_table(lang, centres))
        },
    )
}
