//! Which questionnaire and grade each class-in-wave answers, remembered in this process.
//!
//! Both never change once a wave is opened. The password check and the form page look them up anyway
//! (they check the wave too); remembering them lets a submission go straight to the writer, whose
//! transaction checks everything that can change (spent token, wave open, roll, used code), without
//! a second read of the same rows first. One database round trip less per pupil.

use std::sync::Arc;

use quick_cache::sync::Cache;

use super::error::{UseCaseError, UseCaseResult};
use crate::db::DbError;
use crate::db::access::Access;
use crate::domain::ids::WaveClassId;
use crate::domain::instrument::{Grade, Instrument, InstrumentKey};
use crate::domain::survey::catalog::Catalog;

/// A class-in-wave's questionnaire version and grade.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormFacts {
    /// The questionnaire version the wave froze.
    pub instrument: InstrumentKey,
    /// The class's grade at wave time.
    pub grade: u8,
}

impl FormFacts {
    /// What a class-in-wave's access row says about its form.
    pub fn of(access: &Access) -> FormFacts {
        FormFacts { instrument: access.wave.instrument.clone(), grade: access.grade }
    }

    /// The loaded questionnaire and the grade these facts name: what the form shows and what its
    /// answers are checked against. A version missing from `catalog` is [`UseCaseError::NotLoaded`].
    pub fn instrument<'a>(&self, catalog: &'a Catalog) -> UseCaseResult<(&'a Instrument, Grade)> {
        let instrument =
            catalog.get(&self.instrument).ok_or_else(|| UseCaseError::NotLoaded(self.instrument.to_string()))?;
        let grade = Grade::from_number(self.grade)
            .ok_or_else(|| DbError::Corrupt(format!("grade {} of a class-in-wave", self.grade)))?;
        Ok((instrument, grade))
    }
}

/// Entries kept at most (a class-in-wave is about 100 bytes): a national rush's classes. Past it the
/// cache forgets by its own policy (S3-FIFO: entries seen once go first, those read again stay), and
/// a forgotten class costs one read on its next form page or submission.
pub const CAPACITY: usize = 200_000;

/// Remembered [`FormFacts`] by class-in-wave, bounded; clones share their entries.
#[derive(Clone)]
pub struct FormFactsCache {
    facts: Arc<Cache<WaveClassId, FormFacts>>,
}

impl Default for FormFactsCache {
    fn default() -> Self {
        FormFactsCache::with_capacity(CAPACITY)
    }
}

impl FormFactsCache {
    /// An empty cache that keeps about `capacity` entries at most.
    pub fn with_capacity(capacity: usize) -> Self {
        FormFactsCache { facts: Arc::new(Cache::new(capacity.max(1))) }
    }

    /// What is remembered about `id`.
    pub fn get(&self, id: WaveClassId) -> Option<FormFacts> {
        self.facts.get(&id)
    }

    /// Remembers `facts` for `id`.
    pub fn remember(&self, id: WaveClassId, facts: FormFacts) {
        self.facts.insert(id, facts);
    }

    /// How many entries are kept.
    pub fn len(&self) -> usize {
        self.facts.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any_class() -> WaveClassId {
        WaveClassId::parse(&uuid::Uuid::new_v4().to_string()).unwrap()
    }

    #[test]
    fn remembers_by_class_in_wave() {
        let cache = FormFactsCache::default();
        let facts = FormFacts { instrument: InstrumentKey::new("school-climate", 1), grade: 7 };
        let id = any_class();
        assert_eq!(cache.get(id), None);
        cache.remember(id, facts.clone());
        assert_eq!(cache.get(id), Some(facts.clone()));
        assert_eq!(cache.clone().get(id), Some(facts), "clones share their entries");
        assert_eq!(cache.get(any_class()), None);
    }

    #[test]
    fn stays_bounded_and_keeps_a_class_read_again_through_a_rush_of_others() {
        let cache = FormFactsCache::with_capacity(1_000);
        let facts = FormFacts { instrument: InstrumentKey::new("school-climate", 2), grade: 9 };
        let busy = any_class();
        cache.remember(busy, facts.clone());
        for n in 0..20_000 {
            cache.remember(any_class(), facts.clone());
            if n % 100 == 0 {
                assert!(cache.get(busy).is_some(), "the busy class is still known after {n} others");
            }
        }
        assert!(cache.len() <= 1_000, "{} entries kept", cache.len());
        assert!(cache.len() >= 500, "the cache is not emptied wholesale: {} entries kept", cache.len());
    }
}
