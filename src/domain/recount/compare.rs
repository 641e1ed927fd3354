//! The recount of one wave from its responses, and its comparison with the counters as stored.

use std::collections::BTreeMap;

use super::counter::{Counter, CounterSet};
use super::tally::{Tallies, decode_stored};
use crate::domain::instrument::{Grade, Instrument};

/// What the recount needs to know about a wave besides its responses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WaveFacts {
    /// Single-use codes: every stored response spent one.
    pub codes: bool,
    /// Its counts were materialised at close (so item and indicator counts must match too).
    pub aggregated: bool,
    /// Grade of each class taking part (class id → grade), frozen when the wave opened.
    pub grades: BTreeMap<String, u8>,
}

/// A difference between what is stored and what the responses say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// A counter that differs from its recount.
    Mismatch {
        /// The counter.
        counter: Counter,
        /// Its stored value (0 when no row holds it).
        stored: u64,
        /// What the responses add up to.
        recounted: u64,
    },
    /// Responses of a class that cannot be counted (not JSON, or not fitting the instrument or grade).
    Unreadable {
        /// Class id.
        class: String,
        /// How many.
        responses: u64,
    },
}

/// The counters a wave should hold given its responses (`(class id, answers JSON)` pairs), and the
/// responses that could not be read. Item and indicator counts are recounted only for an aggregated
/// wave, and need its `instrument`.
pub fn recount<'a>(
    facts: &WaveFacts,
    instrument: Option<&Instrument>,
    responses: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> (CounterSet, Vec<Finding>) {
    let mut tallies = Tallies::default();
    let mut unreadable: BTreeMap<String, u64> = BTreeMap::new();
    let mut counted: BTreeMap<String, u64> = BTreeMap::new();
    for (class, json) in responses {
        *counted.entry(class.to_owned()).or_default() += 1;
        let Some(instrument) = instrument.filter(|_| facts.aggregated) else { continue };
        let grade = facts.grades.get(class).copied().and_then(Grade::from_number);
        match grade.map(|grade| decode_stored(instrument, grade, json)) {
            Some(Ok(answers)) => tallies.add(instrument, class, &answers),
            _ => *unreadable.entry(class.to_owned()).or_default() += 1,
        }
    }
    let mut counters = CounterSet::new();
    for (class, n) in counted {
        if facts.codes {
            counters.insert(Counter::UsedCodes { class: class.clone() }, n);
        }
        counters.insert(Counter::ClassResponses { class }, n);
    }
    for ((class, item, option), n) in tallies.items {
        counters.insert(Counter::ItemOption { class, item, option }, u64::from(n));
    }
    for ((class, indicator), (positives, answered)) in tallies.indicators {
        let positive = Counter::IndicatorPositives { class: class.clone(), indicator: indicator.clone() };
        counters.insert(positive, u64::from(positives));
        counters.insert(Counter::IndicatorAnswered { class, indicator }, u64::from(answered));
    }
    let findings = unreadable.into_iter().map(|(class, responses)| Finding::Unreadable { class, responses }).collect();
    (counters, findings)
}

/// Every counter whose stored value differs from its recount, in counter order; absent means zero.
pub fn compare(stored: &CounterSet, recounted: &CounterSet) -> Vec<Finding> {
    let mut keys: Vec<&Counter> = stored.keys().chain(recounted.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|counter| {
            let stored = stored.get(counter).copied().unwrap_or(0);
            let recounted = recounted.get(counter).copied().unwrap_or(0);
            (stored != recounted).then(|| Finding::Mismatch { counter: counter.clone(), stored, recounted })
        })
        .collect()
}

#[cfg(test)]
#[path = "compare_tests.rs"]
mod tests;
