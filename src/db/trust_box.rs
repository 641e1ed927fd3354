//! The trust box's rows: conversations and their sealed messages (issue 19, `docs/trust-box.md`).
//! Queries only; what a step does to a conversation is `domain::trust_box::record`, and who may do it
//! is the use cases' (`app::trust_box`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::error::{DbError, DbResult};
use super::schema::{trust_conversations, trust_messages};
use super::{DbConnection, write_transaction};
use crate::domain::ids::{ConversationId, SchoolId, TrustMessageId, UserId};
use crate::domain::region::RegionCode;
use crate::domain::trust_box::lifecycle::{Conversation, Holder, Status};
use crate::domain::trust_box::record::{ConversationRecord, MessageKind, StoredMessage};
use crate::domain::trust_box::topic::{Addressee, Topic};

/// A conversation's row as read (also by [`super::trust_box_upkeep`]).
#[derive(Queryable, Selectable)]
#[diesel(table_name = trust_conversations)]
pub(super) struct ConversationRow {
    id: ConversationId,
    school_id: SchoolId,
    region_code: String,
    addressee: String,
    holder: String,
    topic: String,
    in_danger: bool,
    status: String,
    outcome: Option<String>,
    arrived_at: NaiveDateTime,
    due_at: Option<NaiveDateTime>,
    first_reply_at: Option<NaiveDateTime>,
    came_back: bool,
    escalated_at: Option<NaiveDateTime>,
    closed_at: Option<NaiveDateTime>,
}

impl ConversationRow {
    pub(super) fn into_record(self) -> DbResult<ConversationRecord> {
        let corrupt = |what: &str| DbError::Corrupt(format!("trust conversation {}: bad {what}", self.id));
        let holder = Holder::from_code(&self.holder).ok_or_else(|| corrupt("holder"))?;
        let status = Status::from_codes(&self.status, self.outcome.as_deref()).ok_or_else(|| corrupt("status"))?;
        Ok(ConversationRecord {
            id: self.id,
            school: self.school_id,
            region: RegionCode::parse(&self.region_code).ok_or_else(|| corrupt("region"))?,
            addressee: Addressee::from_code(&self.addressee).ok_or_else(|| corrupt("addressee"))?,
            topic: Topic::from_code(&self.topic).ok_or_else(|| corrupt("topic"))?,
            in_danger: self.in_danger,
            state: Conversation { status, holder },
            arrived_at: self.arrived_at,
            due_at: self.due_at,
            first_reply_at: self.first_reply_at,
            came_back: self.came_back,
            escalated_at: self.escalated_at,
            closed_at: self.closed_at,
        })
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = trust_messages)]
struct MessageRow {
    id: TrustMessageId,
    seq: i32,
    kind: String,
    author_id: Option<UserId>,
    sealed: Option<Vec<u8>>,
    written_at: NaiveDateTime,
}

impl MessageRow {
    fn into_message(self) -> DbResult<StoredMessage> {
        let kind = MessageKind::from_code(&self.kind)
            .ok_or_else(|| DbError::Corrupt(format!("trust message {}: bad kind", self.id)))?;
        Ok(StoredMessage {
            id: self.id,
            seq: self.seq,
            kind,
            author: self.author_id,
            sealed: self.sealed,
            written_at: self.written_at,
        })
    }
}

/// The keyed hashes that find a conversation and check its PIN ([`crate::domain::trust_box::receipt`]).
#[derive(Debug, Clone, Copy)]
pub struct ReceiptHashes<'a> {
    /// HMAC of the receipt.
    pub lookup: &'a str,
    /// HMAC of receipt and PIN, when the pupil chose a PIN.
    pub pin_seal: Option<&'a str>,
}

/// Stores a new conversation with its first message.
///
/// # Errors
/// `Duplicate` when the receipt's lookup is taken (the caller draws another receipt).
pub fn create(
    conn: &mut DbConnection,
    record: &ConversationRecord,
    receipt: ReceiptHashes<'_>,
    first: &StoredMessage,
) -> DbResult<()> {
    write_transaction(conn, |conn| {
        diesel::insert_into(trust_conversations::table)
            .values((
                trust_conversations::id.eq(record.id),
                trust_conversations::school_id.eq(record.school),
                trust_conversations::region_code.eq(record.region.as_str()),
                trust_conversations::addressee.eq(record.addressee.code()),
                trust_conversations::topic.eq(record.topic.code()),
                trust_conversations::in_danger.eq(record.in_danger),
                trust_conversations::urgent.eq(record.urgency() == crate::domain::trust_box::topic::Urgency::Urgent),
                trust_conversations::receipt_lookup.eq(receipt.lookup),
                trust_conversations::pin_seal.eq(receipt.pin_seal),
                trust_conversations::arrived_at.eq(record.arrived_at),
                trust_conversations::came_back.eq(record.came_back),
                state_columns(record),
            ))
            .execute(conn)?;
        insert_message(conn, record.id, first)
    })
}

/// The columns a step changes, as one tuple for inserts and updates alike.
#[allow(clippy::type_complexity)]
fn state_columns(
    record: &ConversationRecord,
) -> (
    diesel::dsl::Eq<trust_conversations::holder, &'static str>,
    diesel::dsl::Eq<trust_conversations::status, &'static str>,
    diesel::dsl::Eq<trust_conversations::outcome, Option<&'static str>>,
    diesel::dsl::Eq<trust_conversations::due_at, Option<NaiveDateTime>>,
    diesel::dsl::Eq<trust_conversations::first_reply_at, Option<NaiveDateTime>>,
    diesel::dsl::Eq<trust_conversations::escalated_at, Option<NaiveDateTime>>,
    diesel::dsl::Eq<trust_conversations::closed_at, Option<NaiveDateTime>>,
) {
    (
        trust_conversations::holder.eq(record.state.holder.code()),
        trust_conversations::status.eq(record.state.status.code()),
        trust_conversations::outcome.eq(record.state.status.outcome().map(|o| o.code())),
        trust_conversations::due_at.eq(record.due_at),
        trust_conversations::first_reply_at.eq(record.first_reply_at),
        trust_conversations::escalated_at.eq(record.escalated_at),
        trust_conversations::closed_at.eq(record.closed_at),
    )
}

fn insert_message(conn: &mut DbConnection, conversation: ConversationId, message: &StoredMessage) -> DbResult<()> {
    diesel::insert_into(trust_messages::table)
        .values((
            trust_messages::id.eq(message.id),
            trust_messages::conversation_id.eq(conversation),
            trust_messages::seq.eq(message.seq),
            trust_messages::kind.eq(message.kind.code()),
            trust_messages::author_id.eq(message.author),
            trust_messages::sealed.eq(message.sealed.as_deref()),
            trust_messages::written_at.eq(message.written_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// The conversation whose receipt hashes to `lookup`, with its PIN seal.
pub fn by_receipt(conn: &mut DbConnection, lookup: &str) -> DbResult<Option<(ConversationRecord, Option<String>)>> {
    let found: Option<(ConversationRow, Option<String>)> = trust_conversations::table
        .filter(trust_conversations::receipt_lookup.eq(lookup))
        .select((ConversationRow::as_select(), trust_conversations::pin_seal))
        .first(conn)
        .optional()?;
    found.map(|(row, pin)| Ok((row.into_record()?, pin))).transpose()
}

/// One conversation.
pub fn get(conn: &mut DbConnection, id: ConversationId) -> DbResult<ConversationRecord> {
    trust_conversations::table.find(id).select(ConversationRow::as_select()).first(conn)?.into_record()
}

/// A conversation's messages in order.
pub fn messages(conn: &mut DbConnection, id: ConversationId) -> DbResult<Vec<StoredMessage>> {
    let rows: Vec<MessageRow> = trust_messages::table
        .filter(trust_messages::conversation_id.eq(id))
        .order(trust_messages::seq)
        .select(MessageRow::as_select())
        .load(conn)?;
    rows.into_iter().map(MessageRow::into_message).collect()
}

/// The next message's place in conversation `id`.
pub fn next_seq(conn: &mut DbConnection, id: ConversationId) -> DbResult<i32> {
    let last: Option<i32> = trust_messages::table
        .filter(trust_messages::conversation_id.eq(id))
        .select(diesel::dsl::max(trust_messages::seq))
        .first(conn)?;
    Ok(last.unwrap_or(0) + 1)
}

/// Stores a step: `after` replaces `before` (unless someone changed it since it was read as
/// `before`: then `Ok(false)` and nothing is written), with `message` added when the step wrote one.
pub fn save(
    conn: &mut DbConnection,
    before: &ConversationRecord,
    after: &ConversationRecord,
    message: Option<&StoredMessage>,
) -> DbResult<bool> {
    write_transaction(conn, |conn| {
        let changed = diesel::update(
            trust_conversations::table
                .find(before.id)
                .filter(trust_conversations::status.eq(before.state.status.code()))
                .filter(trust_conversations::holder.eq(before.state.holder.code())),
        )
        .set(state_columns(after))
        .execute(conn)?;
        if changed == 0 {
            return Ok(false);
        }
        if let Some(message) = message {
            insert_message(conn, after.id, message)?;
        }
        Ok(true)
    })
}

/// Notes that the pupil came back with the receipt (for the share of receipts that came back).
pub fn came_back(conn: &mut DbConnection, id: ConversationId) -> DbResult<()> {
    diesel::update(trust_conversations::table.find(id)).set(trust_conversations::came_back.eq(true)).execute(conn)?;
    Ok(())
}

/// Whose conversations an inbox lists.
#[derive(Debug, Clone, Copy)]
pub enum Inbox<'a> {
    /// Addressed to this school, escalated or not (never the ones addressed to the centre only).
    School(SchoolId),
    /// Held by this region's centre.
    Centre(&'a RegionCode),
    /// Held by a school of this region and owing an answer due before the time given: what the
    /// centre watches.
    OverdueInSchools(&'a RegionCode, NaiveDateTime),
}

/// The conversations of `inbox`, the soonest due first, then the newest.
pub fn inbox(conn: &mut DbConnection, inbox: Inbox<'_>) -> DbResult<Vec<ConversationRecord>> {
    let query = trust_conversations::table.select(ConversationRow::as_select()).into_boxed();
    let query = match inbox {
        Inbox::School(school) => query
            .filter(trust_conversations::school_id.eq(school))
            .filter(trust_conversations::addressee.eq(Addressee::School.code())),
        Inbox::Centre(region) => query
            .filter(trust_conversations::region_code.eq(region.as_str().to_owned()))
            .filter(trust_conversations::holder.eq(Holder::Centre.code())),
        Inbox::OverdueInSchools(region, now) => query
            .filter(trust_conversations::region_code.eq(region.as_str().to_owned()))
            .filter(trust_conversations::holder.eq(Holder::School.code()))
            .filter(trust_conversations::status.eq_any([Status::New.code(), Status::Read.code()]))
            .filter(trust_conversations::due_at.lt(now)),
    };
    let rows: Vec<ConversationRow> = query.load(conn)?;
    let mut records = rows.into_iter().map(ConversationRow::into_record).collect::<DbResult<Vec<_>>>()?;
    records.sort_by_key(|r| (r.due_at.is_none(), r.due_at, std::cmp::Reverse(r.arrived_at)));
    Ok(records)
}

/// How many conversations the desk of `inbox` holds that owe the pupil an answer (new, or read and
/// not answered): one count, not the rows, for a home page. A school's counts only those it still
/// holds; `OverdueInSchools` counts what it lists.
pub fn owing(conn: &mut DbConnection, inbox: Inbox<'_>) -> DbResult<i64> {
    let awaiting = [Status::New.code(), Status::Read.code()];
    let query = trust_conversations::table.filter(trust_conversations::status.eq_any(awaiting)).into_boxed();
    let query = match inbox {
        Inbox::School(school) => query
            .filter(trust_conversations::school_id.eq(school))
            .filter(trust_conversations::addressee.eq(Addressee::School.code()))
            .filter(trust_conversations::holder.eq(Holder::School.code())),
        Inbox::Centre(region) => query
            .filter(trust_conversations::region_code.eq(region.as_str().to_owned()))
            .filter(trust_conversations::holder.eq(Holder::Centre.code())),
        Inbox::OverdueInSchools(region, now) => query
            .filter(trust_conversations::region_code.eq(region.as_str().to_owned()))
            .filter(trust_conversations::holder.eq(Holder::School.code()))
            .filter(trust_conversations::due_at.lt(now)),
    };
    Ok(query.count().get_result(conn)?)
}
