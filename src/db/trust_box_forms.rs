//! The trust box's spent form tokens (`domain::trust_box::form_token`): a pupil form's token is
//! recorded the first time the form is sent, and found here when it is sent again. Each is recorded
//! in a statement of its own, so no message shares its transaction, and forgotten once its token would
//! be refused anyway.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::DbConnection;
use super::error::{DbError, DbResult};
use super::schema::trust_spent_forms;
use crate::domain::trust_box::form_token::FormToken;

#[derive(Insertable)]
#[diesel(table_name = trust_spent_forms)]
struct Spent<'a> {
    token: &'a str,
    kept_until: NaiveDate,
}

/// Records `token` as spent: true the first time, false when it was spent before.
pub fn spend(conn: &mut DbConnection, token: &FormToken) -> DbResult<bool> {
    let token_text = token.to_string();
    let row = Spent { token: &token_text, kept_until: token.kept_until() };
    match diesel::insert_into(trust_spent_forms::table).values(&row).execute(conn).map_err(DbError::from) {
        Ok(_) => Ok(true),
        Err(DbError::Duplicate(_)) => Ok(false),
        Err(other) => Err(other),
    }
}

/// Forgets the tokens that are refused on `today` anyway; how many.
pub fn forget_expired(conn: &mut DbConnection, today: NaiveDate) -> DbResult<usize> {
    Ok(diesel::delete(trust_spent_forms::table.filter(trust_spent_forms::kept_until.lt(today))).execute(conn)?)
}
