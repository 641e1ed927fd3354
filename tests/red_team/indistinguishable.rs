//! Two worlds that differ only in the answers of withheld classes: every role must get the very same
//! pages, CSVs and API answers (ids, which differ between any two databases, aside).

use crate::common::{Backend, TestApp};
use crate::views;
use crate::world::{ClassPlan, build, plan};

/// `body` with every UUID replaced by `<id>` and every CSRF token by `<csrf>`.
fn normalised(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let bytes = body.as_bytes();
    let mut at = 0;
    while at < body.len() {
        if is_uuid(&bytes[at..]) {
            out.push_str("<id>");
            at += 36;
            continue;
        }
        let ch = body[at..].chars().next().unwrap_or_default();
        out.push(ch);
        at += ch.len_utf8().max(1);
    }
    strip_csrf(&out)
}

fn is_uuid(bytes: &[u8]) -> bool {
    bytes.len() >= 36
        && bytes[..36]
            .iter()
            .enumerate()
            .all(|(i, &b)| if [8, 13, 18, 23].contains(&i) { b == b'-' } else { b.is_ascii_hexdigit() })
}

fn strip_csrf(body: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let mut out = String::new();
    let mut rest = body;
    while let Some(at) = rest.find(marker) {
        out.push_str(&rest[..at + marker.len()]);
        rest = &rest[at + marker.len()..];
        let end = rest.find('"').unwrap_or(rest.len());
        out.push_str("<csrf>");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

async fn world_views(backend: Backend, classes: &[ClassPlan]) -> Vec<(String, String)> {
    let app = TestApp::spawn(backend).await;
    let attacked = build(&app, classes);
    let views = views::every_role(&app, &attacked).await;
    views.into_iter().map(|(path, body)| (normalised(&path), normalised(&body))).collect()
}

async fn withheld_classes_answers_change_no_view_of_any_role(backend: Backend) {
    // 7D (4) and 7E (7) are withheld; in one world one pupil of 7D was bullied, in the other nobody
    // there was. A school rounded on its own would show 6 or 5 of 58.
    let one = world_views(backend, &[plan("7A", 25, 2), plan("7B", 22, 3), plan("7D", 4, 1), plan("7E", 7, 0)]).await;
    let other = world_views(backend, &[plan("7A", 25, 2), plan("7B", 22, 3), plan("7D", 4, 0), plan("7E", 7, 0)]).await;
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
