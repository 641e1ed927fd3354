//! Schools and their classes as the rest of the application sees them.

use super::ids::{ClassId, SchoolId};
use super::lang::Localized;
use super::organisation::{ClassLabel, Grade, Roll, SchoolCode};
use super::region::RegionCode;

/// A school of the deployment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct School {
    /// Stable id.
    pub id: SchoolId,
    /// Human code, unique, used by rosters and the CLI.
    pub code: SchoolCode,
    /// The region whose centre receives its referrals.
    pub region: RegionCode,
    /// Name in kk, ru, en.
    pub name: Localized,
}

/// A class of a school; pupils answer as members of one class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolClass {
    /// Stable id.
    pub id: ClassId,
    /// Its school.
    pub school_id: SchoolId,
    /// Label such as `7A`, unique within the school.
    pub label: ClassLabel,
    /// Grade 5-11; decides which sections pupils see.
    pub grade: Grade,
    /// Number of pupils; the ceiling on responses.
    pub roll: Roll,
}

/// A region with its centre, as stored (the centre's e-mail is editable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// ISO 3166-2:KZ code.
    pub code: RegionCode,
    /// Region name.
    pub name: Localized,
    /// Centre name.
    pub centre_name: Localized,
    /// Where referral notifications go.
    pub centre_email: String,
}

/// A school with the number of its classes, for lists.
#[derive(Debug, Clone)]
pub struct SchoolSummary {
    /// The school.
    pub school: School,
    /// How many classes it has.
    pub class_count: i64,
}

/// What a school is made of when created or edited.
#[derive(Debug, Clone)]
pub struct SchoolFields {
    /// Unique code.
    pub code: SchoolCode,
    /// Region.
    pub region: RegionCode,
    /// Names.
    pub name: Localized,
}

/// What a class is made of when created or edited.
#[derive(Debug, Clone)]
pub struct ClassFields {
    /// Label, unique within the school.
    pub label: ClassLabel,
    /// Grade.
    pub grade: Grade,
    /// Roll size.
    pub roll: Roll,
}
