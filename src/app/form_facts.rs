//! Which questionnaire and grade each class-in-wave answers, remembered in this process.
//!
//! Both never change once a wave is opened. The password check and the form page look them up anyway
//! (they check the wave too); remembering them lets a submission go straight to the writer, whose
//! transaction checks everything that can change (spent token, wave open, roll, used code), without
//! a second read of the same rows first. One database round trip less per pupil.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

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

/// Entries kept at most (a class-in-wave is about 100 bytes); forgotten all at once when full.
const CAPACITY: usize = 200_000;

/// Remembered [`FormFacts`] by class-in-wave.
#[derive(Clone, Default)]
pub struct FormFactsCache {
    facts: Arc<Mutex<HashMap<WaveClassId, FormFacts>>>,
}

impl FormFactsCache {
    /// What is remembered about `id`.
    pub fn get(&self, id: WaveClassId) -> Option<FormFacts> {
        self.facts.lock().ok().and_then(|facts| facts.get(&id).cloned())
    }

    /// Remembers `facts` for `id`.
    pub fn remember(&self, id: WaveClassId, facts: FormFacts) {
        if let Ok(mut all) = self.facts.lock() {
            if all.len() >= CAPACITY {
                all.clear();
            }
            all.insert(id, facts);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_by_class_in_wave_and_starts_afresh_when_full() {
        let cache = FormFactsCache::default();
        let facts = FormFacts { instrument: InstrumentKey::new("school-climate", 1), grade: 7 };
        let id = WaveClassId::parse("6f1c1f0e-8d7c-4b8e-9a53-0c1d2e3f4a5b").unwrap();
        assert_eq!(cache.get(id), None);
        cache.remember(id, facts.clone());
        assert_eq!(cache.get(id), Some(facts.clone()));
        for _ in 0..CAPACITY {
            cache.remember(WaveClassId::parse(&uuid::Uuid::new_v4().to_string()).unwrap(), facts.clone());
        }
        assert!(cache.facts.lock().unwrap().len() <= CAPACITY);
    }
}
