//! The open figures of a region and period as CSV: every value of the page, one row each, withheld
//! values left empty (never 0). Section and measure names are stable English keys for scripts.

use crate::app::open_figures::OpenRegionFigures;
use crate::domain::disclosure::{Breakdown, K, Percent, Released, Typical};
use crate::domain::period::ReportingPeriod;
use crate::domain::referral::Outcome;
use crate::domain::referral::figures::SEVERITY_ORDER;
use crate::domain::survey::catalog::Catalog;
use crate::domain::trust_box::lifecycle::Outcome as TrustOutcome;
use crate::domain::trust_box::topic::Topic;

type Rows = Vec<[String; 3]>;

/// A stored code (`self-harm`) as a measure name (`self_harm`): every measure is snake case.
fn snake(code: &str) -> String {
    code.replace('-', "_")
}

fn count(rows: &mut Rows, section: &str, measure: &str, shown: Option<u32>) {
    rows.push([section.to_owned(), measure.to_owned(), shown.map(|n| n.to_string()).unwrap_or_default()]);
}

fn parts(rows: &mut Rows, section: &str, prefix: &str, names: &[String], breakdown: &Released<Breakdown>) {
    for (name, part) in names.iter().zip(&breakdown.get().parts) {
        count(rows, section, &format!("{prefix}:{name}"), *part);
    }
}

fn percent(rows: &mut Rows, section: &str, measure: &str, shown: &Option<Released<Percent>>) {
    rows.push([
        section.to_owned(),
        measure.to_owned(),
        shown.as_ref().map(|p| p.get().to_string()).unwrap_or_default(),
    ]);
}

fn typical(rows: &mut Rows, section: &str, measure: &str, shown: &Option<Released<Typical>>) {
    count(rows, section, &format!("{measure}_median"), shown.as_ref().map(|t| t.get().median));
    count(rows, section, &format!("{measure}_p90"), shown.as_ref().map(|t| t.get().p90));
}

fn climate_rows(rows: &mut Rows, shown: &OpenRegionFigures, catalog: &Catalog) {
    for climate in &shown.climate {
        let section = format!("climate:{}:v{}", climate.instrument.code(), climate.instrument.version());
        let Some(figures) = &climate.region else {
            count(rows, &section, "respondents", None);
            continue;
        };
        let figures = figures.get();
        count(rows, &section, "respondents", Some(figures.respondents()));
        if let Some(instrument) = catalog.get(&climate.instrument) {
            for indicator in instrument.rate_indicators() {
                let rate = figures.indicator(indicator.id()).map(|r| r.percent().to_string()).unwrap_or_default();
                rows.push([section.clone(), indicator.id().to_owned(), rate]);
            }
        }
    }
}

fn referral_rows(rows: &mut Rows, shown: &OpenRegionFigures) {
    let (section, r) = ("referrals", &shown.referrals);
    count(rows, section, "received", r.by_severity.get().total);
    let severities: Vec<String> = SEVERITY_ORDER.iter().map(|s| s.as_str().to_owned()).collect();
    parts(rows, section, "severity", &severities, &r.by_severity);
    let standing = ["acknowledged", "waiting", "overdue"].map(str::to_owned);
    parts(rows, section, "at_period_end", &standing, &r.at_period_end);
    let outcomes: Vec<String> =
        Outcome::KINDS.iter().map(|k| (*k).to_owned()).chain(["not_closed".to_owned()]).collect();
    parts(rows, section, "at_publication", &outcomes, &r.by_outcome);
    for (name, of_all) in outcomes.iter().zip(&r.outcome_shares) {
        percent(rows, section, &format!("at_publication_share:{name}"), of_all);
    }
    percent(rows, section, "acknowledged_in_time", &r.acknowledged_in_time);
    typical(rows, section, "urgent_acknowledge_hours", &r.urgent_acknowledge_hours);
    typical(rows, section, "other_acknowledge_days", &r.other_acknowledge_days);
}

fn trust_rows(rows: &mut Rows, shown: &OpenRegionFigures) {
    let (section, t) = ("trust_box", &shown.trust);
    count(rows, section, "conversations", t.by_topic.get().total);
    let topics: Vec<String> = Topic::ALL.iter().map(|topic| snake(topic.code())).collect();
    parts(rows, section, "topic", &topics, &t.by_topic);
    let outcomes: Vec<String> =
        TrustOutcome::ALL.iter().map(|o| snake(o.code())).chain(["still_open".to_owned()]).collect();
    parts(rows, section, "at_publication", &outcomes, &t.by_outcome);
    percent(rows, section, "answered_in_time", &t.answered_in_time);
    typical(rows, section, "urgent_reply_hours", &t.urgent_reply_hours);
    typical(rows, section, "other_reply_days", &t.other_reply_days);
    percent(rows, section, "came_back", &t.came_back);
}

/// The CSV text of `shown`, the open figures of its region for `period` at threshold `k`.
pub fn open_figures_csv(
    shown: &OpenRegionFigures,
    period: ReportingPeriod,
    catalog: &Catalog,
    k: K,
) -> csv::Result<String> {
    let mut header = format!(
        "# Ahual open figures\n# region={} period={} k={}\n# empty values are withheld: fewer than k, or a count from which one could be worked out\n",
        shown.region.code.as_str(),
        period.id(),
        k.get()
    );
    let mut rows = Rows::new();
    climate_rows(&mut rows, shown, catalog);
    referral_rows(&mut rows, shown);
    trust_rows(&mut rows, shown);
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["section", "measure", "value"])?;
    for row in rows {
        writer.write_record(row)?;
    }
    let bytes = writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
    header.push_str(&String::from_utf8_lossy(&bytes));
    Ok(header)
}
