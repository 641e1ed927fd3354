//! The attack of the centres colluding with psychologists, one indicator at a time: every sum they
//! know, solved.

use ahual::domain::figures::indicator_min_grade;
use serde_json::Value;

use super::parse::{band, invert};
use super::reading::{Read, groups};
use super::system::{Sum, System};
use super::world::{Built, C, S};

/// The attack of the centre of every region colluding with the psychologists of `colluders`
/// (school codes), on one indicator.
pub(super) fn attack(built: &Built, read: &Read, colluders: &[&str], id: &str) -> Vec<String> {
    let catalog = crate::common::catalog();
    let instrument = catalog.latest("school-climate").unwrap();
    let at = instrument.rate_indicators().position(|i| i.id() == id).unwrap();
    let min_grade = i64::from(indicator_min_grade(instrument, id));
    let asked_in = |c: &C| if c.grade >= min_grade { u64::from(c.n) } else { 0 };
    let positives = |c: &C| u64::from(if id == "bullying_victim" { c.bullied } else { c.ideation });
    let mut system = System { vars: Vec::new(), sums: Vec::new() };
    for (region, overview) in &read.regions {
        let Some(whole) = overview.first() else { continue };
        let in_region: Vec<usize> =
            (0..built.schools.len()).filter(|&i| built.schools[i].0.region == *region).collect();
        let shown_school = |i: usize| {
            let code = built.schools[i].0.code;
            overview.iter().skip(1).find(|r| r.label.starts_with(&format!("{code} ")))
        };
        let region_band = invert(&whole.cells[at], whole.n).unwrap_or((0, whole.n));
        // Its asked pupils are set below, once the attacker knows which schools it counts.
        let region_var = system.var((*region).to_owned(), 0, false, region_band);
        let mut region_asked = 0;
        let mut parts = Vec::new();
        let mut shown_n = 0;
        for &i in &in_region {
            let (plan, _, _) = &built.schools[i];
            let Some(row) = shown_school(i) else { continue };
            shown_n += row.n;
            let asked: u64 = plan.classes.iter().map(asked_in).sum();
            region_asked += asked;
            let shown = invert(&row.cells[at], row.n).unwrap_or((0, if asked == 0 { 0 } else { row.n }));
            let school_var = system.var(plan.code.to_owned(), asked, false, shown);
            parts.push(school_var);
            if colluders.contains(&plan.code) {
                school_equation(&mut system, plan, &read.summaries[i].0, school_var, id, min_grade);
            }
        }
        // The pool: schools withheld on their own pages, counted together (or left out: then 0).
        let pool_n = whole.n - shown_n;
        if pool_n > 0 {
            let withheld: Vec<&S> =
                in_region.iter().filter(|&&i| shown_school(i).is_none()).map(|&i| &built.schools[i].0).collect();
            // The truth: the pool holds every withheld school (it exists only when they reach k together).
            let pool_total: u64 = withheld.iter().flat_map(|s| &s.classes).map(|c| u64::from(c.n)).sum();
            assert_eq!(pool_total, pool_n, "{region}: the pool is the withheld schools");
            let asked: u64 = withheld.iter().flat_map(|s| &s.classes).map(asked_in).sum();
            let truth: u64 = withheld.iter().flat_map(|s| &s.classes).map(positives).sum();
            assert!(truth <= asked);
            region_asked += asked;
            parts.push(system.var(
                format!("{region} withheld schools"),
                asked,
                true,
                (0, if asked == 0 { 0 } else { pool_n }),
            ));
            // A pool of one asked school among not-asked ones is that school's few pupils.
            for school in &withheld {
                let own: u64 = school.classes.iter().map(asked_in).sum();
                if own > 0 && own < asked {
                    let v = system.var(format!("{} (withheld)", school.code), own, true, (0, own));
                    let rest = system.var(
                        format!("{region} pool without {}", school.code),
                        asked - own,
                        true,
                        (0, asked - own),
                    );
                    let pool = parts.len() - 1;
                    system.sums.push(Sum { whole: parts[pool], parts: vec![v, rest] });
                }
            }
        }
        system.vars[region_var].asked = region_asked;
        if region_asked == 0 {
            system.vars[region_var].high = 0;
        }
        system.sums.push(Sum { whole: region_var, parts });
    }
    system.solve();
    system.forbidden()
}

/// school = Σ released classes + remainder, from the colluding psychologist's API summary; and, for
/// bullying, the school's answer split of `victim_verbal` (every pupil answered 0 or 3 in these
/// worlds, which the attacker is granted as side knowledge).
pub(super) fn school_equation(
    system: &mut System,
    plan: &S,
    summary: &Value,
    school_var: usize,
    id: &str,
    min_grade: i64,
) {
    let (whole, classes) = groups(summary);
    let whole = whole.unwrap();
    let n = whole["respondents"].as_u64().unwrap();
    if let Some(rate) = whole["indicators"].get(id) {
        let (low, high) = band(&rate["positives"]);
        let v = &mut system.vars[school_var];
        (v.low, v.high) = (v.low.max(low as i64), v.high.min(high as i64));
    }
    if id == "bullying_victim" {
        let split =
            |value: u8| whole["indicators"].get(format!("item:victim_verbal:{value}")).map(|r| band(&r["positives"]));
        if let Some((low, high)) = split(3) {
            let v = &mut system.vars[school_var];
            (v.low, v.high) = (v.low.max(low as i64), v.high.min(high as i64));
        }
        if let Some((low, high)) = split(0) {
            let v = &mut system.vars[school_var];
            (v.low, v.high) = (v.low.max((n - high) as i64), v.high.min((n - low) as i64));
        }
    }
    let mut parts = Vec::new();
    let mut released_n = 0;
    for (label, g) in &classes {
        let spec = plan.classes.iter().find(|c| c.label == *label).unwrap();
        let asked = if spec.grade >= min_grade { u64::from(spec.n) } else { 0 };
        let shown = g["indicators"].get(id).map_or((0, asked), |r| band(&r["positives"]));
        released_n += u64::from(spec.n);
        parts.push(system.var(format!("{}/{label}", plan.code), asked, false, shown));
    }
    let withheld: Vec<&C> = plan.classes.iter().filter(|c| !classes.iter().any(|(l, _)| l == &c.label)).collect();
    if n > released_n {
        let asked: u64 = withheld.iter().filter(|c| c.grade >= min_grade).map(|c| u64::from(c.n)).sum();
        parts.push(system.var(
            format!("{} remainder", plan.code),
            asked,
            true,
            (0, if asked == 0 { 0 } else { n - released_n }),
        ));
    }
    system.sums.push(Sum { whole: school_var, parts });
}
