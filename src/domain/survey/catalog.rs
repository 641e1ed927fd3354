//! The instruments a deployment offers, loaded and checked once at start from `surveys/` (by
//! `app::catalog_files`: the domain reads no files).

use std::collections::BTreeMap;

use crate::domain::instrument::{Instrument, InstrumentKey};

/// Every valid instrument by its key (code, version). Old versions stay so closed waves keep their meaning.
#[derive(Debug, Default)]
pub struct Catalog {
    by_key: BTreeMap<InstrumentKey, Instrument>,
}

impl Catalog {
    /// A catalogue of already checked instruments (`app::catalog_files` reads and checks them).
    pub fn from_instruments(instruments: Vec<Instrument>) -> Catalog {
        let by_key = instruments.into_iter().map(|i| (i.key(), i)).collect();
        Catalog { by_key }
    }

    /// One instrument version: a wave's questionnaire as it was when the wave opened.
    pub fn get(&self, key: &InstrumentKey) -> Option<&Instrument> {
        self.by_key.get(key)
    }

    /// The newest version of an instrument, which new waves use.
    pub fn latest(&self, id: &str) -> Option<&Instrument> {
        self.versions_of(id).next_back()
    }

    /// Every version of an instrument, oldest first: pages of figures offer each, since versions are
    /// never added together.
    pub fn versions(&self, id: &str) -> Vec<&Instrument> {
        self.versions_of(id).collect()
    }

    /// The versions of instrument `id`, oldest first, without collecting them.
    fn versions_of(&self, id: &str) -> impl DoubleEndedIterator<Item = &Instrument> {
        self.by_key.range(InstrumentKey::new(id, 0)..=InstrumentKey::new(id, u32::MAX)).map(|(_, i)| i)
    }

    /// Every loaded version of every questionnaire, by id and then version.
    pub fn all(&self) -> impl Iterator<Item = &Instrument> {
        self.by_key.values()
    }

    /// `version` of instrument `id` when one is asked for, otherwise its newest version.
    pub fn chosen(&self, id: &str, version: Option<u32>) -> Option<&Instrument> {
        match version {
            Some(version) => self.get(&InstrumentKey::new(id, version)),
            None => self.latest(id),
        }
    }

    /// The shipped questionnaires of `surveys/`, compiled in: the catalogue the domain's tests use.
    #[cfg(test)]
    pub(crate) fn shipped() -> Catalog {
        Catalog::from_instruments(crate::domain::instrument::shipped::shipped_instruments())
    }

    /// The newest version of every instrument, ordered by id.
    pub fn latest_all(&self) -> Vec<&Instrument> {
        let mut latest: BTreeMap<&str, &Instrument> = BTreeMap::new();
        for (key, instrument) in &self.by_key {
            latest.insert(key.code(), instrument);
        }
        latest.into_values().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_surveys_load_and_the_latest_version_is_found() {
        let catalog = Catalog::shipped();
        assert_eq!(catalog.latest("school-climate").map(Instrument::version), Some(2), "new waves use v2");
        assert_eq!(catalog.latest("express").map(Instrument::version), Some(2));
        assert!(catalog.get(&InstrumentKey::new("school-climate", 1)).is_some(), "waves run with v1 keep it");
        assert!(catalog.get(&InstrumentKey::new("express", 1)).is_some());
        assert!(catalog.get(&InstrumentKey::new("express", 3)).is_none());
        assert_eq!(catalog.latest_all().len(), 2, "one entry per instrument, its newest version");
        let versions: Vec<u32> = catalog.versions("school-climate").iter().map(|i| i.version()).collect();
        assert_eq!(versions, [1, 2]);
        assert_eq!(catalog.chosen("school-climate", None).map(Instrument::version), Some(2));
        assert_eq!(catalog.chosen("school-climate", Some(1)).map(Instrument::version), Some(1));
        assert!(catalog.chosen("school-climate", Some(9)).is_none());
    }
}
