//! The school form: what an administrator typed, and its parse into stored fields.

use serde::Deserialize;

use super::FieldErrors;
use crate::domain::lang::Localized;
use crate::domain::organisation::{SchoolCode, parse_name};
use crate::domain::region::RegionCode;
use crate::domain::school::SchoolFields;

/// The school form as typed.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct SchoolForm {
    /// Code such as SCH-0001.
    pub code: String,
    /// Region code.
    pub region: String,
    /// Kazakh name.
    pub name_kk: String,
    /// Russian name.
    pub name_ru: String,
    /// English name.
    pub name_en: String,
}

impl SchoolForm {
    /// The stored fields, or every problem by field.
    pub fn parse(&self) -> Result<SchoolFields, FieldErrors> {
        let mut errors = FieldErrors::new();
        let code = errors.take("code", SchoolCode::parse(&self.code));
        let region = RegionCode::parse(&self.region);
        if region.is_none() {
            errors.add("region", "invalid-region");
        }
        let kk = errors.take("name_kk", parse_name(&self.name_kk));
        let ru = errors.take("name_ru", parse_name(&self.name_ru));
        let en = errors.take("name_en", parse_name(&self.name_en));
        match (code, region, kk, ru, en) {
            (Some(code), Some(region), Some(kk), Some(ru), Some(en)) => {
                Ok(SchoolFields { code, region, name: Localized { kk, ru, en } })
            }
            _ => Err(errors),
        }
    }

    /// The form filled from stored fields.
    pub fn from_fields(fields: &SchoolFields) -> Self {
        SchoolForm {
            code: fields.code.to_string(),
            region: fields.region.to_string(),
            name_kk: fields.name.kk.clone(),
            name_ru: fields.name.ru.clone(),
            name_en: fields.name.en.clone(),
        }
    }
}
