//! Notifications about new referrals and about the trust box: which messages to queue (from the
//! configuration) and how to deliver a queued one (e-mail over SMTP or into a folder of `.eml` files,
//! or a signed webhook). What a message may say is decided in [`notice`] and [`trust_notice`].

pub mod account_notice;
mod deliver;
pub mod notice;
mod settings;
pub mod trust_notice;

pub use deliver::{Deliverer, DeliveryError};
pub use settings::{DeliveryLimits, MailSettings, NotifySettings, WebhookSettings};

use crate::db::outbox::{About, Channel, NewMessage};
use crate::domain::ids::{ConversationId, ReferralId, UserId};
use crate::domain::referral::ReferralPlace;
use crate::domain::region::RegionCode;
use crate::domain::school::School;
use crate::notify::notice::{NoticeFacts, NoticeSchool, mail, webhook};
use crate::notify::trust_notice::{TrustDesk, TrustEvent, TrustNoticeFacts, TrustReader, trust_mail, trust_webhook};

/// Which messages a new referral gets: decided once from the settings, used by every creator.
#[derive(Debug, Clone, Default)]
pub struct NotifyPlan {
    /// The public address links point to.
    pub public_url: String,
    /// Whether e-mail is configured.
    pub email: bool,
    /// The webhook address, if one is configured.
    pub webhook_url: Option<String>,
}

impl NotifyPlan {
    /// The plan for a deployment's settings.
    pub fn new(public_url: &str, notify: &NotifySettings) -> NotifyPlan {
        NotifyPlan {
            public_url: public_url.trim_end_matches('/').to_owned(),
            email: notify.mail != MailSettings::Off,
            webhook_url: notify.webhook.as_ref().map(|w| w.url.clone()),
        }
    }

    /// The messages for a new referral `id` of a school, or of `region` with no school named (then
    /// the notice names none either), to the region's centre at `centre_email`.
    pub fn messages(
        &self,
        id: ReferralId,
        place: ReferralPlace<&School>,
        region: &RegionCode,
        centre_email: &str,
    ) -> Vec<NewMessage> {
        let place = match place {
            ReferralPlace::School(school) => ReferralPlace::School(NoticeSchool::of(school)),
            ReferralPlace::Region => ReferralPlace::Region,
        };
        let facts = NoticeFacts {
            referral: id,
            place,
            region: region.as_str().to_owned(),
            public_url: self.public_url.clone(),
        };
        let mut out = Vec::new();
        if self.email && !centre_email.trim().is_empty() {
            let notice = mail(&facts);
            out.push(NewMessage {
                about: About::Referral(id),
                channel: Channel::Email,
                recipient: centre_email.trim().to_owned(),
                subject: notice.subject,
                body: notice.body,
            });
        }
        if let Some(url) = &self.webhook_url {
            out.push(NewMessage {
                about: About::Referral(id),
                channel: Channel::Webhook,
                recipient: url.clone(),
                subject: String::new(),
                body: webhook(&facts),
            });
        }
        out
    }
}

impl NotifyPlan {
    /// The e-mail telling the owner of the account `id` (`login`, at `email`) that `event` was done to
    /// it; none when e-mail is off or the account has no address.
    pub fn account_messages(
        &self,
        id: UserId,
        login: &str,
        email: Option<&str>,
        event: account_notice::AccountEvent,
    ) -> Vec<NewMessage> {
        let Some(email) = email.map(str::trim).filter(|e| self.email && !e.is_empty()) else {
            return Vec::new();
        };
        let notice = account_notice::account_mail(event, login, &format!("{}/login", self.public_url));
        vec![NewMessage {
            about: About::Account(id),
            channel: Channel::Email,
            recipient: email.to_owned(),
            subject: notice.subject,
            body: notice.body,
        }]
    }
}

/// Who a trust box notice goes to by e-mail: the desk that holds the conversation, and, for a school's
/// overdue one, the region's centre, which watches its schools.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustRecipients {
    /// The holder's addresses: the school's psychologists, or the centre's address and staff.
    pub desk: Vec<String>,
    /// The watching centre's addresses (empty unless a school's conversation is overdue).
    pub watching_centre: Vec<String>,
}

impl NotifyPlan {
    /// The messages for `event` of conversation `id`, held by `desk` (with its school when a school
    /// holds it) in `region`: one e-mail per address of `to`, and one webhook call.
    pub fn trust_messages(
        &self,
        id: ConversationId,
        event: TrustEvent,
        desk: Option<&School>,
        region: &RegionCode,
        to: &TrustRecipients,
    ) -> Vec<NewMessage> {
        let facts = TrustNoticeFacts {
            conversation: id,
            event,
            desk: desk.map_or(TrustDesk::Centre, |school| TrustDesk::School(NoticeSchool::of(school))),
            region: region.as_str().to_owned(),
            public_url: self.public_url.clone(),
        };
        let about = About::Conversation(id);
        let mut out = Vec::new();
        if self.email {
            for (reader, addresses) in
                [(TrustReader::Desk, &to.desk), (TrustReader::WatchingCentre, &to.watching_centre)]
            {
                let notice = trust_mail(&facts, reader);
                out.extend(addresses.iter().map(|address| NewMessage {
                    about,
                    channel: Channel::Email,
                    recipient: address.clone(),
                    subject: notice.subject.clone(),
                    body: notice.body.clone(),
                }));
            }
        }
        if let Some(url) = &self.webhook_url {
            let body = trust_webhook(&facts);
            out.push(NewMessage {
                about,
                channel: Channel::Webhook,
                recipient: url.clone(),
                subject: String::new(),
                body,
            });
        }
        out
    }
}
