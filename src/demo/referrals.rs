//! The centre's work on the demo's referrals, so its inbox shows every state: the flag runs'
//! referrals of the earlier period all closed (with each outcome, every fourth acknowledged late),
//! those of the later period spread over new (overdue), acknowledged, in progress and closed, and a
//! few referrals the demo psychologist raised by hand. Every step goes through the use case staff use
//! ([`move_referral`]), with its audit entry and note, at a time in the past.
//!
//! One rule keeps the browser suite's story true: the first referral of the centre's inbox (open,
//! urgent, the earliest deadline) is the demo school's own urgent one of the later period, still new.

use chrono::{Duration, NaiveDateTime};

use crate::app::move_referral::{MoveError, Step, move_referral};
use crate::app::run_flags::FlagContext;
use crate::db::referral_creation::create_manual;
use crate::db::schools::{self, SchoolFilter};
use crate::db::{DbConnection, DbError, referrals, regions};
use crate::domain::ids::{ClassId, SchoolId, UserId};
use crate::domain::referral::{
    InboxFilter, ManualReferral, NoteText, Outcome, ReferralPlace, ReferralScope, ReferralStatus,
};
use crate::domain::region::RegionCode;
use crate::domain::statistics::Severity;

/// Who works the demo's referrals, and where.
#[derive(Debug, Clone, Copy)]
pub struct Staff {
    /// The demo centre's account (Astana).
    pub centre: UserId,
    /// The demo psychologist's account.
    pub psychologist: UserId,
    /// The demo school.
    pub school: SchoolId,
}

/// Where a referral ends up, and after how many hours each step was taken.
#[derive(Debug, Clone, PartialEq)]
enum Fate {
    New,
    Acknowledged(i64),
    InProgress(i64),
    Closed(i64, Outcome),
}

fn moved(error: MoveError) -> DbError {
    match error {
        MoveError::Db(db) => db,
        MoveError::Refused(why) => DbError::Corrupt(format!("demo: a referral step was refused: {why:?}")),
    }
}

fn note(text: &str) -> Result<NoteText, DbError> {
    NoteText::parse(text).map_err(|e| DbError::Corrupt(format!("demo note: {e:?}")))
}

/// The centre's notes, one per step, in Russian as most centre staff write.
const NOTES: [&str; 3] = [
    "Принято. Свяжемся с психологом школы на этой неделе.",
    "Встреча с классным руководителем назначена, готовим занятие с классом.",
    "Работа завершена, школа продолжит наблюдение.",
];

/// The outcome of the `n`-th closed referral: each kind in turn.
fn outcome(n: usize) -> Outcome {
    match n % 3 {
        0 => Outcome::InterventionHeld,
        1 => Outcome::ReferredOn,
        _ => Outcome::NoAction("Класс уже работает по программе школы, повторное вмешательство не нужно.".into()),
    }
}

/// Takes the steps of `fate` on referral `id` from `created`, never later than `latest`.
fn work(
    conn: &mut DbConnection,
    scope: &ReferralScope,
    (id, created): (crate::domain::ids::ReferralId, NaiveDateTime),
    fate: &Fate,
    actor: UserId,
    latest: NaiveDateTime,
) -> Result<(), DbError> {
    let hours = match fate {
        Fate::New => return Ok(()),
        Fate::Acknowledged(h) | Fate::InProgress(h) | Fate::Closed(h, _) => *h,
    };
    let at = |extra: i64| (created + Duration::hours(hours + extra)).min(latest);
    let mut steps = vec![(ReferralStatus::Acknowledged, None, at(0))];
    if matches!(fate, Fate::InProgress(_) | Fate::Closed(..)) {
        steps.push((ReferralStatus::InProgress, None, at(48)));
    }
    if let Fate::Closed(_, outcome) = fate {
        steps.push((ReferralStatus::Closed, Some(outcome.clone()), at(24 * 21)));
    }
    for (n, (to, outcome, when)) in steps.into_iter().enumerate() {
        let step = Step { to, outcome, note: Some(note(NOTES[n])?) };
        move_referral(conn, scope, id, &step, actor, when).map_err(moved)?;
    }
    Ok(())
}

/// The fate of the `n`-th referral of the later period (other than the demo school's urgent one).
fn later_fate(n: usize, severity: Severity) -> Fate {
    if severity == Severity::Urgent {
        return Fate::Closed(5, Outcome::InterventionHeld);
    }
    match n % 6 {
        0 | 4 => Fate::New,
        1 => Fate::Acknowledged(30),
        2 | 5 => Fate::InProgress(20),
        _ => Fate::Closed(50, outcome(n / 6)),
    }
}

/// Works the flag runs' referrals of Astana's centre: those created before `later_began` (the earlier
/// period) all closed, the later ones spread over every state; the demo school's urgent one of the
/// later period stays new.
pub fn work_flag_referrals(
    conn: &mut DbConnection,
    staff: Staff,
    region: &RegionCode,
    later_began: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    let scope = ReferralScope::Region(region.clone());
    let mut found = referrals::list(conn, &scope, &InboxFilter::default(), now)?;
    // A stable order (ids are random): by time, place and severity.
    let place = |r: &crate::domain::referral::Referral| match &r.place {
        ReferralPlace::Region => (String::new(), String::new()),
        ReferralPlace::School(school) => {
            (school.code.clone(), school.class.as_ref().map(|(_, label)| label.clone()).unwrap_or_default())
        }
    };
    found.sort_by_key(|r| (r.created_at, place(r), r.severity));
    let mut earlier = 0;
    let mut later = 0;
    for referral in &found {
        let ours = referral.school_id() == Some(staff.school);
        let fate = if referral.created_at < later_began {
            earlier += 1;
            let hours = if earlier % 4 == 0 { 24 * 9 } else { 6 };
            Fate::Closed(hours, outcome(earlier))
        } else if ours && referral.severity == Severity::Urgent {
            Fate::New
        } else {
            later += 1;
            later_fate(later, referral.severity)
        };
        let latest = now - Duration::hours(2);
        work(conn, &scope, (referral.id, referral.created_at), &fate, staff.centre, latest)?;
    }
    Ok(())
}

/// The referrals the demo psychologist raised by hand: `(class, days ago, fate, note)`.
type Manual<'a> = (ClassId, i64, Fate, &'a str);

/// Raises the demo psychologist's referrals by hand (`classes` are the demo school's, by label), at
/// times in the past, and works them: two in the later period closed, one new and overdue, one new
/// from yesterday, one acknowledged.
pub fn raise_manual_referrals(
    conn: &mut DbConnection,
    ctx: &FlagContext,
    staff: Staff,
    classes: &[(ClassId, String)],
    (later_began, now): (NaiveDateTime, NaiveDateTime),
) -> Result<(), DbError> {
    let class = |label: &str| {
        classes.iter().find(|(_, l)| l == label).map(|(id, _)| *id).ok_or_else(|| DbError::Corrupt(label.into()))
    };
    let days_since_later = (now - later_began).num_days();
    let raised: [Manual; 5] = [
        (
            class("9B")?,
            days_since_later - 30,
            Fate::Closed(20, Outcome::InterventionHeld),
            "Конфликт в классе после перевода нового ученика.",
        ),
        (
            class("6B")?,
            days_since_later - 60,
            Fate::Closed(30, Outcome::ReferredOn),
            "Родители сообщили о травле в мессенджере.",
        ),
        (class("9B")?, 12, Fate::New, "Классный руководитель сообщает о систематических насмешках над одним учеником."),
        (class("6B")?, 1, Fate::New, "Сыныпта бір оқушыны топ болып елемейді, ата-аналар алаңдаулы."),
        (class("5A")?, 4, Fate::Acknowledged(20), "Жаңа оқушы сыныпқа бейімделе алмай жүр, көмек керек."),
    ];
    let school = schools::get(conn, staff.school, SchoolFilter::All)?;
    let centre_email = regions::get(conn, &school.region)?.centre_email;
    let scope = ReferralScope::Region(school.region.clone());
    for (class, days_ago, fate, text) in raised {
        let created = now - Duration::days(days_ago) - Duration::hours(3);
        let manual = ManualReferral {
            school: staff.school,
            class,
            urgent: false,
            note: note(text)?,
            raised_by: staff.psychologist,
        };
        let notices = |id| ctx.notify.messages(id, ReferralPlace::School(&school), &school.region, &centre_email);
        let id = create_manual(conn, &manual, created, &notices)?;
        work(conn, &scope, (id, created), &fate, staff.centre, now - Duration::hours(1))?;
    }
    Ok(())
}
