//! Notifications about new referrals: which messages to queue (from the configuration) and how to
//! deliver a queued one (e-mail over SMTP or into a folder of `.eml` files, or a signed webhook).
//! What a message may say is decided in [`notice`].

mod deliver;
pub mod notice;
mod settings;

pub use deliver::{Deliverer, DeliveryError};
pub use settings::{MailSettings, NotifySettings, WebhookSettings};

use crate::db::outbox::{Channel, NewMessage};
use crate::domain::ids::ReferralId;
use crate::domain::referral::ReferralPlace;
use crate::domain::region::RegionCode;
use crate::domain::school::School;
use crate::notify::notice::{NoticeFacts, NoticeSchool, mail, webhook};

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
            ReferralPlace::School(school) => ReferralPlace::School(NoticeSchool {
                code: school.code.as_str().to_owned(),
                names: [school.name.kk.clone(), school.name.ru.clone(), school.name.en.clone()],
            }),
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
                referral: id,
                channel: Channel::Email,
                recipient: centre_email.trim().to_owned(),
                subject: notice.subject,
                body: notice.body,
            });
        }
        if let Some(url) = &self.webhook_url {
            out.push(NewMessage {
                referral: id,
                channel: Channel::Webhook,
                recipient: url.clone(),
                subject: String::new(),
                body: webhook(&facts),
            });
        }
        out
    }
}
