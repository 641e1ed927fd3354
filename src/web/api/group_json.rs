//! The JSON of one group of a wave's summary and of its rates: the types the API serialises and the
//! OpenAPI document's `Group` and `Rate` schemas are derived from, so the two cannot drift. Built
//! from the engine's released [`GroupReport`] only; item measures (`item:…`) and the engine's keys
//! and parts are not part of the API.

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};

use crate::domain::disclosure::{AcuteSignal, Disclosed, GroupReport, Level, Rate};

/// An exact count or a band of counts: `23` or `"10-19"`.
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum Count {
    /// The exact count.
    Exact(u32),
    /// A band, `low-high`.
    #[schema(example = "10-19")]
    Band(String),
}

/// One indicator's released prevalence.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Rate)]
pub struct RateJson {
    /// Positives, exact or as the band the shown percentage stands for.
    #[schema(example = "2-3")]
    positives: Count,
    /// Whole percent; rounded to 5 below 30 respondents; extremes as ≤5% / ≥95%; a school (any
    /// group with parts) shows the range its classes and its withheld remainder add up to, such as
    /// 11-14%.
    #[schema(example = "20%")]
    percent: String,
    /// Lower end of the 95% interval, in percent.
    #[schema(example = 8.9)]
    ci_low: f64,
    /// Upper end of the 95% interval, in percent.
    #[schema(example = 39.1)]
    ci_high: f64,
}

impl From<&Rate> for RateJson {
    fn from(rate: &Rate) -> Self {
        let band = rate.positives();
        let positives =
            if band.low() == band.high() { Count::Exact(band.low()) } else { Count::Band(band.to_string()) };
        Self { positives, percent: rate.percent().to_string(), ci_low: rate.ci_low(), ci_high: rate.ci_high() }
    }
}

/// One group (the school, then each class): released figures, a participation band while the wave
/// is open, or nothing but `"respondents": null` when withheld.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Group)]
pub struct GroupJson {
    #[schema(schema_with = level_schema)]
    level: Level,
    /// The school's code.
    #[schema(example = "SCH-0001")]
    school: String,
    /// The class label; absent on the school's own group.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "7A", nullable = false)]
    class: Option<String>,
    /// Exact when released, a band while the wave is open, null when withheld.
    #[schema(required = true)]
    respondents: Option<Count>,
    /// Whether content figures are released (a closed wave and at least k respondents).
    released: bool,
    /// Released rates by indicator name.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    indicators: Option<BTreeMap<String, RateJson>>,
    /// Whether anyone gave the acute-risk answer, where it was asked and may be shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = acute_schema)]
    acute: Option<AcuteSignal>,
}

impl GroupJson {
    /// The API's view of `node`, named by its school's code and, for a class, its label.
    pub fn of(node: &GroupReport<String>, school: &str, class: Option<String>) -> Self {
        let respondents = match node.disclosed() {
            Disclosed::Figures(figures) => Some(Count::Exact(figures.get().respondents())),
            Disclosed::Participation(band) => Some(Count::Band(band.get().to_string())),
            Disclosed::Withheld => None,
        };
        let figures = node.figures().map(|released| released.get());
        let indicators = figures.map(|f| {
            let shown = f.indicators().iter().filter(|(name, _)| !name.starts_with("item:"));
            shown.map(|(name, rate)| (name.to_owned(), RateJson::from(rate))).collect()
        });
        Self {
            level: node.level(),
            school: school.to_owned(),
            class,
            respondents,
            released: figures.is_some(),
            indicators,
            acute: figures.and_then(|f| f.acute()),
        }
    }
}

fn text_enum(values: &[&str], description: &str) -> Schema {
    let builder = ObjectBuilder::new().schema_type(Type::String).description(Some(description));
    Schema::Object(builder.enum_values(Some(values.iter().copied())).build())
}

/// The levels a summary's groups sit at, as [`Level`] serialises them.
fn level_schema() -> Schema {
    let names = [Level::School, Level::Class].map(|level| serde_json::to_value(level).unwrap_or_default());
    let names: Vec<&str> = names.iter().filter_map(serde_json::Value::as_str).collect();
    text_enum(&names, "the school as a whole, or one of its classes")
}

/// The acute signal as [`AcuteSignal`] serialises it.
fn acute_schema() -> Schema {
    let names = [AcuteSignal::AtLeastOne, AcuteSignal::NoneReported]
        .map(|signal| serde_json::to_value(signal).unwrap_or_default());
    let names: Vec<&str> = names.iter().filter_map(serde_json::Value::as_str).collect();
    text_enum(&names, "≥1: someone gave the acute-risk answer; the count is never shown")
}
