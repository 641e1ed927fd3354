//! From stored counts to released figures: builds the disclosure tree of one school wave (the school
//! and its classes) with every indicator, the acute signal and the school's item distributions, and
//! hands it to the disclosure engine. Pure, so the rules around the engine are tested alone.
//!
//! Measures asked only from some grade up (the self-harm section from grade 7) have structural zeros in
//! younger classes. A school figure for such a measure is left out when the hidden classes old enough
//! to be asked hold between 1 and k-1 respondents, since the school total minus the released classes
//! would otherwise give those few pupils' answers away.

use std::collections::{BTreeMap, BTreeSet};

use super::disclosure::{DisclosureError, GroupReport, GroupTally, K, Level, WaveState, disclose};
use super::instrument::{FlagMethod, Instrument};

/// The key of the school group in reports.
pub const SCHOOL_KEY: &str = "school";

/// What was counted for one class of a closed (or open) wave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassCounts {
    /// The class id (the report key of the class).
    pub key: String,
    /// Grade at wave time.
    pub grade: u8,
    /// Respondents.
    pub respondents: u32,
    /// Positives per indicator id.
    pub indicators: BTreeMap<String, u32>,
    /// Respondents per (item id, option value).
    pub items: BTreeMap<(String, u8), u32>,
}

/// The pseudo-indicator name under which an item option's share is released at school level.
pub fn item_measure(item: &str, value: u8) -> String {
    format!("item:{item}:{value}")
}

/// A measure and the lowest grade it is asked from.
struct Measure {
    name: String,
    min_grade: u8,
    acute: bool,
}

fn measures(instrument: &Instrument) -> Vec<Measure> {
    let acute: Vec<&str> = instrument
        .flag_rules()
        .iter()
        .filter(|r| matches!(r.method(), FlagMethod::Any))
        .map(|r| r.indicator())
        .collect();
    let mut list: Vec<Measure> = instrument
        .indicators()
        .iter()
        .map(|i| {
            let min_grade = i.items().iter().filter_map(|item| section_grade(instrument, item)).max().unwrap_or(5);
            Measure { name: i.id().to_owned(), min_grade, acute: acute.contains(&i.id()) }
        })
        .collect();
    for section in instrument.sections() {
        for item in section.items() {
            for choice in item.choices() {
                list.push(Measure {
                    name: item_measure(item.id(), choice.value()),
                    min_grade: section.min_grade().get(),
                    acute: false,
                });
            }
        }
    }
    list
}

fn section_grade(instrument: &Instrument, item: &str) -> Option<u8> {
    instrument.sections().iter().find(|s| s.items().iter().any(|i| i.id() == item)).map(|s| s.min_grade().get())
}

fn class_count(class: &ClassCounts, name: &str) -> u32 {
    if let Some(rest) = name.strip_prefix("item:") {
        let (item, value) = rest.rsplit_once(':').unwrap_or((rest, ""));
        value.parse::<u8>().ok().and_then(|v| class.items.get(&(item.to_owned(), v)).copied()).unwrap_or(0)
    } else {
        class.indicators.get(name).copied().unwrap_or(0)
    }
}

fn class_tally(class: &ClassCounts, measures: &[Measure]) -> GroupTally<String> {
    let mut tally = GroupTally::new(Level::Class, class.key.clone(), class.respondents);
    for m in measures.iter().filter(|m| class.grade >= m.min_grade && !m.name.starts_with("item:")) {
        let count = class_count(class, &m.name);
        tally = if m.acute {
            tally.with_indicator(m.name.clone(), count).with_acute(count)
        } else {
            tally.with_indicator(m.name.clone(), count)
        };
    }
    tally
}

/// Builds and discloses the school → classes tree of one wave.
pub fn school_report(
    classes: &[ClassCounts],
    instrument: &Instrument,
    k: K,
    state: WaveState,
) -> Result<GroupReport<String>, DisclosureError<String>> {
    let total: u32 = classes.iter().map(|c| c.respondents).sum();
    let bare = |parts| GroupTally::new(Level::School, SCHOOL_KEY.to_owned(), total).with_parts(parts);
    // Suppression depends on respondents only, so a first pass tells which classes stay hidden.
    let first = disclose(
        &bare(classes.iter().map(|c| GroupTally::new(Level::Class, c.key.clone(), c.respondents)).collect()),
        k,
        state,
    )?;
    let hidden: Vec<&ClassCounts> =
        classes.iter().filter(|c| first.parts().iter().any(|p| p.key() == &c.key && p.figures().is_none())).collect();
    let all = measures(instrument);
    let mut school = bare(classes.iter().map(|c| class_tally(c, &all)).collect());
    for m in &all {
        let eligible: Vec<&ClassCounts> = classes.iter().filter(|c| c.grade >= m.min_grade).collect();
        let hidden_eligible: u32 = hidden.iter().filter(|c| c.grade >= m.min_grade).map(|c| c.respondents).sum();
        let hidden_any: u32 = hidden.iter().map(|c| c.respondents).sum();
        let exposes_few = hidden_eligible > 0 && hidden_eligible < k.get() && hidden_eligible != hidden_any;
        if eligible.is_empty() || exposes_few {
            continue;
        }
        let count = eligible.iter().map(|c| class_count(c, &m.name)).sum();
        school = school.with_indicator(m.name.clone(), count);
        if m.acute {
            school = school.with_acute(count);
        }
    }
    disclose(&school, k, state)
}

/// The lowest grade asked any item of an indicator (structural zeros below it).
pub fn indicator_min_grade(instrument: &Instrument, indicator: &str) -> u8 {
    measures(instrument).into_iter().find(|m| m.name == indicator).map_or(5, |m| m.min_grade)
}

/// Respondents of the other schools who were asked `indicator`: a school may compare itself with the
/// region only when this is 0 or at least k, or the region minus the school would describe fewer than k.
pub fn others_eligible(schools: &[SchoolCounts], own: &str, instrument: &Instrument, indicator: &str) -> u32 {
    let min = indicator_min_grade(instrument, indicator);
    schools
        .iter()
        .filter(|s| s.key != own)
        .flat_map(|s| s.classes.iter())
        .filter(|c| c.grade >= min)
        .map(|c| c.respondents)
        .sum()
}

/// What was counted for one school of a region overview: its classes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolCounts {
    /// The school's key (its id).
    pub key: String,
    /// Its classes in the wave counted for the overview.
    pub classes: Vec<ClassCounts>,
}

/// The key of the region group in region reports.
pub const REGION_KEY: &str = "region";

fn hidden_keys(report: &GroupReport<String>, out: &mut BTreeSet<String>) {
    for part in report.parts() {
        if part.figures().is_none() {
            out.insert(part.key().clone());
        }
        hidden_keys(part, out);
    }
}

/// Builds and discloses region → schools → classes for a closed-wave overview. The same guard as for
/// a school applies at both levels: a school's restricted measure is left out when its hidden eligible
/// classes hold 1..k-1 respondents, and the region's when the eligible respondents of hidden classes in
/// schools that do not show the measure (hidden, or left out) hold 1..k-1.
pub fn region_report(
    schools: &[SchoolCounts],
    instrument: &Instrument,
    k: K,
) -> Result<GroupReport<String>, DisclosureError<String>> {
    let bare_school = |s: &SchoolCounts| {
        let n = s.classes.iter().map(|c| c.respondents).sum();
        GroupTally::new(Level::School, s.key.clone(), n)
            .with_parts(s.classes.iter().map(|c| GroupTally::new(Level::Class, c.key.clone(), c.respondents)).collect())
    };
    let total: u32 = schools.iter().flat_map(|s| s.classes.iter()).map(|c| c.respondents).sum();
    let first = disclose(
        &GroupTally::new(Level::Region, REGION_KEY.to_owned(), total)
            .with_parts(schools.iter().map(bare_school).collect()),
        k,
        WaveState::Closed,
    )?;
    // A set: it is asked once per class and measure, and a region hides hundreds of classes.
    let mut hidden = BTreeSet::new();
    hidden_keys(&first, &mut hidden);
    // The overview compares schools on indicators; answer distributions stay on each school's page.
    let all: Vec<Measure> = measures(instrument).into_iter().filter(|m| !m.name.starts_with("item:")).collect();
    let mut region = GroupTally::new(Level::Region, REGION_KEY.to_owned(), total);
    let mut school_tallies = Vec::new();
    let mut unshown: BTreeMap<&str, u32> = BTreeMap::new();
    for school in schools {
        let n = school.classes.iter().map(|c| c.respondents).sum();
        let mut tally = GroupTally::new(Level::School, school.key.clone(), n)
            .with_parts(school.classes.iter().map(|c| class_tally(c, &all)).collect());
        let school_hidden = hidden.contains(&school.key);
        for m in &all {
            let eligible: Vec<&ClassCounts> = school.classes.iter().filter(|c| c.grade >= m.min_grade).collect();
            let hidden_eligible: u32 = eligible.iter().filter(|c| hidden.contains(&c.key)).map(|c| c.respondents).sum();
            let hidden_any: u32 =
                school.classes.iter().filter(|c| hidden.contains(&c.key)).map(|c| c.respondents).sum();
            let exposes_few = hidden_eligible > 0 && hidden_eligible < k.get() && hidden_eligible != hidden_any;
            if school_hidden || eligible.is_empty() || exposes_few {
                *unshown.entry(m.name.as_str()).or_default() += hidden_eligible;
                continue;
            }
            let count = eligible.iter().map(|c| class_count(c, &m.name)).sum();
            tally = tally.with_indicator(m.name.clone(), count);
            if m.acute {
                tally = tally.with_acute(count);
            }
        }
        school_tallies.push(tally);
    }
    for m in &all {
        let exposed = unshown.get(m.name.as_str()).copied().unwrap_or(0);
        let eligible_anywhere = schools.iter().any(|s| s.classes.iter().any(|c| c.grade >= m.min_grade));
        if !eligible_anywhere || (exposed > 0 && exposed < k.get()) {
            continue;
        }
        let count = schools
            .iter()
            .flat_map(|s| s.classes.iter())
            .filter(|c| c.grade >= m.min_grade)
            .map(|c| class_count(c, &m.name))
            .sum();
        region = region.with_indicator(m.name.clone(), count);
        if m.acute {
            region = region.with_acute(count);
        }
    }
    disclose(&region.with_parts(school_tallies), k, WaveState::Closed)
}

#[cfg(test)]
mod tests;
