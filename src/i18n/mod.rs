//! Message catalogues (Fluent) for kk, ru and en. Every user-facing string comes from here; templates
//! hold keys only. A test checks that every key used in the code exists in all three catalogues.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

use crate::domain::lang::Lang;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./src/i18n/locales",
        fallback_language: "en",
        // Fluent wraps arguments in Unicode isolation marks by default, which breaks layouts and tests.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static IDS: LazyLock<[LanguageIdentifier; 3]> =
    LazyLock::new(|| Lang::ALL.map(|lang| lang.code().parse().unwrap_or_default()));

fn id(lang: Lang) -> &'static LanguageIdentifier {
    let index = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    &IDS[index]
}

impl Lang {
    /// The message `key` in this language (the key itself if no catalogue has it, which a test forbids).
    pub fn t(self, key: &str) -> String {
        LOCALES.try_lookup(id(self), key).unwrap_or_else(|| key.to_owned())
    }

    /// The message `key` with named arguments, such as `[("count", 3.into())]`.
    pub fn t_args(self, key: &str, args: &[(&'static str, FluentValue<'_>)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> =
            args.iter().map(|(name, value)| (Cow::Borrowed(*name), value.clone())).collect();
        LOCALES.try_lookup_with_args(id(self), key, &map).unwrap_or_else(|| key.to_owned())
    }
}

/// A text argument for [`Lang::t_args`].
pub fn arg(text: &str) -> FluentValue<'static> {
    FluentValue::from(text.to_owned())
}

/// A count argument for [`Lang::t_args`]. It reaches Fluent as a number, not as text, so a plural
/// selector picks the noun form that fits it ("21 ученик", "22 ученика", "25 учеников"; "1 pupil").
pub fn count(n: u32) -> FluentValue<'static> {
    FluentValue::from(n)
}

pub mod roster;

#[cfg(test)]
mod tests;
