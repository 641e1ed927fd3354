//! Every look at referrals is in the audit log, exactly once, with the reader, the action and what was
//! read: the school's and the centre's lists and pages (also a referral with no evidence to show),
//! and the API's list and single referral. A refused read records nothing. Creating and revoking the
//! API token are recorded, never the token. Runs on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use crate::common;

use ahual::app::close_wave;
use ahual::db::referrals;
use ahual::domain::audit::Actor;
use ahual::domain::ids::ReferralId;
use ahual::domain::referral::{InboxFilter, ReferralScope};
use ahual::domain::region::RegionCode;
use common::audit_log::{all_text, assert_chain_intact, entry, mark, since};
use common::world::{PASSWORD, World};
use common::{Backend, TestApp};

/// School A's class 7A, bullied and with an acute answer, in a closed wave: one referral.
fn referred_class(app: &TestApp, world: &World) -> ReferralId {
    common::pupil::fill(&mut app.conn(), world.wave_a, &[("7A", 22, r#"{"victim_verbal":3,"sh_now":1}"#)]);
    let now = chrono::Utc::now().naive_utc();
    close_wave::close(&mut app.conn(), world.wave_a, None, Actor::Cli, &common::flags(), now).unwrap();
    let region = ReferralScope::Region(RegionCode::parse("KZ-71").unwrap());
    let found = referrals::list(&mut app.conn(), &region, &InboxFilter::default(), now).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].id
}

async fn every_referral_list_and_page_is_audited_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let referral = referred_class(&app, &world);
    app.login("psy-a", PASSWORD).await;
    let before = mark(&mut app.conn());
    assert_eq!(app.get("/school/referrals").await.status, 200);
    assert_eq!(app.get(&format!("/school/referrals/{referral}")).await.status, 200);
    assert_eq!(
        since(&mut app.conn(), before),
        [
            entry(world.psy_a, "view_referral_list", format!("school:{}", world.school_a)),
            entry(world.psy_a, "view_referral", format!("referral:{referral}")),
        ]
    );
    app.clear_cookies();
    app.login("centre-a", PASSWORD).await;
    let before = mark(&mut app.conn());
    assert_eq!(app.get("/centre/referrals?status=new&overdue=on").await.status, 200);
    assert_eq!(app.get(&format!("/centre/referrals/{referral}")).await.status, 200);
    assert_eq!(
        since(&mut app.conn(), before),
        [
            entry(world.centre_a, "view_referral_list", "region:KZ-71"),
            entry(world.centre_a, "view_referral", format!("referral:{referral}")),
        ],
        "a filtered list is recorded like the whole inbox"
    );
    app.clear_cookies();
    app.login("centre-b", PASSWORD).await;
    let before = mark(&mut app.conn());
    assert_eq!(app.get(&format!("/centre/referrals/{referral}")).await.status, 404);
    assert_eq!(app.get("/centre/referrals").await.status, 200);
    assert_eq!(
        since(&mut app.conn(), before),
        [entry(world.centre_b, "view_referral_list", "region:KZ-75")],
        "another region's referral is not shown, so no look is recorded"
    );
    assert_chain_intact(&mut app.conn());
}

async fn a_referral_without_evidence_is_still_audited(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    app.login("psy-a", PASSWORD).await;
    let class = world.class_a.to_string();
    let raised = app.post_form("/school/referrals", &[("class", &class), ("note", "A complex case")]).await;
    assert_eq!(raised.status, 303, "{}", raised.body);
    let page = raised.location().unwrap().to_owned();
    let referral = page.strip_prefix("/school/referrals/").unwrap().to_owned();
    let before = mark(&mut app.conn());
    let shown = app.get(&page).await;
    assert_eq!(shown.status, 200);
    assert_eq!(
        since(&mut app.conn(), before),
        [entry(world.psy_a, "view_referral", format!("referral:{referral}"))],
        "no closed wave means no evidence, and the look is recorded all the same"
    );
    assert_chain_intact(&mut app.conn());
}

/// The token shown once on the API token page.
fn shown_token(body: &str) -> String {
    let at = body.find("ahual_").unwrap_or_else(|| panic!("no token on the page:\n{body}"));
    body[at..at + 6 + 64].to_owned()
}

async fn every_api_referral_read_is_audited_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let referral = referred_class(&app, &world);
    app.login("centre-a", PASSWORD).await;
    let before = mark(&mut app.conn());
    let created = app.create_api_token("centre-a").await;
    assert_eq!(created.status, 200);
    let token = shown_token(&created.body);
    assert_eq!(
        since(&mut app.conn(), before),
        [entry(world.centre_a, "api_token_created", format!("user:{}", world.centre_a))]
    );
    app.clear_cookies();
    let before = mark(&mut app.conn());
    assert_eq!(app.get_with_bearer("/api/v1/referrals", &token).await.status, 200);
    assert_eq!(app.get_with_bearer(&format!("/api/v1/referrals/{referral}"), &token).await.status, 200);
    assert_eq!(
        since(&mut app.conn(), before),
        [
            entry(world.centre_a, "api_referral_list", "region:KZ-71"),
            entry(world.centre_a, "api_referral", format!("referral:{referral}")),
        ]
    );
    app.login("psy-b", PASSWORD).await;
    let before = mark(&mut app.conn());
    assert_eq!(app.get(&format!("/api/v1/referrals/{referral}")).await.status, 404);
    assert_eq!(since(&mut app.conn(), before), [], "a refused read records nothing");
    assert_eq!(app.get("/api/v1/referrals").await.status, 200);
    assert_eq!(
        since(&mut app.conn(), before),
        [entry(world.psy_b, "api_referral_list", format!("school:{}", world.school_b))]
    );
    app.clear_cookies();
    app.login("centre-a", PASSWORD).await;
    let before = mark(&mut app.conn());
    assert_eq!(app.post_form("/account/api-token", &[("action", "revoke")]).await.status, 200);
    assert_eq!(
        since(&mut app.conn(), before),
        [entry(world.centre_a, "api_token_revoked", format!("user:{}", world.centre_a))]
    );
    assert!(!all_text(&mut app.conn()).contains(&token[6..]), "the token never reaches the log");
    assert_chain_intact(&mut app.conn());
}

on_both_backends!(
    every_referral_list_and_page_is_audited_once,
    a_referral_without_evidence_is_still_audited,
    every_api_referral_read_is_audited_once,
);
