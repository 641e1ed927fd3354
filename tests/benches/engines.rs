//! `cargo bench --bench engines`: the pure engines on national-scale shapes, timed in release.
//! Targets (issue #6): disclosure of a region of 500 schools × 30 classes well under 50 ms (as one
//! tree, and apart as the region overview discloses it, the tally's copy included, with and without
//! the noise the server adds); flags for
//! a region wave of 30,000 classes at most 1 s. Prints a table and exits non-zero if a target is missed.

use std::time::{Duration, Instant};

use ahual::domain::disclosure::{GroupTally, K, Level, Noise, NoiseKey, WaveState, disclose, disclose_apart};
use ahual::domain::statistics::{ClassCount, FlagCriterion, FlagSettings, classify};

/// A small deterministic generator, so every run measures the same shapes.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self, below: u32) -> u32 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        u32::try_from((self.0 >> 33) % u64::from(below)).unwrap_or(0)
    }
}

fn region(schools: u32, classes: u32) -> GroupTally<String> {
    let mut seq = Sequence(7);
    let indicators = [
        "bullying_victim",
        "cyberbullying_victim",
        "staff_aggression",
        "feels_unsafe",
        "low_mood",
        "suicidal_ideation",
    ];
    let group = |level, key: String, n: u32, seq: &mut Sequence| {
        let acute = u32::from(n > 0 && seq.next(40) == 0);
        indicators.iter().fold(GroupTally::new(level, key, n).with_acute(acute), |g, name| {
            g.with_indicator(*name, n * seq.next(30) / 100)
        })
    };
    let parts: Vec<GroupTally<String>> = (0..schools)
        .map(|s| {
            let class_parts: Vec<GroupTally<String>> = (0..classes)
                .map(|c| {
                    let n = if seq.next(8) == 0 { seq.next(10) } else { 15 + seq.next(20) };
                    group(Level::Class, format!("{s}-{c}"), n, &mut seq).with_cell_name(format!("wave-{s}/{s}-{c}"))
                })
                .collect();
            whole(Level::School, format!("{s}"), class_parts, &indicators)
        })
        .collect();
    whole(Level::Region, "region".into(), parts, &indicators)
}

/// A whole of `parts` whose respondents, indicator counts and acute count are the sums of theirs.
fn whole(level: Level, key: String, parts: Vec<GroupTally<String>>, indicators: &[&str]) -> GroupTally<String> {
    let n = parts.iter().map(GroupTally::respondents).sum();
    let acute = parts.iter().filter_map(GroupTally::acute).sum();
    let sum = |name: &str| parts.iter().filter_map(|p| p.indicators().get(name)).sum::<u32>();
    let tally = indicators
        .iter()
        .fold(GroupTally::new(level, key, n).with_acute(acute), |g, name| g.with_indicator(*name, sum(name)));
    tally.with_parts(parts)
}

fn fastest_of<T>(runs: usize, mut work: impl FnMut() -> T) -> Duration {
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(work());
            started.elapsed()
        })
        .min()
        .unwrap_or(Duration::MAX)
}

fn main() {
    let tally = region(500, 30);
    if let Err(error) = disclose(&tally, K::default(), WaveState::Closed) {
        eprintln!("the benchmark region is invalid: {error}");
        std::process::exit(2);
    }
    let disclosure = fastest_of(5, || disclose(&tally, K::default(), WaveState::Closed).is_ok());
    let apart = fastest_of(5, || disclose_apart(tally.clone(), K::default(), &Noise::none()).is_ok());
    let noise = Noise::keyed(&NoiseKey::from_bytes([7; 16]));
    let noisy = fastest_of(5, || disclose_apart(tally.clone(), K::default(), &noise).is_ok());
    let mut seq = Sequence(11);
    let counts: Vec<ClassCount<usize>> = (0..30_000)
        .filter_map(|i| {
            let n = 15 + seq.next(20);
            ClassCount::new(i, seq.next(n.min(6) + 1), n).ok()
        })
        .collect();
    let rule = FlagCriterion::binomial(0.068).unwrap_or_else(|_| FlagCriterion::any());
    let settings = FlagSettings::new(10);
    let flags = fastest_of(5, || classify(&counts, &rule, &settings).len());
    let rows = [
        ("disclosure, region of 500 schools x 30 classes", disclosure, Duration::from_millis(50)),
        ("disclosure apart (region overview), same region", apart, Duration::from_millis(50)),
        ("disclosure apart with noise (as served), same region", noisy, Duration::from_millis(50)),
        ("flags, region wave of 30,000 classes", flags, Duration::from_secs(1)),
    ];
    println!("{:<50} {:>12} {:>10}", "benchmark", "fastest", "target");
    let mut missed = false;
    for (name, took, target) in rows {
        println!(
            "{name:<50} {:>10.2}ms {:>8}ms{}",
            took.as_secs_f64() * 1e3,
            target.as_millis(),
            if took > target { "  MISSED" } else { "" }
        );
        missed |= took > target;
    }
    if missed {
        std::process::exit(1);
    }
}
