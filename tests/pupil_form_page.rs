//! The questionnaire page: one rendering per questionnaire, grade and language, served gzipped or
//! plain, posting to its own address. Runs on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use crate::common;

use ahual::domain::survey::wave::AccessMode;
use common::pupil::{open, start, stored, submit};
use common::world::World;
use common::{Backend, TestApp};

const ANSWERS: [(&str, &str); 4] = [("belong", "3"), ("victim_verbal", "2"), ("victim_cyber", "0"), ("sh_now", "0")];

/// The questionnaire is rendered and gzipped once per questionnaire, grade and language
/// (`web/survey_pages.rs`): it posts to its own address, so every pupil gets the same bytes, gzipped or
/// plain, and each pupil's page sends that pupil's form.
async fn the_form_page_is_the_same_for_every_pupil_gzipped_or_plain_and_posts_to_its_own_address(backend: Backend) {
    use std::io::Read;
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let opened = open(&mut app.conn(), world.school_a, vec![], AccessMode::Password);
    let password = opened.classes[0].password.clone().unwrap();
    let mut pages = Vec::new();
    for lang in ["kk", "kk", "ru"] {
        let pass = start(&app, &password, lang).await;
        let path = format!("/survey/{pass}");
        let (status, headers, plain) = app.get_bytes(&path, &[]).await;
        assert_eq!(status, 200);
        assert!(!headers.contains_key("content-encoding"), "no gzip for a client that did not ask");
        let (status, headers, gzipped) = app.get_bytes(&path, &[("Accept-Encoding", "gzip, deflate, br")]).await;
        assert_eq!(status, 200);
        assert_eq!(headers.get("content-encoding").map(String::as_str), Some("gzip"));
        assert!(headers.get("vary").is_some_and(|v| v.eq_ignore_ascii_case("accept-encoding")));
        assert_eq!(headers["cache-control"], "no-store", "the security headers still apply");
        assert_eq!(headers["referrer-policy"], "no-referrer", "the address never leaves in a Referer");
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(gzipped.as_slice()).read_to_end(&mut unzipped).expect("valid gzip");
        assert_eq!(unzipped, plain, "the same page either way");
        let page = String::from_utf8(plain).unwrap();
        assert!(page.contains(&format!("<html lang=\"{lang}\"")) && page.contains("name=\"belong\""));
        assert!(page.contains("<form method=\"post\" autocomplete=\"off\">"), "no action: it posts to its URL");
        assert!(!page.contains("type=\"hidden\"") && !page.contains(&pass), "nothing of the pupil in the page");
        pages.push((pass, page));
    }
    assert_eq!(pages[0].1, pages[1].1, "two pupils, one page");
    assert_ne!(pages[0].1, pages[2].1, "per language");
    let sent = submit(&app, &pages[1].0, &ANSWERS).await;
    assert_eq!(sent.status, 303, "the form posted to its own address is stored: {}", sent.body);
    assert_eq!(submit(&app, &pages[1].0, &ANSWERS).await.status, 409, "once");
    assert_eq!(submit(&app, &pages[0].0, &ANSWERS).await.status, 303, "the other pupil's form is their own");
    assert_eq!(stored(&mut app.conn()).len(), 2);
}

on_both_backends!(the_form_page_is_the_same_for_every_pupil_gzipped_or_plain_and_posts_to_its_own_address);
