//! Notes between centre and school on a referral. Their text is checked once for every way a note
//! comes in (a step's note, a note form, a manual referral, the API), so the pages and the API cannot
//! disagree on what a note may be.

use chrono::NaiveDateTime;

use crate::domain::ids::NoteId;

/// A note on a referral, as stored.
#[derive(Debug, Clone)]
pub struct Note {
    /// Its id.
    pub id: NoteId,
    /// Who wrote it (the account's display name).
    pub author: String,
    /// `centre` or `school`.
    pub side: String,
    /// The text.
    pub body: String,
    /// When.
    pub at: NaiveDateTime,
}

/// Longest note accepted, in characters.
pub const NOTE_LIMIT: usize = 4_000;

/// A note's text: trimmed, not empty, at most [`NOTE_LIMIT`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteText(String);

/// Why a text is not a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteError {
    /// Nothing but blanks.
    Empty,
    /// Longer than [`NOTE_LIMIT`] characters.
    TooLong,
}

impl NoteError {
    /// The message key.
    pub fn message_key(self) -> &'static str {
        match self {
            NoteError::Empty => "referral-note-empty",
            NoteError::TooLong => "referral-note-too-long",
        }
    }
}

impl NoteText {
    /// The note in `text`, trimmed.
    pub fn parse(text: &str) -> Result<NoteText, NoteError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(NoteError::Empty);
        }
        if text.chars().count() > NOTE_LIMIT {
            return Err(NoteError::TooLong);
        }
        Ok(NoteText(text.to_owned()))
    }

    /// The note in `text` when there is one: blank text is no note rather than an empty one (a step
    /// may come with a note or without).
    pub fn optional(text: Option<&str>) -> Result<Option<NoteText>, NoteError> {
        match text.map(str::trim).filter(|t| !t.is_empty()) {
            Some(text) => NoteText::parse(text).map(Some),
            None => Ok(None),
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_is_trimmed_and_neither_blank_nor_over_the_limit() {
        assert_eq!(NoteText::parse("  call the school \n").unwrap().as_str(), "call the school");
        assert_eq!(NoteText::parse(" \t\n"), Err(NoteError::Empty));
        let longest = "ә".repeat(NOTE_LIMIT);
        assert_eq!(NoteText::parse(&longest).unwrap().as_str().chars().count(), NOTE_LIMIT, "counted in characters");
        assert_eq!(NoteText::parse(&format!("{longest}ә")), Err(NoteError::TooLong));
    }

    #[test]
    fn a_blank_optional_note_is_no_note_and_a_long_one_is_refused() {
        assert_eq!(NoteText::optional(None), Ok(None));
        assert_eq!(NoteText::optional(Some("   ")), Ok(None));
        assert_eq!(NoteText::optional(Some(" seen ")).unwrap().unwrap().as_str(), "seen");
        assert_eq!(NoteText::optional(Some(&"x".repeat(NOTE_LIMIT + 1))), Err(NoteError::TooLong));
        assert_ne!(NoteError::Empty.message_key(), NoteError::TooLong.message_key());
    }
}
