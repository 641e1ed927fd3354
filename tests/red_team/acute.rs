//! The acute answer is a signal only: two of 17 in one class answered "right now", and no view of
//! any role gives that count, a rate of it, or the item's answer split; the signal itself is shown.

use ahual::domain::lang::Lang;

use crate::common::{Backend, TestApp};
use crate::views;
use crate::world::{ClassPlan, build, plan};

async fn the_acute_answer_is_only_ever_a_signal(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let acute = ClassPlan { acute: 2, ..plan("7A", 17, 4) };
    let attacked = build(&app, &[acute, plan("7B", 18, 3), plan("7C", 12, 0)]);
    let catalog = crate::common::catalog();
    let instrument = catalog.latest("school-climate").unwrap();
    let indicator = instrument.indicator("acute_risk").unwrap();
    let item = instrument.item("sh_now").unwrap();
    let mut forbidden = vec!["acute_risk".to_owned(), "item:sh_now".to_owned()];
    for lang in [Lang::Kk, Lang::Ru, Lang::En] {
        forbidden.push(indicator.label().get(lang).to_owned());
        forbidden.push(item.text().get(lang).to_owned());
    }
    let views = views::every_role(&app, &attacked).await;
    for (path, body) in &views {
        for word in &forbidden {
            assert!(!body.contains(word.as_str()), "{path} shows {word:?}");
        }
    }
    let summary = views.iter().find(|(path, _)| path.ends_with("/summary")).map(|(_, body)| body).unwrap();
    assert!(summary.contains(r#""acute":"≥1""#), "the signal is released: {summary}");
    let csv = views.iter().find(|(path, _)| path.ends_with(".csv")).map(|(_, body)| body).unwrap();
    assert!(csv.contains("class,7A,17,acute_signal,≥1"), "{csv}");
}

on_both_backends!(the_acute_answer_is_only_ever_a_signal);
