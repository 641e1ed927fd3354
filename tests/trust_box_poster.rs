//! The trust box's poster (issue 19: pupils find the school code on posters and on their class's
//! password sheet): the psychologist's school's code and the address, in Kazakh, Russian and English
//! together, and nothing of a class or wave; only a psychologist prints it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use ahual::domain::lang::Lang;
use common::world::{PASSWORD, World};
use common::{Backend, TestApp};

async fn the_poster_names_the_school_code_in_three_languages_and_only_a_psychologist_prints_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    assert_eq!(app.login("psy-a", PASSWORD).await.status, 303);
    let inbox = app.get("/school/trust").await;
    assert!(inbox.body.contains("href=\"/school/trust/poster\""), "the inbox links to it");
    let poster = app.get("/school/trust/poster").await;
    assert_eq!(poster.status, 200);
    assert!(poster.body.contains("SCH-A") && poster.body.contains("/trust</p>"), "the code and the address");
    for lang in Lang::ALL {
        assert!(poster.body.contains(&format!("<section class=\"poster\" lang=\"{}\">", lang.code())), "{lang:?}");
        assert!(poster.body.contains(&lang.t("trust-write-intro")), "{lang:?}");
    }
    for other in [world.class_a.to_string(), world.wave_a.to_string(), "SCH-B".to_owned()] {
        assert!(!poster.body.contains(&other), "nothing of {other}");
    }
    app.clear_cookies();
    assert_eq!(app.login("centre-a", PASSWORD).await.status, 303);
    assert_eq!(app.get("/school/trust/poster").await.status, 403);
}

on_both_backends!(the_poster_names_the_school_code_in_three_languages_and_only_a_psychologist_prints_it);
