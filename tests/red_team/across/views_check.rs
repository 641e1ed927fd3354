//! The checks that need no solving: what a counted wave, a trend, a reference line and a region page
//! must show at every look.

use super::attack::K;
use super::reading::{Findings, Read, Reading, same_row, school_row};

/// Checks that need no solving: a counted wave reads the same at every look, a trend shows only
/// waves over the same classes and reads as they do, a region reference line reads as the region,
/// a region page shows every released school as its own pages do and nothing of a withheld one, and
/// every remainder and pool is 0 or at least k.
pub(super) fn check_views(findings: &mut Findings, reading: &Reading<'_>) {
    for (at, wave) in reading.waves.iter().enumerate() {
        let seen: Vec<&Read> = reading.reads.iter().filter_map(|r| r[at].as_ref()).collect();
        for later in seen.iter().skip(1) {
            findings.check(
                later.figures == seen[0].figures && later.page.distributions == seen[0].page.distributions,
                || format!("{}: a counted wave's figures moved between looks", wave.key),
            );
        }
        for read in &seen {
            let f = &read.figures;
            if let Some(school) = &f.school {
                let released: u64 = f.classes.values().map(|g| g.n).sum();
                let rest = school.n - released;
                findings.check(rest == 0 || rest >= K, || format!("{}: a remainder of {rest}", wave.key));
            }
            for (label, g) in
                f.classes.iter().map(|(l, g)| (l.as_str(), g)).chain(f.school.iter().map(|g| ("school", g)))
            {
                findings.check(g.n >= K, || format!("{}: {label} released with {} respondents", wave.key, g.n));
            }
            for (day, points) in &read.page.trends {
                let Some((other_at, other)) = reading
                    .waves
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.school.id == wave.school.id)
                    .find_map(|(i, _)| {
                        reading.reads.iter().find_map(|r| r[i].as_ref()).filter(|r| &r.closes_on == day).map(|r| (i, r))
                    })
                else {
                    findings
                        .check(false, || format!("{}: a trend point of {day} matches no wave of the school", wave.key));
                    continue;
                };
                let same = reading.waves[other_at].plan.labels() == wave.plan.labels();
                findings.check(same, || {
                    format!(
                        "{}: its trend sets it next to {} over other classes",
                        wave.key, reading.waves[other_at].key
                    )
                });
                for (id, (shown, ci)) in points {
                    let rate = other.figures.school.as_ref().and_then(|s| s.rates.get(id));
                    let ok = rate.is_some_and(|r| {
                        &r.percent == shown
                            && (r.ci.0.parse::<f64>().unwrap() - ci.0).abs() < 0.05
                            && (r.ci.1.parse::<f64>().unwrap() - ci.1).abs() < 0.05
                    });
                    findings.check(ok, || {
                        format!("{}: trend point {day} {id} reads {shown} {ci:?}, its wave {rate:?}", wave.key)
                    });
                }
            }
        }
    }
    for (look, regions) in reading.regions.iter().enumerate() {
        for ((region, period), rows) in regions {
            let Some(whole) = rows.first() else { continue };
            let shown: u64 = rows.iter().skip(1).map(|r| r.group.n).sum();
            let pool = whole.group.n - shown;
            findings.check(pool == 0 || pool >= K, || {
                format!("{region} {period} look {look}: region minus its schools is {pool}")
            });
            for (at, wave) in reading.waves.iter().enumerate() {
                if wave.school.plan.region != region || &wave.plan.when.period().id() != period {
                    continue;
                }
                let row = school_row(rows, wave.school.plan.code);
                match reading.reads[look][at].as_ref().map(|r| &r.figures.school) {
                    Some(Some(school)) => findings.check(row.is_some_and(|r| same_row(&r.group, school)), || {
                        format!("{} look {look}: the region page shows {row:?}, its own pages {school:?}", wave.key)
                    }),
                    _ => findings.check(row.is_none(), || {
                        format!(
                            "{} look {look}: shown in the region, withheld or not counted on its own pages",
                            wave.key
                        )
                    }),
                }
            }
            // Reference lines on the psychologists' pages of the period's waves read as the region.
            for (at, wave) in reading.waves.iter().enumerate() {
                let Some(read) = reading.reads[look][at].as_ref() else { continue };
                if wave.school.plan.region != region || &wave.plan.when.period().id() != period {
                    continue;
                }
                for (id, lines) in &read.page.references {
                    for line in lines.iter().filter_map(|l| l.strip_prefix("Whole region ")) {
                        let ok = whole.group.rates.get(id).is_some_and(|r| r.percent == line);
                        findings.check(ok, || {
                            format!(
                                "{}: its {id} reference reads {line}, the region {:?}",
                                wave.key,
                                whole.group.rates.get(id)
                            )
                        });
                    }
                }
            }
        }
    }
}
