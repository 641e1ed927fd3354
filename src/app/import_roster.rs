//! Writes a checked roster in one transaction, matching by codes so a re-import updates and never
//! duplicates. Passwords are set only for accounts that do not exist yet. Schools and accounts it
//! creates or changes are audited as the given actor, in the same transaction.

use std::collections::HashMap;

use crate::db::DbConnection;
use crate::db::classes;
use crate::db::schools;
use crate::db::users;
use crate::db::{DbError, DbResult};
use crate::db::{account_changes, organisation_changes};
use crate::domain::account::RoleScope;
use crate::domain::account::UserFields;
use crate::domain::audit::Actor;
use crate::domain::lang::Localized;
use crate::domain::roster::{EntryScope, Roster};
use crate::domain::school::ClassFields;
use crate::domain::school::SchoolFields;

/// What an import changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ImportCounts {
    /// Schools created.
    pub schools_created: usize,
    /// Schools updated.
    pub schools_updated: usize,
    /// Classes created.
    pub classes_created: usize,
    /// Classes updated.
    pub classes_updated: usize,
    /// Accounts created.
    pub users_created: usize,
    /// Accounts updated (passwords untouched).
    pub users_updated: usize,
}

/// Applies the roster as `actor`. `hashes` maps each login to the hash of its initial password.
pub fn apply(
    conn: &mut DbConnection,
    actor: Actor,
    roster: &Roster,
    hashes: &HashMap<String, String>,
) -> DbResult<ImportCounts> {
    crate::db::write_transaction(conn, |conn| {
        let mut counts = ImportCounts::default();
        apply_schools(conn, actor, roster, &mut counts)?;
        apply_classes(conn, roster, &mut counts)?;
        apply_users(conn, actor, roster, hashes, &mut counts)?;
        Ok(counts)
    })
}

/// Creates the roster's new schools and updates the known ones, by code.
fn apply_schools(conn: &mut DbConnection, actor: Actor, roster: &Roster, counts: &mut ImportCounts) -> DbResult<()> {
    for s in &roster.schools {
        let [kk, ru, en] = s.name.clone();
        let fields = SchoolFields { code: s.code.clone(), region: s.region.clone(), name: Localized { kk, ru, en } };
        match schools::find_by_code(conn, &s.code) {
            Ok(existing) => {
                organisation_changes::update_school(conn, actor, existing.id, &fields)?;
                counts.schools_updated += 1;
            }
            Err(DbError::NotFound) => {
                organisation_changes::create_school(conn, actor, &fields)?;
                counts.schools_created += 1;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Creates the roster's new classes and updates the known ones, by school and label.
fn apply_classes(conn: &mut DbConnection, roster: &Roster, counts: &mut ImportCounts) -> DbResult<()> {
    for c in &roster.classes {
        let school = schools::find_by_code(conn, &c.school)?;
        let fields = ClassFields { label: c.label.clone(), grade: c.grade, roll: c.roll };
        match classes::find_by_label(conn, school.id, &c.label)? {
            Some(id) => {
                classes::update(conn, school.id, id, &fields)?;
                counts.classes_updated += 1;
            }
            None => {
                classes::create(conn, school.id, &fields)?;
                counts.classes_created += 1;
            }
        }
    }
    Ok(())
}

/// Creates the roster's new accounts (with their hashed passwords) and updates the known ones, by login.
fn apply_users(
    conn: &mut DbConnection,
    actor: Actor,
    roster: &Roster,
    hashes: &HashMap<String, String>,
    counts: &mut ImportCounts,
) -> DbResult<()> {
    for u in &roster.users {
        let scope = match &u.scope {
            EntryScope::Admin => RoleScope::Admin,
            EntryScope::National => RoleScope::National,
            EntryScope::CentreStaff(region) => RoleScope::CentreStaff(region.clone()),
            EntryScope::Psychologist(code) => RoleScope::Psychologist(schools::find_by_code(conn, code)?.id),
        };
        let fields = UserFields {
            login: u.login.as_str().to_owned(),
            scope,
            display_name: u.display_name.clone(),
            email: u.email.as_ref().map(|e| e.as_str().to_owned()),
            active: true,
        };
        match users::find_id_by_login(conn, &fields.login)? {
            Some(id) => {
                account_changes::update(conn, actor, id, &fields)?;
                counts.users_updated += 1;
            }
            None => {
                let hash = hashes.get(&fields.login).ok_or_else(|| DbError::Corrupt("missing password hash".into()))?;
                account_changes::create(conn, actor, &fields, hash)?;
                counts.users_created += 1;
            }
        }
    }
    Ok(())
}
