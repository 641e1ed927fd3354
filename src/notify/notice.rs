//! What a notification about a referral may say: that a referral exists, for which school (or for the
//! region, naming no school), and where to open it. Never a figure, a severity, a class or an
//! indicator (docs/design.md#flags-and-referrals): a mailbox or a chat channel is read by more people
//! than the inbox, and a signed-in page checks who may see.

use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;

use crate::domain::ids::ReferralId;
use crate::domain::lang::Lang;
use crate::domain::referral::ReferralPlace;
use crate::domain::school::School;
use crate::i18n::arg;

/// What a notice says about a named school.
#[derive(Debug, Clone)]
pub struct NoticeSchool {
    /// The school's code, such as `SCH-DEMO`.
    pub code: String,
    /// The school's name in each language (kk, ru, en).
    pub names: [String; 3],
}

impl NoticeSchool {
    /// What a notice says about `school`: its code and names.
    pub fn of(school: &School) -> NoticeSchool {
        NoticeSchool {
            code: school.code.as_str().to_owned(),
            names: [school.name.kk.clone(), school.name.ru.clone(), school.name.en.clone()],
        }
    }
}

/// The facts a notice is made from.
#[derive(Debug, Clone)]
pub struct NoticeFacts {
    /// The referral.
    pub referral: ReferralId,
    /// The school, or the region with no school named.
    pub place: ReferralPlace<NoticeSchool>,
    /// The region's code, such as `KZ-71`.
    pub region: String,
    /// The public address of Ahual, without a trailing slash.
    pub public_url: String,
}

impl NoticeFacts {
    /// Where centre staff open the referral (after signing in).
    pub fn link(&self) -> String {
        format!("{}/centre/referrals/{}", self.public_url, self.referral)
    }
}

/// An e-mail: subject and plain-text body, in Kazakh, Russian and English one after another (also the
/// trust box's, [`super::trust_notice`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailNotice {
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub body: String,
}

/// The e-mail for a new referral.
pub fn mail(facts: &NoticeFacts) -> MailNotice {
    let link = facts.link();
    let subject = Lang::ALL.map(|lang| lang.t("notice-subject")).join(" / ");
    let body = Lang::ALL
        .iter()
        .enumerate()
        .map(|(i, lang)| match &facts.place {
            ReferralPlace::School(school) => {
                let name = school.names.get(i).map_or("", String::as_str);
                let named = format!("{name} ({})", school.code);
                lang.t_args("notice-body", &[("school", arg(&named)), ("link", arg(&link))])
            }
            ReferralPlace::Region => lang.t_args("notice-body-region", &[("link", arg(&link))]),
        })
        .collect::<Vec<_>>()
        .join("\n\n---\n\n");
    MailNotice { subject, body: format!("{body}\n") }
}

/// The JSON body of a webhook call.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct WebhookNotice {
    /// Always `referral.created`.
    pub event: &'static str,
    /// The referral's id.
    pub referral_id: String,
    /// The school's code; `null` for a referral of the region, which names no school.
    pub school: Option<String>,
    /// The region's code.
    pub region: String,
    /// Where to open it.
    pub url: String,
}

/// The webhook body for a new referral, as JSON text.
pub fn webhook(facts: &NoticeFacts) -> String {
    let notice = WebhookNotice {
        event: "referral.created",
        referral_id: facts.referral.to_string(),
        school: facts.place.school().map(|school| school.code.clone()),
        region: facts.region.clone(),
        url: facts.link(),
    };
    serde_json::to_string(&notice).unwrap_or_default()
}

/// The `X-Ahual-Signature` header value: `sha256=` and the hex HMAC-SHA256 of the exact body, so a
/// receiver can tell a call came from this deployment.
pub fn signature(secret: &[u8], body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: [&str; 3] = ["№7 мектеп", "Школа №7", "School No. 7"];

    fn facts() -> NoticeFacts {
        NoticeFacts {
            referral: ReferralId::random(),
            place: ReferralPlace::School(NoticeSchool { code: "SCH-7".into(), names: NAMES.map(String::from) }),
            region: "KZ-71".into(),
            public_url: "https://ahual.example.kz".into(),
        }
    }

    #[test]
    fn the_mail_names_the_school_and_the_link_in_three_languages() {
        let facts = facts();
        let mail = mail(&facts);
        assert!(mail.body.contains(&facts.link()), "{}", mail.body);
        for name in NAMES {
            assert!(mail.body.contains(name), "{}", mail.body);
        }
        assert!(!mail.subject.contains("notice-"), "catalogue keys resolve: {}", mail.subject);
    }

    #[test]
    fn a_notice_of_the_region_names_no_school() {
        let facts = NoticeFacts { place: ReferralPlace::Region, ..facts() };
        let mail = mail(&facts);
        assert!(mail.body.contains(&facts.link()) && !mail.body.contains("notice-"), "{}", mail.body);
        assert_eq!(mail.body.matches(&facts.link()).count(), 3, "in three languages: {}", mail.body);
        let hook: serde_json::Value = serde_json::from_str(&webhook(&facts)).unwrap_or_default();
        assert_eq!(hook["school"], serde_json::Value::Null);
        assert_eq!(hook["region"], "KZ-71");
        let text = format!("{}{}", mail.body, webhook(&facts));
        for named in ["SCH-7", "№7", "No. 7"] {
            assert!(!text.contains(named), "{named} in {text}");
        }
        let without_ids = text.replace(&facts.referral.to_string(), "").replace("KZ-71", "");
        assert!(!without_ids.chars().any(|c| c.is_ascii_digit()), "no number besides ids: {without_ids}");
    }

    #[test]
    fn a_notice_carries_no_figure_and_no_class() {
        let facts = facts();
        let text = format!("{}{}", mail(&facts).body, webhook(&facts));
        let without_ids = text.replace(&facts.referral.to_string(), "").replace("KZ-71", "").replace("SCH-7", "");
        let without_ids = without_ids.replace("№7", "").replace("No. 7", "");
        assert!(!without_ids.chars().any(|c| c.is_ascii_digit()), "no number besides ids: {without_ids}");
        for word in ["urgent", "elevated", "bullying", "%", "acute"] {
            assert!(!text.to_lowercase().contains(word), "{word} in {text}");
        }
    }

    #[test]
    fn the_signature_is_an_hmac_of_the_exact_body() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assert_eq!(
            signature(b"Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        let body = webhook(&facts());
        assert_ne!(signature(b"k", body.as_bytes()), signature(b"k", format!("{body} ").as_bytes()));
    }
}
