//! The centre's referral figures: as rows of one region (the open page) and as a table of every
//! region side by side (the national analyst's). Only what `domain::referral::figures` released is
//! shown; a withheld value is "—".

use maud::{Markup, html};

use super::part_rows;
use crate::app::open_figures::CentreFigures;
use crate::domain::lang::Lang;
use crate::domain::referral::Outcome;
use crate::domain::referral::figures::{ReferralFigures, SEVERITY_ORDER};
use crate::web::views::figures::cells::{count_cell, count_share_cell, part_cells, percent_cell, typical_cell};
use crate::web::views::figures::side_by_side::regions_side_by_side;
use crate::web::views::referrals::{outcome_key, severity_key};

/// Each figure of one region as a labelled row, the breakdowns indented under their heading.
pub fn referral_rows(lang: Lang, shown: &ReferralFigures) -> Vec<(String, Markup)> {
    let mut rows = vec![(lang.t("open-referrals-received"), count_cell(shown.by_severity.get().total))];
    rows.extend(part_rows(SEVERITY_ORDER.iter().map(|s| lang.t(severity_key(*s))), &shown.by_severity));
    let standing = ["open-referrals-acknowledged", "open-referrals-waiting", "open-referrals-overdue"];
    rows.push((lang.t("open-referrals-at-period-end"), html! { td {} }));
    rows.extend(part_rows(standing.iter().map(|key| lang.t(key)), &shown.at_period_end));
    rows.push((lang.t("open-referrals-at-publication"), html! { td {} }));
    let outcomes =
        Outcome::KINDS.iter().map(|kind| lang.t(outcome_key(kind))).chain([lang.t("open-referrals-not-closed")]);
    for ((label, part), of_all) in outcomes.zip(&shown.by_outcome.get().parts).zip(&shown.outcome_shares) {
        rows.push((format!("— {label}"), count_share_cell(*part, of_all)));
    }
    rows.push((lang.t("open-referrals-in-time"), percent_cell(&shown.acknowledged_in_time)));
    rows.push((lang.t("open-referrals-urgent-hours"), typical_cell(&shown.urgent_acknowledge_hours)));
    rows.push((lang.t("open-referrals-other-days"), typical_cell(&shown.other_acknowledge_days)));
    rows
}

/// Every region's centre side by side, one row each.
pub fn centres_table(lang: Lang, centres: &[CentreFigures]) -> Markup {
    let mut columns = vec![lang.t("open-referrals-received")];
    columns.extend(SEVERITY_ORDER.iter().map(|s| lang.t(severity_key(*s))));
    columns.extend(
        [
            "open-referrals-overdue",
            "open-referrals-not-closed",
            "open-referrals-in-time",
            "open-referrals-urgent-hours",
            "open-referrals-other-days",
        ]
        .iter()
        .map(|key| lang.t(key)),
    );
    regions_side_by_side(
        lang,
        &lang.t("open-referrals-title"),
        &columns,
        centres,
        |c| c.region.name.get(lang),
        |c| {
            let shown = &c.referrals;
            html! {
                (count_cell(shown.by_severity.get().total))
                (part_cells(&shown.by_severity))
                (count_cell(shown.at_period_end.get().parts.last().copied().flatten()))
                (count_cell(shown.by_outcome.get().parts.last().copied().flatten()))
                (percent_cell(&shown.acknowledged_in_time))
                (typical_cell(&shown.urgent_acknowledge_hours))
                (typical_cell(&shown.other_acknowledge_days))
            }
        },
    )
}
