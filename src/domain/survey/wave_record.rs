//! Waves and their classes as the rest of the application sees them.

use chrono::NaiveDate;

use super::wave::{AccessMode, WaveStatus};
use crate::domain::ids::{ClassId, SchoolId, WaveClassId, WaveId};
use crate::domain::instrument::InstrumentKey;
use crate::domain::organisation::ClassLabel;

/// A survey wave of one school.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wave {
    /// Stable id.
    pub id: WaveId,
    /// The school that opened it.
    pub school_id: SchoolId,
    /// The questionnaire and its version, frozen for the wave.
    pub instrument: InstrumentKey,
    /// Passwords or single-use codes.
    pub mode: AccessMode,
    /// First day pupils may answer.
    pub opens_on: NaiveDate,
    /// Last day pupils may answer.
    pub closes_on: NaiveDate,
    /// Closed by hand or by the close-date sweep.
    pub closed: bool,
}

impl Wave {
    /// The status on `today`.
    pub fn status(&self, today: NaiveDate) -> WaveStatus {
        WaveStatus::on(today, self.opens_on, self.closes_on, self.closed)
    }
}

/// One class in a wave, with what came in so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaveClass {
    /// What the class password opens.
    pub id: WaveClassId,
    /// The class.
    pub class_id: ClassId,
    /// Its label.
    pub label: ClassLabel,
    /// Grade when the wave opened (decides visible sections).
    pub grade: u8,
    /// Roll when the wave opened (the response ceiling).
    pub roll: u16,
    /// Responses received (shown to staff only in bands while open).
    pub responses: u32,
}
