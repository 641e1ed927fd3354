//! An independent red team: worlds of several schools in one or two regions, small and large
//! classes, schools whose classes are all below k, small schools that pool in their region, and
//! classes of grade 5 next to grade 9 (the self-harm section is asked from grade 7 only).
//!
//! The attacker is centre staff colluding with one psychologist, then with every psychologist of the
//! region at once, and with the national analyst. They read the region overview (HTML: shown
//! percentages and intervals, from which the band of positives is recovered by inverting the
//! Wilson interval), the national overview, and each colluding psychologist's API summary (class
//! bands, the school's answer distributions). They write down every sum they know,
//! region = Σ shown schools + pooled withheld schools, school = Σ released classes + remainder, and
//! propagate the interval bounds to a fixpoint (exact for a tree of unit sums). The test fails if:
//!
//! * a class, school, remainder, pool or region is pinned to 0 or to all of its asked pupils;
//! * a withheld group with fewer than k asked pupils gets any bound beyond "0 to all of them";
//! * a released figure, a pool or a remainder has between 1 and k - 1 respondents;
//! * a school's figures differ between its psychologist's API, the centre's API and the region
//!   overview, or a region's between the centre and the national page.

const K: u64 = 10;

mod attack;
mod parse;
mod reading;
mod system;
mod world;

use attack::attack;
use reading::{check_views, read};
use world::{S, build, c, s};

use crate::common::{Backend, TestApp};

/// Every attack on a world: views first, then the solver with each psychologist alone and with all.
async fn run(backend: Backend, schools: &[S]) {
    // Exact figures: the solver takes every shown band as the truth, which only the exact engine
    // promises (see `main.rs`).
    let app = TestApp::spawn_exact(backend).await;
    let built = build(&app, schools);
    let read = read(&app, &built).await;
    check_views(&built, &read);
    let codes: Vec<&str> = schools.iter().map(|s| s.code).collect();
    let mut coalitions: Vec<Vec<&str>> = vec![Vec::new(), codes.clone()];
    coalitions.extend(codes.iter().map(|c| vec![*c]));
    for id in ["bullying_victim", "suicidal_ideation"] {
        for coalition in &coalitions {
            let found = attack(&built, &read, coalition, id);
            assert!(found.is_empty(), "{id}, centre + national + psychologists of {coalition:?} derive {found:?}");
        }
    }
}

/// Astana: a big school with two small classes (nobody bullied in them), a middle school with a
/// class where nobody was bullied, and two tiny schools (one all bullied, one none) that pool.
async fn a_region_of_big_middle_and_tiny_schools(backend: Backend) {
    run(
        backend,
        &[
            s(
                "SCH-BIG",
                "KZ-71",
                &[c("9A", 9, 28, 0, 0), c("9B", 9, 22, 3, 2), c("9C", 9, 4, 0, 0), c("9D", 9, 8, 0, 0)],
            ),
            s("SCH-MID", "KZ-71", &[c("7A", 7, 15, 2, 1), c("7B", 7, 12, 0, 0)]),
            s("SCH-T1", "KZ-71", &[c("8A", 8, 5, 5, 5)]),
            s("SCH-T2", "KZ-71", &[c("8A", 8, 6, 0, 0)]),
        ],
    )
    .await;
}

/// A school whose classes are all below k (4 of them bullied, every one in one class of 4), next
/// to a mixed school of 9 grade-5 pupils and 4 grade-9 pupils who all have the thought.
async fn schools_whose_classes_are_all_below_k(backend: Backend) {
    run(
        backend,
        &[
            s("SCH-SMALLS", "KZ-71", &[c("9A", 9, 4, 4, 4), c("9B", 9, 5, 0, 0), c("9C", 9, 6, 0, 0)]),
            s("SCH-MIXED", "KZ-71", &[c("5A", 5, 9, 0, 0), c("9A", 9, 4, 0, 4)]),
            s("SCH-OTHER", "KZ-71", &[c("9A", 9, 20, 2, 1), c("9B", 9, 18, 0, 0)]),
        ],
    )
    .await;
}

/// Grade 5 and grade 9 side by side: 9B (4, all with the thought) and 9C (3, none) are withheld with
/// a grade-5 class of 12 as their complement, so the remainder mixes asked and not-asked pupils.
/// Two tiny schools pool in the region: grade 5 only (6) and grade 9 (5, all with the thought).
async fn grade_limited_measures_in_mixed_remainders_and_pools(backend: Backend) {
    run(
        backend,
        &[
            s(
                "SCH-G",
                "KZ-71",
                &[
                    c("5A", 5, 25, 3, 0),
                    c("5B", 5, 12, 0, 0),
                    c("9A", 9, 22, 2, 3),
                    c("9B", 9, 4, 0, 4),
                    c("9C", 9, 3, 0, 0),
                ],
            ),
            s("SCH-H", "KZ-71", &[c("9A", 9, 30, 4, 1)]),
            s("SCH-P5", "KZ-71", &[c("5A", 5, 6, 0, 0)]),
            s("SCH-P9", "KZ-71", &[c("9A", 9, 5, 5, 5)]),
        ],
    )
    .await;
}

/// Two regions on the national page: in Astana a school with a withheld class and a class where
/// nobody was bullied, and a one-class school; in Almaty one school where every pupil was bullied
/// and a lone tiny school that the region leaves out (so region = that one school).
async fn two_regions_the_national_page_and_one_psychologist(backend: Backend) {
    run(
        backend,
        &[
            s(
                "SCH-X",
                "KZ-71",
                &[c("7A", 7, 20, 0, 0), c("7B", 7, 16, 3, 2), c("7C", 7, 5, 0, 0), c("7D", 7, 6, 0, 0)],
            ),
            s("SCH-Y", "KZ-71", &[c("8A", 8, 12, 1, 0)]),
            s("SCH-Z", "KZ-75", &[c("6A", 6, 11, 11, 0), c("6B", 6, 14, 0, 0)]),
            s("SCH-W", "KZ-75", &[c("9A", 9, 6, 6, 6)]),
        ],
    )
    .await;
}

on_both_backends!(
    a_region_of_big_middle_and_tiny_schools,
    schools_whose_classes_are_all_below_k,
    grade_limited_measures_in_mixed_remainders_and_pools,
    two_regions_the_national_page_and_one_psychologist
);
