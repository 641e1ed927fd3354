//! Filled-in questionnaires: for a grade, every item the form shows is answered with one of its
//! options, chosen by a small deterministic generator, so a submission weighs what a real one weighs.

use ahual::app::catalog_files::load_catalog;
use ahual::domain::instrument::{Grade, Instrument};

use super::common::cli::surveys_dir;

/// A small deterministic generator (PCG-style LCG), so runs are repeatable without a dependency.
pub struct Sequence(u64);

impl Sequence {
    /// A generator started at `seed`.
    pub fn new(seed: u64) -> Sequence {
        Sequence(seed)
    }

    /// A number below `below` (which must not be 0).
    pub fn below(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        usize::try_from((self.0 >> 33) % below as u64).unwrap_or(0)
    }
}

/// An item id with the values of its options.
type Item = (String, Vec<u8>);

/// The items of the default questionnaire per grade, with their option values.
pub struct Questionnaire {
    by_grade: Vec<(u8, Vec<Item>)>,
}

impl Questionnaire {
    /// Loads `school-climate` from `surveys/`.
    pub fn load() -> anyhow::Result<Questionnaire> {
        let catalog = load_catalog(&surveys_dir()).map_err(|e| anyhow::anyhow!("surveys: {e:?}"))?;
        let instrument =
            catalog.latest("school-climate").ok_or_else(|| anyhow::anyhow!("no school-climate instrument"))?;
        let by_grade = (5..=11u8)
            .map(|g| Grade::from_number(g).map(|grade| (g, items_for(instrument, grade))))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| anyhow::anyhow!("grade out of range"))?;
        Ok(Questionnaire { by_grade })
    }

    /// A urlencoded submission body for a class of `grade` (the form posts to its own address, so
    /// the body holds the answers only).
    pub fn body(&self, grade: u8, seq: &mut Sequence) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        for (id, values) in self.items_of(grade) {
            pairs.push((id, values[seq.below(values.len())].to_string()));
        }
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    }

    /// The answers as the server stores them (`{"item": value}`), for the direct writer.
    pub fn json(&self, grade: u8, seq: &mut Sequence) -> String {
        let answers: serde_json::Map<String, serde_json::Value> = self
            .items_of(grade)
            .iter()
            .map(|(id, values)| (id.clone(), values[seq.below(values.len())].into()))
            .collect();
        serde_json::Value::Object(answers).to_string()
    }

    fn items_of(&self, grade: u8) -> &[Item] {
        self.by_grade.iter().find(|(g, _)| *g == grade).map(|(_, items)| items.as_slice()).unwrap_or(&[])
    }
}

fn items_for(instrument: &Instrument, grade: Grade) -> Vec<Item> {
    instrument
        .visible_sections(grade)
        .flat_map(|section| section.items())
        .map(|item| (item.id().to_owned(), item.choices().iter().map(|c| c.value()).collect()))
        .filter(|(_, values): &Item| !values.is_empty())
        .collect()
}
