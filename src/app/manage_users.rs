//! An administrator keeps the staff accounts: creates them with a first password, changes their
//! login, role, scope, name, address or status, sets new passwords and resets second factors (the
//! owner is told by e-mail). Every change is audited with the administrator as actor. A login already used is refused with its own answer, and so is an
//! administrator taking away their own access (so a deployment is never left without one by mistake).

use super::error::refuse_duplicate;
use crate::db::schools::{self, SchoolFilter};
use crate::db::{DbConnection, DbResult, account_changes, outbox, regions, users};
use crate::domain::account::{Account, NewPassword, UserFields};
use crate::domain::audit::Actor;
use crate::domain::ids::{SchoolId, UserId};
use crate::domain::school::{Region, SchoolSummary};
use crate::notify::NotifyPlan;
use crate::notify::account_notice::AccountEvent;

/// Why an account was not created or changed (nothing is stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountRefusal {
    /// The login is already used by another account.
    LoginTaken,
    /// The administrator would deactivate their own account or change their own role.
    OwnAccess,
}

/// What a form can place an account in: every school and every region.
pub type Places = (Vec<SchoolSummary>, Vec<Region>);

/// Every account, ordered by login, with the places a new one can be given.
pub fn accounts(conn: &mut DbConnection) -> DbResult<(Vec<Account>, Places)> {
    Ok((users::list(conn)?, places(conn)?))
}

/// The account `id`, with the places it can be moved to.
pub fn account(conn: &mut DbConnection, id: UserId) -> DbResult<(Account, Places)> {
    Ok((users::get(conn, id)?.0, places(conn)?))
}

/// The ids of every school, which a psychologist's account may name.
pub fn school_ids(conn: &mut DbConnection) -> DbResult<Vec<SchoolId>> {
    Ok(schools::list(conn, SchoolFilter::All)?.into_iter().map(|s| s.school.id).collect())
}

fn places(conn: &mut DbConnection) -> DbResult<Places> {
    Ok((schools::list(conn, SchoolFilter::All)?, regions::list(conn)?))
}

/// Creates an account with the already hashed password, as `actor` (`user_created`, with its scope);
/// a taken login is [`AccountRefusal::LoginTaken`].
pub fn add_user(
    conn: &mut DbConnection,
    actor: UserId,
    fields: &UserFields,
    password_hash: &str,
) -> DbResult<Result<UserId, AccountRefusal>> {
    refuse_duplicate(
        account_changes::create(conn, Actor::User(actor), fields, password_hash),
        AccountRefusal::LoginTaken,
    )
}

/// Changes the account `id` as `actor` (each kind of change audited); `actor` may not deactivate
/// their own account nor change their own role or scope.
pub fn edit_user(
    conn: &mut DbConnection,
    actor: &Account,
    id: UserId,
    fields: &UserFields,
) -> DbResult<Result<(), AccountRefusal>> {
    if id == actor.id && (!fields.active || fields.scope != actor.scope) {
        return Ok(Err(AccountRefusal::OwnAccess));
    }
    refuse_duplicate(account_changes::update(conn, Actor::User(actor.id), id, fields), AccountRefusal::LoginTaken)
}

/// Replaces the password of `id` with the already hashed one, as `actor` (`password_set`); the
/// account's sessions end, its owner must choose their own password at their next sign-in, and is
/// told so by e-mail.
pub fn set_password(
    conn: &mut DbConnection,
    notify: &NotifyPlan,
    actor: Actor,
    id: UserId,
    password_hash: &str,
) -> DbResult<()> {
    crate::db::write_transaction(conn, |conn| {
        account_changes::set_password(conn, actor, id, password_hash, NewPassword::Reset)?;
        tell_owner(conn, notify, id, AccountEvent::PasswordReset)
    })
}

/// Resets the second factor of `id`, as `actor` (`second_factor_reset`): its sessions end, it must
/// enrol a new one at its next sign-in, and its owner is told so by e-mail.
pub fn reset_second_factor(conn: &mut DbConnection, notify: &NotifyPlan, actor: Actor, id: UserId) -> DbResult<()> {
    crate::db::write_transaction(conn, |conn| {
        super::second_factor::reset(conn, actor, id)?;
        tell_owner(conn, notify, id, AccountEvent::SecondFactorReset)
    })
}

/// Queues the e-mail to the owner of `id` about `event`, in the transaction that made the change.
fn tell_owner(conn: &mut DbConnection, notify: &NotifyPlan, id: UserId, event: AccountEvent) -> DbResult<()> {
    let (account, _) = users::get(conn, id)?;
    let messages = notify.account_messages(id, &account.login, account.email.as_deref(), event);
    outbox::enqueue_all(conn, &messages, chrono::Utc::now().naive_utc())
}
