//! The notification outbox. A message is written in the same transaction as its referral, so a
//! referral never exists without its notice; a worker claims due messages with a lease (several
//! instances may run workers), delivers them and marks them, with retries and backoff. A claim that
//! dies with its process runs out and the message is taken again, so nothing is lost across a restart.
//! A claim that lives is renewed ([`renew`]) for as long as its message is being sent, so a slow
//! server never lets a second worker take a message the first is still sending.
//!
//! A message is about a referral or a trust box conversation ([`About`]). A trust box notice is
//! deleted once delivered, instead of being kept as delivered like a referral's: its row would keep,
//! beside the conversation's id, the moment it went out, a time finer than the conversation keeps
//! of the pupil's writing (`domain::trust_box::arrival`).

use chrono::{Duration, NaiveDateTime, SubsecRound};
use diesel::prelude::*;

use super::DbConnection;
use super::batch::insert_rows;
use super::error::{DbError, DbResult};
use super::schema::outbox;
use crate::domain::ids::{ConversationId, OutboxId, ReferralId, UserId};

/// How long a claimed message is reserved for the worker that claimed it, unless the worker says
/// otherwise ([`claim_due_for`]; the server's is `notify::DeliveryLimits::lease`).
pub const LEASE: Duration = Duration::minutes(2);

/// After this many failed attempts a message is given up (it stays, with its last error, for the admin).
pub const MAX_ATTEMPTS: i32 = 12;

/// How a message travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// E-mail (SMTP, or `.eml` files in a folder).
    Email,
    /// An HTTP POST of JSON, HMAC-signed.
    Webhook,
}

impl Channel {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Webhook => "webhook",
        }
    }

    fn parse(text: &str) -> Option<Channel> {
        [Channel::Email, Channel::Webhook].into_iter().find(|c| c.as_str() == text)
    }
}

/// What a message is about: a referral, a trust box conversation, or a staff account (the outbox row
/// names exactly one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    /// A new referral, announced to its centre.
    Referral(ReferralId),
    /// A trust box conversation: a pupil's message waits, or its answer is overdue.
    Conversation(ConversationId),
    /// A staff account: an administrator reset its password or its second factor.
    Account(UserId),
}

impl About {
    fn columns(self) -> (Option<ReferralId>, Option<ConversationId>, Option<UserId>) {
        match self {
            About::Referral(id) => (Some(id), None, None),
            About::Conversation(id) => (None, Some(id), None),
            About::Account(id) => (None, None, Some(id)),
        }
    }
}

/// A message to queue.
#[derive(Debug, Clone)]
pub struct NewMessage {
    /// What it is about.
    pub about: About,
    /// How it travels.
    pub channel: Channel,
    /// An e-mail address or a URL.
    pub recipient: String,
    /// The e-mail subject (empty for webhooks).
    pub subject: String,
    /// The text or JSON body.
    pub body: String,
}

/// A claimed message, ready to deliver.
#[derive(Debug, Clone)]
pub struct Message {
    /// Its id.
    pub id: OutboxId,
    /// How it travels.
    pub channel: Channel,
    /// An e-mail address or a URL.
    pub recipient: String,
    /// The e-mail subject.
    pub subject: String,
    /// The body.
    pub body: String,
    /// Failed attempts so far.
    pub attempts: i32,
    /// Until when this worker's claim holds it: also what tells, at [`renew`], that the claim is
    /// still this worker's (no other worker has claimed the message since).
    pub claimed_until: NaiveDateTime,
}

/// The wait before attempt `attempts + 1`: 30 s, doubling, at most an hour.
pub fn backoff(attempts: i32) -> Duration {
    let seconds = 30_i64.saturating_mul(1_i64 << attempts.clamp(0, 20));
    Duration::seconds(seconds.min(3_600))
}

/// Queues `message` (call inside the transaction that creates what it is about).
pub fn enqueue(conn: &mut DbConnection, message: &NewMessage, now: NaiveDateTime) -> DbResult<OutboxId> {
    let id = OutboxId::random();
    let (referral, conversation, account) = message.about.columns();
    diesel::insert_into(outbox::table)
        .values((
            outbox::id.eq(id),
            outbox::referral_id.eq(referral),
            outbox::conversation_id.eq(conversation),
            outbox::account_id.eq(account),
            outbox::channel.eq(message.channel.as_str()),
            outbox::recipient.eq(&message.recipient),
            outbox::subject.eq(&message.subject),
            outbox::body.eq(&message.body),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(now),
            outbox::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

#[derive(Insertable)]
#[diesel(table_name = outbox)]
struct OutboxRow<'a> {
    id: OutboxId,
    referral_id: Option<ReferralId>,
    conversation_id: Option<ConversationId>,
    account_id: Option<UserId>,
    channel: &'static str,
    recipient: &'a str,
    subject: &'a str,
    body: &'a str,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    created_at: NaiveDateTime,
}

/// Queues every one of `messages`, as [`enqueue`] does each, in one statement per chunk (a flag run
/// queues the notices of all its new referrals in the transaction that creates them).
pub fn enqueue_all(conn: &mut DbConnection, messages: &[NewMessage], now: NaiveDateTime) -> DbResult<()> {
    let rows: Vec<OutboxRow<'_>> = messages
        .iter()
        .map(|message| OutboxRow {
            id: OutboxId::random(),
            referral_id: message.about.columns().0,
            conversation_id: message.about.columns().1,
            account_id: message.about.columns().2,
            channel: message.channel.as_str(),
            recipient: &message.recipient,
            subject: &message.subject,
            body: &message.body,
            attempts: 0,
            next_attempt_at: now,
            created_at: now,
        })
        .collect();
    insert_rows!(conn, outbox::table, rows)?;
    Ok(())
}

/// Claims up to `limit` due messages for this worker until `now + LEASE`.
pub fn claim_due(conn: &mut DbConnection, now: NaiveDateTime, limit: i64) -> DbResult<Vec<Message>> {
    claim_due_for(conn, now, limit, LEASE)
}

/// A claim's end, in whole milliseconds: the value both backends store and give back exactly
/// (PostgreSQL keeps microseconds, SQLite the text it was given), so [`renew`] can compare it.
fn claim_end(at: NaiveDateTime) -> NaiveDateTime {
    at.trunc_subsecs(3)
}

/// Claims up to `limit` due messages for this worker until `now + lease`.
pub fn claim_due_for(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    limit: i64,
    lease: Duration,
) -> DbResult<Vec<Message>> {
    let until = claim_end(now + lease);
    let free = outbox::claimed_until.is_null().or(outbox::claimed_until.lt(now));
    let due: Vec<OutboxId> = outbox::table
        .filter(outbox::delivered_at.is_null())
        .filter(outbox::next_attempt_at.le(now))
        .filter(outbox::attempts.lt(MAX_ATTEMPTS))
        .filter(free)
        .order(outbox::next_attempt_at)
        .limit(limit)
        .select(outbox::id)
        .load(conn)?;
    let mut claimed = Vec::new();
    for id in due {
        let won = diesel::update(
            outbox::table
                .find(id)
                .filter(outbox::delivered_at.is_null())
                .filter(outbox::claimed_until.is_null().or(outbox::claimed_until.lt(now))),
        )
        .set(outbox::claimed_until.eq(until))
        .execute(conn)?;
        if won == 1 {
            let (channel, recipient, subject, body, attempts): (String, String, String, String, i32) = outbox::table
                .find(id)
                .select((outbox::channel, outbox::recipient, outbox::subject, outbox::body, outbox::attempts))
                .first(conn)?;
            let corrupt = || DbError::Corrupt(format!("outbox message {id}"));
            claimed.push(Message {
                id,
                channel: Channel::parse(&channel).ok_or_else(corrupt)?,
                recipient,
                subject,
                body,
                attempts,
                claimed_until: until,
            });
        }
    }
    Ok(claimed)
}

/// Extends this worker's claim on message `id`, which it holds until `held`, to `until`, and
/// returns the claim's new end; `None` when the claim is no longer this worker's (it ran out and
/// another worker claimed the message) or the message is no longer waiting.
pub fn renew(
    conn: &mut DbConnection,
    id: OutboxId,
    held: NaiveDateTime,
    until: NaiveDateTime,
) -> DbResult<Option<NaiveDateTime>> {
    let until = claim_end(until);
    let renewed = diesel::update(
        outbox::table.find(id).filter(outbox::delivered_at.is_null()).filter(outbox::claimed_until.eq(held)),
    )
    .set(outbox::claimed_until.eq(until))
    .execute(conn)?;
    Ok((renewed == 1).then_some(until))
}

/// Marks a message delivered; it will never be sent again. A trust box notice is deleted instead
/// (see the module's documentation), so it is not counted among the delivered by [`tally`].
pub fn mark_delivered(conn: &mut DbConnection, id: OutboxId, now: NaiveDateTime) -> DbResult<()> {
    diesel::delete(outbox::table.find(id).filter(outbox::conversation_id.is_not_null())).execute(conn)?;
    diesel::update(outbox::table.find(id))
        .set((outbox::delivered_at.eq(now), outbox::claimed_until.eq(None::<NaiveDateTime>)))
        .execute(conn)?;
    Ok(())
}

/// Records a failed attempt and when to try again.
pub fn mark_failed(conn: &mut DbConnection, message: &Message, error: &str, now: NaiveDateTime) -> DbResult<()> {
    let error: String = error.chars().take(500).collect();
    diesel::update(outbox::table.find(message.id))
        .set((
            outbox::attempts.eq(message.attempts + 1),
            outbox::next_attempt_at.eq(now + backoff(message.attempts)),
            outbox::claimed_until.eq(None::<NaiveDateTime>),
            outbox::last_error.eq(Some(error)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Where the outbox stands: (waiting, delivered, given up).
pub fn tally(conn: &mut DbConnection) -> DbResult<(i64, i64, i64)> {
    let delivered = outbox::table.filter(outbox::delivered_at.is_not_null()).count().get_result(conn)?;
    let given_up = outbox::table
        .filter(outbox::delivered_at.is_null())
        .filter(outbox::attempts.ge(MAX_ATTEMPTS))
        .count()
        .get_result(conn)?;
    let waiting = outbox::table
        .filter(outbox::delivered_at.is_null())
        .filter(outbox::attempts.lt(MAX_ATTEMPTS))
        .count()
        .get_result(conn)?;
    Ok((waiting, delivered, given_up))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_thirty_seconds_and_stops_at_an_hour() {
        assert_eq!(backoff(0), Duration::seconds(30));
        assert_eq!(backoff(1), Duration::seconds(60));
        assert_eq!(backoff(3), Duration::seconds(240));
        assert_eq!(backoff(7), Duration::seconds(3_600));
        assert_eq!(backoff(i32::MAX), Duration::seconds(3_600));
    }
}
