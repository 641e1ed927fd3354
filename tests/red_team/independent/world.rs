//! The worlds of the independent red team: schools of classes with planted answers, each with its
//! closed wave in the last published period, and how the attacker signs in to read a page.

use ahual::app::close_wave;
use ahual::domain::account::RoleScope;
use ahual::domain::audit::Actor;
use ahual::domain::ids::{SchoolId, WaveId};
use ahual::domain::password::hash_password;
use ahual::domain::survey::wave::AccessMode;

use crate::common::TestApp;
use crate::common::pupil::{fill, into_last_published_period, open};
use crate::common::world::{PASSWORD, World, class, school, user};

/// One class: grade, respondents, bullied, and pupils with thoughts of being dead (grade 7 up).
#[derive(Debug, Clone, Copy)]
pub(super) struct C {
    pub(super) label: &'static str,
    pub(super) grade: i64,
    pub(super) n: u32,
    pub(super) bullied: u32,
    pub(super) ideation: u32,
}

pub(super) const fn c(label: &'static str, grade: i64, n: u32, bullied: u32, ideation: u32) -> C {
    C { label, grade, n, bullied, ideation }
}

#[derive(Debug, Clone)]
pub(super) struct S {
    pub(super) code: &'static str,
    pub(super) region: &'static str,
    pub(super) classes: Vec<C>,
}

pub(super) fn s(code: &'static str, region: &'static str, classes: &[C]) -> S {
    S { code, region, classes: classes.to_vec() }
}

pub(super) struct Built {
    pub(super) schools: Vec<(S, SchoolId, WaveId)>,
}

pub(super) fn psychologist(code: &str) -> String {
    format!("psy-{}", code.to_lowercase())
}

/// Builds the organisation and every school with its closed wave in the last published period.
pub(super) fn build(app: &TestApp, schools: &[S]) -> Built {
    let mut conn = app.conn();
    World::build(&mut conn);
    let hash = hash_password(PASSWORD).unwrap();
    let mut built = Vec::new();
    for plan in schools {
        let id = school(&mut conn, plan.code, plan.region);
        user(&mut conn, &psychologist(plan.code), RoleScope::Psychologist(id), &hash);
        let classes = plan.classes.iter().map(|c| class(&mut conn, id, c.label, c.grade, i64::from(c.n))).collect();
        let wave = open(&mut conn, id, classes, AccessMode::Password).wave_id;
        for c in &plan.classes {
            let asked = c.grade >= 7;
            assert!(c.ideation == 0 || asked, "only grade 7 up is asked the self-harm section");
            // Pupils 0..bullied are bullied, pupils 0..ideation have the thought: overlapping groups.
            let both = c.bullied.min(c.ideation);
            let groups = [
                (both, 3, 1),
                (c.bullied - both, 3, 0),
                (c.ideation - both, 0, 1),
                (c.n - c.bullied.max(c.ideation), 0, 0),
            ];
            for (count, verbal, wish) in groups {
                let answers = if asked {
                    format!(r#"{{"victim_verbal":{verbal},"sh_wish_dead":{wish},"belong":4}}"#)
                } else {
                    format!(r#"{{"victim_verbal":{verbal},"belong":4}}"#)
                };
                fill(&mut conn, wave, &[(c.label, count, answers.as_str())]);
            }
        }
        close_wave::close(&mut conn, wave, None, Actor::Cli, &crate::common::flags(), chrono::Utc::now().naive_utc())
            .unwrap();
        into_last_published_period(&mut conn, wave);
        built.push((plan.clone(), id, wave));
    }
    Built { schools: built }
}

pub(super) async fn fetch(app: &TestApp, login: &str, path: &str) -> String {
    app.clear_cookies();
    assert_eq!(app.login(login, PASSWORD).await.status, 303, "{login} signs in");
    let reply = app.get(path).await;
    assert_eq!(reply.status, 200, "{login} reads {path}: {}", reply.body);
    reply.body
}
