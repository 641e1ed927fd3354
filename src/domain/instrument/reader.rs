//! Reads typed values out of the spanned TOML tree, reporting every problem.
//!
//! serde's `deny_unknown_fields` stops at the first unknown key of a document; an
//! author fixing a file wants them all at once. So the decoder walks the tree the
//! TOML parser builds (`toml::de::DeTable`, whose keys and values are all
//! `toml::Spanned`) one table at a time: [`Table::open`] reports every key it does not
//! allow, and each getter reports a missing or ill-typed value at its own line and
//! carries on. serde still converts each single value, so types and enums give
//! serde's usual messages.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::diagnostic::Report;
use crate::domain::lang::{Lang, Localized};

/// A value in the parsed document, with its byte span.
pub(super) type Node<'i> = Spanned<DeValue<'i>>;

/// Longest id accepted: ids end up in URLs, form fields and database rows.
const MAX_ID_LEN: usize = 48;

/// One TOML table of a known kind (`what` names the kind in messages).
pub(super) struct Table<'t, 'i> {
    entries: &'t DeTable<'i>,
    span: Range<usize>,
    what: &'static str,
}

impl<'t, 'i> Table<'t, 'i> {
    /// Opens `node` as a `what` table, reporting every key not in `allowed`;
    /// `None` (reported) when the node is not a table at all.
    pub(super) fn open(node: &'t Node<'i>, what: &'static str, allowed: &[&str], report: &mut Report) -> Option<Self> {
        let DeValue::Table(entries) = node.get_ref() else {
            let found = node.get_ref().type_str();
            report.error(node.span(), format!("{what} must be a table, found {found}"));
            return None;
        };
        Some(Self::checked(entries, node.span(), what, allowed, report))
    }

    /// Opens the document's top-level table.
    pub(super) fn root(document: &'t Spanned<DeTable<'i>>, allowed: &[&str], report: &mut Report) -> Self {
        Self::checked(document.get_ref(), document.span(), "instrument", allowed, report)
    }

    fn checked(
        entries: &'t DeTable<'i>,
        span: Range<usize>,
        what: &'static str,
        allowed: &[&str],
        report: &mut Report,
    ) -> Self {
        for key in entries.keys() {
            if !allowed.contains(&key.get_ref().as_ref()) {
                let message = format!("unknown key `{}` in {what} (allowed: {})", key.get_ref(), allowed.join(", "));
                report.error(key.span(), message);
            }
        }
        Self { entries, span, what }
    }

    /// Where the table starts (its header line), for problems with the table as a whole.
    pub(super) fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// The value under `key`; absence is reported.
    pub(super) fn required<T: DeserializeOwned>(&self, key: &str, report: &mut Report) -> Option<Spanned<T>> {
        let node = self.node_or_missing(key, report)?;
        convert(key, node, report)
    }

    /// The value under `key`, or `None` when absent (or ill-typed, which is reported).
    pub(super) fn optional<T: DeserializeOwned>(&self, key: &str, report: &mut Report) -> Option<Spanned<T>> {
        convert(key, self.entries.get(key)?, report)
    }

    /// The `id` key, which must also be a well-formed id.
    pub(super) fn id(&self, report: &mut Report) -> Option<Spanned<String>> {
        let id = self.required::<String>("id", report)?;
        if !is_well_formed_id(id.get_ref()) {
            report.error(
                id.span(),
                format!(
                    "id `{}` must start with a lowercase letter and use only a-z, 0-9, `_` \
                     and `-` (at most {MAX_ID_LEN} characters)",
                    id.get_ref()
                ),
            );
        }
        Some(id)
    }

    /// The translations under `key`; absence is reported.
    pub(super) fn localized(&self, key: &str, report: &mut Report) -> Option<Localized> {
        let node = self.node_or_missing(key, report)?;
        read_localized(key, node, report)
    }

    /// The translations under `key`, or `None` when absent.
    pub(super) fn optional_localized(&self, key: &str, report: &mut Report) -> Option<Localized> {
        read_localized(key, self.entries.get(key)?, report)
    }

    /// The tables of the array of tables `key` (`[[key]]`): empty when absent, `None`
    /// (reported) when `key` holds something other than an array.
    pub(super) fn tables(&self, key: &str, report: &mut Report) -> Option<&'t [Node<'i>]> {
        let Some(node) = self.entries.get(key) else {
            return Some(&[]);
        };
        match node.get_ref() {
            DeValue::Array(array) => Some(array),
            other => {
                let message =
                    format!("`{key}` must be an array of tables (`[[...{key}]]`), found {}", other.type_str());
                report.error(node.span(), message);
                None
            }
        }
    }

    /// Where the value under `key` is, when the table has one.
    pub(super) fn value_span(&self, key: &str) -> Option<Range<usize>> {
        self.entries.get(key).map(Spanned::span)
    }

    fn node_or_missing(&self, key: &str, report: &mut Report) -> Option<&'t Node<'i>> {
        let node = self.entries.get(key);
        if node.is_none() {
            report.error(self.span(), format!("{} is missing `{key}`", self.what));
        }
        node
    }
}

/// Converts one value with serde, reporting a type error at the value's line.
fn convert<T: DeserializeOwned>(key: &str, node: &Node<'_>, report: &mut Report) -> Option<Spanned<T>> {
    match T::deserialize(ValueDeserializer::from(node.clone())) {
        Ok(value) => Some(Spanned::new(node.span(), value)),
        Err(error) => {
            report.error(node.span(), format!("`{key}`: {}", error.message()));
            None
        }
    }
}

/// `value` passed through `check`, whose `Err` says why the value is refused; the
/// refusal is reported at the value's line.
pub(super) fn refine<T, U>(
    value: Option<Spanned<T>>,
    report: &mut Report,
    check: impl FnOnce(&T) -> Result<U, String>,
) -> Option<U> {
    let value = value?;
    check(value.get_ref()).map_err(|message| report.error(value.span(), message)).ok()
}

fn read_localized(key: &str, node: &Node<'_>, report: &mut Report) -> Option<Localized> {
    let DeValue::Table(entries) = node.get_ref() else {
        let found = node.get_ref().type_str();
        let message = format!("`{key}` must be a table of translations (kk, ru, en), found {found}");
        report.error(node.span(), message);
        return None;
    };
    for language in entries.keys() {
        if !Lang::ALL.iter().any(|lang| lang.code() == language.get_ref().as_ref()) {
            let message = format!("unknown language `{}` in `{key}` (expected kk, ru, en)", language.get_ref());
            report.error(language.span(), message);
        }
    }
    let [kk, ru, en] = Lang::ALL.map(|lang| {
        let language = lang.code();
        let Some(text) = entries.get(language) else {
            report.error(node.span(), format!("`{key}` is missing the `{language}` translation"));
            return None;
        };
        let text = convert::<String>(&format!("{key}.{language}"), text, report)?;
        if text.get_ref().trim().is_empty() {
            report.error(text.span(), format!("`{key}.{language}` is empty"));
            return None;
        }
        Some(text.into_inner())
    });
    Some(Localized { kk: kk?, ru: ru?, en: en? })
}

/// Whether `id` is safe as a form field name, URL segment and database value.
///
/// Ids never start with `_`, so the web layer may give its own form fields (such as
/// the form token) names that cannot clash with an item.
pub(super) fn is_well_formed_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|first| first.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        && id.len() <= MAX_ID_LEN
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_ascii_words() {
        for good in ["a", "school-climate", "victim_cyber", "sh2"] {
            assert!(is_well_formed_id(good), "{good}");
        }
        for bad in ["", "_token", "Victim", "2nd", "a b", "қорлау", &"x".repeat(49)] {
            assert!(!is_well_formed_id(bad), "{bad}");
        }
    }
}
