//! An account's second factor as stored: the sealed TOTP secret, the step of the last code used,
//! and the hashes of its unused recovery codes. Every change is written in one transaction with its
//! audit entry; an entry names the account, never a secret or a code.

use diesel::prelude::*;

use super::DbConnection;
use super::account_changes::user_subject;
use super::audit;
use super::batch::insert_rows;
use super::error::{DbError, DbResult};
use super::schema::{recovery_codes, staff_sessions, users};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::UserId;

/// What checking a code needs: the sealed secret (`None`: not enrolled) and the last step used.
pub struct Stored {
    /// The sealed secret, hex.
    pub sealed: Option<String>,
    /// The step of the last accepted code.
    pub last_step: Option<i64>,
}

/// The stored second factor of `user`.
pub fn stored(conn: &mut DbConnection, user: UserId) -> DbResult<Stored> {
    let (sealed, last_step) =
        users::table.find(user).select((users::totp_sealed, users::totp_last_step)).first(conn)?;
    Ok(Stored { sealed, last_step })
}

/// Records `step` as used, if no code of that step or a later one was used before; false when one
/// was (another request, perhaps on another instance, spent it first). One conditional update, so
/// two requests racing with the same code cannot both pass.
pub fn spend_step(conn: &mut DbConnection, user: UserId, step: i64) -> DbResult<bool> {
    let changed = diesel::update(
        users::table
            .find(user)
            .filter(users::totp_sealed.is_not_null())
            .filter(users::totp_last_step.is_null().or(users::totp_last_step.lt(step))),
    )
    .set(users::totp_last_step.eq(step))
    .execute(conn)?;
    Ok(changed == 1)
}

fn replace_codes(conn: &mut DbConnection, user: UserId, code_hashes: &[String]) -> DbResult<()> {
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user))).execute(conn)?;
    let rows: Vec<_> =
        code_hashes.iter().map(|hash| (recovery_codes::user_id.eq(user), recovery_codes::code_hash.eq(hash))).collect();
    insert_rows!(conn, recovery_codes::table, rows)?;
    Ok(())
}

/// Enrols `user`'s authenticator (`second_factor_enrolled`): its sealed secret, the step of the code
/// that proved it (so that code cannot sign in again) and a new set of recovery codes.
pub fn enrol(conn: &mut DbConnection, user: UserId, sealed: &str, step: i64, code_hashes: &[String]) -> DbResult<()> {
    super::write_transaction(conn, |conn| {
        let changed = diesel::update(users::table.find(user))
            .set((
                users::totp_sealed.eq(sealed),
                users::totp_last_step.eq(step),
                users::must_enrol_second_factor.eq(false),
            ))
            .execute(conn)?;
        if changed != 1 {
            return Err(DbError::NotFound);
        }
        replace_codes(conn, user, code_hashes)?;
        audit::append(conn, Actor::User(user), AuditAction::SecondFactorEnrolled, &user_subject(user))?;
        Ok(())
    })
}

/// Replaces `user`'s recovery codes (`recovery_codes_renewed`).
pub fn renew_codes(conn: &mut DbConnection, user: UserId, code_hashes: &[String]) -> DbResult<()> {
    super::write_transaction(conn, |conn| {
        replace_codes(conn, user, code_hashes)?;
        audit::append(conn, Actor::User(user), AuditAction::RecoveryCodesRenewed, &user_subject(user))?;
        Ok(())
    })
}

/// Spends the recovery code whose hash is `code_hash` (`recovery_code_used`); false when `user` has
/// no such unused code.
pub fn spend_code(conn: &mut DbConnection, user: UserId, code_hash: &str) -> DbResult<bool> {
    super::write_transaction(conn, |conn| {
        let deleted = diesel::delete(
            recovery_codes::table
                .filter(recovery_codes::user_id.eq(user))
                .filter(recovery_codes::code_hash.eq(code_hash)),
        )
        .execute(conn)?;
        if deleted == 1 {
            audit::append(conn, Actor::User(user), AuditAction::RecoveryCodeUsed, &user_subject(user))?;
        }
        Ok(deleted == 1)
    })
}

/// How many unused recovery codes `user` has left.
pub fn codes_left(conn: &mut DbConnection, user: UserId) -> DbResult<i64> {
    Ok(recovery_codes::table.filter(recovery_codes::user_id.eq(user)).count().get_result(conn)?)
}

/// Who removes a second factor, and so what follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removal {
    /// Its owner, where their role allows going without (`second_factor_removed`).
    ByOwner,
    /// An administrator or the operator (`second_factor_reset`): the account must enrol a new one,
    /// and every session it has ends.
    Reset(Actor),
}

/// Removes `user`'s second factor and recovery codes.
pub fn remove(conn: &mut DbConnection, user: UserId, removal: Removal) -> DbResult<()> {
    super::write_transaction(conn, |conn| {
        let reset = matches!(removal, Removal::Reset(_));
        let changed = diesel::update(users::table.find(user))
            .set((
                users::totp_sealed.eq(None::<String>),
                users::totp_last_step.eq(None::<i64>),
                users::must_enrol_second_factor.eq(reset),
            ))
            .execute(conn)?;
        if changed != 1 {
            return Err(DbError::NotFound);
        }
        diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user))).execute(conn)?;
        let (actor, action) = match removal {
            Removal::ByOwner => (Actor::User(user), AuditAction::SecondFactorRemoved),
            Removal::Reset(actor) => {
                diesel::delete(staff_sessions::table.filter(staff_sessions::user_id.eq(user))).execute(conn)?;
                (actor, AuditAction::SecondFactorReset)
            }
        };
        audit::append(conn, actor, action, &user_subject(user))?;
        Ok(())
    })
}
