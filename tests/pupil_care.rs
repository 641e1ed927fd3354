//! The duty of care on the pupil's screen (issue 20). Answers are anonymous, so answering "yes" brings
//! no one: the difficult-thoughts section says so and sends the pupil to 150 and the school
//! psychologist, with the help contacts beside it; the closing text and the thank-you page give the
//! help numbers. Fetched as plain HTML, as a browser without JavaScript gets it. Runs on SQLite and
//! PostgreSQL.
#![allow(clippy::unwrap_used)]

use crate::common;

use ahual::domain::lang::Lang;
use ahual::domain::survey::wave::AccessMode;
use common::pupil::{open, start_form, submit};
use common::world::World;
use common::{Backend, TestApp};

/// `text` as it appears in a rendered page.
fn escaped(text: &str) -> String {
    maud::html! { (text) }.into_string()
}

async fn the_difficult_thoughts_section_and_the_closing_text_say_where_help_is(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let opened = open(&mut app.conn(), world.school_a, vec![world.class_a], AccessMode::Password);
    let password = opened.classes[0].password.clone().unwrap();
    let catalog = common::catalog();
    let instrument = catalog.latest("school-climate").unwrap();
    let section = instrument.sections().iter().find(|s| s.id() == "difficult_thoughts").unwrap();
    for lang in Lang::ALL {
        let code = lang.code();
        let pass = start_form(&app, &password, code).await;
        let form = app.get(&format!("/survey/{pass}")).await.body;
        let title_at = form.find(&escaped(section.title().get(lang))).expect("grade 7 sees the section");
        let part = &form[title_at..];
        let part = &part[..part.find("</section>").unwrap()];
        let intro = section.intro().unwrap().get(lang);
        assert!(part.contains(&escaped(intro)), "{code}: the section's intro is in the section");
        assert!(intro.contains("150"), "{code}: the intro names 150");
        for contact in ["help-150", "help-111", "help-psychologist", "help-112"] {
            assert!(part.contains(&escaped(&lang.t(contact))), "{code}: {contact} beside the questions");
        }
        let outro_at = form.find(&escaped(instrument.outro().get(lang))).expect("the closing text is shown");
        let send_at = form.find("type=\"submit\"").unwrap();
        assert!(title_at < outro_at && outro_at < send_at, "{code}: after the questions, before the send button");
        for number in ["150", "111", "112"] {
            assert!(instrument.outro().get(lang).contains(number), "{code}: the closing text gives {number}");
        }
        assert_eq!(submit(&app, &pass, &[("sh_now", "1")]).await.status, 303);
        let thanks = app.get(&format!("/thanks?lang={code}")).await.body;
        let said = lang.t("pupil-thanks");
        assert!(said.contains("150") && thanks.contains(&escaped(&said)), "{code}: the thanks send the pupil to 150");
        for contact in ["help-150", "help-111", "help-112"] {
            assert!(thanks.contains(&escaped(&lang.t(contact))), "{code}: {contact} on the thank-you page");
        }
    }
}

/// A pupil given a personal code is not told to type "the class password".
async fn the_start_page_asks_for_a_password_or_a_code(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for (lang, word) in [(Lang::Kk, "код"), (Lang::Ru, "код"), (Lang::En, "code")] {
        let page = app.get(&format!("/?lang={}", lang.code())).await;
        assert_eq!(page.status, 200);
        for key in ["pupil-password", "pupil-start-intro"] {
            let text = lang.t(key);
            assert!(text.contains(word), "{key} ({}) names the code: {text}", lang.code());
            assert!(page.body.contains(&escaped(&text)), "{key} is on the start page");
        }
    }
}

on_both_backends!(
    the_difficult_thoughts_section_and_the_closing_text_say_where_help_is,
    the_start_page_asks_for_a_password_or_a_code,
);
