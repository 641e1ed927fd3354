//! The three interface languages. Kazakh is the default because most pupils and staff read it first.

use serde::Serialize;

/// An interface language; every user-facing text exists in all three.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Kazakh, the default.
    #[default]
    Kk,
    /// Russian.
    Ru,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the order the language switch shows them.
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    /// The code used in URLs, cookies, catalogues and the `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// The language's own name, shown in the switch so a reader finds their language without reading another.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Kk => "Қазақша",
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }

    /// Parses a language code; anything unknown is `None` so callers fall back deliberately.
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "kk" => Some(Lang::Kk),
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A text in Kazakh (`kk`), Russian (`ru`) and English (`en`): a questionnaire's wording, a
/// school's or region's name, a baseline's citation.
///
/// Exists so that text that lives in data rather than in the message catalogues has one shape
/// everywhere: every place that holds one holds all three translations (a validated questionnaire
/// never holds an empty one; the name forms and the roster require all three), so a page can show
/// any language without checking. Serialises as `{"kk": …, "ru": …, "en": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Localized {
    /// Kazakh, in Cyrillic script.
    pub kk: String,
    /// Russian.
    pub ru: String,
    /// English.
    pub en: String,
}

impl Localized {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Kk => &self.kk,
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_known_codes_case_insensitively_and_refuses_others() {
        assert_eq!(Lang::parse("KK"), Some(Lang::Kk));
        assert_eq!(Lang::parse("ru"), Some(Lang::Ru));
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("de"), None);
        assert_eq!(Lang::default(), Lang::Kk);
    }

    fn hello() -> Localized {
        Localized { kk: "Сәлем".into(), ru: "Привет".into(), en: "Hello".into() }
    }

    #[test]
    fn each_language_gets_its_own_text() {
        assert_eq!(hello().get(Lang::Kk), "Сәлем");
        assert_eq!(hello().get(Lang::Ru), "Привет");
        assert_eq!(hello().get(Lang::En), "Hello");
    }

    #[test]
    fn serialises_as_one_field_per_language_code() {
        let json = serde_json::to_string(&hello()).expect("serialises");
        assert_eq!(json, r#"{"kk":"Сәлем","ru":"Привет","en":"Hello"}"#);
    }
}
