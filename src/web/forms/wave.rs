//! The form that opens a wave: instrument, classes, dates, access mode. Repeated fields (`class`) are
//! read from the raw pairs.

use chrono::NaiveDate;

use super::FieldErrors;
use crate::domain::ids::ClassId;
use crate::domain::survey::wave::{AccessMode, DatesError, check_dates};

/// The wave form as typed.
#[derive(Debug, Clone, Default)]
pub struct WaveForm {
    /// Instrument id.
    pub instrument: String,
    /// Chosen classes.
    pub classes: Vec<ClassId>,
    /// How many chosen values were not class ids (refused as a whole, since a class is missing).
    pub unreadable_classes: usize,
    /// First day, `YYYY-MM-DD`.
    pub opens_on: String,
    /// Last day, `YYYY-MM-DD`.
    pub closes_on: String,
    /// `password` or `codes`.
    pub mode: String,
    /// One-time id of this form.
    pub nonce: String,
}

/// A checked wave form.
#[derive(Debug, Clone)]
pub struct WaveChoice {
    /// Instrument id (existence is checked by the caller against the catalogue).
    pub instrument: String,
    /// Classes (membership is checked when opening).
    pub classes: Vec<ClassId>,
    /// First day.
    pub opens_on: NaiveDate,
    /// Last day.
    pub closes_on: NaiveDate,
    /// Mode.
    pub mode: AccessMode,
}

impl WaveForm {
    /// Reads the posted pairs.
    pub fn from_pairs(pairs: &[(String, String)]) -> WaveForm {
        let mut form = WaveForm::default();
        for (key, value) in pairs {
            match key.as_str() {
                "instrument" => form.instrument = value.clone(),
                "class" => match ClassId::parse(value) {
                    Some(class) => form.classes.push(class),
                    None => form.unreadable_classes += 1,
                },
                "opens_on" => form.opens_on = value.clone(),
                "closes_on" => form.closes_on = value.clone(),
                "mode" => form.mode = value.clone(),
                "nonce" => form.nonce = value.clone(),
                _ => {}
            }
        }
        form
    }

    /// Checks the form on `today`.
    pub fn parse(&self, today: NaiveDate) -> Result<WaveChoice, FieldErrors> {
        let mut errors = FieldErrors::new();
        let date = |text: &str| NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
        let opens_on = date(&self.opens_on);
        let closes_on = date(&self.closes_on);
        if opens_on.is_none() {
            errors.add("opens_on", "invalid-date");
        }
        if closes_on.is_none() {
            errors.add("closes_on", "invalid-date");
        }
        if let (Some(open), Some(close)) = (opens_on, closes_on) {
            match check_dates(today, open, close) {
                Ok(()) => {}
                Err(DatesError::ClosesBeforeOpens) => errors.add("closes_on", "wave-closes-before-opens"),
                Err(DatesError::ClosesInThePast) => errors.add("closes_on", "wave-closes-in-past"),
                Err(DatesError::TooLong) => errors.add("closes_on", "wave-too-long"),
            }
        }
        let classes = self.classes.clone();
        if classes.is_empty() || self.unreadable_classes > 0 {
            errors.add("class", "wave-choose-classes");
        }
        let mode = AccessMode::parse(&self.mode);
        if mode.is_none() {
            errors.add("mode", "wave-choose-mode");
        }
        if self.instrument.trim().is_empty() {
            errors.add("instrument", "wave-choose-instrument");
        }
        match (opens_on, closes_on, mode) {
            (Some(opens_on), Some(closes_on), Some(mode)) if errors.is_empty() => {
                Ok(WaveChoice { instrument: self.instrument.trim().to_owned(), classes, opens_on, closes_on, mode })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn repeated_classes_and_dates_are_read_and_checked() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let a = ClassId::random().to_string();
        let b = ClassId::random().to_string();
        let form = WaveForm::from_pairs(&pairs(&[
            ("instrument", "school-climate"),
            ("class", &a),
            ("class", &b),
            ("opens_on", "2026-11-23"),
            ("closes_on", "2026-12-05"),
            ("mode", "codes"),
        ]));
        let choice = form.parse(today).unwrap();
        assert_eq!(choice.classes.len(), 2);
        assert_eq!(choice.mode, AccessMode::Codes);
        let bad =
            WaveForm::from_pairs(&pairs(&[("opens_on", "2026-11-30"), ("closes_on", "2026-11-01"), ("class", "x")]));
        let errors = bad.parse(today).unwrap_err();
        assert_eq!(errors.get("closes_on"), Some("wave-closes-before-opens"));
        assert_eq!(errors.get("class"), Some("wave-choose-classes"));
        assert_eq!(errors.get("mode"), Some("wave-choose-mode"));
        assert_eq!(errors.get("instrument"), Some("wave-choose-instrument"));
        let one_unreadable = WaveForm::from_pairs(&pairs(&[
            ("instrument", "school-climate"),
            ("class", &a),
            ("class", "7A"),
            ("opens_on", "2026-11-23"),
            ("closes_on", "2026-12-05"),
            ("mode", "codes"),
        ]));
        assert_eq!(one_unreadable.classes.len(), 1);
        let errors = one_unreadable.parse(today).unwrap_err();
        assert_eq!(errors.get("class"), Some("wave-choose-classes"), "a class that is not an id is not dropped");
    }
}
