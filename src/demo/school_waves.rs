//! Writing one planned school of the demo region through the production paths: the school and its
//! classes as an import creates them, a wave opened as a psychologist opens it, each class's answers
//! through the submission path (its admission rule and roll-bounded counter), and the wave closed on
//! its last day, as the sweep would have. One transaction per wave, as `ahual synth` writes, so the
//! demo starts in seconds; counts and flags come after, from the sweep's own code.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::plan::{ClassPlan, SchoolPlan, Signal};
use super::responses::{ClassProfile, class_answers_json};
use crate::app::open_wave::{WaveRequest, open_unrecorded, record_opening};
use crate::db::responses::{SubmitError, submit_many};
use crate::db::{DbConnection, DbError, classes, schools, waves, write_transaction};
use crate::domain::audit::Actor;
use crate::domain::ids::{SchoolId, WaveId};
use crate::domain::instrument::Instrument;
use crate::domain::lang::{Lang, Localized};
use crate::domain::organisation::{ClassLabel, Grade, Invalid, Roll, SchoolCode};
use crate::domain::region::RegionCode;
use crate::domain::school::{ClassFields, SchoolFields};
use crate::domain::survey::wave::AccessMode;
use crate::domain::survey::wave_record::WaveClass;

/// Which wave of a school to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// One of the two closed waves (0 the earlier, 1 the later), with its first and last day.
    Closed(usize, (NaiveDate, NaiveDate)),
    /// The wave running now, with its first and last day (today lies between them).
    Open((NaiveDate, NaiveDate)),
}

fn invalid(Invalid(key): Invalid) -> DbError {
    DbError::Corrupt(format!("demo data breaks its own rule: {key}"))
}

fn corrupt(what: &str) -> DbError {
    DbError::Corrupt(format!("demo: {what}"))
}

/// Creates the planned school and its classes; its id.
pub fn create_school(conn: &mut DbConnection, plan: &SchoolPlan) -> Result<SchoolId, DbError> {
    let [kk, ru, en] = plan.names.clone();
    let fields = SchoolFields {
        code: SchoolCode::parse(&plan.code).map_err(invalid)?,
        region: RegionCode::parse(plan.region).ok_or_else(|| corrupt("region"))?,
        name: Localized { kk, ru, en },
    };
    let school = schools::create(conn, &fields)?;
    for class in &plan.classes {
        let fields = ClassFields {
            label: ClassLabel::parse(&class.label).map_err(invalid)?,
            grade: Grade::new(i64::from(class.grade)).map_err(invalid)?,
            roll: Roll::new(i64::from(class.roll)).map_err(invalid)?,
        };
        classes::create(conn, school, &fields)?;
    }
    Ok(school)
}

/// How a planned class answers in `which` wave of a school whose quiet classes are bullied at
/// `bullying_rate` per item.
pub fn class_profile(class: &ClassPlan, which: Which, bullying_rate: f64) -> ClassProfile {
    let (responses, signal) = match which {
        Which::Closed(wave, _) => (class.closed[wave].responses, class.closed[wave].signal),
        Which::Open(_) => (class.open, Signal::Quiet),
    };
    let quiet = ClassProfile {
        responses: u32::from(responses),
        bullying_item_rate: bullying_rate,
        other_item_rate: 0.03,
        one_acute_answer: false,
    };
    match signal {
        Signal::Quiet => quiet,
        Signal::Bullying => ClassProfile { bullying_item_rate: 0.3, ..quiet },
        Signal::Acute => ClassProfile { one_acute_answer: true, ..quiet },
    }
}

/// The seed of the answers of class `class` of school `school` (both indexes into the plan) in `which`
/// wave: the same on every start, different for every class and wave.
pub fn answers_seed(school: usize, which: Which, class: usize) -> u64 {
    let wave = match which {
        Which::Closed(wave, _) => wave as u64,
        Which::Open(_) => 2,
    };
    ((school as u64) << 20) ^ (wave << 16) ^ class as u64
}

fn refused(error: SubmitError) -> DbError {
    match error {
        SubmitError::Db(db) => db,
        SubmitError::Refused(refusal) => corrupt(&format!("a generated response was refused: {refusal:?}")),
        SubmitError::UnknownSeat => corrupt("a response names no class-in-wave"),
    }
}

/// Opens `which` wave of the planned `school` (number `number` of the plan, from 0) at `opened_at`,
/// stores every class's answers and, for a closed one, closes it at noon on its last day; all in one
/// transaction.
/// Counts are materialised later, by the sweep's code.
pub fn write_wave(
    conn: &mut DbConnection,
    instrument: &Instrument,
    (plan, school): (&SchoolPlan, SchoolId),
    number: usize,
    which: Which,
    opened_at: NaiveDateTime,
) -> Result<WaveId, DbError> {
    let dates = match which {
        Which::Closed(_, dates) | Which::Open(dates) => dates,
    };
    write_transaction(conn, |conn| {
        let request = WaveRequest {
            school,
            instrument: instrument.key(),
            mode: AccessMode::Password,
            dates,
            classes: Vec::new(),
            creation_nonce: format!("demo-{number}-{which:?}"),
            now: opened_at,
            opened_by: Actor::Demo,
        };
        let opened = open_unrecorded(conn, &request)?;
        let by_label: BTreeMap<String, WaveClass> =
            waves::classes_of(conn, opened.wave_id)?.into_iter().map(|c| (c.label.to_string(), c)).collect();
        let days = (dates.1 - dates.0).num_days().max(0) + 1;
        for (index, class) in plan.classes.iter().enumerate() {
            let seat = by_label.get(&class.label).ok_or_else(|| corrupt("a class is missing from its wave"))?;
            let profile = class_profile(class, which, plan.bullying_rate);
            let generated = class_answers_json(instrument, class.grade, profile, answers_seed(number, which, index))
                .ok_or_else(|| corrupt("generated answers do not fit the questionnaire"))?;
            if generated.is_empty() {
                continue;
            }
            let answers: Vec<(Lang, &str)> = generated
                .iter()
                .enumerate()
                .map(|(n, json)| (if n % 3 == 0 { Lang::Ru } else { Lang::Kk }, json.as_str()))
                .collect();
            let day = match which {
                Which::Closed(..) => dates.0 + Duration::days(index as i64 % days),
                Which::Open(_) => opened_at.date(),
            };
            submit_many(conn, seat.id, day, &answers).map_err(refused)?;
        }
        record_opening(conn, Actor::Demo, &opened)?;
        if let Which::Closed(..) = which {
            let closed_at = dates.1.and_hms_opt(12, 0, 0).unwrap_or(opened_at);
            waves::close(conn, opened.wave_id, Some(school), Actor::Demo, closed_at)?;
        }
        Ok(opened.wave_id)
    })
}
