//! The trust box's staff pages over HTTP, on SQLite and PostgreSQL (issue 19): a psychologist's and a
//! centre's inbox list only their own; opening reads the words and marks them read; a reply in Kazakh
//! reaches the pupil's receipt, an empty one is refused and stores nothing; a note never reaches the
//! pupil; escalating hands the work to the centre and leaves the school reading; the centre closes
//! with an outcome; a message to the centre only is "not found" for the school; a centre lists its
//! schools' overdue conversations without their words; a bad id is 404; every page speaks kk, ru, en.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use ahual::app::trust_box::pupil::{self, Letter};
use ahual::app::trust_box::staff;
use ahual::domain::account::RoleScope;
use ahual::domain::lang::Lang;
use ahual::domain::password::hash_password;
use ahual::domain::survey::wave::local_time;
use ahual::domain::trust_box::arrival;
use ahual::domain::trust_box::desk::Desk;
use ahual::domain::trust_box::lifecycle::{Outcome, Status};
use ahual::domain::trust_box::receipt::Receipt;
use ahual::domain::trust_box::record::{MessageKind, Opening};
use ahual::domain::trust_box::text::MessageText;
use ahual::domain::trust_box::topic::{Addressee, Topic, Urgency};
use ahual::i18n::count;
use chrono::{DateTime, Duration, Utc};
use common::audit_log::{entry, mark, since};
use common::world::{self, PASSWORD, World};
use common::{Backend, Reply, TestApp};

const WORDS: &str = "Мені сыныпта үнемі мазақтайды, Айгерім деген қыз";
const REPLY: &str = "Жазғаныңыз үшін рақмет. Ертең үзілісте 204-кабинетке келіңіз.";
const NOTE: &str = "Бұл сыныпта бұрын да осындай жағдай болған";

fn write(app: &TestApp, addressee: Addressee, topic: Topic, at: DateTime<Utc>) -> Receipt {
    let letter = Letter {
        school_code: "SCH-A".into(),
        opening: Opening { topic, addressee, in_danger: false },
        text: MessageText::parse(WORDS).unwrap(),
        pin: None,
    };
    pupil::write(&mut app.conn(), &app.state().trust_box, &ahual::notify::NotifyPlan::default(), &letter, at)
        .unwrap()
        .unwrap()
}

/// What the pupil reads with the receipt: each message's kind and words.
fn pupil_sees(app: &TestApp, receipt: &Receipt) -> (Status, Vec<(MessageKind, String)>) {
    let thread = pupil::read(&mut app.conn(), &app.state().trust_box, receipt, None).unwrap().unwrap();
    let shown = thread.messages.iter().map(|m| (m.kind, m.text.as_ref().unwrap().as_str().to_owned())).collect();
    (thread.status, shown)
}

async fn sign_in(app: &TestApp, login: &str) {
    app.clear_cookies();
    assert_eq!(app.login(login, PASSWORD).await.status, 303, "{login} signs in");
}

/// The first conversation linked from an inbox page under `base` (not its link to the figures).
fn first_link(page: &Reply, base: &str) -> Option<String> {
    let marker = format!("href=\"{base}/");
    page.body.match_indices(&marker).find_map(|(at, _)| {
        let id = page.body.get(at + marker.len()..at + marker.len() + 36)?;
        uuid::Uuid::parse_str(id).ok().map(|_| format!("{base}/{id}"))
    })
}

fn kk(key: &str) -> String {
    Lang::Kk.t(key)
}

/// A table cell holding exactly the Kazakh message `key`.
fn cell(key: &str) -> String {
    format!("<td>{}</td>", kk(key))
}

/// The "overdue" mark, in words.
fn overdue_mark() -> String {
    format!("<strong class=\"overdue-mark\">{}</strong>", kk("trust-desk-overdue"))
}

async fn the_schools_inbox_lists_a_pupils_message_and_no_other_desk_sees_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    let school_c = world::school(&mut app.conn(), "SCH-C", "KZ-71");
    world::user(&mut app.conn(), "psy-c", RoleScope::Psychologist(school_c), &hash_password(PASSWORD).unwrap());
    write(&app, Addressee::School, Topic::Bullying, Utc::now());

    sign_in(&app, "psy-a").await;
    let inbox = app.get("/school/trust").await;
    assert_eq!(inbox.status, 200);
    let path = first_link(&inbox, "/school/trust").expect("the conversation is linked");
    assert!(
        inbox.body.contains(&kk("trust-desk-topic-bullying")) && inbox.body.contains(&cell("trust-desk-status-new"))
    );
    let day = local_time(Utc::now()).format("%Y-%m-%d").to_string();
    assert!(inbox.body.contains(&day), "an ordinary message's arrival is its day");
    assert!(!inbox.body.contains(WORDS), "the list never shows the words");

    for (login, base) in [("psy-c", "/school/trust"), ("psy-b", "/school/trust"), ("centre-b", "/centre/trust")] {
        sign_in(&app, login).await;
        let other = app.get(base).await;
        assert_eq!(other.status, 200, "{login}");
        assert!(first_link(&other, base).is_none() && other.body.contains(&kk("trust-desk-none")), "{login}");
        let id = path.rsplit('/').next().unwrap();
        assert_eq!(app.get(&format!("{base}/{id}")).await.status, 404, "{login} cannot open it");
    }
    sign_in(&app, "centre-a").await;
    let id = path.rsplit('/').next().unwrap();
    assert_eq!(app.get(&format!("/centre/trust/{id}")).await.status, 404, "the centre reads it once escalated");
}

async fn opening_reads_it_and_a_kazakh_reply_reaches_the_pupil_while_a_note_never_does(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    let receipt = write(&app, Addressee::School, Topic::Bullying, Utc::now());
    sign_in(&app, "psy-a").await;
    let owing = Lang::Kk.t_args("trust-desk-owing", &[("count", count(1))]);
    assert!(app.get("/school").await.body.contains(&owing), "the home page counts what awaits an answer");
    let path = first_link(&app.get("/school/trust").await, "/school/trust").unwrap();
    let page = app.get(&path).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(WORDS) && page.body.contains(&format!("<dd>{}</dd>", kk("trust-desk-status-read"))));
    assert_eq!(pupil_sees(&app, &receipt).0, Status::Read, "the holder's first look reads it");

    let empty = app.post_form(&format!("{path}/reply"), &[("body", " \n ")]).await;
    assert_eq!(empty.status, 400);
    assert!(empty.body.contains(&kk("trust-desk-text-empty")) && empty.body.contains(WORDS), "the page again");
    let long = "ә".repeat(4001);
    let too_long = app.post_form(&format!("{path}/reply"), &[("body", &long)]).await;
    assert_eq!(too_long.status, 400);
    assert!(too_long.body.contains(&kk("trust-desk-text-too-long")) && too_long.body.contains(&long), "kept");
    assert_eq!(pupil_sees(&app, &receipt).1.len(), 1, "nothing stored");

    let replied = app.post_form(&format!("{path}/reply"), &[("body", REPLY)]).await;
    assert_eq!((replied.status, replied.location()), (303, Some(path.as_str())));
    let after = app.get(&path).await;
    assert!(after.body.contains(REPLY) && after.body.contains(&kk("trust-desk-flash-replied")));
    let byline = format!("{} · User psy-a · ", kk("trust-desk-by-reply"));
    assert!(after.body.contains(&byline), "the reply names its author");
    assert_eq!(app.post_form(&format!("{path}/note"), &[("body", NOTE)]).await.status, 303);
    assert!(app.get(&path).await.body.contains(NOTE), "staff read the note");

    let (status, shown) = pupil_sees(&app, &receipt);
    assert_eq!(status, Status::Answered);
    let expected = [(MessageKind::Pupil, WORDS.to_owned()), (MessageKind::Reply, REPLY.to_owned())];
    assert_eq!(shown, expected, "the reply reaches the pupil, the note never does");
    assert!(app.get("/school").await.body.contains(&kk("trust-desk-owing-none")), "nothing awaits an answer");
}

async fn escalating_hands_it_to_the_centre_which_closes_it_and_the_school_only_follows(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    let receipt = write(&app, Addressee::School, Topic::HarmAtHome, Utc::now());
    sign_in(&app, "psy-a").await;
    let path = first_link(&app.get("/school/trust").await, "/school/trust").unwrap();
    assert_eq!(app.post_form(&format!("{path}/escalate"), &[]).await.status, 303);
    let followed = app.get(&path).await;
    assert_eq!(followed.status, 200, "the school still reads it");
    assert!(followed.body.contains(WORDS) && followed.body.contains(&kk("trust-desk-followed")));
    assert!(!followed.body.contains(&format!("{path}/reply")), "no reply form for the school any more");
    assert!(app.get("/school/trust").await.body.contains(&cell("trust-desk-holder-centre")));
    let refused = app.post_form(&format!("{path}/reply"), &[("body", REPLY)]).await;
    assert_eq!(refused.status, 409);
    assert!(refused.body.contains(&kk("trust-desk-not-holder")) && refused.body.contains(REPLY), "words kept");
    assert_eq!(app.post_form(&format!("{path}/note"), &[("body", NOTE)]).await.status, 303, "notes go on");

    sign_in(&app, "centre-a").await;
    let inbox = app.get("/centre/trust").await;
    let centre_path = first_link(&inbox, "/centre/trust").expect("escalated to the school's own centre");
    assert!(inbox.body.contains(&cell("trust-desk-holder-passed-on")));
    let page = app.get(&centre_path).await;
    assert!(page.body.contains(WORDS) && page.body.contains(NOTE), "the centre reads the words and the note");
    assert!(!page.body.contains(&format!("{centre_path}/escalate")), "a centre does not escalate");
    let no_outcome = app.post_form(&format!("{centre_path}/close"), &[("outcome", "closed")]).await;
    assert_eq!(no_outcome.status, 400);
    assert!(no_outcome.body.contains(&kk("trust-desk-outcome-required")));
    let closed = app.post_form(&format!("{centre_path}/close"), &[("outcome", "referred-on")]).await;
    assert_eq!((closed.status, closed.location()), (303, Some(centre_path.as_str())));
    assert!(app.get(&centre_path).await.body.contains(&kk("trust-desk-outcome-referred-on")));
    let late = app.post_form(&format!("{centre_path}/reply"), &[("body", REPLY)]).await;
    assert_eq!(late.status, 409);
    assert!(late.body.contains(&kk("trust-desk-already-closed")));
    let (status, shown) = pupil_sees(&app, &receipt);
    assert_eq!((status, shown.len()), (Status::Closed(Outcome::ReferredOn), 1), "no reply was stored");
}

async fn a_message_to_the_centre_only_is_not_found_for_the_school(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    write(&app, Addressee::CentreOnly, Topic::HarmAtHome, Utc::now());
    sign_in(&app, "centre-a").await;
    let home = app.get("/centre").await;
    assert!(home.body.contains(&Lang::Kk.t_args("trust-desk-owing", &[("count", count(1))])));
    let inbox = app.get("/centre/trust").await;
    let path = first_link(&inbox, "/centre/trust").expect("the centre holds it");
    assert!(inbox.body.contains(&cell("trust-desk-holder-written-to-centre")));
    let id = path.rsplit('/').next().unwrap().to_owned();

    sign_in(&app, "psy-a").await;
    assert!(first_link(&app.get("/school/trust").await, "/school/trust").is_none(), "not even listed");
    assert!(app.get("/school").await.body.contains(&kk("trust-desk-owing-none")), "not even counted");
    for (method, suffix) in [("GET", ""), ("POST", "/note"), ("POST", "/reply"), ("POST", "/escalate")] {
        let at = format!("/school/trust/{id}{suffix}");
        let reply = if method == "GET" { app.get(&at).await } else { app.post_form(&at, &[("body", NOTE)]).await };
        assert_eq!(reply.status, 404, "{method} {at}");
        assert!(!reply.body.contains(WORDS));
    }
}

async fn a_centre_lists_its_schools_overdue_conversations_without_their_words(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let long_ago = Utc::now() - Duration::days(10);
    write(&app, Addressee::School, Topic::SelfHarm, long_ago);
    write(&app, Addressee::School, Topic::Other, Utc::now());
    sign_in(&app, "centre-a").await;
    let inbox = app.get("/centre/trust").await;
    assert_eq!(inbox.status, 200);
    let overdue = &inbox.body[inbox.body.find("id=\"overdue-heading\"").unwrap()..];
    assert!(overdue.contains("SCH-A") && overdue.contains(&kk("trust-desk-topic-self-harm")));
    assert!(overdue.contains(&overdue_mark()), "marked in words");
    assert!(!overdue.contains(&cell("trust-desk-topic-other")), "only the late one");
    assert!(first_link(&inbox, "/centre/trust").is_none() && !inbox.body.contains("/school/trust/"), "no link");
    assert!(!inbox.body.contains(WORDS));
    sign_in(&app, "centre-b").await;
    let other = app.get("/centre/trust").await;
    assert!(!other.body.contains("SCH-A") && other.body.contains(&kk("trust-desk-schools-overdue-none")));

    sign_in(&app, "psy-a").await;
    let school = app.get("/school/trust").await;
    let kept = arrival::kept(local_time(long_ago), Urgency::Urgent).format("%Y-%m-%d %H:00").to_string();
    assert!(school.body.contains(&kept), "an urgent message's arrival is its hour");
    assert!(school.body.contains(&overdue_mark()));
    let desk = Desk::School(world.school_a);
    assert_eq!(staff::owing(&mut app.conn(), &desk).unwrap(), 2, "both await an answer");
}

async fn each_inbox_and_conversation_page_is_audited_once_and_a_refused_one_not_at_all(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    write(&app, Addressee::School, Topic::Bullying, Utc::now());
    sign_in(&app, "psy-a").await;
    let before = mark(&mut app.conn());
    let path = first_link(&app.get("/school/trust").await, "/school/trust").unwrap();
    assert_eq!(app.get(&path).await.status, 200);
    assert_eq!(app.get("/school").await.status, 200);
    let id = path.rsplit('/').next().unwrap();
    let expected = [
        entry(world.psy_a, "view_trust_inbox", format!("trust-inbox:school:{}", world.school_a)),
        entry(world.psy_a, "view_trust_conversation", format!("trust:{id}")),
    ];
    assert_eq!(since(&mut app.conn(), before), expected, "the home page's count is not a look");
    sign_in(&app, "psy-b").await;
    let before = mark(&mut app.conn());
    assert_eq!(app.get(&format!("/school/trust/{id}")).await.status, 404);
    assert!(since(&mut app.conn(), before).is_empty(), "a refused look records nothing");
}

async fn bad_ids_are_not_found_and_other_roles_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    sign_in(&app, "psy-a").await;
    for bad in ["not-a-uuid", "6f1c1f0e-8d7c-4b8e-9a53-0c1d2e3f4a5b"] {
        let reply = app.get(&format!("/school/trust/{bad}?lang=ru")).await;
        assert_eq!(reply.status, 404, "{bad}");
        assert!(reply.body.contains(&Lang::Ru.t("error-not-found")), "in the reader's language");
    }
    assert_eq!(app.get("/centre/trust").await.status, 403);
    for login in ["national", "admin", "centre-a"] {
        sign_in(&app, login).await;
        assert_eq!(app.get("/school/trust").await.status, 403, "{login}");
    }
    app.clear_cookies();
    assert_eq!(app.get("/centre/trust").await.status, 303, "strangers are sent to sign in");
}

async fn every_trust_page_speaks_kazakh_russian_and_english(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    write(&app, Addressee::School, Topic::Bullying, Utc::now());
    write(&app, Addressee::CentreOnly, Topic::Other, Utc::now());
    for (login, home, base) in [("psy-a", "/school", "/school/trust"), ("centre-a", "/centre", "/centre/trust")] {
        sign_in(&app, login).await;
        let path = first_link(&app.get(base).await, base).unwrap();
        for lang in Lang::ALL {
            app.get(&format!("/lang/{}?next={base}", lang.code())).await;
            for (at, key) in
                [(home, "nav-trust"), (base, "trust-desk-deadlines"), (path.as_str(), "trust-desk-reply-label")]
            {
                let page = app.get(at).await;
                assert_eq!(page.status, 200, "{at} in {lang:?}");
                assert!(page.body.contains(&format!("<html lang=\"{}\"", lang.code())), "{at} in {lang:?}");
                assert!(page.body.contains(&lang.t(key)), "{at} in {lang:?} shows {key}");
            }
        }
    }
}

on_both_backends!(
    the_schools_inbox_lists_a_pupils_message_and_no_other_desk_sees_it,
    opening_reads_it_and_a_kazakh_reply_reaches_the_pupil_while_a_note_never_does,
    escalating_hands_it_to_the_centre_which_closes_it_and_the_school_only_follows,
    a_message_to_the_centre_only_is_not_found_for_the_school,
    a_centre_lists_its_schools_overdue_conversations_without_their_words,
    each_inbox_and_conversation_page_is_audited_once_and_a_refused_one_not_at_all,
    bad_ids_are_not_found_and_other_roles_are_refused,
    every_trust_page_speaks_kazakh_russian_and_english,
);
