//! One table of released groups side by side (schools of a region, regions of the country): a row
//! per group with its respondents and every indicator of the instrument with its interval.

use maud::{Markup, html};

use crate::domain::disclosure::GroupFigures;
use crate::domain::instrument::Instrument;
use crate::domain::lang::Lang;
use crate::i18n::count;
use crate::web::views::charts::RateRow;
use crate::web::views::components::scroll_region;
use crate::web::views::figures::rates::{estimate, with_interval};

/// The table; `first_column` names what a row is (a message key), `rows` are the released groups.
/// A column per indicator makes it wider than any screen, so it scrolls sideways inside its own
/// labelled region with its row headings held in place, and a line above it says so: the reader
/// is never left to guess that indicators lie beyond the edge.
pub fn groups_table(
    lang: Lang,
    instrument: &Instrument,
    first_column: &str,
    rows: &[(String, &GroupFigures)],
) -> Markup {
    let indicators = count(instrument.rate_indicators().count() as u32);
    html! {
        p.hint { (lang.t_args("figures-scroll-cue", &[("count", indicators)])) }
        (scroll_region(&lang.t("figures-indicators-caption"), table(lang, instrument, first_column, rows)))
    }
}

fn table(lang: Lang, instrument: &Instrument, first_column: &str, rows: &[(String, &GroupFigures)]) -> Markup {
    html! {
        table.figures-table {
            caption { (lang.t("figures-indicators-caption")) }
            thead { tr {
                th scope="col" { (lang.t(first_column)) }
                th scope="col" { (lang.t("figures-respondents")) }
                @for indicator in instrument.rate_indicators() { th scope="col" { (indicator.label().get(lang)) } }
            } }
            tbody {
                @for (label, f) in rows {
                    tr {
                        th scope="row" { (label) }
                        td.num { (f.respondents()) }
                        @for indicator in instrument.rate_indicators() {
                            td.num { @match f.indicator(indicator.id()) { Some(r) => (with_interval(&estimate(r))), None => "—" } }
                        }
                    }
                }
            }
        }
    }
}

/// The chart rows of `indicator` for the same groups: label with its respondents, and the estimate.
pub fn indicator_rows(rows: &[(String, &GroupFigures)], indicator: &str) -> Vec<RateRow> {
    rows.iter()
        .filter_map(|(label, f)| {
            f.indicator(indicator).map(|r| RateRow {
                label: format!("{label} (n = {})", f.respondents()),
                estimate: estimate(r),
                flag: None,
            })
        })
        .collect()
}
