//! Referral pages, shared by the centre (which works them) and the school (which follows them and
//! raises its own): the list, one referral, and the form for a manual referral.

mod detail;
mod evidence;
mod list;
mod manual;

pub use detail::{ReferralPageView, referral_page};
pub use evidence::Evidence;
pub use list::{ListView, referral_list_page};
pub use manual::{ManualForm, manual_referral_page};

use chrono::NaiveDateTime;
use maud::{Markup, html};

use crate::domain::lang::Lang;
use crate::domain::referral::{Referral, ReferralPlace, ReferralStatus};
use crate::domain::statistics::Severity;
use crate::domain::survey::catalog::Catalog;

/// Which side is looking: decides the paths and the actions offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Centre staff: works referrals to their end.
    Centre,
    /// The school psychologist: follows them, adds notes, raises manual ones.
    School,
}

impl Side {
    /// Where this side's referral pages live.
    pub fn base(self) -> &'static str {
        match self {
            Side::Centre => "/centre/referrals",
            Side::School => "/school/referrals",
        }
    }
}

/// The message key of a severity.
pub fn severity_key(severity: Severity) -> &'static str {
    match severity {
        Severity::Urgent => "severity-urgent",
        Severity::Elevated => "severity-elevated",
        Severity::Watch => "severity-watch",
    }
}

/// The message key of a status.
pub fn status_key(status: ReferralStatus) -> &'static str {
    match status {
        ReferralStatus::New => "referral-status-new",
        ReferralStatus::Acknowledged => "referral-status-acknowledged",
        ReferralStatus::InProgress => "referral-status-in-progress",
        ReferralStatus::Closed => "referral-status-closed",
    }
}

/// The message key of a stored outcome.
pub fn outcome_key(outcome: &str) -> &'static str {
    match outcome {
        "intervention_held" => "referral-outcome-intervention-held",
        "referred_on" => "referral-outcome-referred-on",
        _ => "referral-outcome-no-action",
    }
}

/// An indicator's label in `lang`, from the newest instrument that declares it.
pub fn indicator_label(catalog: &Catalog, lang: Lang, id: &str) -> String {
    catalog
        .latest_all()
        .into_iter()
        .flat_map(|i| i.indicators().iter())
        .find(|i| i.id() == id)
        .map_or_else(|| id.to_owned(), |i| i.label().get(lang).to_owned())
}

/// "7A", "the school as a whole" or "the region as a whole".
pub fn subject_text(lang: Lang, referral: &Referral) -> String {
    match &referral.place {
        ReferralPlace::School(school) => match &school.class {
            Some((_, label)) => label.clone(),
            None => lang.t("referral-whole-school"),
        },
        ReferralPlace::Region => lang.t("referral-whole-region"),
    }
}

/// The school's code and name, or "no school named" for a referral of the region.
pub fn school_text(lang: Lang, referral: &Referral) -> String {
    match &referral.place {
        ReferralPlace::School(school) => format!("{} {}", school.code, school.name.get(lang)),
        ReferralPlace::Region => lang.t("referral-no-school"),
    }
}

/// A date and time as staff read it (UTC+5, minutes).
pub fn when(at: NaiveDateTime) -> String {
    (at + chrono::Duration::hours(5)).format("%Y-%m-%d %H:%M").to_string()
}

/// The severity badge.
pub fn severity_badge(lang: Lang, severity: Severity) -> Markup {
    html! { span class=(format!("badge severity-{}", severity.as_str())) { (lang.t(severity_key(severity))) } }
}
