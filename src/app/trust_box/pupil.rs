//! What a pupil does in the trust box: writes a first message and gets a receipt, comes back with it
//! (and the PIN) to read the replies, and writes again. Each message is stored with the notices that
//! tell its desk it waits ([`super::notices`]), in one transaction; the notices are dated as the
//! message's arrival is kept, never more precisely.

use chrono::{DateTime, NaiveDate, Utc};

use super::notices;
use crate::app::error::UseCaseResult;
use crate::db::outbox;
use crate::db::trust_box::{self, ReceiptHashes};
use crate::db::{DbConnection, DbError, schools, write_transaction};
use crate::domain::ids::{ConversationId, TrustMessageId};
use crate::domain::organisation::SchoolCode;
use crate::domain::survey::wave::{local_time, utc_of_local};
use crate::domain::trust_box::arrival;
use crate::domain::trust_box::lifecycle::{Status, Step};
use crate::domain::trust_box::receipt::{Pin, Receipt, TrustBoxKey};
use crate::domain::trust_box::record::{ConversationRecord, MessageKind, Opening, StoredMessage};
use crate::domain::trust_box::sealed_text;
use crate::domain::trust_box::text::MessageText;
use crate::notify::NotifyPlan;

/// Receipts drawn at most for one message: a taken one (one chance in about 10^16 per stored
/// conversation) is drawn again.
const RECEIPT_DRAWS: usize = 4;

/// A first message as the pupil sends it.
#[derive(Debug, Clone)]
pub struct Letter {
    /// The code on the school's posters.
    pub school_code: String,
    /// Topic, addressee, danger.
    pub opening: Opening,
    /// The words.
    pub text: MessageText,
    /// The PIN the pupil chose, if any.
    pub pin: Option<Pin>,
}

/// Why a first message was not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteRefusal {
    /// No school has that code.
    UnknownSchool,
}

/// Stores `letter` at `now`, with the notices `plan` makes for its desk; the receipt to show the
/// pupil, once.
pub fn write(
    conn: &mut DbConnection,
    key: &TrustBoxKey,
    plan: &NotifyPlan,
    letter: &Letter,
    now: DateTime<Utc>,
) -> UseCaseResult<Result<Receipt, WriteRefusal>> {
    let Ok(code) = SchoolCode::parse(letter.school_code.trim()) else { return Ok(Err(WriteRefusal::UnknownSchool)) };
    let school = match schools::find_by_code(conn, &code) {
        Ok(school) => school,
        Err(DbError::NotFound) => return Ok(Err(WriteRefusal::UnknownSchool)),
        Err(other) => return Err(other.into()),
    };
    let record =
        ConversationRecord::open(ConversationId::random(), school.id, school.region, letter.opening, local_time(now));
    let first = sealed(key, MessageKind::Pupil, None, 1, &letter.text, record.arrived_at)?;
    let waiting = notices::waiting(conn, plan, &record)?;
    let mut last_error = None;
    for _ in 0..RECEIPT_DRAWS {
        let receipt = Receipt::generate();
        let lookup = key.lookup(&receipt);
        let pin_seal = letter.pin.as_ref().map(|pin| key.seal_pin(&receipt, pin));
        let hashes = ReceiptHashes { lookup: &lookup, pin_seal: pin_seal.as_deref() };
        let stored = write_transaction(conn, |conn| {
            trust_box::create(conn, &record, hashes, &first)?;
            outbox::enqueue_all(conn, &waiting, utc_of_local(record.arrived_at))
        });
        match stored {
            Ok(()) => return Ok(Ok(receipt)),
            Err(error @ DbError::Duplicate(_)) => last_error = Some(error),
            Err(other) => return Err(other.into()),
        }
    }
    Err(last_error.unwrap_or(DbError::Corrupt("no receipt could be drawn".into())).into())
}

/// A message sealed for storing.
pub(super) fn sealed(
    key: &TrustBoxKey,
    kind: MessageKind,
    author: Option<crate::domain::ids::UserId>,
    seq: i32,
    text: &MessageText,
    written_at: chrono::NaiveDateTime,
) -> UseCaseResult<StoredMessage> {
    let id = TrustMessageId::random();
    let sealed = sealed_text::seal(key, &id.to_string(), text)
        .ok_or_else(|| DbError::Corrupt("a trust box message could not be sealed".into()))?;
    Ok(StoredMessage { id, seq, kind, author, sealed: Some(sealed), written_at })
}

/// A message as the pupil reads it: who wrote it, the words (gone once deleted after closing), the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownMessage {
    /// The pupil or staff.
    pub kind: MessageKind,
    /// The words, unless deleted.
    pub text: Option<MessageText>,
    /// The day it was written (no time: the pupil needs none, and a time could tell when they wrote).
    pub day: NaiveDate,
}

/// A conversation as the pupil reads it with the receipt.
#[derive(Debug, Clone)]
pub struct PupilThread {
    /// Where it stands (the pupil may write again unless it is closed).
    pub status: Status,
    /// The pupil's messages and staff replies, in order; never staff notes.
    pub messages: Vec<ShownMessage>,
}

/// The conversation of `receipt` (and `pin`), or `None` for a wrong receipt or PIN alike, so that a
/// guess learns nothing about which was wrong. Notes that the pupil came back.
pub fn read(
    conn: &mut DbConnection,
    key: &TrustBoxKey,
    receipt: &Receipt,
    pin: Option<&Pin>,
) -> UseCaseResult<Option<PupilThread>> {
    let Some(record) = find(conn, key, receipt, pin)? else { return Ok(None) };
    trust_box::came_back(conn, record.id)?;
    let messages = trust_box::messages(conn, record.id)?
        .into_iter()
        .filter(|m| m.kind.shown_to_pupil())
        .map(|m| ShownMessage {
            kind: m.kind,
            text: m.sealed.as_deref().and_then(|bytes| sealed_text::open(key, &m.id.to_string(), bytes)),
            day: m.written_at.date(),
        })
        .collect();
    Ok(Some(PupilThread { status: record.state.status, messages }))
}

fn find(
    conn: &mut DbConnection,
    key: &TrustBoxKey,
    receipt: &Receipt,
    pin: Option<&Pin>,
) -> UseCaseResult<Option<ConversationRecord>> {
    let Some((record, pin_seal)) = trust_box::by_receipt(conn, &key.lookup(receipt))? else { return Ok(None) };
    Ok(key.pin_matches(receipt, pin, pin_seal.as_deref()).then_some(record))
}

/// Why a pupil's further message was not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgainRefusal {
    /// A wrong receipt or PIN (one answer for both).
    NotFound,
    /// The conversation is closed: a new message starts a new one.
    Closed,
}

/// Stores a further message of the pupil with `receipt` (and `pin`) at `now`: the conversation goes
/// back before staff with a fresh deadline, and `plan`'s notices tell the desk holding it.
pub fn write_again(
    conn: &mut DbConnection,
    key: &TrustBoxKey,
    plan: &NotifyPlan,
    receipt: &Receipt,
    pin: Option<&Pin>,
    text: &MessageText,
    now: DateTime<Utc>,
) -> UseCaseResult<Result<(), AgainRefusal>> {
    let local = local_time(now);
    for _ in 0..RECEIPT_DRAWS {
        let Some(before) = find(conn, key, receipt, pin)? else { return Ok(Err(AgainRefusal::NotFound)) };
        let Ok(after) = before.after(Step::PupilWrote, local) else { return Ok(Err(AgainRefusal::Closed)) };
        let seq = trust_box::next_seq(conn, before.id)?;
        let message = sealed(key, MessageKind::Pupil, None, seq, text, arrival::kept(local, before.urgency()))?;
        let waiting = notices::waiting(conn, plan, &after)?;
        let stored = write_transaction(conn, |conn| {
            let saved = trust_box::save(conn, &before, &after, Some(&message))?;
            if saved {
                outbox::enqueue_all(conn, &waiting, utc_of_local(message.written_at))?;
            }
            Ok::<_, DbError>(saved)
        });
        match stored {
            Ok(true) => {
                trust_box::came_back(conn, before.id)?;
                return Ok(Ok(()));
            }
            // Changed meanwhile, or another message took the same place: read again.
            Ok(false) | Err(DbError::Duplicate(_)) => {}
            Err(other) => return Err(other.into()),
        }
    }
    Err(DbError::Corrupt("the conversation kept changing while the pupil wrote".into()).into())
}
