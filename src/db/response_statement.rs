//! PostgreSQL: a group-commit batch stored in one statement, which commits on its own.
//!
//! On PostgreSQL every statement is a round trip: a message to a server process, a wake-up, a reply.
//! perf showed the server's sends alone at a quarter of its time under a rush of pupils, with the
//! batch written as six or more statements (`BEGIN`, tokens, the classes' rows, a counter per class,
//! the responses, `COMMIT`). Here the batch travels as arrays in one prepared statement whose
//! data-modifying steps run together and commit together: the classes' counters are locked in the
//! order of their ids (so two writers, of one instance or of several, never wait for each other in a
//! circle: without it four writers deadlocked on the bench), each rises within its roll on an open
//! wave, then the form tokens of the counted responses are spent (their rows deleted) and the
//! responses written. A token that cannot be spent anywhere fails the whole statement, which then
//! stores nothing. A response whose class was
//! not counted (full, closed, unknown) is simply not written; the caller stores those again one by
//! one, which gives each its own answer.
//!
//! **This statement is the mirror of the admission rule**
//! ([`Seat::admit`](crate::domain::survey::admission::Seat::admit)), which every other path calls: a
//! spent token stores nothing (`checked`), a wave not open on the pupil's day or a class whose count
//! would pass its roll is not counted (`counted`), and batches with single-use codes never come here
//! ([`fits`]). A change to the rule must change this SQL too; the admission property test
//! (`tests/admission.rs`) feeds random seats through both and compares the verdicts.
//!
//! SQLite keeps [`super::response_set`]: its statements cost no round trip.

use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_types::{Array, Date, Text};

use super::responses::NewResponse;
use crate::domain::ids::WaveClassId;

/// Counts, spends and writes the batch; `$1`..`$5` are arrays with one element per response.
///
/// `spent` deletes the issued nonce of each counted response ([`super::form_tokens`]). One that is not
/// there (already spent, never issued, or twice in the batch) deletes nothing, and `checked` then
/// divides by zero: the whole statement fails and stores nothing, so no class is counted for a
/// response that is not written. (`checked` is materialised and its column read, so the planner
/// cannot drop the division as an unused output.)
const STORE_BATCH: &str = "
WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
        AS i(wave_class_id, nonce, id, lang, answers)
), added AS (
    SELECT wave_class_id, count(*)::int AS n FROM input GROUP BY wave_class_id
), locked AS MATERIALIZED (
    SELECT wc.id FROM wave_classes AS wc WHERE wc.id IN (SELECT wave_class_id FROM added)
    ORDER BY wc.id FOR NO KEY UPDATE
), counted AS (
    UPDATE wave_classes AS wc SET responses = wc.responses + added.n
    FROM locked, added, waves AS w
    WHERE wc.id = locked.id AND added.wave_class_id = locked.id AND w.id = wc.wave_id
      AND w.closed_at IS NULL AND w.opens_on <= $6 AND w.closes_on >= $6
      AND wc.responses + added.n <= wc.roll
    RETURNING wc.id, wc.wave_id, wc.class_id, w.instrument_version
), admitted AS MATERIALIZED (
    SELECT input.* FROM input JOIN counted ON counted.id = input.wave_class_id
), spent AS (
    DELETE FROM unspent_form_tokens AS t USING admitted WHERE t.nonce = admitted.nonce RETURNING t.nonce
), checked AS MATERIALIZED (
    SELECT 1 / (CASE WHEN (SELECT count(*) FROM spent) = (SELECT count(*) FROM admitted) THEN 1 ELSE 0 END) AS ok
)
INSERT INTO responses (id, wave_id, class_id, instrument_version, lang, submitted_on, answers)
SELECT admitted.id, counted.wave_id, counted.class_id, counted.instrument_version, admitted.lang, $6,
       admitted.answers
FROM admitted JOIN counted ON counted.id = admitted.wave_class_id CROSS JOIN checked WHERE checked.ok = 1
RETURNING id";

#[derive(QueryableByName)]
struct Stored {
    #[diesel(sql_type = Text)]
    id: String,
}

/// Whether [`store`] can take `batch`: no single-use codes to spend (those go one by one), and one
/// pupil's day for all (a batch straddles midnight only in theory).
pub fn fits(batch: &[NewResponse]) -> bool {
    let same_day = batch.first().is_some_and(|first| batch.iter().all(|r| r.today == first.today));
    same_day && batch.iter().all(|r| r.code_hash.is_none())
}

/// Stores `batch` (which [`fits`]) in one statement outside any transaction. Returns, in batch order,
/// the new id of each stored response and `None` for one whose class refused it; on an error
/// nothing at all was stored.
pub fn store(conn: &mut PgConnection, batch: &[NewResponse]) -> QueryResult<Vec<Option<String>>> {
    let Some(today) = batch.first().map(|r| r.today) else { return Ok(Vec::new()) };
    let ids: Vec<String> = batch.iter().map(|_| uuid::Uuid::new_v4().to_string()).collect();
    // Borrowed where the batch holds the text already: the answers are most of its bytes.
    let text = |f: fn(&NewResponse) -> &str| batch.iter().map(f).collect::<Vec<&str>>();
    let wave_classes: Vec<WaveClassId> = batch.iter().map(|r| r.wave_class_id).collect();
    let stored: Vec<Stored> = diesel::sql_query(STORE_BATCH)
        .bind::<Array<Text>, _>(wave_classes)
        .bind::<Array<Text>, _>(text(|r| &r.nonce))
        .bind::<Array<Text>, _>(&ids)
        .bind::<Array<Text>, _>(text(|r| r.lang.code()))
        .bind::<Array<Text>, _>(text(|r| &r.answers_json))
        .bind::<Date, _>(today)
        .load(conn)?;
    let stored: std::collections::HashSet<String> = stored.into_iter().map(|s| s.id).collect();
    Ok(ids.into_iter().map(|id| stored.contains(&id).then_some(id)).collect())
}
