//! A group-commit batch written as a set, inside the writer's transaction: every form token spent in
//! one delete, every class checked in one query, one counter update per class and every response in one
//! insert. Per response that is a fraction of a statement instead of four. SQLite's batches go this
//! way; PostgreSQL's go as one statement ([`super::response_statement`]) and come here only when that
//! cannot take them (single-use codes, a batch across midnight).
//!
//! The same admission rule as one submission at a time ([`super::responses::submit_unguarded`]),
//! [`Seat::admit`](crate::domain::survey::admission::Seat::admit) for each class with all of the batch's responses of that class at once. This path only ever stores a
//! batch that passes all of them. Anything else (a refusal, a duplicate token, a single-use code to
//! spend) makes it give up, and the caller rolls the attempt back and stores each response on its own,
//! so every pupil still gets their own answer.

use std::collections::{BTreeMap, HashMap};

use diesel::prelude::*;

use super::DbConnection;
use super::access::{self, Access};
use super::batch::insert_rows;
use super::error::DbError;
use super::form_tokens;
use super::responses::{NewResponse, ResponseRow, RowNames, SubmitError, count_within_roll};
use super::schema::responses;
use crate::domain::ids::WaveClassId;
use crate::domain::survey::admission::{Code, Refusal, Token};

/// Why the set path gave up; the caller then stores each response alone, which gives each its own
/// outcome.
fn give_up(refusal: Refusal) -> SubmitError {
    SubmitError::Refused(refusal)
}

/// Stores `batch` inside the caller's transaction and returns the new ids in batch order, or gives up
/// (the caller must then roll back) when any response would not be stored as it stands.
pub fn store_set(conn: &mut DbConnection, batch: &[NewResponse]) -> Result<Vec<String>, SubmitError> {
    if batch.iter().any(|r| r.code_hash.is_some()) {
        return Err(give_up(Refusal::CodeUsed));
    }
    // Tokens first, so SQLite takes the write lock at once; a spent, unknown or repeated one gives up.
    let nonces: Vec<&str> = batch.iter().map(|r| r.nonce.as_str()).collect();
    if !form_tokens::spend_all(conn, &nonces).map_err(DbError::from)? {
        return Err(give_up(Refusal::AlreadySent));
    }
    let mut added: BTreeMap<WaveClassId, i32> = BTreeMap::new();
    for response in batch {
        *added.entry(response.wave_class_id).or_default() += 1;
    }
    let ids: Vec<WaveClassId> = added.keys().copied().collect();
    let access: HashMap<WaveClassId, Access> =
        access::access_many(conn, &ids)?.into_iter().map(|a| (a.wave_class_id, a)).collect();
    let mut names = Vec::with_capacity(batch.len());
    for response in batch {
        let access = access.get(&response.wave_class_id).ok_or(SubmitError::UnknownSeat)?;
        let adding = u32::try_from(added[&response.wave_class_id]).unwrap_or(u32::MAX);
        access.seat(response.today, Code::ClassPassword, Token::Unspent).admit(adding).map_err(give_up)?;
        names.push(RowNames::of(access)?);
    }
    // In class-in-wave order, the order every writer locks counters in.
    for (wave_class, count) in &added {
        count_within_roll(conn, *wave_class, *count)?;
    }
    let rows: Vec<ResponseRow> = batch
        .iter()
        .zip(&names)
        .map(|(response, names)| names.row(response.lang, response.today, &response.answers_json))
        .collect();
    insert_rows!(conn, responses::table, rows).map_err(DbError::from)?;
    Ok(rows.into_iter().map(|row| row.id).collect())
}
