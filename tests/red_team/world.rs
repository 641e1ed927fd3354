//! Worlds built for an attack: one school in Astana with the classes the attack needs, answered
//! through the production submission path, closed and moved into the last published reporting
//! period, plus an account for every role that can look.

use ahual::app::close_wave;
use ahual::domain::account::RoleScope;
use ahual::domain::audit::Actor;
use ahual::domain::ids::{SchoolId, WaveId};
use ahual::domain::password::hash_password;
use ahual::domain::survey::wave::AccessMode;

use crate::common::TestApp;
use crate::common::pupil::{fill, open};
use crate::common::world::{PASSWORD, World, class, school, user};

/// One class of the attacked school: its roll, how many answered, how many of them were bullied,
/// and how many gave the acute answer (all of them in grade 7, so every section was asked).
#[derive(Debug, Clone, Copy)]
pub struct ClassPlan {
    pub label: &'static str,
    pub roll: u32,
    pub respondents: u32,
    pub bullied: u32,
    pub acute: u32,
}

/// A class of `respondents` who all answered, `bullied` of them bullied and nobody at acute risk.
/// Everybody answering is the hardest case for a small class (the rolls then say how many
/// answered), so a world that needs its small classes withheld with one complement gives them
/// rolls with room (`ClassPlan { roll, ..plan(..) }`).
pub const fn plan(label: &'static str, respondents: u32, bullied: u32) -> ClassPlan {
    ClassPlan { label, roll: respondents, respondents, bullied, acute: 0 }
}

/// The attacked school's closed wave and the logins that may look at it.
pub struct Attacked {
    pub school: SchoolId,
    pub wave: WaveId,
}

/// The psychologist of the attacked school.
pub const PSYCHOLOGIST: &str = "psy-attacked";
/// Centre staff of Astana (the attacked school's region).
pub const CENTRE: &str = "centre-a";
/// The national analyst.
pub const NATIONAL: &str = "national";

/// Builds the organisation, the attacked school `SCH-RT` with `classes`, and closes its one wave.
pub fn build(app: &TestApp, classes: &[ClassPlan]) -> Attacked {
    let mut conn = app.conn();
    World::build(&mut conn);
    let school_id = school(&mut conn, "SCH-RT", "KZ-71");
    user(&mut conn, PSYCHOLOGIST, RoleScope::Psychologist(school_id), &hash_password(PASSWORD).unwrap());
    let ids: Vec<_> =
        classes.iter().map(|c| class(&mut conn, school_id, c.label, 7, i64::from(c.roll).max(1))).collect();
    let wave = open(&mut conn, school_id, ids, AccessMode::Password).wave_id;
    for c in classes {
        let (bullied_acute, bullied) = (c.acute.min(c.bullied), c.bullied - c.acute.min(c.bullied));
        let (fine_acute, fine) = (c.acute - bullied_acute, c.respondents - c.bullied);
        let fine = fine - fine_acute;
        fill(
            &mut conn,
            wave,
            &[
                (c.label, bullied_acute, r#"{"victim_verbal":3,"sh_now":1,"belong":2}"#),
                (c.label, bullied, r#"{"victim_verbal":3,"sh_now":0,"belong":2}"#),
                (c.label, fine_acute, r#"{"victim_verbal":0,"sh_now":1,"belong":4}"#),
                (c.label, fine, r#"{"victim_verbal":0,"sh_now":0,"belong":4}"#),
            ],
        );
    }
    close_wave::close(&mut conn, wave, None, Actor::Cli, &crate::common::flags(), chrono::Utc::now().naive_utc())
        .unwrap();
    // In the last published reporting period, so the region and national views show it too.
    crate::common::pupil::into_last_published_period(&mut conn, wave);
    Attacked { school: school_id, wave }
}
