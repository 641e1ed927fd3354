//! A psychologist or centre staff member makes (or revokes) the token their scripts use for the
//! JSON API. The token is handed back once and only its hash is stored; making and revoking are
//! audited with the account as actor, never the token.

use crate::db::{DbConnection, DbResult, account_changes, users};
use crate::domain::api_token;
use crate::domain::audit::Actor;
use crate::domain::ids::UserId;

/// Whether `user` has a token now (the page says so, never which).
pub fn has_token(conn: &mut DbConnection, user: UserId) -> DbResult<bool> {
    users::has_api_token(conn, user)
}

/// Makes a new token for `user`, replacing any earlier one (`api_token_created`), and returns it:
/// this is the only time it exists outside its holder's hands.
pub fn create_token(conn: &mut DbConnection, user: UserId) -> DbResult<String> {
    let token = api_token::generate();
    account_changes::set_api_token(conn, Actor::User(user), user, Some(&api_token::hash(&token)))?;
    Ok(token)
}

/// Revokes `user`'s token (`api_token_revoked`).
pub fn revoke_token(conn: &mut DbConnection, user: UserId) -> DbResult<()> {
    account_changes::set_api_token(conn, Actor::User(user), user, None)
}
