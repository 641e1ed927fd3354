//! The engine's output: one [`GroupReport`] per group, in the tree the caller asked for.
//!
//! Serialised for the API as
//! `{"level": "class", "key": ..., "respondents": 23 | "10-19" | null, "released": bool,
//!   "indicators": {...}, "acute": "≥1" | "none", "parts": [...]}`:
//! * a released group (closed wave) shows its exact respondents, `"released": true`, its indicators
//!   and, where the acute item was asked, the acute signal;
//! * while a wave is open every group shows a participation band and `"released": false`;
//! * a withheld group shows `"respondents": null`, `"released": false` and nothing else. Not even
//!   "<k": telling a group below `k` from one hidden only to protect another would hand the reader
//!   bounds to combine with the sums.

use serde::Serialize;

use super::acute::AcuteSignal;
use super::indicators::Indicators;
use super::level::Level;
use super::participation::ParticipationBand;
use super::rate::Rate;
use super::released::Released;

/// The content figures of a released group in a closed wave.
///
/// Promises: only built for a group with at least `k` respondents that suppression released.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupFigures {
    respondents: u32,
    indicators: Indicators,
    #[serde(skip_serializing_if = "Option::is_none")]
    acute: Option<AcuteSignal>,
}

impl GroupFigures {
    /// Figures of a group that suppression has just released.
    pub(super) fn new(respondents: u32, indicators: Indicators, acute: Option<AcuteSignal>) -> Self {
        Self { respondents, indicators, acute }
    }

    /// Exact respondents (at least `k`).
    pub fn respondents(&self) -> u32 {
        self.respondents
    }

    /// The released rate of indicator `name`, if the instrument has it.
    pub fn indicator(&self, name: &str) -> Option<&Rate> {
        self.indicators.get(name)
    }

    /// Every released rate, by indicator name.
    pub fn indicators(&self) -> &Indicators {
        &self.indicators
    }

    /// The acute signal, if the acute item was asked in this group.
    pub fn acute(&self) -> Option<AcuteSignal> {
        self.acute
    }
}

/// What may be shown about one group.
#[derive(Debug, Clone, PartialEq)]
pub enum Disclosed {
    /// Closed wave, released: content figures.
    Figures(Released<GroupFigures>),
    /// Open wave: the respondent band and nothing else.
    Participation(Released<ParticipationBand>),
    /// Nothing may be shown.
    Withheld,
}

/// One group of a view, with its parts.
///
/// Promises: built only by the engine; the figures it carries are the ones released for exactly
/// this level and key.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupReport<Key> {
    level: Level,
    key: Key,
    disclosed: Disclosed,
    parts: Vec<GroupReport<Key>>,
}

impl<Key> GroupReport<Key> {
    /// One group of the view, with what may be shown about it and its parts.
    pub(super) fn new(level: Level, key: Key, disclosed: Disclosed, parts: Vec<Self>) -> Self {
        Self { level, key, disclosed, parts }
    }

    /// The group's level.
    pub fn level(&self) -> Level {
        self.level
    }

    /// The caller's identifier of the group.
    pub fn key(&self) -> &Key {
        &self.key
    }

    /// What may be shown.
    pub fn disclosed(&self) -> &Disclosed {
        &self.disclosed
    }

    /// The content figures, when the group is released in a closed wave.
    pub fn figures(&self) -> Option<&Released<GroupFigures>> {
        match &self.disclosed {
            Disclosed::Figures(figures) => Some(figures),
            _ => None,
        }
    }

    /// The participation band, when the wave is open.
    pub fn participation(&self) -> Option<ParticipationBand> {
        match &self.disclosed {
            Disclosed::Participation(band) => Some(*band.get()),
            _ => None,
        }
    }

    /// The groups this one is broken down into, in the caller's order.
    pub fn parts(&self) -> &[GroupReport<Key>] {
        &self.parts
    }

    /// The same report with the indicators named by `drop` removed from every group below this one:
    /// measures released for the whole only (answer distributions), computed for the parts so the
    /// whole's band is the sum of theirs. Dropping figures can only release less.
    #[must_use]
    pub fn without_part_indicators(mut self, drop: impl Fn(&str) -> bool + Copy) -> Self {
        self.parts = self.parts.into_iter().map(|part| part.without_indicators(drop)).collect();
        self
    }

    fn without_indicators(mut self, drop: impl Fn(&str) -> bool + Copy) -> Self {
        if let Disclosed::Figures(figures) = &self.disclosed {
            let figures = figures.get();
            let kept = figures.indicators.without(drop);
            self.disclosed =
                Disclosed::Figures(Released::new(GroupFigures::new(figures.respondents, kept, figures.acute)));
        }
        self.without_part_indicators(drop)
    }

    /// The same report with `withheld` parts put back at their places (positions in the caller's
    /// list of parts, ascending): parts left out of this whole's figures, shown as withheld.
    pub(super) fn with_withheld_parts(mut self, withheld: Vec<(usize, Self)>) -> Self {
        for (at, part) in withheld {
            let at = at.min(self.parts.len());
            self.parts.insert(at, part);
        }
        self
    }

    /// The same report without the groups finer than `finest`: a view kept for later (a cache) holds
    /// only what it shows, and dropping parts can only release less.
    pub fn without_parts_finer_than(mut self, finest: Level) -> Self {
        if self.level >= finest {
            self.parts.clear();
        } else {
            self.parts = self.parts.into_iter().map(|part| part.without_parts_finer_than(finest)).collect();
        }
        self
    }
}

/// The API shape of a [`GroupReport`].
#[derive(Serialize)]
struct GroupJson<'a, Key> {
    level: Level,
    key: &'a Key,
    respondents: RespondentsJson,
    released: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    indicators: Option<&'a Indicators>,
    #[serde(skip_serializing_if = "Option::is_none")]
    acute: Option<AcuteSignal>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    parts: &'a [GroupReport<Key>],
}

/// `23`, `"10-19"` or `null`.
#[derive(Serialize)]
#[serde(untagged)]
enum RespondentsJson {
    Exact(u32),
    Band(ParticipationBand),
    Withheld(()),
}

impl<Key: Serialize> Serialize for GroupReport<Key> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let figures = self.figures().map(Released::get);
        let respondents = match &self.disclosed {
            Disclosed::Figures(figures) => RespondentsJson::Exact(figures.get().respondents),
            Disclosed::Participation(band) => RespondentsJson::Band(*band.get()),
            Disclosed::Withheld => RespondentsJson::Withheld(()),
        };
        GroupJson {
            level: self.level,
            key: &self.key,
            respondents,
            released: figures.is_some(),
            indicators: figures.map(GroupFigures::indicators),
            acute: figures.and_then(GroupFigures::acute),
            parts: &self.parts,
        }
        .serialize(serializer)
    }
}
