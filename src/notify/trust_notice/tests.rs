use super::*;
use crate::domain::trust_box::topic::Topic;

const NAMES: [&str; 3] = ["№7 мектеп", "Школа №7", "School No. 7"];

fn facts(event: TrustEvent, desk: TrustDesk) -> TrustNoticeFacts {
    TrustNoticeFacts {
        conversation: ConversationId::random(),
        event,
        desk,
        region: "KZ-71".into(),
        public_url: "https://ahual.example.kz".into(),
    }
}

fn school() -> TrustDesk {
    TrustDesk::School(NoticeSchool { code: "SCH-7".into(), names: NAMES.map(String::from) })
}

/// Every word a pupil chooses besides their text, in every language: the topics' labels (the
/// pupil's and the staff's), the urgency and the danger mark.
fn chosen_words() -> Vec<String> {
    let mut words = Vec::new();
    for lang in Lang::ALL {
        for topic in ["bullying", "harm-at-home", "self-harm", "other"] {
            words.push(lang.t(&format!("trust-topic-{topic}")));
            words.push(lang.t(&format!("trust-desk-topic-{topic}")));
        }
        for key in ["trust-desk-urgent", "trust-desk-ordinary", "trust-in-danger"] {
            words.push(lang.t(key));
        }
    }
    words.extend(Topic::ALL.map(|t| t.code().to_owned()));
    words.extend(["urgent", "danger"].map(String::from));
    words
}

#[test]
fn a_schools_notice_names_the_school_and_its_link_in_three_languages() {
    for event in [TrustEvent::Waiting, TrustEvent::Overdue] {
        let facts = facts(event, school());
        let mail = trust_mail(&facts, TrustReader::Desk);
        let link = format!("https://ahual.example.kz/school/trust/{}", facts.conversation);
        assert_eq!(mail.body.matches(&link).count(), 3, "{}", mail.body);
        for name in NAMES {
            assert!(mail.body.contains(name), "{}", mail.body);
        }
        assert!(!mail.subject.contains("trust-notice") && !mail.body.contains("trust-notice"), "{mail:?}");
    }
}

#[test]
fn a_centres_notice_names_no_school() {
    for event in [TrustEvent::Waiting, TrustEvent::Overdue] {
        let facts = facts(event, TrustDesk::Centre);
        let mail = trust_mail(&facts, TrustReader::Desk);
        let link = format!("https://ahual.example.kz/centre/trust/{}", facts.conversation);
        assert_eq!(mail.body.matches(&link).count(), 3, "{}", mail.body);
        let hook: serde_json::Value = serde_json::from_str(&trust_webhook(&facts)).unwrap_or_default();
        assert_eq!((hook["desk"].as_str(), &hook["school"]), (Some("centre"), &serde_json::Value::Null));
        let text = format!("{}{}{}", mail.subject, mail.body, trust_webhook(&facts));
        for named in ["SCH-7", "№7", "No. 7", "()"] {
            assert!(!text.contains(named), "{named} in {text}");
        }
    }
}

#[test]
fn the_watching_centre_is_told_the_school_and_sent_to_its_list() {
    let facts = facts(TrustEvent::Overdue, school());
    let mail = trust_mail(&facts, TrustReader::WatchingCentre);
    assert_eq!(mail.body.matches("https://ahual.example.kz/centre/trust\n").count(), 3, "{}", mail.body);
    assert!(!mail.body.contains(&facts.conversation.to_string()), "the centre cannot open it: {}", mail.body);
    assert!(NAMES.iter().all(|name| mail.body.contains(name)), "{}", mail.body);
    assert_ne!(mail.body, trust_mail(&facts, TrustReader::Desk).body);
}

#[test]
fn no_notice_carries_a_topic_an_urgency_or_a_number_besides_its_ids() {
    for event in [TrustEvent::Waiting, TrustEvent::Overdue] {
        for desk in [school(), TrustDesk::Centre] {
            let facts = facts(event, desk);
            for reader in [TrustReader::Desk, TrustReader::WatchingCentre] {
                let mail = trust_mail(&facts, reader);
                let text = format!("{}\n{}\n{}", mail.subject, mail.body, trust_webhook(&facts));
                let lower = text.to_lowercase();
                for word in chosen_words() {
                    assert!(!lower.contains(&word.to_lowercase()), "{word:?} in {text}");
                }
                let without_ids = text
                    .replace(&facts.conversation.to_string(), "")
                    .replace("KZ-71", "")
                    .replace("SCH-7", "")
                    .replace("№7", "")
                    .replace("No. 7", "");
                assert!(!without_ids.chars().any(|c| c.is_ascii_digit()), "no number besides ids: {without_ids}");
            }
        }
    }
}

#[test]
fn the_webhook_names_the_event_the_desk_and_the_holders_link() {
    let facts = facts(TrustEvent::Overdue, school());
    let hook: serde_json::Value = serde_json::from_str(&trust_webhook(&facts)).unwrap_or_default();
    assert_eq!(hook["event"], "trust.overdue");
    assert_eq!(hook["desk"], "school");
    assert_eq!(hook["school"], "SCH-7");
    assert_eq!(hook["region"], "KZ-71");
    assert_eq!(hook["conversation_id"], facts.conversation.to_string());
    assert_eq!(hook["url"], facts.link(TrustReader::Desk));
    let waiting = TrustNoticeFacts { event: TrustEvent::Waiting, ..facts };
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&trust_webhook(&waiting)).unwrap_or_default()["event"],
        "trust.waiting"
    );
}
