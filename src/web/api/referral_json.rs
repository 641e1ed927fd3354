//! The JSON of a referral and its notes: the types the API serialises and the OpenAPI document's
//! `Referral` and `Note` schemas are derived from. Names of statuses, severities and outcomes in the
//! schemas come from the domain's own `as_str`, so the document lists what the API can answer.

use chrono::NaiveDateTime;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::schema::{ObjectBuilder, Schema, SchemaType, Type};

use crate::domain::ids::{NoteId, ReferralId, WaveId};
use crate::domain::referral::Note;
use crate::domain::referral::{Outcome, Referral, ReferralPlace, ReferralStatus, Source};
use crate::domain::statistics::Severity;

/// One flag behind a referral.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Flag)]
pub struct FlagJson {
    /// The indicator's name.
    indicator: String,
    /// The flag's severity.
    #[schema(schema_with = severity_schema)]
    severity: &'static str,
}

/// A note on a referral.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Note)]
pub struct NoteJson {
    #[schema(value_type = String, format = "uuid")]
    id: NoteId,
    author: String,
    #[schema(schema_with = side_schema)]
    side: String,
    body: String,
    #[schema(format = DateTime)]
    at: String,
}

impl From<&Note> for NoteJson {
    fn from(note: &Note) -> Self {
        Self {
            id: note.id,
            author: note.author.clone(),
            side: note.side.clone(),
            body: note.body.clone(),
            at: note.at.and_utc().to_rfc3339(),
        }
    }
}

/// A referral as the API shows it. A referral of the region names no school, class or wave.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Referral)]
pub struct ReferralJson {
    #[schema(value_type = String, format = "uuid")]
    id: ReferralId,
    #[schema(example = "KZ-71")]
    region: String,
    /// region: the region as a whole, no school, class or wave named
    #[schema(schema_with = place_schema)]
    place: &'static str,
    /// the school's code; null for a referral of the region
    #[schema(required = true)]
    school: Option<String>,
    /// null: the school as a whole, or a referral of the region
    class: Option<String>,
    /// null for a manual referral and for a referral of the region
    #[schema(value_type = Option<String>, format = "uuid")]
    wave_id: Option<WaveId>,
    #[schema(schema_with = source_schema)]
    source: &'static str,
    #[schema(schema_with = severity_schema)]
    severity: &'static str,
    #[schema(schema_with = status_schema)]
    status: &'static str,
    flags: Vec<FlagJson>,
    #[schema(schema_with = outcome_schema)]
    outcome: Option<String>,
    outcome_reason: Option<String>,
    #[schema(format = DateTime)]
    created_at: String,
    #[schema(format = DateTime)]
    acknowledge_by: String,
    #[schema(format = DateTime)]
    acknowledged_at: Option<String>,
    #[schema(format = DateTime)]
    closed_at: Option<String>,
    overdue: bool,
    /// only on a single referral
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    notes: Option<Vec<NoteJson>>,
}

impl ReferralJson {
    /// The referral as it stands at `now` (which decides `overdue`), without notes.
    pub fn of(r: &Referral, now: NaiveDateTime) -> Self {
        Self {
            id: r.id,
            region: r.region.as_str().to_owned(),
            place: match r.place {
                ReferralPlace::School(_) => "school",
                ReferralPlace::Region => "region",
            },
            school: r.place.school().map(|school| school.code.clone()),
            class: r.class().map(|(_, label)| label.clone()),
            wave_id: r.wave_id,
            source: r.source.as_str(),
            severity: r.severity.as_str(),
            status: r.status.as_str(),
            flags: r.flags.iter().map(|(id, s)| FlagJson { indicator: id.clone(), severity: s.as_str() }).collect(),
            outcome: r.outcome.as_ref().map(|(kind, _)| kind.clone()),
            outcome_reason: r.outcome.as_ref().and_then(|(_, reason)| reason.clone()),
            created_at: r.created_at.and_utc().to_rfc3339(),
            acknowledge_by: r.acknowledge_by.and_utc().to_rfc3339(),
            acknowledged_at: r.acknowledged_at.map(|t| t.and_utc().to_rfc3339()),
            closed_at: r.closed_at.map(|t| t.and_utc().to_rfc3339()),
            overdue: r.overdue(now),
            notes: None,
        }
    }

    /// The same referral with its notes, as a single referral is shown.
    pub fn with_notes(mut self, notes: &[Note]) -> Self {
        self.notes = Some(notes.iter().map(NoteJson::from).collect());
        self
    }
}

/// `{"referrals": [...]}`: the caller's referrals, most severe first, then by deadline.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReferralList {
    /// The referrals, without their notes.
    pub referrals: Vec<ReferralJson>,
}

fn names_schema<'a>(names: impl IntoIterator<Item = &'a str>, nullable: bool) -> Schema {
    let names: Vec<&str> = names.into_iter().collect();
    let kind: SchemaType =
        if nullable { [Type::String, Type::Null].into_iter().collect() } else { Type::String.into() };
    let mut values: Vec<Option<&str>> = names.into_iter().map(Some).collect();
    if nullable {
        values.push(None);
    }
    Schema::Object(ObjectBuilder::new().schema_type(kind).enum_values(Some(values)).build())
}

fn severity_schema() -> Schema {
    names_schema(Severity::ALL.map(Severity::as_str), false)
}

fn status_schema() -> Schema {
    let all = [ReferralStatus::New, ReferralStatus::Acknowledged, ReferralStatus::InProgress, ReferralStatus::Closed];
    names_schema(all.map(ReferralStatus::as_str), false)
}

/// The statuses a transition may move to (never back to `new`).
pub fn next_status_schema() -> Schema {
    let next = [ReferralStatus::Acknowledged, ReferralStatus::InProgress, ReferralStatus::Closed];
    names_schema(next.map(ReferralStatus::as_str), false)
}

fn source_schema() -> Schema {
    names_schema([Source::Flag, Source::Manual].map(Source::as_str), false)
}

fn place_schema() -> Schema {
    names_schema(["school", "region"], false)
}

fn side_schema() -> Schema {
    names_schema(["centre", "school"], false)
}

fn outcome_names() -> [&'static str; 3] {
    [Outcome::InterventionHeld, Outcome::ReferredOn, Outcome::NoAction(String::new())].map(|o| o.kind())
}

fn outcome_schema() -> Schema {
    names_schema(outcome_names(), true)
}

/// The outcomes a closing step may name.
pub fn closing_outcome_schema() -> Schema {
    names_schema(outcome_names(), false)
}
