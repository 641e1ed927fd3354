//! Two worlds that differ only in the answers of withheld classes: every role must get the very same
//! pages, CSVs and API answers (ids, which differ between any two databases, aside).
//!
//! The servers release exact figures: the noise of a cell is drawn from the deployment's key and the
//! cell's ids, which differ between any two databases, so two worlds built apart never share it. That
//! the noise depends on nothing but those and the cells' totals is proved in the engine
//! (`disclosure::tests::indistinguishable`, `planting`).

use crate::common::{Backend, TestApp};
use crate::views::{self, normalised};
use crate::world::{ClassPlan, build, plan};

async fn world_views(backend: Backend, classes: &[ClassPlan]) -> Vec<(String, String)> {
    let app = TestApp::spawn_exact(backend).await;
    let attacked = build(&app, classes);
    let views = views::every_role(&app, &attacked).await;
    views.into_iter().map(|(path, body)| (normalised(&path), normalised(&body))).collect()
}

async fn withheld_classes_answers_change_no_view_of_any_role(backend: Backend) {
    // 7D (4 of 10) and 7E (7 of 10) are withheld; in one world one pupil of 7D was bullied, in the
    // other nobody there was. A school rounded on its own would show 6 or 5 of 58.
    let small = |label, respondents, bullied| ClassPlan { roll: 10, ..plan(label, respondents, bullied) };
    let one = world_views(backend, &[plan("7A", 25, 2), plan("7B", 22, 3), small("7D", 4, 1), small("7E", 7, 0)]).await;
    let other =
        world_views(backend, &[plan("7A", 25, 2), plan("7B", 22, 3), small("7D", 4, 0), small("7E", 7, 0)]).await;
    assert_eq!(one.len(), other.len());
    for ((path, a), (_, b)) in one.iter().zip(&other) {
        if a != b {
            let at = a.bytes().zip(b.bytes()).position(|(x, y)| x != y).unwrap_or(0);
            let from = a.floor_char_boundary(at.saturating_sub(200));
            let to_a = a.ceil_char_boundary((at + 200).min(a.len()));
            let to_b = b.ceil_char_boundary((at + 200).min(b.len()));
            panic!("{path} differs:\n{}\n---\n{}", &a[from..to_a], &b[from..to_b.max(from)]);
        }
    }
}

async fn a_planted_world_check_finds_a_difference_where_one_is_released(backend: Backend) {
    // The same comparison sees a difference in a released class: it is not blind.
    let one = world_views(backend, &[plan("7A", 25, 2), plan("7B", 22, 3)]).await;
    let other = world_views(backend, &[plan("7A", 25, 6), plan("7B", 22, 3)]).await;
    assert_ne!(one, other);
}

on_both_backends!(
    withheld_classes_answers_change_no_view_of_any_role,
    a_planted_world_check_finds_a_difference_where_one_is_released
);
