//! From stored counts to released figures: builds the disclosure tree of one school wave (the school
//! and its classes) with every indicator, the acute signal and the school's item distributions, and
//! hands it to the disclosure engine. Pure, so the rules around the engine are tested alone.
//!
//! Measures asked only from some grade up (the self-harm section from grade 7) are left out of the
//! younger classes' tallies: the engine reads that as "not asked" and keeps a whole's figure from
//! describing the few pupils who were (see `disclosure::positives`). The acute answer ("right now")
//! is a signal only: it is never an indicator, never an answer split, at any level.

use std::collections::BTreeMap;

use super::disclosure::{
    DisclosureError, GroupReport, GroupTally, K, Level, Noise, WaveState, disclose, disclose_apart, disclose_noisy,
};
use super::instrument::Instrument;

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
    /// The class's roll at wave time, which staff see on the wave page: the disclosure engine
    /// bands and suppresses with it (`None` only where nobody can see one).
    pub roll: Option<u32>,
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
    // The acute answer is a signal only: no item of a signal gets an answer split either.
    let signal_items: Vec<&str> = instrument
        .indicators()
        .iter()
        .filter(|i| instrument.is_signal_only(i.id()))
        .flat_map(|i| i.items().iter().map(String::as_str))
        .collect();
    let mut list: Vec<Measure> = instrument
        .indicators()
        .iter()
        .map(|i| {
            let min_grade = i.items().iter().filter_map(|item| section_grade(instrument, item)).max().unwrap_or(5);
            Measure { name: i.id().to_owned(), min_grade, acute: instrument.is_signal_only(i.id()) }
        })
        .collect();
    for section in instrument.sections() {
        for item in section.items().iter().filter(|item| !signal_items.contains(&item.id())) {
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

fn is_item(name: &str) -> bool {
    name.starts_with("item:")
}

fn class_count(class: &ClassCounts, name: &str) -> u32 {
    if let Some(rest) = name.strip_prefix("item:") {
        let (item, value) = rest.rsplit_once(':').unwrap_or((rest, ""));
        value.parse::<u8>().ok().and_then(|v| class.items.get(&(item.to_owned(), v)).copied()).unwrap_or(0)
    } else {
        class.indicators.get(name).copied().unwrap_or(0)
    }
}

/// Adds `measure`'s `count` to `tally`: an acute measure as the signal only, any other as an
/// indicator.
fn with_measure<Key>(tally: GroupTally<Key>, measure: &Measure, count: u32) -> GroupTally<Key> {
    if measure.acute { tally.with_acute(count) } else { tally.with_indicator(measure.name.clone(), count) }
}

/// A class's respondents and, when known, its roll: what suppression needs of it.
fn class_group(class: &ClassCounts) -> GroupTally<String> {
    let tally = GroupTally::new(Level::Class, class.key.clone(), class.respondents);
    match class.roll {
        Some(roll) => tally.with_roll(roll),
        None => tally,
    }
}

/// A class with every measure it was asked (none below a measure's grade: it was not asked), named
/// for the noise by its `wave` and itself: the same cell on every page that shows it.
fn class_tally(class: &ClassCounts, wave: &str, measures: &[Measure]) -> GroupTally<String> {
    let tally = class_group(class).with_cell_name(format!("{wave}/{}", class.key));
    measures
        .iter()
        .filter(|m| class.grade >= m.min_grade)
        .fold(tally, |tally, m| with_measure(tally, m, class_count(class, &m.name)))
}

/// A whole over `classes`, carrying each measure that at least one of them was asked.
fn whole_tally<'c>(
    level: Level,
    key: String,
    classes: impl Iterator<Item = &'c ClassCounts> + Clone,
    measures: &[Measure],
) -> GroupTally<String> {
    let total = classes.clone().map(|c| c.respondents).sum();
    let mut tally = GroupTally::new(level, key, total);
    for m in measures {
        let mut asked = classes.clone().filter(|c| c.grade >= m.min_grade).peekable();
        if asked.peek().is_some() {
            let count = asked.map(|c| class_count(c, &m.name)).sum();
            tally = with_measure(tally, m, count);
        }
    }
    tally
}

/// Builds and discloses the school → classes tree of `wave`, with `noise` on every class's
/// positives. Answer distributions are computed for every class (the school's band is the sum of
/// its classes') but released for the school only.
pub fn school_report(
    classes: &[ClassCounts],
    wave: &str,
    instrument: &Instrument,
    k: K,
    state: WaveState,
    noise: &Noise,
) -> Result<GroupReport<String>, DisclosureError<String>> {
    let all = measures(instrument);
    let school = whole_tally(Level::School, SCHOOL_KEY.to_owned(), classes.iter(), &all)
        .with_parts(classes.iter().map(|c| class_tally(c, wave, &all)).collect());
    Ok(disclose_noisy(&school, k, state, noise)?.without_part_indicators(is_item))
}

/// The lowest grade asked any item of an indicator (structural zeros below it).
pub fn indicator_min_grade(instrument: &Instrument, indicator: &str) -> u8 {
    measures(instrument).into_iter().find(|m| m.name == indicator).map_or(5, |m| m.min_grade)
}

/// What was counted for one school of a region overview: its classes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolCounts {
    /// The school's key (its id).
    pub key: String,
    /// The wave counted for the school (its id): with the class, it names a class's noise.
    pub wave: String,
    /// Its classes in the wave counted for the overview.
    pub classes: Vec<ClassCounts>,
}

/// The key of the region group in region reports.
pub const REGION_KEY: &str = "region";

/// The keys of the classes of `school` that its own pages release: the groups a signal may name.
/// Suppression depends on respondents, rolls and keys only, so this is exactly what
/// [`school_report`] releases of the same wave.
pub fn released_classes(school: &SchoolCounts, k: K) -> Result<Vec<String>, DisclosureError<String>> {
    let parts = school.classes.iter().map(class_group).collect();
    let total = school.classes.iter().map(|c| c.respondents).sum();
    let tally = GroupTally::new(Level::School, SCHOOL_KEY.to_owned(), total).with_parts(parts);
    let report = disclose(&tally, k, WaveState::Closed)?;
    Ok(report.parts().iter().filter(|p| p.figures().is_some()).map(|p| p.key().clone()).collect())
}

/// Builds and discloses region → schools → classes for a closed-wave overview, each school exactly as
/// its own page discloses it ([`disclose_apart`]), with the same `noise`. The overview compares
/// schools on indicators; answer distributions stay on each school's page.
pub fn region_report(
    schools: &[SchoolCounts],
    instrument: &Instrument,
    k: K,
    noise: &Noise,
) -> Result<GroupReport<String>, DisclosureError<String>> {
    let all: Vec<Measure> = measures(instrument).into_iter().filter(|m| !is_item(&m.name)).collect();
    let school_tallies = schools
        .iter()
        .map(|school| {
            whole_tally(Level::School, school.key.clone(), school.classes.iter(), &all)
                .with_parts(school.classes.iter().map(|c| class_tally(c, &school.wave, &all)).collect())
        })
        .collect();
    let every_class = schools.iter().flat_map(|s| s.classes.iter());
    let region = whole_tally(Level::Region, REGION_KEY.to_owned(), every_class, &all).with_parts(school_tallies);
    disclose_apart(region, k, noise)
}

#[cfg(test)]
mod tests;
