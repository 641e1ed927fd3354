//! Staff accounts: lookup for sign-in, the account behind a session, and administration.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

use super::DbConnection;
use super::error::{DbError, DbResult};
use super::schema::{staff_sessions, users};
use crate::domain::account::UserFields;
use crate::domain::account::{Account, NewPassword, Role, RoleScope};
use crate::domain::ids::{SchoolId, UserId};
use crate::domain::region::RegionCode;

#[derive(Queryable, Selectable)]
#[diesel(table_name = users)]
struct UserRow {
    id: UserId,
    login: String,
    role: String,
    school_id: Option<SchoolId>,
    region_code: Option<String>,
    display_name: String,
    email: Option<String>,
    active: bool,
    password_changed_at: NaiveDateTime,
    must_change_password: bool,
    totp_sealed: Option<String>,
    must_enrol_second_factor: bool,
}

impl UserRow {
    fn into_account(self) -> DbResult<(Account, NaiveDateTime)> {
        let corrupt = |what: &str| DbError::Corrupt(format!("user {}: bad {what}", self.id));
        let role = Role::parse(&self.role).ok_or_else(|| corrupt("role"))?;
        let scope = match (role, self.school_id, self.region_code.as_deref()) {
            (Role::Admin, None, None) => RoleScope::Admin,
            (Role::National, None, None) => RoleScope::National,
            (Role::CentreStaff, None, Some(r)) => {
                RoleScope::CentreStaff(RegionCode::parse(r).ok_or_else(|| corrupt("region"))?)
            }
            (Role::Psychologist, Some(school), None) => RoleScope::Psychologist(school),
            _ => return Err(corrupt("scope")),
        };
        let account = Account {
            id: self.id,
            login: self.login,
            display_name: self.display_name,
            email: self.email,
            scope,
            active: self.active,
            must_change_password: self.must_change_password,
            has_second_factor: self.totp_sealed.is_some(),
            must_enrol_second_factor: self.must_enrol_second_factor,
        };
        Ok((account, self.password_changed_at))
    }
}

/// An account with what sign-in needs to check.
pub struct Credentials {
    /// The account.
    pub account: Account,
    /// The argon2id hash.
    pub password_hash: String,
    /// Sessions issued before this moment are void.
    pub password_changed_at: NaiveDateTime,
}

/// The account with this login (already lower-cased), if any.
pub fn find_credentials(conn: &mut DbConnection, login: &str) -> DbResult<Option<Credentials>> {
    let row: Option<(UserRow, String)> = users::table
        .filter(users::login.eq(login))
        .select((UserRow::as_select(), users::password_hash))
        .first(conn)
        .optional()?;
    row.map(|(row, password_hash)| {
        let (account, password_changed_at) = row.into_account()?;
        Ok(Credentials { account, password_hash, password_changed_at })
    })
    .transpose()
}

/// The account behind a session, with the time its password last changed.
pub fn get(conn: &mut DbConnection, id: UserId) -> DbResult<(Account, NaiveDateTime)> {
    users::table.find(id).select(UserRow::as_select()).first(conn)?.into_account()
}

/// The account `user` behind the staff session `session` (its secret's hash), with the time its
/// password last changed and the session's last mark, in one query (every staff request asks);
/// `None` when the account is gone or the session was ended.
pub fn get_in_session(
    conn: &mut DbConnection,
    user: UserId,
    session: &str,
) -> DbResult<Option<(Account, NaiveDateTime, NaiveDateTime)>> {
    let row: Option<(UserRow, NaiveDateTime)> = staff_sessions::table
        .inner_join(users::table)
        .filter(staff_sessions::id.eq(session))
        .filter(staff_sessions::user_id.eq(user))
        .select((UserRow::as_select(), staff_sessions::last_seen_at))
        .first(conn)
        .optional()?;
    row.map(|(row, last_seen)| row.into_account().map(|(account, changed)| (account, changed, last_seen))).transpose()
}

/// The account whose API token has this hash, if any, in one query (every API call asks).
pub fn find_by_api_token(conn: &mut DbConnection, token_hash: &str) -> DbResult<Option<Account>> {
    let row: Option<UserRow> = users::table
        .filter(users::api_token_hash.eq(token_hash))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?;
    row.map(|row| row.into_account().map(|(account, _)| account)).transpose()
}

/// Every account, ordered by login.
pub fn list(conn: &mut DbConnection) -> DbResult<Vec<Account>> {
    let rows = users::table.order(users::login).select(UserRow::as_select()).load(conn)?;
    rows.into_iter().map(|r| r.into_account().map(|(a, _)| a)).collect()
}

fn scope_columns(scope: &RoleScope) -> (&'static str, Option<SchoolId>, Option<String>) {
    match scope {
        RoleScope::Admin => ("admin", None, None),
        RoleScope::National => ("national", None, None),
        RoleScope::CentreStaff(region) => ("centre_staff", None, Some(region.as_str().to_owned())),
        RoleScope::Psychologist(school) => ("psychologist", Some(*school), None),
    }
}

/// Creates an account with an already hashed password; a taken login is `Duplicate`.
pub fn create(conn: &mut DbConnection, fields: &UserFields, password_hash: &str) -> DbResult<UserId> {
    let id = UserId::random();
    let (role, school, region) = scope_columns(&fields.scope);
    let now = Utc::now().naive_utc();
    diesel::insert_into(users::table)
        .values((
            users::id.eq(id),
            users::login.eq(&fields.login),
            users::password_hash.eq(password_hash),
            users::role.eq(role),
            users::school_id.eq(school),
            users::region_code.eq(region),
            users::display_name.eq(&fields.display_name),
            users::email.eq(&fields.email),
            users::active.eq(fields.active),
            users::password_changed_at.eq(now),
            users::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Changes an account's login, role, scope, name, address or status.
pub fn update(conn: &mut DbConnection, id: UserId, fields: &UserFields) -> DbResult<()> {
    let (role, school, region) = scope_columns(&fields.scope);
    let changed = diesel::update(users::table.find(id))
        .set((
            users::login.eq(&fields.login),
            users::role.eq(role),
            users::school_id.eq(school),
            users::region_code.eq(region),
            users::display_name.eq(&fields.display_name),
            users::email.eq(&fields.email),
            users::active.eq(fields.active),
        ))
        .execute(conn)?;
    if changed == 1 { Ok(()) } else { Err(DbError::NotFound) }
}

/// Replaces the password hash; sessions issued before now stop working.
pub fn set_password(conn: &mut DbConnection, id: UserId, password_hash: &str, chosen: NewPassword) -> DbResult<()> {
    let changed = diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(password_hash),
            users::password_changed_at.eq(Utc::now().naive_utc()),
            users::must_change_password.eq(chosen == NewPassword::Reset),
        ))
        .execute(conn)?;
    if changed == 1 { Ok(()) } else { Err(DbError::NotFound) }
}

/// The id of the account with this login, if any.
pub fn find_id_by_login(conn: &mut DbConnection, login: &str) -> DbResult<Option<UserId>> {
    Ok(users::table.filter(users::login.eq(login)).select(users::id).first(conn).optional()?)
}

/// How many accounts exist, to decide whether the demo must create some.
pub fn count(conn: &mut DbConnection) -> DbResult<i64> {
    Ok(users::table.count().get_result(conn)?)
}

/// Replaces the account's API token hash (`None` revokes it).
pub fn set_api_token(conn: &mut DbConnection, id: UserId, hash: Option<&str>) -> DbResult<()> {
    let changed = diesel::update(users::table.find(id)).set(users::api_token_hash.eq(hash)).execute(conn)?;
    if changed == 1 { Ok(()) } else { Err(DbError::NotFound) }
}

/// Whether the account has an API token.
pub fn has_api_token(conn: &mut DbConnection, id: UserId) -> DbResult<bool> {
    let hash: Option<String> = users::table.find(id).select(users::api_token_hash).first(conn)?;
    Ok(hash.is_some())
}

/// The e-mail addresses of the active accounts of exactly `scope` (a school's psychologists, a
/// region's centre staff), in login order: who a trust box notice for that desk goes to. Accounts
/// without an address are left out; an inactive one is never written to.
pub fn active_emails(conn: &mut DbConnection, scope: &RoleScope) -> DbResult<Vec<String>> {
    let (role, school, region) = scope_columns(scope);
    let mut query = users::table
        .filter(users::role.eq(role))
        .filter(users::active.eq(true))
        .filter(users::email.is_not_null())
        .order(users::login)
        .select(users::email)
        .into_boxed();
    query = match school {
        Some(school) => query.filter(users::school_id.eq(school)),
        None => query.filter(users::school_id.is_null()),
    };
    query = match region {
        Some(region) => query.filter(users::region_code.eq(region)),
        None => query.filter(users::region_code.is_null()),
    };
    let emails: Vec<Option<String>> = query.load(conn)?;
    Ok(emails.into_iter().flatten().filter(|email| !email.trim().is_empty()).collect())
}
