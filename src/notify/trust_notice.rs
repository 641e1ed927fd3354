//! What a notification about a trust box conversation may say: that a pupil's message waits, or that
//! its answer is overdue, at which desk (a school, named, or the regional centre), and where to open
//! it. Never its words, topic, urgency or anything else the pupil wrote (docs/trust-box.md): a mailbox
//! or a chat channel is read by more people than the signed-in page, which checks who may see.
//!
//! A conversation the centre holds is announced without its school: the school is the pupil's, and a
//! message to the centre only must not reach the school, not even as a line in a shared channel.

use serde::Serialize;

use super::notice::{MailNotice, NoticeSchool};
use crate::domain::ids::ConversationId;
use crate::domain::lang::Lang;
use crate::i18n::arg;

/// Why a trust box notice goes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrustEvent {
    /// A pupil wrote: a new conversation, or again in one; it waits for the desk.
    Waiting,
    /// Its answer's deadline passed (once per deadline).
    Overdue,
}

/// The desk that holds the conversation, as a notice may name it.
#[derive(Debug, Clone)]
pub enum TrustDesk {
    /// A school's psychologists; the notice names the school.
    School(NoticeSchool),
    /// The region's centre; the notice names no school.
    Centre,
}

/// Who reads a notice: the desk that holds the conversation, or the region's centre watching a
/// school's overdue one (which it may not open: its link is the centre's list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrustReader {
    /// The holder.
    Desk,
    /// The centre of a school's region, told that the school's answer is overdue.
    WatchingCentre,
}

/// The facts a trust box notice is made from.
#[derive(Debug, Clone)]
pub struct TrustNoticeFacts {
    /// The conversation (a random id that names nothing).
    pub conversation: ConversationId,
    /// Why it goes out.
    pub event: TrustEvent,
    /// Who holds it.
    pub desk: TrustDesk,
    /// The region's code, such as `KZ-71`.
    pub region: String,
    /// The public address of Ahual, without a trailing slash.
    pub public_url: String,
}

impl TrustNoticeFacts {
    /// Where `reader` opens it (after signing in): the conversation at its desk, or the centre's
    /// list, which shows its schools' overdue conversations.
    pub fn link(&self, reader: TrustReader) -> String {
        match (reader, &self.desk) {
            (TrustReader::Desk, TrustDesk::School(_)) => {
                format!("{}/school/trust/{}", self.public_url, self.conversation)
            }
            (TrustReader::Desk, TrustDesk::Centre) => format!("{}/centre/trust/{}", self.public_url, self.conversation),
            (TrustReader::WatchingCentre, _) => format!("{}/centre/trust", self.public_url),
        }
    }

    fn body_key(&self, reader: TrustReader) -> &'static str {
        match (reader, self.event, &self.desk) {
            (TrustReader::WatchingCentre, _, _) => "trust-notice-overdue-in-school",
            (TrustReader::Desk, TrustEvent::Waiting, TrustDesk::School(_)) => "trust-notice-waiting-school",
            (TrustReader::Desk, TrustEvent::Waiting, TrustDesk::Centre) => "trust-notice-waiting-centre",
            (TrustReader::Desk, TrustEvent::Overdue, TrustDesk::School(_)) => "trust-notice-overdue-school",
            (TrustReader::Desk, TrustEvent::Overdue, TrustDesk::Centre) => "trust-notice-overdue-centre",
        }
    }
}

/// The e-mail for `reader`: subject and plain-text body, in Kazakh, Russian and English one after
/// another, as a referral's.
pub fn trust_mail(facts: &TrustNoticeFacts, reader: TrustReader) -> MailNotice {
    let subject_key = match facts.event {
        TrustEvent::Waiting => "trust-notice-subject-waiting",
        TrustEvent::Overdue => "trust-notice-subject-overdue",
    };
    let subject = Lang::ALL.map(|lang| lang.t(subject_key)).join(" / ");
    let link = facts.link(reader);
    let body = Lang::ALL
        .iter()
        .enumerate()
        .map(|(i, lang)| {
            let school = match &facts.desk {
                TrustDesk::School(school) => {
                    format!("{} ({})", school.names.get(i).map_or("", String::as_str), school.code)
                }
                TrustDesk::Centre => String::new(),
            };
            lang.t_args(facts.body_key(reader), &[("school", arg(&school)), ("link", arg(&link))])
        })
        .collect::<Vec<_>>()
        .join("\n\n---\n\n");
    MailNotice { subject, body: format!("{body}\n") }
}

/// The JSON body of a trust box webhook call: one call per event, for whoever the deployment's webhook
/// reaches, so it names what the holder's own notice names and nothing more.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TrustWebhookNotice {
    /// `trust.waiting` or `trust.overdue`.
    pub event: &'static str,
    /// The conversation's id.
    pub conversation_id: String,
    /// `school` or `centre`: who holds it.
    pub desk: &'static str,
    /// The school's code when a school holds it; `null` when the centre does.
    pub school: Option<String>,
    /// The region's code.
    pub region: String,
    /// Where the holder opens it.
    pub url: String,
}

/// The webhook body for a trust box notice, as JSON text.
pub fn trust_webhook(facts: &TrustNoticeFacts) -> String {
    let (desk, school) = match &facts.desk {
        TrustDesk::School(school) => ("school", Some(school.code.clone())),
        TrustDesk::Centre => ("centre", None),
    };
    let notice = TrustWebhookNotice {
        event: match facts.event {
            TrustEvent::Waiting => "trust.waiting",
            TrustEvent::Overdue => "trust.overdue",
        },
        conversation_id: facts.conversation.to_string(),
        desk,
        school,
        region: facts.region.clone(),
        url: facts.link(TrustReader::Desk),
    };
    serde_json::to_string(&notice).unwrap_or_default()
}

#[cfg(test)]
mod tests;
