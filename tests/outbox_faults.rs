//! A stuck or slow mail server or webhook (issue 22, faults), on both backends. While the outbox's
//! worker waits on a server that accepts and never answers, a pupil's page and a staff page are
//! answered (and the server still holds the worker's connection when they are); every message stays
//! in the outbox, and once the server answers again each is delivered exactly once. With a server
//! that answers every step late, so that one e-mail takes longer than a claim's lease, two instances
//! delivering side by side send each message exactly once: a claim is made per message and renewed
//! while it is sent.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use ahual::db::outbox::{self, About, Channel, NewMessage};
use ahual::db::schema::{outbox as outbox_table, referrals};
use ahual::domain::ids::ReferralId;
use ahual::domain::lang::Lang;
use ahual::notify::{DeliveryLimits, MailSettings, NotifySettings, WebhookSettings};
use ahual::web::AppState;
use ahual::web::background::deliver_due;
use diesel::prelude::*;

use crate::common::notice_servers::{NoticeServer, Protocol};
use crate::common::world::{PASSWORD, World};
use crate::common::{self, Backend, TestApp, TestDatabase};

/// The centre's address of every e-mail in these tests.
const CENTRE: &str = "centre@example.kz";

fn settings_for(server: &NoticeServer, limits: DeliveryLimits) -> NotifySettings {
    let (mail, webhook) = match server.protocol {
        Protocol::Smtp => (MailSettings::Smtp(server.url()), None),
        Protocol::Webhook => {
            (MailSettings::Off, Some(WebhookSettings { url: server.url(), secret: "a webhook secret, long".into() }))
        }
    };
    NotifySettings { mail, mail_from: "Ahual <ahual@example.kz>".into(), webhook, limits }
}

/// A referral of school A's class 7A, and `count` messages about it over `server`'s channel, each
/// with its own body (`notice N`) so that each delivery can be counted.
fn queued(app: &TestApp, server: &NoticeServer, count: usize) -> Vec<String> {
    let world = World::build(&mut app.conn());
    common::pupil::fill(&mut app.conn(), world.wave_a, &[("7A", 21, r#"{"victim_verbal":3}"#)]);
    common::pupil::fill(&mut app.conn(), world.wave_a, &[("7A", 1, r#"{"victim_verbal":3,"sh_now":1}"#)]);
    common::close_now(&mut app.conn(), world.wave_a);
    let referral: ReferralId = referrals::table.select(referrals::id).first(&mut app.conn()).unwrap();
    let (channel, recipient) = match server.protocol {
        Protocol::Smtp => (Channel::Email, CENTRE.to_owned()),
        Protocol::Webhook => (Channel::Webhook, server.url()),
    };
    let bodies: Vec<String> = (0..count).map(|n| format!("notice {n}")).collect();
    let messages: Vec<NewMessage> = bodies
        .iter()
        .map(|body| NewMessage {
            about: About::Referral(referral),
            channel,
            recipient: recipient.clone(),
            subject: "A referral".into(),
            body: body.clone(),
        })
        .collect();
    outbox::enqueue_all(&mut app.conn(), &messages, chrono::Utc::now().naive_utc()).unwrap();
    bodies
}

/// Asserts that the server accepted each of `bodies` exactly once, and nothing else.
fn each_received_once(server: &NoticeServer, bodies: &[String]) {
    let received = server.received();
    for body in bodies {
        let times = received.iter().filter(|r| r.lines().any(|line| line.trim_end() == body)).count();
        assert_eq!(times, 1, "{body} was accepted {times} times: {received:?}");
    }
    assert_eq!(received.len(), bodies.len(), "{received:?}");
}

async fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let give_up = Instant::now() + Duration::from_secs(60);
    while !done() {
        assert!(Instant::now() < give_up, "gave up waiting until {what}");
        actix_rt::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn pages_answer_while_a_server_hangs_and_every_message_waits_for_it(backend: Backend, protocol: Protocol) {
    let server = NoticeServer::stuck(protocol);
    let limits = DeliveryLimits { timeout: Duration::from_secs(2), lease: Duration::from_secs(30) };
    let notify = settings_for(&server, limits);
    let app = TestApp::spawn_configured(Arc::new(TestDatabase::create(backend)), |s| s.notify = notify).await;
    let bodies = queued(&app, &server, 3);

    let state = app.state().clone();
    let worker = actix_rt::spawn(async move { deliver_due(&state).await });
    wait_until("the worker is held by the server", || server.held_open() > 0).await;

    let start = app.get("/?lang=kk").await;
    assert_eq!(start.status, 200);
    let refused = app.post_raw("/survey/start?lang=kk", &[("password", "no such password")]).await;
    assert!(refused.body.contains(&Lang::Kk.t("pupil-wrong-password")), "{}: {}", refused.status, refused.body);
    assert_eq!(app.login("centre-a", PASSWORD).await.status, 303);
    let inbox = app.get("/centre/referrals").await;
    assert_eq!(inbox.status, 200, "{}", inbox.body);
    assert!(inbox.body.contains("7A"), "the centre's inbox lists the referral");
    assert!(server.held_open() > 0, "the pages were answered while the server held a delivery");

    assert_eq!(worker.await.unwrap(), 0, "nothing was delivered to a server that never answers");
    let (waiting, delivered, given_up) = outbox::tally(&mut app.conn()).unwrap();
    assert_eq!((waiting, delivered, given_up), (3, 0, 0), "every message is kept");
    let attempts: Vec<i32> = outbox_table::table.select(outbox_table::attempts).load(&mut app.conn()).unwrap();
    assert_eq!(attempts, vec![1; 3], "each was tried once and failed");

    // The server comes back; the messages are due again (as after their pause).
    server.answer();
    diesel::update(outbox_table::table)
        .set(outbox_table::next_attempt_at.eq(chrono::Utc::now().naive_utc()))
        .execute(&mut app.conn())
        .unwrap();
    assert_eq!(deliver_due(app.state()).await, 3);
    assert_eq!(deliver_due(app.state()).await, 0, "nothing is sent twice");
    assert_eq!(outbox::tally(&mut app.conn()).unwrap(), (0, 3, 0));
    each_received_once(&server, &bodies);
}

/// Delivers as `state`'s instance until the outbox has nothing waiting.
async fn deliver_until_empty(state: AppState) {
    let give_up = Instant::now() + Duration::from_secs(120);
    loop {
        deliver_due(&state).await;
        let mut conn = state.pool.get().unwrap();
        if outbox::tally(&mut conn).unwrap().0 == 0 {
            return;
        }
        assert!(Instant::now() < give_up, "the outbox was not emptied in two minutes");
        actix_rt::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn two_instances_send_each_message_once_to_a_slow_server(backend: Backend, protocol: Protocol) {
    // Every step 300 ms late: one e-mail (seven replies) takes about 2.1 s, longer than the 1.5 s
    // lease; eight webhook calls take 2.4 s, longer than the lease of a batch claimed at once.
    let server = NoticeServer::slow(protocol, Duration::from_millis(300));
    let limits = DeliveryLimits { timeout: Duration::from_secs(5), lease: Duration::from_millis(1500) };
    let database = Arc::new(TestDatabase::create(backend));
    let notify = settings_for(&server, limits);
    let first = TestApp::spawn_configured(database.clone(), |s| s.notify = notify.clone()).await;
    let second = TestApp::spawn_configured(database, |s| s.notify = notify).await;
    let bodies = queued(&first, &server, 8);

    let side_by_side = [first.state().clone(), second.state().clone()].map(|s| actix_rt::spawn(deliver_until_empty(s)));
    for instance in side_by_side {
        instance.await.unwrap();
    }
    assert_eq!(outbox::tally(&mut first.conn()).unwrap(), (0, 8, 0));
    each_received_once(&server, &bodies);
}

async fn a_stuck_mail_server(backend: Backend) {
    pages_answer_while_a_server_hangs_and_every_message_waits_for_it(backend, Protocol::Smtp).await;
}

async fn a_stuck_webhook(backend: Backend) {
    pages_answer_while_a_server_hangs_and_every_message_waits_for_it(backend, Protocol::Webhook).await;
}

async fn a_slow_mail_server_and_two_instances(backend: Backend) {
    two_instances_send_each_message_once_to_a_slow_server(backend, Protocol::Smtp).await;
}

async fn a_slow_webhook_and_two_instances(backend: Backend) {
    two_instances_send_each_message_once_to_a_slow_server(backend, Protocol::Webhook).await;
}

on_both_backends!(
    a_stuck_mail_server,
    a_stuck_webhook,
    a_slow_mail_server_and_two_instances,
    a_slow_webhook_and_two_instances,
);
