//! Wave pages of the psychologist: the list, the opening form, the once-only secrets sheet (one
//! printed page per class, or cut-out slips in codes mode), and a wave's participation.

use std::sync::Arc;

use chrono::NaiveDate;
use maud::{Markup, html};

use crate::app::open_wave::OpenedWave;
use crate::domain::disclosure::ParticipationBand;
use crate::domain::lang::Lang;
use crate::domain::school::SchoolClass;
use crate::domain::survey::access_secret::display;
use crate::domain::survey::catalog::Catalog;
use crate::domain::survey::wave::{AccessMode, WaveStatus};
use crate::domain::survey::wave_record::Wave;
use crate::i18n::{arg, count};
use crate::web::forms::FieldErrors;
use crate::web::forms::wave::WaveForm;
use crate::web::views::components::{TextField, csrf_field, form_problems, select_field};
use crate::web::views::layout::{Chrome, page};

/// The list of a school's waves.
pub struct WaveListView {
    /// Newest first.
    pub waves: Vec<Wave>,
    /// Today in Kazakhstan.
    pub today: NaiveDate,
    /// For instrument titles.
    pub catalog: Arc<Catalog>,
}

/// The opening form.
pub struct NewWaveView {
    /// The school's classes.
    pub classes: Vec<SchoolClass>,
    /// Instruments on offer.
    pub catalog: Arc<Catalog>,
    /// As typed.
    pub form: WaveForm,
    /// Problems.
    pub errors: FieldErrors,
}

/// One class line of a wave.
pub struct WaveClassLine {
    /// Label.
    pub label: String,
    /// Grade at wave time.
    pub grade: u8,
    /// Roll at wave time.
    pub roll: u16,
    /// Participation band while open.
    pub band: Option<ParticipationBand>,
}

/// One wave.
pub struct WaveDetailView {
    /// The wave.
    pub wave: Wave,
    /// Its status today.
    pub status: WaveStatus,
    /// Its classes.
    pub classes: Vec<WaveClassLine>,
    /// The whole school's band while open.
    pub school_band: Option<ParticipationBand>,
    /// For the instrument title.
    pub catalog: Arc<Catalog>,
    /// The figures section once the wave is closed.
    pub figures: Option<Markup>,
}

fn instrument_title(catalog: &Catalog, wave: &Wave, lang: Lang) -> String {
    catalog.get(&wave.instrument).map_or_else(|| wave.instrument.code().to_owned(), |i| i.title().get(lang).to_owned())
}

fn dates(lang: Lang, wave: &Wave) -> String {
    lang.t_args("wave-dates", &[("from", arg(&wave.opens_on.to_string())), ("to", arg(&wave.closes_on.to_string()))])
}

/// `GET /school/waves`.
pub fn wave_list_page(chrome: &Chrome<'_>, view: &WaveListView) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        &lang.t("waves-title"),
        html! {
            p { a.button href="/school/waves/new" { (lang.t("waves-open-new")) } }
            @if view.waves.is_empty() {
                p { (lang.t("waves-none")) }
            } @else {
                table {
                    thead { tr {
                        th scope="col" { (lang.t("col-instrument")) }
                        th scope="col" { (lang.t("col-dates")) }
                        th scope="col" { (lang.t("col-status")) }
                    } }
                    tbody {
                        @for wave in &view.waves {
                            tr {
                                td { a href=(format!("/school/waves/{}", wave.id)) { (instrument_title(&view.catalog, wave, lang)) } }
                                td { (dates(lang, wave)) }
                                td { (lang.t(wave.status(view.today).message_key())) }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// `GET /school/waves/new`.
pub fn new_wave_page(chrome: &Chrome<'_>, view: &NewWaveView) -> Markup {
    let lang = chrome.lang;
    let instruments: Vec<(String, String)> =
        view.catalog.latest_all().iter().map(|i| (i.id().to_owned(), i.title().get(lang).to_owned())).collect();
    let class_error = view.errors.get("class");
    let mode_error = view.errors.get("mode");
    page(
        chrome,
        &lang.t("waves-open-new"),
        html! {
            p { (lang.t("waves-open-intro")) }
            form.card method="post" action="/school/waves" novalidate {
                (csrf_field(chrome.csrf))
                input type="hidden" name="nonce" value=(view.form.nonce);
                (form_problems(lang, &view.errors))
                (select_field(lang, &view.errors, "instrument", "field-instrument", &instruments, &view.form.instrument))
                fieldset.field.invalid[class_error.is_some()] {
                    legend { (lang.t("field-classes")) }
                    @for class in &view.classes {
                        label.opt {
                            input type="checkbox" name="class" value=(class.id) checked[view.form.classes.contains(&class.id)];
                            " " (class.label) " (" (lang.t_args("class-roll", &[("roll", count(u32::from(class.roll.get())))])) ")"
                        }
                    }
                    @if let Some(key) = class_error { p.error { (lang.t(key)) } }
                }
                (TextField { name: "opens_on", label: "field-opens-on", value: &view.form.opens_on, kind: "date", required: true }.render(lang, &view.errors))
                (TextField { name: "closes_on", label: "field-closes-on", value: &view.form.closes_on, kind: "date", required: true }.render(lang, &view.errors))
                fieldset.field.invalid[mode_error.is_some()] {
                    legend { (lang.t("field-access-mode")) }
                    @for (value, key) in [("password", "mode-password"), ("codes", "mode-codes")] {
                        label.opt {
                            input type="radio" name="mode" value=(value) checked[view.form.mode == value];
                            " " (lang.t(key))
                        }
                    }
                    @if let Some(key) = mode_error { p.error { (lang.t(key)) } }
                }
                button type="submit" { (lang.t("waves-open-button")) }
            }
        },
    )
}

/// What the secrets sheets print.
pub struct Sheets<'a> {
    /// The questionnaire's title.
    pub title: &'a str,
    /// The deployment's public address, where pupils start.
    pub address: &'a str,
    /// The school's code, for the trust box (no class or wave: a message names only its school).
    pub school_code: &'a str,
    /// The wave just opened, with its once-only secrets.
    pub opened: &'a OpenedWave,
}

/// The secrets sheet, shown once after opening: a printed page per class, each also saying where and
/// with which school code a pupil writes to the trust box.
pub fn secrets_page(chrome: &Chrome<'_>, sheets: &Sheets<'_>) -> Markup {
    let lang = chrome.lang;
    let (title, address, opened) = (sheets.title, sheets.address, sheets.opened);
    let trust_address = format!("{}/trust", address.trim_end_matches('/'));
    let trust_line =
        lang.t_args("secrets-trust", &[("address", arg(&trust_address)), ("code", arg(sheets.school_code))]);
    page(
        chrome,
        &lang.t("secrets-title"),
        html! {
            p.notice role="status" { (lang.t("secrets-shown-once")) }
            p.no-print { a href=(format!("/school/waves/{}", opened.wave_id)) { (lang.t("secrets-to-wave")) } }
            @for class in &opened.classes {
                section.sheet {
                    h2 { (title) " · " (class.label) }
                    p { (lang.t_args("secrets-how", &[("address", arg(address))])) }
                    @if let Some(password) = &class.password {
                        p { (lang.t("secrets-class-password")) }
                        p.secret { (display(password)) }
                    }
                    @if !class.codes.is_empty() {
                        p { (lang.t("secrets-codes-intro")) }
                        ul.slips {
                            @for code in &class.codes {
                                li { span.small { (class.label) } " " span.secret { (display(code)) } }
                            }
                        }
                    }
                    p.trust-line { (trust_line) }
                }
            }
        },
    )
}

fn mode_key(mode: AccessMode) -> &'static str {
    match mode {
        AccessMode::Password => "mode-password",
        AccessMode::Codes => "mode-codes",
    }
}

/// `GET /school/waves/{id}`.
pub fn wave_detail_page(chrome: &Chrome<'_>, view: &WaveDetailView) -> Markup {
    let lang = chrome.lang;
    let wave = &view.wave;
    page(
        chrome,
        &instrument_title(&view.catalog, wave, lang),
        html! {
            dl.figures {
                div { dt { (lang.t("col-dates")) } dd { (dates(lang, wave)) } }
                div { dt { (lang.t("col-status")) } dd { (lang.t(view.status.message_key())) } }
                div { dt { (lang.t("field-access-mode")) } dd { (lang.t(mode_key(wave.mode))) } }
                @if let Some(band) = view.school_band {
                    div { dt { (lang.t("wave-school-participation")) } dd { (band) } }
                }
            }
            @if let Some(figures) = &view.figures {
                (figures)
            } @else if view.status != WaveStatus::Closed {
                p { (lang.t("wave-open-bands")) }
            }
            table {
                thead { tr {
                    th scope="col" { (lang.t("field-class-label")) }
                    th scope="col" { (lang.t("field-grade")) }
                    th scope="col" { (lang.t("field-roll")) }
                    @if view.status != WaveStatus::Closed { th scope="col" { (lang.t("col-participation")) } }
                } }
                tbody {
                    @for line in &view.classes {
                        tr {
                            td { (line.label) }
                            td.num { (line.grade) }
                            td.num { (line.roll) }
                            @if view.status != WaveStatus::Closed {
                                td.num { @if let Some(band) = line.band { (band) } @else { "—" } }
                            }
                        }
                    }
                }
            }
            @if view.status != WaveStatus::Closed {
                form method="post" action=(format!("/school/waves/{}/close", wave.id)) {
                    (csrf_field(chrome.csrf))
                    button.secondary type="submit" { (lang.t("wave-close-button")) }
                }
            }
        },
    )
}
