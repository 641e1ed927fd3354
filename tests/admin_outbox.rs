//! The administrator's outbox page (issue 21), on SQLite and PostgreSQL: undelivered notifications
//! with their recipient, failures and last error, never a subject or text; "try again now" makes a
//! waiting or given-up message due at once, is audited, and only an administrator may do it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use ahual::db::outbox::{self, About, Channel, MAX_ATTEMPTS, NewMessage};
use ahual::db::referral_creation;
use ahual::domain::lang::Lang;
use ahual::domain::referral::{ManualReferral, NoteText};
use chrono::{Duration, Utc};
use common::audit_log::{mark, since};
use common::world::{PASSWORD, World};
use common::{Backend, TestApp};

const SUBJECT: &str = "Secret subject naming SCH-A";
const BODY: &str = "Secret body naming class 7A";

/// A referral whose notice to `recipient` failed `failures` times with `error`.
fn failed_notice(app: &TestApp, world: &World, recipient: &str, failures: i32, error: &str) {
    let manual = ManualReferral {
        school: world.school_a,
        class: world.class_a,
        urgent: false,
        note: NoteText::parse("Сыныпта қиын жағдай").unwrap(),
        raised_by: world.psy_a,
    };
    let now = Utc::now().naive_utc();
    let notice = |id| {
        vec![NewMessage {
            about: About::Referral(id),
            channel: Channel::Email,
            recipient: recipient.to_owned(),
            subject: SUBJECT.to_owned(),
            body: BODY.to_owned(),
        }]
    };
    referral_creation::create_manual(&mut app.conn(), &manual, now, &notice).unwrap();
    for attempt in 0..failures {
        let later = now + Duration::days(1 + i64::from(attempt));
        let claimed = outbox::claim_due(&mut app.conn(), later, 10).unwrap();
        let message = claimed.into_iter().find(|m| m.recipient == recipient).expect("due again after its pause");
        outbox::mark_failed(&mut app.conn(), &message, error, later).unwrap();
    }
}

async fn an_administrator_sees_what_failed_and_why_and_tries_it_again(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    failed_notice(&app, &world, "centre@wrong.example", MAX_ATTEMPTS, "550 no such mailbox");
    failed_notice(&app, &world, "centre@slow.example", 2, "connection timed out");

    app.login("admin", PASSWORD).await;
    let page = app.get("/admin/outbox").await;
    assert_eq!(page.status, 200, "{}", page.body);
    for shown in ["centre@wrong.example", "550 no such mailbox", "centre@slow.example", "connection timed out"] {
        assert!(page.body.contains(shown), "{shown} is on the page");
    }
    assert!(
        page.body.contains(&Lang::Kk.t("outbox-state-given-up"))
            && page.body.contains(&Lang::Kk.t("outbox-state-waiting"))
    );
    assert!(!page.body.contains("Secret"), "no subject or text of a notice is shown");
    let at = Utc::now().naive_utc();
    assert!(outbox::claim_due(&mut app.conn(), at, 10).unwrap().is_empty(), "nothing is due before the retry");

    let given_up = page.body.split("centre@wrong.example").nth(1).unwrap();
    let action = given_up.split("action=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let before = mark(&mut app.conn());
    let retried = app.post_form(&action, &[]).await;
    assert_eq!(retried.status, 303, "{}", retried.body);
    let due = outbox::claim_due(&mut app.conn(), Utc::now().naive_utc(), 10).unwrap();
    assert_eq!(due.len(), 1, "the given-up message is due now, the other still waits for its pause");
    assert_eq!(
        (due[0].recipient.as_str(), due[0].attempts),
        ("centre@wrong.example", MAX_ATTEMPTS - 1),
        "one more try"
    );
    let audited = since(&mut app.conn(), before);
    assert_eq!(audited.len(), 1, "{audited:?}");
    assert_eq!(audited[0].1, "outbox_retried");

    assert_eq!(app.post_form("/admin/outbox/00000000-0000-4000-8000-000000000000/retry", &[]).await.status, 404);
    assert_eq!(app.post_form("/admin/outbox/not-an-id/retry", &[]).await.status, 404);
    for login in ["centre-a", "psy-a", "national"] {
        app.clear_cookies();
        app.login(login, PASSWORD).await;
        assert_eq!(app.get("/admin/outbox").await.status, 403, "{login}");
        assert_eq!(app.post_form(&action, &[]).await.status, 403, "{login}");
    }
}

async fn with_everything_delivered_the_page_says_so(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    app.login("admin", PASSWORD).await;
    let page = app.get("/admin/outbox?lang=en").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(&Lang::En.t("outbox-empty")));
}

on_both_backends!(
    an_administrator_sees_what_failed_and_why_and_tries_it_again,
    with_everything_delivered_the_page_says_so,
);
