//! What the bench looks at, chosen from the synthetic data before the clock starts: the region with
//! the most schools, its school with the most classes and that school's latest closed wave, one
//! staff account for each and a national analyst (created with `ahual user add`, or given a new password with `ahual user
//! passwd` when an earlier run made it), exactly as an operator would.

use std::collections::BTreeMap;
use std::path::Path;

use ahual::db::schools::{self, SchoolFilter};
use ahual::db::{DbConnection, region_counts, waves};
use ahual::domain::region::RegionCode;
use ahual::domain::school::School;

use super::common::cli;

/// The password of both bench accounts (they live only in a bench database).
const PASSWORD: &str = "pages-bench-password";

/// A signed-in role's login and password.
pub struct Account {
    /// Login name.
    pub login: String,
    /// Password.
    pub password: String,
}

/// The pages to time and who looks at them.
pub struct Subjects {
    /// The region with the most schools.
    pub region: RegionCode,
    /// Schools in that region.
    pub region_schools: usize,
    /// Classes in the region's overview (each school's latest closed wave of the same version).
    pub region_classes: usize,
    /// The school of the dashboard.
    pub school: School,
    /// Its classes.
    pub school_classes: i64,
    /// Its latest closed wave.
    pub wave: String,
    /// A psychologist of `school`.
    pub psychologist: Account,
    /// Centre staff of `region`.
    pub centre: Account,
    /// A national analyst.
    pub national: Account,
}

/// Chooses the region, school and wave, and makes sure both accounts exist with [`PASSWORD`].
pub fn choose(conn: &mut DbConnection, url: &str, dir: &Path) -> anyhow::Result<Subjects> {
    let all = schools::list(conn, SchoolFilter::All)?;
    let mut by_region: BTreeMap<String, Vec<&ahual::domain::school::SchoolSummary>> = BTreeMap::new();
    for summary in &all {
        by_region.entry(summary.school.region.as_str().to_owned()).or_default().push(summary);
    }
    let (_, in_region) = by_region
        .iter()
        .max_by_key(|(code, list)| (list.len(), std::cmp::Reverse(code.as_str())))
        .ok_or_else(|| anyhow::anyhow!("the database holds no schools: fill it with `ahual synth` first"))?;
    let largest = in_region
        .iter()
        .max_by_key(|s| (s.class_count, std::cmp::Reverse(s.school.code.as_str())))
        .ok_or_else(|| anyhow::anyhow!("a region without schools"))?;
    let school = largest.school.clone();
    let wave = waves::list_for_school(conn, school.id)?
        .into_iter()
        .find(|w| w.closed)
        .ok_or_else(|| anyhow::anyhow!("school {} has no closed wave", school.code))?;
    let region = school.region.clone();
    let counts = region_counts::latest(conn, &region, &wave.instrument)?;
    let region_classes = counts.schools.iter().map(|s| s.classes.len()).sum();
    let psychologist =
        Account { login: format!("bench-psy-{}", school.code.as_str().to_lowercase()), password: PASSWORD.into() };
    ensure_account(url, dir, &psychologist, &["--role", "psychologist", "--school", school.code.as_str()])?;
    let centre =
        Account { login: format!("bench-centre-{}", region.as_str().to_lowercase()), password: PASSWORD.into() };
    ensure_account(url, dir, &centre, &["--role", "centre_staff", "--region", region.as_str()])?;
    let national = Account { login: "bench-national".into(), password: PASSWORD.into() };
    ensure_account(url, dir, &national, &["--role", "national"])?;
    Ok(Subjects {
        region_schools: in_region.len(),
        region_classes,
        region,
        school_classes: largest.class_count,
        school,
        wave: wave.id.to_string(),
        psychologist,
        centre,
        national,
    })
}

/// Creates the account, or resets its password when an earlier run created it.
fn ensure_account(url: &str, dir: &Path, account: &Account, scope: &[&str]) -> anyhow::Result<()> {
    let stdin = format!("{}\n", account.password);
    let mut args = vec!["user", "add", account.login.as_str(), "--name", "Bench"];
    args.extend_from_slice(scope);
    if cli::run(url, dir, &args, Some(&stdin)).is_err() {
        cli::run(url, dir, &["user", "passwd", &account.login], Some(&stdin))?;
    }
    Ok(())
}
