//! The downloadable templates: a CSV per kind and language whose header row our matching knows, so a
//! filled template never needs the mapping step. UTF-8 with a byte-order mark, which is how Excel
//! recognises UTF-8 when it opens a CSV; separated by `;` in kk and ru (what Excel expects in those
//! locales, so the columns open apart) and by `,` in en.

use super::headers::{Kind, header_name};
use crate::domain::lang::Lang;

/// The template's bytes.
pub fn template_csv(kind: Kind, lang: Lang) -> Vec<u8> {
    let separator = if lang == Lang::En { "," } else { ";" };
    let headers: Vec<&str> = kind.fields().iter().map(|f| header_name(*f, lang)).collect();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(headers.join(separator).as_bytes());
    bytes.extend_from_slice(b"\r\n");
    bytes
}

/// The file name offered for it (`classes-kk.csv`).
pub fn template_name(kind: Kind, lang: Lang) -> String {
    format!("{}-{}.csv", kind.key(), lang.code())
}
