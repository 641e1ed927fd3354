//! An account's owner is told by e-mail when someone else reset its password or second factor (issue
//! 22, accounts), on both backends: the administrator's reset queues the notice in the same
//! transaction as the change, the outbox delivers it once to the account's own address (never to the
//! webhook, a shared channel), the administrator's outbox page names it as an account notice, and the
//! operator's CLI reset tells the owner too. An account without an address gets nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::sync::Arc;

use ahual::db::outbox;
use ahual::domain::lang::Lang;
use ahual::notify::{MailSettings, NotifySettings, WebhookSettings};
use ahual::web::background::deliver_due;
use common::command::ahual_with;
use common::world::{PASSWORD, World, give_email};
use common::{Backend, TestApp, TestDatabase};

fn mails(dir: &std::path::Path) -> Vec<String> {
    let mut texts: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap()).collect();
    texts.sort();
    texts
}

async fn a_reset_is_mailed_to_the_accounts_own_address(backend: Backend) {
    let mail = tempfile::tempdir().unwrap();
    let notify = NotifySettings {
        mail: MailSettings::Folder(mail.path().to_path_buf()),
        mail_from: "Ahual <ahual@example.kz>".into(),
        webhook: Some(WebhookSettings { url: "http://127.0.0.1:9/hook".into(), secret: "a webhook secret".into() }),
        limits: Default::default(),
    };
    let database = Arc::new(TestDatabase::create(backend));
    let app = TestApp::spawn_configured(database, |s| s.notify = notify).await;
    let world = World::build(&mut app.conn());
    give_email(&mut app.conn(), world.psy_a, "psy-a@school.kz");
    app.login("admin", PASSWORD).await;

    let given = "steppe lantern quietly hums";
    let reset = app.post_form(&format!("/admin/users/{}/password", world.psy_a), &[("password", given)]).await;
    assert_eq!(reset.status, 303);
    assert_eq!(outbox::tally(&mut app.conn()).unwrap(), (1, 0, 0), "one e-mail, no webhook call");
    let page = app.get("/admin/outbox").await;
    assert!(page.body.contains(&Lang::Kk.t("outbox-kind-account")), "named as an account notice");
    assert!(page.body.contains("psy-a@school.kz"));

    assert_eq!(deliver_due(app.state()).await, 1);
    assert_eq!(deliver_due(app.state()).await, 0, "delivered once");
    let sent = mails(mail.path());
    assert_eq!(sent.len(), 1);
    assert!(sent[0].contains("To: psy-a@school.kz"), "{}", sent[0]);
    assert!(!sent[0].contains(given), "the mail never carries the password");

    // The second factor's reset, by an administrator and by the operator, is told too; an account
    // without an address (centre-a) is reset without a notice.
    app.post_form(&format!("/admin/users/{}/two-factor/reset", world.psy_a), &[]).await;
    app.post_form(&format!("/admin/users/{}/two-factor/reset", world.centre_a), &[]).await;
    let dir = tempfile::tempdir().unwrap();
    let url = app.database.url.clone();
    let mail_dir = mail.path().to_str().unwrap();
    let done = ahual_with(
        dir.path(),
        &["user", "reset-second-factor", "psy-a", "--database-url", &url],
        None,
        &[("AHUAL_MAIL_DIR", mail_dir)],
    );
    assert!(done.status.success(), "{done:?}");
    assert_eq!(deliver_due(app.state()).await, 2, "the administrator's and the operator's, to psy-a only");
    let sent = mails(mail.path());
    assert_eq!(sent.len(), 3);
    assert_eq!(sent.iter().filter(|m| m.contains("To: psy-a@school.kz")).count(), 3);
}

async fn without_e_mail_a_reset_queues_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    give_email(&mut app.conn(), world.psy_a, "psy-a@school.kz");
    app.login("admin", PASSWORD).await;
    app.post_form(&format!("/admin/users/{}/two-factor/reset", world.psy_a), &[]).await;
    assert_eq!(outbox::tally(&mut app.conn()).unwrap(), (0, 0, 0));
}

on_both_backends!(a_reset_is_mailed_to_the_accounts_own_address, without_e_mail_a_reset_queues_nothing,);
