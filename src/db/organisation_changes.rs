//! Changes to schools and to the centres' settings, each stored in one transaction with its audit
//! entry. A school's region decides which centre sees it, so its entries name the region.

use super::DbConnection;
use super::audit;
use super::error::DbResult;
use super::regions;
use super::schools::{self, SchoolFilter};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::SchoolId;
use crate::domain::region::RegionCode;
use crate::domain::school::SchoolFields;

/// The subject of an entry about a school in `region`: `school:{id}:region:{code}`.
pub fn school_subject(id: SchoolId, region: &RegionCode) -> String {
    format!("school:{id}:region:{region}")
}

/// Creates a school as `actor` (`school_created`); a taken code is `Duplicate` and records nothing.
pub fn create_school(conn: &mut DbConnection, actor: Actor, fields: &SchoolFields) -> DbResult<SchoolId> {
    super::write_transaction(conn, |conn| {
        let id = schools::create(conn, fields)?;
        audit::append(conn, actor, AuditAction::SchoolCreated, &school_subject(id, &fields.region))?;
        Ok(id)
    })
}

/// Changes a school's code, region or names as `actor` (`school_changed`, with the region it is in
/// now); saving it unchanged, as a repeated import does, records nothing.
pub fn update_school(conn: &mut DbConnection, actor: Actor, id: SchoolId, fields: &SchoolFields) -> DbResult<()> {
    super::write_transaction(conn, |conn| {
        let before = schools::get(conn, id, SchoolFilter::All)?;
        schools::update(conn, id, fields)?;
        if before.code != fields.code || before.region != fields.region || before.name != fields.name {
            audit::append(conn, actor, AuditAction::SchoolChanged, &school_subject(id, &fields.region))?;
        }
        Ok(())
    })
}

/// Changes where a centre's referral notifications go, as `actor` (`settings_changed` on
/// `region:{code}:centre_email`; the address itself stays out of the log).
pub fn set_centre_email(conn: &mut DbConnection, actor: Actor, code: &RegionCode, email: &str) -> DbResult<()> {
    super::write_transaction(conn, |conn| {
        regions::set_centre_email(conn, code, email)?;
        audit::append(conn, actor, AuditAction::SettingsChanged, &format!("region:{code}:centre_email"))?;
        Ok(())
    })
}
