//! Form nonces, issued ahead and spent by deletion.
//!
//! A form can be submitted once: its nonce must be spent in the transaction that stores its response.
//! Recording the spent nonce there (an insert) would leave a live row written by that transaction;
//! on PostgreSQL its `xmin` would equal the response's and join the two. So nonces are issued ahead,
//! in blocks, by transactions that write nothing else ([`issue`]), and a submission spends its nonce by
//! deleting the row ([`spend`]): an unknown or already spent nonce deletes nothing and is refused. The
//! rows left are forms not (yet) submitted, each written with many others long before any response,
//! and a spent form leaves no row at all. Nothing here names a wave, a class or a code.

use chrono::{Days, NaiveDate};
use diesel::prelude::*;

use super::DbConnection;
use super::batch::insert_rows;
use super::error::DbResult;
use super::schema::unspent_form_tokens;

/// Days an issued nonce is kept after the day it was issued: a form lives two hours, so a nonce issued
/// late in the day still outlives its form.
const KEPT_FOR_DAYS: u64 = 2;

#[derive(Insertable)]
#[diesel(table_name = unspent_form_tokens)]
struct Unspent<'a> {
    nonce: &'a str,
    expires_on: NaiveDate,
}

/// A fresh random nonce (128 bits, hex).
fn random_nonce() -> String {
    let mut nonce = [0u8; 16];
    rand::fill(&mut nonce);
    hex::encode(nonce)
}

/// Issues `count` new nonces on `today` in one statement (one transaction of its own) and returns them.
pub fn issue(conn: &mut DbConnection, count: usize, today: NaiveDate) -> DbResult<Vec<String>> {
    let nonces: Vec<String> = (0..count).map(|_| random_nonce()).collect();
    let expires_on = today.checked_add_days(Days::new(KEPT_FOR_DAYS)).unwrap_or(today);
    let rows: Vec<Unspent> = nonces.iter().map(|nonce| Unspent { nonce, expires_on }).collect();
    insert_rows!(conn, unspent_form_tokens::table, rows)?;
    Ok(nonces)
}

/// Spends `nonce` inside the caller's transaction: true when it was issued and unspent (its row is
/// now deleted), false when there is nothing to spend (already spent, forgotten, or never issued).
pub fn spend(conn: &mut DbConnection, nonce: &str) -> QueryResult<bool> {
    Ok(diesel::delete(unspent_form_tokens::table.find(nonce)).execute(conn)? == 1)
}

/// Spends every nonce of `nonces` inside the caller's transaction; true only when each was issued,
/// unspent and listed once (otherwise the caller must roll back).
pub fn spend_all(conn: &mut DbConnection, nonces: &[&str]) -> QueryResult<bool> {
    let deleted =
        diesel::delete(unspent_form_tokens::table.filter(unspent_form_tokens::nonce.eq_any(nonces))).execute(conn)?;
    Ok(deleted == nonces.len())
}

/// Whether `nonce` is issued and unspent (a form page checks this when it is shown again).
pub fn is_unspent(conn: &mut DbConnection, nonce: &str) -> DbResult<bool> {
    Ok(diesel::select(diesel::dsl::exists(unspent_form_tokens::table.find(nonce))).get_result(conn)?)
}

/// Forgets issued nonces whose forms can no longer be submitted anyway.
pub fn forget_expired(conn: &mut DbConnection, today: NaiveDate) -> DbResult<usize> {
    Ok(diesel::delete(unspent_form_tokens::table.filter(unspent_form_tokens::expires_on.lt(today))).execute(conn)?)
}
