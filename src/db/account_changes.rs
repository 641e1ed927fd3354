//! Changes to staff accounts, each stored in one transaction with its audit entry, so an account is
//! never created, re-scoped, deactivated or given a password or API token without the record of who
//! did it. An entry names the account and, where access is granted, the scope granted; it never holds
//! a password, a hash or a token.

use super::DbConnection;
use super::audit;
use super::error::DbResult;
use super::users;
use crate::domain::account::UserFields;
use crate::domain::account::{NewPassword, RoleScope};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::UserId;

/// The subject of an entry about one account: `user:{id}`.
pub fn user_subject(id: UserId) -> String {
    format!("user:{id}")
}

/// The subject of an entry that grants `scope` to an account, such as
/// `user:{id}:role:centre_staff:region:KZ-71`, so the log alone says who was given which reach.
pub fn scope_subject(id: UserId, scope: &RoleScope) -> String {
    let role = scope.role().as_str();
    match scope {
        RoleScope::Admin | RoleScope::National => format!("user:{id}:role:{role}"),
        RoleScope::CentreStaff(region) => format!("user:{id}:role:{role}:region:{region}"),
        RoleScope::Psychologist(school) => format!("user:{id}:role:{role}:school:{school}"),
    }
}

/// Creates an account (`user_created`, with its scope) as `actor`; a taken login is `Duplicate` and
/// records nothing.
pub fn create(conn: &mut DbConnection, actor: Actor, fields: &UserFields, password_hash: &str) -> DbResult<UserId> {
    super::write_transaction(conn, |conn| {
        let id = users::create(conn, fields, password_hash)?;
        audit::append(conn, actor, AuditAction::UserCreated, &scope_subject(id, &fields.scope))?;
        Ok(id)
    })
}

/// Changes an account as `actor`, recording each kind of change it makes: `role_changed` (with the
/// new scope), `user_deactivated`, `user_reactivated`, and `user_changed` for the login, name or
/// address. Saving an unchanged form records nothing.
pub fn update(conn: &mut DbConnection, actor: Actor, id: UserId, fields: &UserFields) -> DbResult<()> {
    super::write_transaction(conn, |conn| {
        let (before, _) = users::get(conn, id)?;
        users::update(conn, id, fields)?;
        if before.scope != fields.scope {
            audit::append(conn, actor, AuditAction::RoleChanged, &scope_subject(id, &fields.scope))?;
        }
        let activity = match (before.active, fields.active) {
            (true, false) => Some(AuditAction::UserDeactivated),
            (false, true) => Some(AuditAction::UserReactivated),
            _ => None,
        };
        if let Some(action) = activity {
            audit::append(conn, actor, action, &user_subject(id))?;
        }
        let details_changed =
            before.login != fields.login || before.display_name != fields.display_name || before.email != fields.email;
        if details_changed {
            audit::append(conn, actor, AuditAction::UserChanged, &user_subject(id))?;
        }
        Ok(())
    })
}

/// Replaces an account's password as `actor` (`password_set`; the actor is the account itself when
/// someone changes their own). Every session of the account ends (whoever changed their own starts a
/// new one); after a [`NewPassword::Reset`] the owner must choose their own before anything else.
pub fn set_password(
    conn: &mut DbConnection,
    actor: Actor,
    id: UserId,
    password_hash: &str,
    chosen: NewPassword,
) -> DbResult<()> {
    super::write_transaction(conn, |conn| {
        users::set_password(conn, id, password_hash, chosen)?;
        super::staff_sessions::end_all_but(conn, id, None)?;
        audit::append(conn, actor, AuditAction::PasswordSet, &user_subject(id))?;
        Ok(())
    })
}

/// Stores a new API token hash (`api_token_created`) or revokes the token (`api_token_revoked`) as
/// `actor`.
pub fn set_api_token(conn: &mut DbConnection, actor: Actor, id: UserId, hash: Option<&str>) -> DbResult<()> {
    super::write_transaction(conn, |conn| {
        users::set_api_token(conn, id, hash)?;
        let action = if hash.is_some() { AuditAction::ApiTokenCreated } else { AuditAction::ApiTokenRevoked };
        audit::append(conn, actor, action, &user_subject(id))?;
        Ok(())
    })
}
