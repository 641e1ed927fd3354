//! The centre's list of the region's waves and one wave's figures.

use maud::{Markup, html};

use crate::domain::lang::Lang;
use crate::domain::school::School;
use crate::domain::survey::catalog::Catalog;
use crate::domain::survey::wave::WaveStatus;
use crate::domain::survey::wave_record::Wave;
use crate::i18n::arg;
use crate::web::views::layout::{Chrome, page};

/// One line of the region's wave list.
pub struct CentreWaveRow {
    /// The wave.
    pub wave: Wave,
    /// Its school.
    pub school: School,
    /// Its status today.
    pub status: WaveStatus,
}

fn title(catalog: &Catalog, wave: &Wave, lang: Lang) -> String {
    catalog.get(&wave.instrument).map_or_else(|| wave.instrument.code().to_owned(), |i| i.title().get(lang).to_owned())
}

/// `GET /centre/waves`.
pub fn centre_waves_page(chrome: &Chrome<'_>, rows: &[CentreWaveRow], catalog: &Catalog) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        &lang.t("centre-waves-title"),
        html! {
            @if rows.is_empty() {
                p { (lang.t("waves-none")) }
            } @else {
                table {
                    thead { tr {
                        th scope="col" { (lang.t("field-school")) }
                        th scope="col" { (lang.t("col-instrument")) }
                        th scope="col" { (lang.t("col-dates")) }
                        th scope="col" { (lang.t("col-status")) }
                    } }
                    tbody {
                        @for row in rows {
                            tr {
                                td { (row.school.code) " " (row.school.name.get(lang)) }
                                td { a href=(format!("/centre/waves/{}", row.wave.id)) { (title(catalog, &row.wave, lang)) } }
                                td { (lang.t_args("wave-dates", &[("from", arg(&row.wave.opens_on.to_string())), ("to", arg(&row.wave.closes_on.to_string()))])) }
                                td { (lang.t(row.status.message_key())) }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// `GET /centre/waves/{id}`.
pub fn centre_wave_page(
    chrome: &Chrome<'_>,
    wave: &Wave,
    school: &School,
    catalog: &Catalog,
    figures: Option<Markup>,
) -> Markup {
    let lang = chrome.lang;
    let heading = format!("{} · {}", school.name.get(lang), title(catalog, wave, lang));
    page(
        chrome,
        &heading,
        html! {
            p { (lang.t_args("wave-dates", &[("from", arg(&wave.opens_on.to_string())), ("to", arg(&wave.closes_on.to_string()))])) }
            @match figures {
                Some(figures) => (figures),
                None => p { (lang.t("wave-open-bands")) },
            }
        },
    )
}
