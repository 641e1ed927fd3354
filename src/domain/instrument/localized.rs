//! Text in the three languages of the survey: Kazakh, Russian and English.

/// A piece of instrument text in Kazakh (`kk`), Russian (`ru`) and English (`en`).
///
/// A validated instrument never holds an empty translation, so a page can show any
/// of the three without checking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Localized {
    /// Kazakh, in Cyrillic script.
    pub kk: String,
    /// Russian.
    pub ru: String,
    /// English.
    pub en: String,
}

impl Localized {
    /// The language codes an instrument must translate every text into, in file order.
    pub const LANGUAGES: [&'static str; 3] = ["kk", "ru", "en"];

    /// The text in `lang` (`"kk"`, `"ru"` or `"en"`); any other code gets Kazakh, the
    /// state language, rather than an error, so a stale or odd language setting still
    /// shows the survey.
    pub fn get(&self, lang: &str) -> &str {
        match lang {
            "ru" => &self.ru,
            "en" => &self.en,
            _ => &self.kk,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hello() -> Localized {
        Localized { kk: "Сәлем".into(), ru: "Привет".into(), en: "Hello".into() }
    }

    #[test]
    fn each_language_gets_its_own_text() {
        assert_eq!(hello().get("kk"), "Сәлем");
        assert_eq!(hello().get("ru"), "Привет");
        assert_eq!(hello().get("en"), "Hello");
    }

    #[test]
    fn unknown_language_falls_back_to_kazakh() {
        assert_eq!(hello().get("de"), "Сәлем");
        assert_eq!(hello().get(""), "Сәлем");
    }
}
