//! The demo's trust box: letters pupils of Astana's schools wrote, through the pupil's own use case
//! (sealed words, receipt, notices), and the staff's work on them through theirs (read, reply,
//! escalate, close), each at a time in the past. Fourteen letters of the later closed period, all
//! worked to their end, so the open figures page has trust box figures above k; and a few of these
//! days, so the school's and the centre's inboxes have work in them: one written an hour ago, one
//! passed on to the centre, one in danger at the centre, two overdue at schools without an answer.
//!
//! The demo school's own inbox holds nothing owed sooner than a new urgent letter would be (the
//! browser suite writes one and expects it first).

use chrono::{DateTime, Duration, NaiveDateTime, Utc};

use crate::app::error::UseCaseError;
use crate::app::trust_box::pupil::{Letter, write};
use crate::app::trust_box::staff::{StaffAction, act, open};
use crate::db::{DbConnection, DbError, trust_box};
use crate::domain::ids::{ConversationId, UserId};
use crate::domain::region::RegionCode;
use crate::domain::trust_box::desk::Desk;
use crate::domain::trust_box::lifecycle::Outcome;
use crate::domain::trust_box::receipt::TrustBoxKey;
use crate::domain::trust_box::record::Opening;
use crate::domain::trust_box::text::MessageText;
use crate::domain::trust_box::topic::{Addressee, Topic};
use crate::notify::NotifyPlan;

/// What the trust box needs: its key, the notices' plan and the two demo staff who answer.
pub struct TrustDesks<'a> {
    /// The deployment's trust box key (seals the words, hashes the receipts).
    pub key: &'a TrustBoxKey,
    /// Which notices a new letter queues.
    pub plan: &'a NotifyPlan,
    /// The demo centre's account and region.
    pub centre: (UserId, &'a RegionCode),
    /// The demo psychologist's account.
    pub psychologist: UserId,
    /// The codes of Astana's schools, the demo school first.
    pub schools: Vec<String>,
}

/// What staff do, hours after the letter arrived.
#[derive(Debug, Clone, Copy)]
enum Work {
    /// Nothing yet.
    Nothing,
    /// Opened (read) only.
    Read(i64),
    /// Replied.
    Replied(i64),
    /// Replied, then closed with an outcome.
    Closed(i64, Outcome),
    /// The school read it and passed it on; the centre replied.
    Escalated(i64),
}

/// One letter: its school (an index into the Astana schools' codes, 0 the demo school), topic,
/// addressee, danger, words, and what staff did.
struct Story {
    school: usize,
    topic: Topic,
    to: Addressee,
    danger: bool,
    text: &'static str,
    work: Work,
}

const fn story(school: usize, topic: Topic, to: Addressee, text: &'static str, work: Work) -> Story {
    Story { school, topic, to, danger: false, text, work }
}

use Addressee::{CentreOnly, School};
use Topic::{Bullying, HarmAtHome, Other, SelfHarm};

/// Letters of the later closed period, every one worked to its end.
const LAST_PERIOD: [Story; 14] = [
    story(0, Bullying, School, "Мені сыныптастарым күнде мазақтайды.", Work::Closed(20, Outcome::HelpGiven)),
    story(
        0,
        Other,
        School,
        "Не могу сосредоточиться на уроках, всё время тревожно.",
        Work::Closed(30, Outcome::HelpGiven),
    ),
    story(0, HarmAtHome, School, "Дома часто ругаются, я боюсь возвращаться.", Work::Closed(8, Outcome::ReferredOn)),
    story(0, Bullying, School, "В чате класса смеются над моими фото.", Work::Closed(26, Outcome::HelpGiven)),
    story(0, Other, School, "ха-ха тест", Work::Closed(40, Outcome::Misuse)),
    story(0, Bullying, School, "Үзілісте мені итеріп жібереді.", Work::Closed(50, Outcome::NoReplyPossible)),
    story(
        4,
        Bullying,
        CentreOnly,
        "Мектепке айтқым келмейді: мені үлкен сынып оқушылары қорқытады.",
        Work::Closed(18, Outcome::HelpGiven),
    ),
    story(
        7,
        HarmAtHome,
        CentreOnly,
        "Отец пьёт и кричит, я не хочу, чтобы школа знала.",
        Work::Closed(6, Outcome::ReferredOn),
    ),
    story(
        10,
        SelfHarm,
        CentreOnly,
        "Иногда думаю, что без меня всем было бы лучше.",
        Work::Closed(3, Outcome::ReferredOn),
    ),
    story(
        13,
        Bullying,
        CentreOnly,
        "Меня не пускают в раздевалку и отбирают деньги.",
        Work::Closed(22, Outcome::HelpGiven),
    ),
    story(
        16,
        Other,
        CentreOnly,
        "Досыммен ұрсысып қалдым, не істерімді білмеймін.",
        Work::Closed(30, Outcome::HelpGiven),
    ),
    story(
        20,
        Bullying,
        CentreOnly,
        "Учитель физкультуры унижает меня при всех.",
        Work::Closed(12, Outcome::ReferredOn),
    ),
    story(
        23,
        Other,
        CentreOnly,
        "Хочу перейти в другую школу, с кем поговорить?",
        Work::Closed(28, Outcome::HelpGiven),
    ),
    story(26, HarmAtHome, CentreOnly, "Ағам мені ұрады, анама айта алмаймын.", Work::Closed(5, Outcome::ReferredOn)),
];

/// Letters of these days, hours before now, with the work done so far.
fn these_days() -> [(i64, Story); 8] {
    [
        (70, story(0, Bullying, School, "Бір топ бала мені сабақтан кейін күтіп тұрады.", Work::Replied(20))),
        (1, story(0, Other, School, "Можно ли прийти к психологу без родителей?", Work::Nothing)),
        (
            40,
            Story {
                danger: true,
                ..story(0, SelfHarm, School, "Мне очень плохо, я не знаю, зачем жить.", Work::Escalated(1))
            },
        ),
        (150, story(5, Bullying, School, "Мені сыныпта ешкім сөйлеспейді, әдейі елемейді.", Work::Nothing)),
        (220, story(11, Other, School, "Ата-анам ажырасып жатыр, маған қиын.", Work::Nothing)),
        (
            5,
            Story {
                danger: true,
                ..story(8, HarmAtHome, CentreOnly, "Отчим угрожает мне прямо сейчас, я у соседей.", Work::Nothing)
            },
        ),
        (28, story(17, Bullying, CentreOnly, "Мені интернетте қорқытып, ақша сұрайды.", Work::Read(3))),
        (96, story(22, Other, CentreOnly, "Я не могу спать перед экзаменами.", Work::Replied(10))),
    ]
}

/// The replies staff write, in turn.
const REPLIES: [&str; 3] = [
    "Спасибо, что написал(а). Приходи в кабинет психолога на большой перемене, поговорим.",
    "Жазғаныңа рақмет. Сен жалғыз емессің, біз көмектесеміз. Ертең психолог кабинетіне кел.",
    "Мы тебя услышали. Если станет опасно, звони 112 или 150. Напиши, когда тебе удобно поговорить.",
];

fn failed(error: UseCaseError) -> DbError {
    DbError::Corrupt(format!("demo trust box: {error}"))
}

fn words(text: &str) -> Result<MessageText, DbError> {
    MessageText::parse(text).map_err(|e| DbError::Corrupt(format!("demo trust box words: {e:?}")))
}

fn utc(at: NaiveDateTime) -> DateTime<Utc> {
    at.and_utc()
}

/// Writes one letter at `at` and the staff's work on it; `n` chooses the reply.
fn tell(
    conn: &mut DbConnection,
    desks: &TrustDesks,
    story: &Story,
    at: NaiveDateTime,
    n: usize,
) -> Result<(), DbError> {
    let code = desks.schools.get(story.school).ok_or_else(|| DbError::Corrupt("demo trust box: school".into()))?;
    let opening = Opening { topic: story.topic, addressee: story.to, in_danger: story.danger };
    let letter = Letter { school_code: code.clone(), opening, text: words(story.text)?, pin: None };
    let receipt = write(conn, desks.key, desks.plan, &letter, utc(at))
        .map_err(failed)?
        .map_err(|_| DbError::Corrupt(format!("demo trust box: no school {code}")))?;
    let (record, _) = trust_box::by_receipt(conn, &desks.key.lookup(&receipt))?.ok_or(DbError::NotFound)?;
    let (centre, region) = desks.centre;
    let (desk, actor) = match story.to {
        School => (Desk::School(record.school), desks.psychologist),
        CentreOnly => (Desk::Centre(region.clone()), centre),
    };
    let reply = StaffAction::Reply(words(REPLIES[n % REPLIES.len()])?);
    let steps: Vec<(Desk, UserId, Option<StaffAction>, i64)> = match story.work {
        Work::Nothing => vec![],
        Work::Read(h) => vec![(desk, actor, None, h)],
        Work::Replied(h) => vec![(desk.clone(), actor, None, h - 1), (desk, actor, Some(reply), h)],
        Work::Closed(h, outcome) => vec![
            (desk.clone(), actor, None, h - 1),
            (desk.clone(), actor, Some(reply), h),
            (desk, actor, Some(StaffAction::Close(outcome)), h + 24 * 5),
        ],
        Work::Escalated(h) => vec![
            (desk.clone(), actor, None, h),
            (desk, actor, Some(StaffAction::Escalate), h + 1),
            (Desk::Centre(region.clone()), centre, None, h + 2),
            (Desk::Centre(region.clone()), centre, Some(reply), h + 3),
        ],
    };
    for (desk, actor, action, hours) in steps {
        let when = utc(at + Duration::hours(hours.max(0)) + Duration::minutes(10));
        staff_step(conn, desks.key, &desk, actor, record.id, action.as_ref(), when)?;
    }
    Ok(())
}

fn staff_step(
    conn: &mut DbConnection,
    key: &TrustBoxKey,
    desk: &Desk,
    actor: UserId,
    id: ConversationId,
    action: Option<&StaffAction>,
    when: DateTime<Utc>,
) -> Result<(), DbError> {
    match action {
        None => open(conn, key, desk, actor, id, when).map(|_| ()).map_err(failed),
        Some(action) => act(conn, key, desk, actor, id, action, when)
            .map_err(failed)?
            .map(|_| ())
            .map_err(|refused| DbError::Corrupt(format!("demo trust box: a step was refused: {refused:?}"))),
    }
}

/// Writes the demo's letters: the later closed period's from `later_began`, a few days apart, and
/// those of these days before `now`.
pub fn write_letters(
    conn: &mut DbConnection,
    desks: &TrustDesks,
    later_began: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    for (n, story) in LAST_PERIOD.iter().enumerate() {
        let at = later_began + Duration::days(12 + 6 * n as i64) + Duration::hours(3 + (n as i64 * 5) % 9);
        tell(conn, desks, story, at, n)?;
    }
    for (n, (hours_ago, story)) in these_days().iter().enumerate() {
        tell(conn, desks, story, now - Duration::hours(*hours_ago), n)?;
    }
    Ok(())
}
