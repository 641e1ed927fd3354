//! Writing one planned school through the production paths: the school and its classes as an import
//! creates them, a wave opened as a psychologist opens it, each class's answers through the submission
//! path (its open-wave check, roll-bounded counter and response insert), and the wave closed. One
//! transaction per school, so a national load costs thousands of commits, not millions. The wave's
//! opening and closing are audited as `synth`, at the end of that transaction.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use thiserror::Error;

use super::plan::{Profile, SchoolPlan};
use crate::app::open_wave::{WaveRequest, open_unrecorded, record_opening};
use crate::db::classes;
use crate::db::responses::{SubmitError, submit_many};
use crate::db::schools;
use crate::db::{DbConnection, DbError, waves, write_transaction};
use crate::demo::responses::{ClassProfile, class_answers_json};
use crate::domain::audit::Actor;
use crate::domain::ids::{ClassId, SchoolId, WaveId};
use crate::domain::instrument::Instrument;
use crate::domain::lang::{Lang, Localized};
use crate::domain::organisation::{ClassLabel, Grade, Roll, SchoolCode};
use crate::domain::region::{REGIONS, RegionCode};
use crate::domain::school::ClassFields;
use crate::domain::school::SchoolFields;
use crate::domain::survey::admission::Refusal;
use crate::domain::survey::wave::AccessMode;
use crate::domain::survey::wave_record::WaveClass;

/// Why loading stopped.
#[derive(Debug, Error)]
pub enum SynthError {
    /// The database failed.
    #[error("{0}")]
    Db(#[from] DbError),
    /// A production rule refused generated data (a bug in the plan).
    #[error("a generated response was refused: {0:?}")]
    Refused(Refusal),
    /// The plan broke a rule of the organisation (a bug in the plan).
    #[error("the plan is invalid: {0}")]
    Invalid(String),
    /// The database already holds schools.
    #[error("the database already has {0} school(s); synth fills an empty database")]
    NotEmpty(usize),
}

impl From<diesel::result::Error> for SynthError {
    fn from(error: diesel::result::Error) -> Self {
        SynthError::Db(DbError::from(error))
    }
}

impl From<SubmitError> for SynthError {
    fn from(error: SubmitError) -> Self {
        match error {
            SubmitError::Db(db) => SynthError::Db(db),
            SubmitError::Refused(refusal) => SynthError::Refused(refusal),
            SubmitError::UnknownSeat => invalid("a response names no class-in-wave"),
        }
    }
}

/// The wave every synthetic school runs, and how answers are generated.
#[derive(Debug, Clone, Copy)]
pub struct WaveSetting<'a> {
    /// The default instrument.
    pub instrument: &'a Instrument,
    /// First day of the wave (in the past).
    pub opens: NaiveDate,
    /// Last day.
    pub closes: NaiveDate,
    /// When it is opened and closed.
    pub now: NaiveDateTime,
    /// Seed of the answers.
    pub seed: u64,
}

/// One class as written, for the report.
#[derive(Debug, Clone)]
pub struct LoadedClass {
    /// Its id.
    pub id: ClassId,
    /// Its label.
    pub label: String,
    /// How it answered.
    pub profile: Profile,
    /// Responses stored.
    pub responses: u16,
}

/// One school as written.
#[derive(Debug, Clone)]
pub struct LoadedSchool {
    /// Its id.
    pub id: SchoolId,
    /// The closed wave.
    pub wave: WaveId,
    /// Its classes.
    pub classes: Vec<LoadedClass>,
}

fn profile_of(profile: Profile, responses: u16) -> ClassProfile {
    let quiet = ClassProfile {
        responses: u32::from(responses),
        bullying_item_rate: 0.012,
        other_item_rate: 0.03,
        one_acute_answer: false,
    };
    match profile {
        Profile::Quiet | Profile::UnderK => quiet,
        Profile::Bullying => ClassProfile { bullying_item_rate: 0.3, ..quiet },
        Profile::Acute => ClassProfile { one_acute_answer: true, ..quiet },
    }
}

fn invalid(what: &str) -> SynthError {
    SynthError::Invalid(what.to_owned())
}

fn create_school(conn: &mut DbConnection, plan: &SchoolPlan, number: usize) -> Result<SchoolId, SynthError> {
    let region = REGIONS.get(plan.region).and_then(|r| RegionCode::parse(r.code)).ok_or_else(|| invalid("region"))?;
    let fields = SchoolFields {
        code: SchoolCode::parse(&plan.code).map_err(|_| invalid("school code"))?,
        region,
        name: Localized {
            kk: format!("№ {number} синтетикалық мектеп"),
            ru: format!("Синтетическая школа № {number}"),
            en: format!("Synthetic school No. {number}"),
        },
    };
    let school = schools::create(conn, &fields)?;
    for class in &plan.classes {
        let fields = ClassFields {
            label: ClassLabel::parse(&class.label).map_err(|_| invalid("class label"))?,
            grade: Grade::new(i64::from(class.grade)).map_err(|_| invalid("grade"))?,
            roll: Roll::new(i64::from(class.roll)).map_err(|_| invalid("roll"))?,
        };
        classes::create(conn, school, &fields)?;
    }
    Ok(school)
}

/// Creates school number `number` (from 1) of the plan, opens its wave, stores every class's answers
/// and closes the wave, all in one transaction. Counts are materialised later, by the sweep.
pub fn load_school(
    conn: &mut DbConnection,
    plan: &SchoolPlan,
    number: usize,
    setting: &WaveSetting,
) -> Result<LoadedSchool, SynthError> {
    write_transaction(conn, |conn| {
        let school = create_school(conn, plan, number)?;
        let request = WaveRequest {
            school,
            instrument: setting.instrument.key(),
            mode: AccessMode::Password,
            dates: (setting.opens, setting.closes),
            classes: Vec::new(),
            creation_nonce: uuid::Uuid::new_v4().to_string(),
            now: setting.now,
            opened_by: Actor::Synth,
        };
        let opened = open_unrecorded(conn, &request)?;
        let days = (setting.closes - setting.opens).num_days().max(0) + 1;
        let mut loaded = Vec::with_capacity(plan.classes.len());
        let by_label: BTreeMap<String, WaveClass> =
            waves::classes_of(conn, opened.wave_id)?.into_iter().map(|c| (c.label.to_string(), c)).collect();
        for (index, class) in plan.classes.iter().enumerate() {
            let wave_class = by_label.get(&class.label).ok_or_else(|| invalid("a class is missing from its wave"))?;
            let seed = setting.seed ^ ((number as u64) << 20) ^ index as u64;
            let generated =
                class_answers_json(setting.instrument, class.grade, profile_of(class.profile, class.responses), seed)
                    .ok_or_else(|| invalid("generated answers do not fit the instrument"))?;
            let answers: Vec<(Lang, &str)> = generated
                .iter()
                .enumerate()
                .map(|(n, json)| (if n % 3 == 0 { Lang::Ru } else { Lang::Kk }, json.as_str()))
                .collect();
            let day = setting.opens + Duration::days(index as i64 % days);
            submit_many(conn, wave_class.id, day, &answers)?;
            loaded.push(LoadedClass {
                id: wave_class.class_id,
                label: class.label.clone(),
                profile: class.profile,
                responses: class.responses,
            });
        }
        // Recorded last, so parallel writers queue on the head of the audit chain only for the end of
        // their transaction.
        record_opening(conn, Actor::Synth, &opened)?;
        // Closed on its last day, as the sweep would have: a wave closed after its period was
        // published never counts in it (`db::region_counts`).
        let closed_at = setting.closes.and_hms_opt(12, 0, 0).unwrap_or(setting.now);
        waves::close(conn, opened.wave_id, Some(school), Actor::Synth, closed_at)?;
        Ok(LoadedSchool { id: school, wave: opened.wave_id, classes: loaded })
    })
}
