//! What staff do with the trust box: a school's psychologist works the conversations addressed to the
//! school, a centre those addressed to it or escalated to it, and sees which school conversations of
//! its region are overdue. Every list, look and step is audited.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::pupil::sealed;
use crate::app::error::UseCaseResult;
use crate::db::trust_box::{self, Inbox};
use crate::db::{DbConnection, DbError, audit, users, write_transaction};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::{ConversationId, UserId};
use crate::domain::survey::wave::local_time;
use crate::domain::trust_box::desk::Desk;
use crate::domain::trust_box::lifecycle::{Outcome, Status, Step, StepRefused};
use crate::domain::trust_box::record::{ConversationRecord, MessageKind, StoredMessage};
use crate::domain::trust_box::sealed_text;
use crate::domain::trust_box::text::MessageText;

/// The audit subject of a look at `desk`'s inbox.
fn inbox_subject(desk: &Desk) -> String {
    match desk {
        Desk::School(school) => format!("trust-inbox:school:{school}"),
        Desk::Centre(region) => format!("trust-inbox:region:{}", region.as_str()),
    }
}

fn subject(id: ConversationId) -> String {
    format!("trust:{id}")
}

/// A desk's conversations, and for a centre the overdue ones its schools hold.
#[derive(Debug, Clone)]
pub struct InboxView {
    /// The desk's own, the soonest due first.
    pub conversations: Vec<ConversationRecord>,
    /// A centre's: the schools' conversations of its region that owe an answer past its deadline
    /// (listed, not readable: the pupil wrote to the school).
    pub overdue_in_schools: Vec<ConversationRecord>,
}

/// The inbox of `desk` at `now`, audited as a look by `actor`.
pub fn inbox(conn: &mut DbConnection, desk: &Desk, actor: UserId, now: DateTime<Utc>) -> UseCaseResult<InboxView> {
    let (conversations, overdue_in_schools) = match desk {
        Desk::School(school) => (trust_box::inbox(conn, Inbox::School(*school))?, Vec::new()),
        Desk::Centre(region) => (
            trust_box::inbox(conn, Inbox::Centre(region))?,
            trust_box::inbox(conn, Inbox::OverdueInSchools(region, local_time(now)))?,
        ),
    };
    audit::append(conn, Actor::User(actor), AuditAction::ViewTrustInbox, &inbox_subject(desk))?;
    Ok(InboxView { conversations, overdue_in_schools })
}

/// How many of `desk`'s conversations owe the pupil an answer (new, or read and not answered), for
/// the count beside a home page's link. Not audited, unlike [`inbox`]: a number says nothing of any
/// conversation (no topic, no school, no words), and a home page is not a look at the trust box.
pub fn owing(conn: &mut DbConnection, desk: &Desk) -> UseCaseResult<usize> {
    let count = match desk {
        Desk::School(school) => trust_box::owing(conn, Inbox::School(*school))?,
        Desk::Centre(region) => trust_box::owing(conn, Inbox::Centre(region))?,
    };
    Ok(usize::try_from(count).unwrap_or(0))
}

/// The display names of the staff who wrote `thread`'s replies and notes, so a page can say who
/// wrote each one. An author whose account is gone is left out (the page says only "staff").
pub fn author_names(conn: &mut DbConnection, thread: &StaffThread) -> UseCaseResult<BTreeMap<UserId, String>> {
    let mut names = BTreeMap::new();
    for author in thread.messages.iter().filter_map(|m| m.message.author) {
        if names.contains_key(&author) {
            continue;
        }
        match users::get(conn, author) {
            Ok((account, _)) => {
                names.insert(author, account.display_name);
            }
            Err(DbError::NotFound) => {}
            Err(other) => return Err(other.into()),
        }
    }
    Ok(names)
}

/// A message as staff read it.
#[derive(Debug, Clone)]
pub struct StaffMessage {
    /// The stored message (its sealed words are not to be shown).
    pub message: StoredMessage,
    /// The words, unless deleted after closing.
    pub text: Option<MessageText>,
}

/// A conversation as staff read it.
#[derive(Debug, Clone)]
pub struct StaffThread {
    /// Its fields after this look (a new one is read now).
    pub record: ConversationRecord,
    /// Every message and note, in order.
    pub messages: Vec<StaffMessage>,
    /// Whether this desk may reply, escalate or close it.
    pub may_work: bool,
}

/// Conversation `id` as `desk` reads it; `NotFound` when the desk may not (so other schools' ids
/// cannot be probed). The holder's first look marks a new conversation read. Audited.
pub fn open(
    conn: &mut DbConnection,
    key: &crate::domain::trust_box::receipt::TrustBoxKey,
    desk: &Desk,
    actor: UserId,
    id: ConversationId,
    now: DateTime<Utc>,
) -> UseCaseResult<StaffThread> {
    let mut record = readable(conn, desk, id)?;
    let may_work = desk.may_work(&record);
    if may_work && record.state.status == Status::New {
        let after = record.after(Step::Opened, local_time(now)).map_err(|_| DbError::NotFound)?;
        if trust_box::save(conn, &record, &after, None)? {
            record = after;
        }
    }
    audit::append(conn, Actor::User(actor), AuditAction::ViewTrustConversation, &subject(id))?;
    let messages = trust_box::messages(conn, id)?
        .into_iter()
        .map(|message| {
            let text = message.sealed.as_deref().and_then(|b| sealed_text::open(key, &message.id.to_string(), b));
            StaffMessage { message, text }
        })
        .collect();
    Ok(StaffThread { record, messages, may_work })
}

fn readable(conn: &mut DbConnection, desk: &Desk, id: ConversationId) -> UseCaseResult<ConversationRecord> {
    let record = trust_box::get(conn, id)?;
    if desk.may_read(&record) { Ok(record) } else { Err(DbError::NotFound.into()) }
}

/// What staff do to a conversation.
#[derive(Debug, Clone)]
pub enum StaffAction {
    /// Answer the pupil.
    Reply(MessageText),
    /// A note between school and centre, never shown to the pupil.
    Note(MessageText),
    /// Pass it to the centre (the school only).
    Escalate,
    /// Finish it with an outcome.
    Close(Outcome),
}

/// Why a step was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActRefusal {
    /// This desk may read the conversation but not work it (the school, once escalated).
    NotTheHolder,
    /// The lifecycle refuses the step (closed already; escalated already).
    Step(StepRefused),
    /// Someone else changed it since it was read: look again.
    Moved,
}

/// Takes `action` on conversation `id` for `desk` at `now`, with its audit entry, in one transaction.
pub fn act(
    conn: &mut DbConnection,
    key: &crate::domain::trust_box::receipt::TrustBoxKey,
    desk: &Desk,
    actor: UserId,
    id: ConversationId,
    action: &StaffAction,
    now: DateTime<Utc>,
) -> UseCaseResult<Result<ConversationRecord, ActRefusal>> {
    let before = readable(conn, desk, id)?;
    let is_note = matches!(action, StaffAction::Note(_));
    if !is_note && !desk.may_work(&before) {
        return Ok(Err(ActRefusal::NotTheHolder));
    }
    let local = local_time(now);
    let (step, audit_action, words) = match action {
        StaffAction::Reply(text) => (Some(Step::Replied), AuditAction::TrustReply, Some((MessageKind::Reply, text))),
        StaffAction::Note(text) => (None, AuditAction::TrustNote, Some((MessageKind::Note, text))),
        StaffAction::Escalate => (Some(Step::Escalated), AuditAction::TrustEscalated, None),
        StaffAction::Close(outcome) => (Some(Step::Closed(*outcome)), AuditAction::TrustClosed, None),
    };
    let after = match step.map(|step| before.after(step, local)) {
        None => before.clone(),
        Some(Ok(after)) => after,
        Some(Err(refused)) => return Ok(Err(ActRefusal::Step(refused))),
    };
    let message = match words {
        Some((kind, text)) => Some(sealed(key, kind, Some(actor), trust_box::next_seq(conn, id)?, text, local)?),
        None => None,
    };
    let stored = write_transaction(conn, |conn| {
        if !trust_box::save(conn, &before, &after, message.as_ref())? {
            return Ok::<_, DbError>(false);
        }
        audit::append(conn, Actor::User(actor), audit_action, &subject(id))?;
        Ok(true)
    });
    match stored {
        Ok(true) => Ok(Ok(after)),
        Ok(false) | Err(DbError::Duplicate(_)) => Ok(Err(ActRefusal::Moved)),
        Err(other) => Err(other.into()),
    }
}
