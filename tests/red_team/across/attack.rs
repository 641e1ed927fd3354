//! The attacker across periods and releases: a psychologist of every school, the centre of every
//! region and the national analyst pool every view they were served at every look (wave pages with
//! their trends, reference lines, answer distributions and class rolls; CSVs; API answers; region
//! pages and national pages of every published period). They first compare what they hold (the same
//! figure must read the same everywhere, a frozen page must not move), then write down every sum they
//! know and solve it:
//!
//! * per wave, school = Σ released classes + withheld remainder, remainder = Σ withheld classes (each
//!   at most its roll, and not asked a measure below its grade);
//! * per region, published period and look, region = Σ shown schools + pool, pool = Σ withheld
//!   schools counted in that period at that look (each the same unknown as on its own pages);
//! * with side knowledge granted: every pupil answered the verbal bullying item "never" or "2-3 times
//!   a month", and every pupil from grade 7 "no" or "yes" to wishing they were dead, so the school's
//!   answer distributions (on its HTML page only) bound its bullying and ideation counts;
//! * the respondent counts of the same sums, with the rolls;
//! * the engine's rule (its code is open): a whole's band is the sum of its cells' bands, so a
//!   remainder's or pool's own band is the whole's ends minus the released parts' ends;
//! * the sums compared with each other: wherever one sum's parts are among another's (a region at two
//!   looks, a pool before and after a school joined it), the difference is a sum of its own;
//! * an urgent referral of a school as a whole: one of its withheld classes gave the acute answer.
//!
//! Found are: any group pinned to nobody or everybody of those asked; a withheld cell with fewer than
//! k asked bounded at all, a withheld class or school of fewer than k pinned to one count (positives
//! or respondents); a withheld group of fewer than k asked known to hold an acute answer.
//!
//! Everything is kept as a finding (a string) so that a failing run says all it found at once.

use std::collections::BTreeSet;

use super::look::Look;
use super::plan::{Built, When};
use super::reading::{Findings, Read, Reading, read_all};
use super::system::{referrals, respondents, system_of};
use super::unknowns::{Knows, measures};
use super::views_check::check_views;
use crate::solver::System;

pub const K: u64 = 10;

/// Plays the attack on `looks` of a world and returns everything it found.
pub fn attack(schools: &[Built], looks: &[Look]) -> Findings {
    let catalog = crate::common::catalog();
    let mut findings = Findings::default();
    let reading = read_all(&mut findings, schools, looks, &catalog);
    check_views(&mut findings, &reading);
    respondents(&mut findings, &reading);
    let referrals = referrals(&mut findings, schools, &looks[looks.len() - 1]);
    for measure in measures(&catalog) {
        // The strongest attacker whose knowledge the figures do not contradict (noise on small
        // groups' figures may break the sums of band ends, or the side knowledge about answers).
        let mut system = System::default();
        for knows in Knows::STRONGEST_FIRST {
            system = system_of(&catalog, &reading, &referrals, &measure, knows);
            system.solve();
            if system.contradictions().is_empty() {
                break;
            }
        }
        let contradictions = system.contradictions();
        findings.check(contradictions.is_empty(), || {
            format!("{measure}: the views contradict each other: {contradictions:?}")
        });
        if measure == "acute" {
            findings.0.extend(system.forbidden_signal(K));
        } else {
            findings.0.extend(system.forbidden(K));
        }
    }
    findings
}

/// The paths of frozen views at `look` whose bodies must never change afterwards: every view of a
/// counted wave, and region and national pages of periods whose waves had all been counted.
pub fn frozen(schools: &[Built], look: &Look, complete: &BTreeSet<String>) -> BTreeSet<(String, String)> {
    let mut paths = BTreeSet::new();
    for (login, views) in &look.by_role {
        for (path, (status, _)) in views {
            let period = path.split("?period=").nth(1).map(str::to_owned);
            let overview =
                path.starts_with("/centre/region") || path.starts_with("/national") || path.starts_with("/open/");
            let keep = if overview {
                period.map_or_else(|| complete.contains(&When::Last.period().id()), |p| complete.contains(&p))
            } else {
                let counted = schools.iter().flat_map(|s| s.ran()).any(|(_, id)| {
                    path.contains(&id.to_string())
                        && look
                            .by_role
                            .values()
                            .any(|v| v.get(&format!("/api/v1/waves/{id}/summary")).is_some_and(|(s, _)| *s == 200))
                });
                counted && *status == 200
            };
            if keep {
                paths.insert((login.clone(), path.clone()));
            }
        }
    }
    paths
}

/// The waves of `region` that count in `period` and were read at `look`, where `read` holds: a wave
/// closed after its period was published never counts in it (`db::region_counts`).
pub(super) fn waves_in_period(
    reading: &Reading<'_>,
    look: usize,
    region: &str,
    period: &str,
    read: impl Fn(&Read) -> bool,
) -> Vec<usize> {
    (0..reading.waves.len())
        .filter(|&at| {
            let w = &reading.waves[at];
            w.school.plan.region == region
                && w.plan.when.period().id() == period
                && !w.plan.late
                && reading.reads[look][at].as_ref().is_some_and(&read)
        })
        .collect()
}
