//! The engine's input: exact, unreleased counts for a tree of groups.
//!
//! A [`GroupTally`] holds raw figures straight from the aggregation queries. It is deliberately not
//! `Serialize`, and its `Debug` leaves the counts out (a `tracing` field is a place figures reach a
//! person too): the only way from a tally to anything a person sees is [`super::disclose`].

use std::collections::BTreeMap;

use super::level::Level;

/// Exact counts for one group and, through its parts, for the groups it is broken down into.
///
/// Why: the suppression rules must see a whole together with every breakdown shown beside it (a
/// region with its schools and their classes; a school with its grades and their classes), because
/// a figure hidden at one level can be recomputed from another.
///
/// The parts must not hold more respondents than the whole. When they hold fewer (a filter, or a
/// breakdown that leaves some respondents out), the difference is the breakdown's remainder: it must
/// be 0 or at least `k`, otherwise the whole view is refused (docs/privacy.md promise 3).
///
/// Every indicator count and the acute count are out of the group's respondents (a pupil who skipped
/// an indicator's items counts as not positive).
///
/// A group may carry its roll (its number of pupils), which staff see beside its figures: a public
/// upper bound on its respondents, so the engine must reason with it (see `participation` and
/// `slack`).
#[derive(Clone, PartialEq, Eq)]
pub struct GroupTally<Key> {
    level: Level,
    key: Key,
    respondents: u32,
    roll: Option<u32>,
    indicators: BTreeMap<String, u32>,
    acute: Option<u32>,
    cell_name: Option<String>,
    parts: Vec<GroupTally<Key>>,
}

impl<Key> GroupTally<Key> {
    /// A group at `level`, identified by the caller's `key`, with `respondents` responses.
    pub fn new(level: Level, key: Key, respondents: u32) -> Self {
        Self {
            level,
            key,
            respondents,
            roll: None,
            indicators: BTreeMap::new(),
            acute: None,
            cell_name: None,
            parts: Vec::new(),
        }
    }

    /// Adds the group's roll: how many pupils it has, as the pages that show it say. Give it for
    /// every class whose roll staff can see; a group without one is banded as if its roll were
    /// unknown, which is right only when nobody can see it. On a whole it bounds the whole's
    /// remainder (its roll less its parts' rolls).
    #[must_use]
    pub fn with_roll(mut self, roll: u32) -> Self {
        self.roll = Some(roll);
        self
    }

    /// Adds the number of respondents meeting indicator `name` (such as `bullying_victim`).
    #[must_use]
    pub fn with_indicator(mut self, name: impl Into<String>, positives: u32) -> Self {
        self.indicators.insert(name.into(), positives);
        self
    }

    /// Adds the number of acute-risk answers ("right now" item); leave it out where the item was
    /// not asked (below the instrument's minimum grade).
    #[must_use]
    pub fn with_acute(mut self, count: u32) -> Self {
        self.acute = Some(count);
        self
    }

    /// Names the group for the noise on its released figures (see `noise`): a name that no other
    /// group of any view shares, and the same in every view of this group (such as its wave and
    /// class). Only groups without parts need one; a withheld remainder is named by its groups.
    #[must_use]
    pub fn with_cell_name(mut self, name: impl Into<String>) -> Self {
        self.cell_name = Some(name.into());
        self
    }

    /// The name of the group for the noise, if its caller gave one.
    pub fn cell_name(&self) -> Option<&str> {
        self.cell_name.as_deref()
    }

    /// Adds the groups this one is broken down into, shown together with it.
    #[must_use]
    pub fn with_parts(mut self, parts: Vec<GroupTally<Key>>) -> Self {
        self.parts.extend(parts);
        self
    }

    /// The group's level.
    pub fn level(&self) -> Level {
        self.level
    }

    /// The caller's identifier for the group.
    pub fn key(&self) -> &Key {
        &self.key
    }

    /// The exact number of respondents (unreleased).
    pub fn respondents(&self) -> u32 {
        self.respondents
    }

    /// The group's roll, when the caller gave it.
    pub fn roll(&self) -> Option<u32> {
        self.roll
    }

    /// Exact positives per indicator (unreleased).
    pub fn indicators(&self) -> &BTreeMap<String, u32> {
        &self.indicators
    }

    /// The exact acute count, if the acute item was asked (unreleased).
    pub fn acute(&self) -> Option<u32> {
        self.acute
    }

    /// The groups this one is broken down into.
    pub fn parts(&self) -> &[GroupTally<Key>] {
        &self.parts
    }

    /// Level, key, respondents, indicator counts, acute count and parts, by value.
    #[allow(clippy::type_complexity)]
    pub(super) fn into_pieces(self) -> (Level, Key, u32, BTreeMap<String, u32>, Option<u32>, Vec<GroupTally<Key>>) {
        (self.level, self.key, self.respondents, self.indicators, self.acute, self.parts)
    }
}

impl<Key: std::fmt::Debug> std::fmt::Debug for GroupTally<Key> {
    /// Level, key, indicator names and parts; never a count.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GroupTally")
            .field("level", &self.level)
            .field("key", &self.key)
            .field("indicators", &self.indicators.keys().collect::<Vec<_>>())
            .field("parts", &self.parts)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_shows_no_count() {
        let class = GroupTally::new(Level::Class, "class-a", 3).with_indicator("bullying_victim", 2).with_acute(1);
        let shown = format!("{class:?}");
        assert!(shown.contains("class-a") && shown.contains("bullying_victim"), "{shown}");
        assert!(!shown.chars().any(|c| c.is_ascii_digit()), "{shown}");
    }
}
