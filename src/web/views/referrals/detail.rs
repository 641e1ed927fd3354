//! One referral: what it is about, its evidence (released figures only, with the class's trend), the
//! notes between centre and school, and, for the centre, the next step of its life cycle. A referral
//! of the region shows no school, class, wave or figure, and says only what it is about.

use chrono::NaiveDateTime;
use maud::{Markup, html};

use super::{Side, indicator_label, outcome_key, school_text, severity_badge, status_key, subject_text, when};
use crate::app::referral_evidence::ReferenceRate;
use crate::domain::disclosure::{AcuteSignal, Rate};
use crate::domain::lang::Lang;
use crate::domain::referral::{Note, Referral, ReferralPlace, ReferralStatus};
use crate::domain::statistics::Severity;
use crate::domain::survey::catalog::Catalog;
use crate::web::views::charts::{ChartId, ChartText, Estimate, RateRow, TrendPoint, rate_chart, trend_chart};
use crate::web::views::components::csrf_field;
use crate::web::views::figures::rates::estimate;
use crate::web::views::layout::{Chrome, page};
use crate::web::views::reference_note::{reference_percent, source_note};

/// The released figures behind a referral, prepared by the route with the disclosure rules.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    /// The class's released rates in the referral's wave: (indicator id, estimate, flagged).
    pub rates: Vec<(String, Estimate, bool)>,
    /// The class's respondents, when its figures are released.
    pub respondents: Option<u32>,
    /// The acute signal as released ("≥1" or none).
    pub acute: Option<AcuteSignal>,
    /// For each flagged indicator, the class's released rate in earlier waves and this one.
    pub trends: Vec<(String, Vec<TrendPoint>)>,
    /// For each indicator flagged against a baseline, that baseline and where it comes from, as
    /// the wave's questionnaire version gives them.
    pub references: Vec<ReferenceRate>,
}

impl Evidence {
    /// The evidence as the page draws it: each released rate as its shown text, point and interval.
    pub fn drawn(evidence: crate::app::referral_evidence::Evidence) -> Evidence {
        let trend = |(closes_on, rate): (chrono::NaiveDate, Rate)| TrendPoint {
            wave: closes_on.to_string(),
            estimate: estimate(&rate),
        };
        Evidence {
            rates: evidence.rates.into_iter().map(|(id, rate, flagged)| (id, estimate(&rate), flagged)).collect(),
            respondents: evidence.respondents,
            acute: evidence.acute,
            trends: evidence
                .trends
                .into_iter()
                .map(|(id, points)| (id, points.into_iter().map(trend).collect()))
                .collect(),
            references: evidence.references,
        }
    }
}

/// Everything the referral page shows.
pub struct ReferralPageView<'a> {
    /// Centre or school.
    pub side: Side,
    /// The referral.
    pub referral: &'a Referral,
    /// Its notes, oldest first.
    pub notes: &'a [Note],
    /// Its evidence.
    pub evidence: &'a Evidence,
    /// The instruments, for indicator names.
    pub catalog: &'a Catalog,
    /// Now, for the overdue mark.
    pub now: NaiveDateTime,
}

fn chart_text(id: &str, title: String, desc: String) -> ChartText {
    ChartText { id: ChartId::new(id), title, desc }
}

fn evidence(chrome: &Chrome<'_>, view: &ReferralPageView<'_>) -> Markup {
    let lang = chrome.lang;
    let ev = view.evidence;
    let rows: Vec<RateRow> = ev
        .rates
        .iter()
        .map(|(id, estimate, flagged)| RateRow {
            label: indicator_label(view.catalog, lang, id),
            estimate: estimate.clone(),
            flag: flagged.then(|| lang.t("referral-flagged")),
        })
        .collect();
    html! {
        section.evidence aria-labelledby="evidence-heading" {
            h2 #evidence-heading { (lang.t("referral-evidence")) }
            p.hint { (lang.t("referral-evidence-rules")) }
            @if view.referral.flags.iter().any(|(_, severity)| *severity == Severity::Elevated) {
                p.hint { (lang.t("referral-flag-rule")) }
            }
            @if !ev.references.is_empty() {
                (references(lang, view))
            }
            @if matches!(view.referral.place, ReferralPlace::Region) {
                p { (lang.t("referral-region-signal")) }
            } @else if view.referral.class().is_none() && view.referral.wave_id.is_some() {
                p { (lang.t("referral-small-class")) }
            }
            @if let Some(n) = ev.respondents {
                p { (lang.t("figures-respondents")) ": " strong { (n) } }
            }
            @if !rows.is_empty() {
                figure.chart {
                    figcaption { (lang.t("referral-evidence-chart")) }
                    (rate_chart(&chart_text("chart-evidence", lang.t("referral-evidence-chart"), lang.t("figures-chart-desc")), "%", &rows, &[]))
                }
                table {
                    caption.visually-hidden { (lang.t("referral-evidence-chart")) }
                    thead { tr { th scope="col" { (lang.t("figures-indicator")) } th scope="col" { "%" } } }
                    tbody {
                        @for (row, (_, _, flagged)) in rows.iter().zip(&ev.rates) {
                            tr {
                                th scope="row" { (row.label) @if *flagged { " · " (lang.t("referral-flagged")) } }
                                td.num { (row.estimate.shown) " (" (format!("{:.0}–{:.0}", row.estimate.ci.0, row.estimate.ci.1)) ")" }
                            }
                        }
                    }
                }
            }
            @match ev.acute {
                Some(AcuteSignal::AtLeastOne) => p { strong { (lang.t("figures-acute")) ": ≥1" } },
                Some(AcuteSignal::NoneReported) => p { (lang.t("figures-acute")) ": " (lang.t("figures-acute-none")) },
                None => {},
            }
            @if rows.is_empty() && ev.acute.is_none() && view.referral.class().is_some() {
                p { (lang.t("referral-no-evidence")) }
            }
            @for (indicator, points) in &ev.trends {
                @if points.len() >= 2 {
                    @let name = indicator_label(view.catalog, lang, indicator);
                    figure.chart {
                        figcaption { (lang.t("figures-trends")) ": " (name) }
                        (trend_chart(&chart_text(&format!("chart-trend-{indicator}"), name.clone(), lang.t("figures-trend-desc")), "%", points))
                    }
                }
            }
        }
    }
}

fn actions(chrome: &Chrome<'_>, view: &ReferralPageView<'_>) -> Markup {
    let lang = chrome.lang;
    let action = format!("{}/{}/transition", view.side.base(), view.referral.id);
    let note = html! {
        div.field {
            label for="step-note" { (lang.t("referral-note-optional")) }
            textarea id="step-note" name="note" rows="3" maxlength="4000" {}
        }
    };
    html! {
        @if view.side == Side::Centre {
            section.actions aria-labelledby="actions-heading" {
                h2 #actions-heading { (lang.t("referral-next-step")) }
                @match view.referral.status {
                    ReferralStatus::New => form method="post" action=(action) {
                        (csrf_field(chrome.csrf))
                        input type="hidden" name="to" value="acknowledged";
                        (note)
                        button type="submit" { (lang.t("referral-acknowledge")) }
                    },
                    ReferralStatus::Acknowledged => form method="post" action=(action) {
                        (csrf_field(chrome.csrf))
                        input type="hidden" name="to" value="in_progress";
                        (note)
                        button type="submit" { (lang.t("referral-start")) }
                    },
                    ReferralStatus::InProgress => form method="post" action=(action) {
                        (csrf_field(chrome.csrf))
                        input type="hidden" name="to" value="closed";
                        fieldset.field {
                            legend { (lang.t("referral-outcome")) }
                            @for (value, key) in [("intervention_held", "referral-outcome-intervention-held"), ("referred_on", "referral-outcome-referred-on"), ("no_action", "referral-outcome-no-action")] {
                                label.opt { input type="radio" name="outcome" value=(value) required; (lang.t(key)) }
                            }
                        }
                        div.field {
                            label for="reason" { (lang.t("referral-reason")) }
                            textarea id="reason" name="reason" rows="2" maxlength="2000" {}
                        }
                        (note)
                        button type="submit" { (lang.t("referral-close")) }
                    },
                    ReferralStatus::Closed => p { (lang.t("referral-is-closed")) },
                }
            }
        }
    }
}

fn notes(chrome: &Chrome<'_>, view: &ReferralPageView<'_>) -> Markup {
    let lang = chrome.lang;
    html! {
        section.notes aria-labelledby="notes-heading" {
            h2 #notes-heading { (lang.t("referral-notes")) }
            @if view.notes.is_empty() {
                p { (lang.t("referral-notes-none")) }
            } @else {
                ol.notes {
                    @for note in view.notes {
                        li {
                            p.meta { strong { (note.author) } " · " (lang.t(if note.side == "centre" { "referral-side-centre" } else { "referral-side-school" })) " · " (when(note.at)) }
                            p.body { (note.body) }
                        }
                    }
                }
            }
            form method="post" action=(format!("{}/{}/notes", view.side.base(), view.referral.id)) {
                (csrf_field(chrome.csrf))
                div.field {
                    label for="body" { (lang.t("referral-note-add")) }
                    textarea id="body" name="body" rows="4" maxlength="4000" required {}
                    p.hint { (lang.t("referral-note-hint")) }
                }
                button type="submit" { (lang.t("referral-note-send")) }
            }
        }
    }
}

/// `GET /centre/referrals/{id}` or `GET /school/referrals/{id}`.
pub fn referral_page(chrome: &Chrome<'_>, view: &ReferralPageView<'_>) -> Markup {
    let lang = chrome.lang;
    let r = view.referral;
    let title = format!("{} · {}", subject_text(lang, r), school_text(lang, r));
    page(
        chrome,
        &title,
        html! {
            p { a href=(view.side.base()) { "← " (lang.t("referrals-title")) } }
            dl.settings {
                div { dt { (lang.t("col-severity")) } dd { (severity_badge(lang, r.severity)) } }
                div { dt { (lang.t("col-status")) } dd { (lang.t(status_key(r.status))) } }
                div {
                    dt { (lang.t("col-acknowledge-by")) }
                    dd { (when(r.acknowledge_by)) @if r.overdue(view.now) { " " strong.overdue-mark { (lang.t("referral-overdue")) } } }
                }
                div { dt { (lang.t("referral-created")) } dd { (when(r.created_at)) } }
            }
            @if !r.flags.is_empty() {
                p { (lang.t("col-signals")) ": "
                    @for (i, (id, severity)) in r.flags.iter().enumerate() {
                        @if i > 0 { ", " }
                        (indicator_label(view.catalog, lang, id)) " (" (lang.t(super::severity_key(*severity))) ")"
                    }
                }
            } @else {
                p { (lang.t("referral-manual")) }
            }
            @if let Some((outcome, reason)) = &r.outcome {
                p { (lang.t("referral-outcome")) ": " strong { (lang.t(outcome_key(outcome))) }
                    @if let Some(reason) = reason { " — " (reason) } }
            }
            (actions(chrome, view))
            (evidence(chrome, view))
            (notes(chrome, view))
        },
    )
}

/// Each flagged indicator's reference rate, its basis and its source.
fn references(lang: Lang, view: &ReferralPageView<'_>) -> Markup {
    html! {
        section.references aria-labelledby="references-heading" {
            h3 #references-heading { (lang.t("referral-references")) }
            dl {
                @for reference in &view.evidence.references {
                    dt { (indicator_label(view.catalog, lang, &reference.indicator)) ": " strong { (reference_percent(lang, reference.rate)) } }
                    @if let Some(source) = &reference.source {
                        dd { (source_note(lang, source)) }
                    }
                }
            }
        }
    }
}
