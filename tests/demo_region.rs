//! The demo region of `serve --demo` (issue 21), seeded on each backend as the server seeds it: Astana
//! with thirty-odd schools and Almaty beside it, two closed waves per school in the two latest
//! published periods, waves running now, referrals in every state (overdue ones among them, the demo
//! school's urgent one first in the centre's inbox), trust box letters at both desks, pages that draw
//! a region of many schools, and a database that `ahual verify` recounts clean.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::collections::BTreeSet;

use ahual::db::schools::{self, SchoolFilter};
use ahual::db::trust_box::{self, Inbox};
use ahual::db::{referrals, waves};
use ahual::demo::{DEMO_LOGINS, DEMO_REGION, DEMO_SCHOOL, ensure_demo_region};
use ahual::domain::organisation::SchoolCode;
use ahual::domain::period::ReportingPeriod;
use ahual::domain::referral::{InboxFilter, ReferralScope, ReferralStatus};
use ahual::domain::region::RegionCode;
use ahual::domain::statistics::Severity;
use ahual::domain::survey::wave::local_date;
use chrono::Utc;
use common::{Backend, TestApp};

fn seed(app: &TestApp) {
    let state = app.state();
    let logins = ensure_demo_region(&mut app.conn(), &state.flag_context(), &state.trust_box).unwrap();
    assert_eq!(logins, DEMO_LOGINS.to_vec());
}

fn region(code: &str) -> RegionCode {
    RegionCode::parse(code).unwrap()
}

async fn the_demo_is_a_region_with_two_closed_periods_and_a_wave_running_now(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    seed(&app);
    let all = schools::list(&mut app.conn(), SchoolFilter::All).unwrap();
    let astana = all.iter().filter(|s| s.school.region.as_str() == DEMO_REGION).count();
    let almaty = all.iter().filter(|s| s.school.region.as_str() == "KZ-75").count();
    assert!(astana >= 30 && almaty >= 5, "{astana} schools in Astana, {almaty} in Almaty");
    seed(&app);
    assert_eq!(schools::list(&mut app.conn(), SchoolFilter::All).unwrap().len(), all.len(), "seeded once only");

    let today = local_date(Utc::now());
    let later = ReportingPeriod::latest_published(today);
    let published = BTreeSet::from([later.previous(), later]);
    let mut open = 0;
    for school in &all {
        let waves = waves::list_for_school(&mut app.conn(), school.school.id).unwrap();
        let closed: BTreeSet<ReportingPeriod> =
            waves.iter().filter(|w| w.closed).map(|w| ReportingPeriod::containing(w.closes_on)).collect();
        assert_eq!(
            closed, published,
            "{}: one closed wave in each of the two latest published periods",
            school.school.code
        );
        open += waves.iter().filter(|w| !w.closed).count();
    }
    assert!(open >= 5, "{open} waves running now");
    let demo = schools::find_by_code(&mut app.conn(), &SchoolCode::parse(DEMO_SCHOOL).unwrap()).unwrap();
    assert!(
        waves::list_for_school(&mut app.conn(), demo.id).unwrap().iter().all(|w| w.closed),
        "none at the demo school"
    );

    let (code, report) = crate::verify::verify(&app.database);
    assert_eq!(report["differences"], serde_json::json!([]), "{report}");
    assert_eq!(code, Some(0));
}

async fn the_centre_has_referrals_in_every_state_and_the_trust_box_has_letters(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    seed(&app);
    let now = Utc::now().naive_utc();
    let scope = ReferralScope::Region(region(DEMO_REGION));
    let found = referrals::list(&mut app.conn(), &scope, &InboxFilter::default(), now).unwrap();
    let statuses: BTreeSet<ReferralStatus> = found.iter().map(|r| r.status).collect();
    assert_eq!(statuses.len(), 4, "every state: {statuses:?}");
    let outcomes: BTreeSet<&str> = found.iter().filter_map(|r| r.outcome.as_ref()).map(|(o, _)| o.as_str()).collect();
    assert_eq!(outcomes, BTreeSet::from(["intervention_held", "no_action", "referred_on"]));
    let overdue = found.iter().filter(|r| r.overdue(now)).count();
    assert!(overdue >= 2, "{overdue} overdue");
    let first = &found[0];
    let demo = first.place.school().map(|s| s.code.as_str());
    assert_eq!((first.severity, first.status, demo), (Severity::Urgent, ReferralStatus::New, Some(DEMO_SCHOOL)));
    assert!(first.overdue(now), "the demo school's urgent referral waits past its deadline");
    let later = ReportingPeriod::latest_published(local_date(Utc::now()));
    let in_later = found.iter().filter(|r| r.created_at >= later.began_at() && r.created_at < later.ended_at()).count();
    assert!(in_later >= 10, "{in_later} referrals in the later period: enough for the open figures");
    let almaty =
        referrals::list(&mut app.conn(), &ReferralScope::Region(region("KZ-75")), &InboxFilter::default(), now);
    assert!(!almaty.unwrap().is_empty(), "Almaty's flags were referred too");

    let centre = trust_box::inbox(&mut app.conn(), Inbox::Centre(&region(DEMO_REGION))).unwrap();
    let demo_school = schools::find_by_code(&mut app.conn(), &SchoolCode::parse(DEMO_SCHOOL).unwrap()).unwrap();
    let school = trust_box::inbox(&mut app.conn(), Inbox::School(demo_school.id)).unwrap();
    assert!(
        centre.len() >= 5 && school.len() >= 5,
        "{} letters at the centre, {} at the school",
        centre.len(),
        school.len()
    );
    assert!(centre.iter().any(|c| c.in_danger && c.due_at.is_some()), "one in danger waits at the centre");
    let overdue_in_schools = trust_box::inbox(&mut app.conn(), Inbox::OverdueInSchools(&region(DEMO_REGION), now));
    assert!(!overdue_in_schools.unwrap().is_empty(), "the centre sees letters overdue at schools");
    let arrived_later = centre
        .iter()
        .chain(&school)
        .filter(|c| c.arrived_at >= later.began_at() && c.arrived_at < later.ended_at())
        .count();
    assert!(arrived_later >= 10, "{arrived_later} letters in the later period: enough for the open figures");
}

async fn the_pages_show_a_region_of_many_schools(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    seed(&app);
    assert_eq!(app.login("centre", "demo-centre-pass").await.status, 303);
    let page = app.get("/centre/region").await;
    assert_eq!(page.status, 200);
    let funnel = &page.body[page.body.find("chart-region-funnel-title").unwrap()..];
    let dots = funnel[..funnel.find("</svg>").unwrap()].matches("<circle class=\"mark").count();
    assert!(dots >= 25, "the funnel plot draws many schools ({dots} marks)");
    let open = app.get(&format!("/open/{DEMO_REGION}/figures.csv")).await;
    assert_eq!(open.status, 200);
    assert!(open.body.lines().filter(|l| l.starts_with("referrals,")).count() > 1, "{}", open.body);
}

on_both_backends!(
    the_demo_is_a_region_with_two_closed_periods_and_a_wave_running_now,
    the_centre_has_referrals_in_every_state_and_the_trust_box_has_letters,
    the_pages_show_a_region_of_many_schools
);
