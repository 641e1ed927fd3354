//! What a message may contain: plain text of a bounded size, nothing else (no uploads, no markup).

use std::fmt;

/// The most characters one message may hold: a long letter, not a file.
pub const MESSAGE_LIMIT: usize = 4000;

/// A message's words as they will be stored and shown: trimmed, line ends made `\n`, no control
/// characters but line breaks and tabs, between 1 and [`MESSAGE_LIMIT`] characters.
#[derive(Clone, PartialEq, Eq)]
pub struct MessageText(String);

/// Why typed text is not a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextError {
    /// Nothing but spaces.
    Empty,
    /// Longer than [`MESSAGE_LIMIT`] characters.
    TooLong,
    /// A control character (a NUL, an escape) that no keyboard types: refused rather than cleaned, so
    /// what is stored is exactly what the writer saw.
    Control,
}

impl MessageText {
    /// Checks typed text.
    ///
    /// # Errors
    /// See [`TextError`].
    pub fn parse(typed: &str) -> Result<MessageText, TextError> {
        let text = typed.replace("\r\n", "\n").replace('\r', "\n");
        let text = text.trim();
        if text.is_empty() {
            return Err(TextError::Empty);
        }
        if text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
            return Err(TextError::Control);
        }
        if text.chars().count() > MESSAGE_LIMIT {
            return Err(TextError::TooLong);
        }
        Ok(MessageText(text.to_owned()))
    }

    /// The words.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Never the words: a message must not reach a log line through a debug print.
impl fmt::Debug for MessageText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MessageText({} characters)", self.0.chars().count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_line_ends_are_made_one_kind() {
        let text = MessageText::parse("  Сәлем,\r\nкөмектесіңізші\r \t").expect("a message");
        assert_eq!(text.as_str(), "Сәлем,\nкөмектесіңізші");
    }

    #[test]
    fn empty_long_and_control_text_is_refused() {
        assert_eq!(MessageText::parse(" \n\t "), Err(TextError::Empty));
        assert_eq!(MessageText::parse(&"ә".repeat(MESSAGE_LIMIT + 1)), Err(TextError::TooLong));
        assert!(MessageText::parse(&"ә".repeat(MESSAGE_LIMIT)).is_ok(), "the limit counts characters, not bytes");
        assert_eq!(MessageText::parse("a\u{0}b"), Err(TextError::Control));
        assert_eq!(MessageText::parse("a\u{1b}[31mb"), Err(TextError::Control));
    }

    #[test]
    fn a_debug_print_shows_no_words() {
        let text = MessageText::parse("my name is Aigerim").expect("a message");
        assert!(!format!("{text:?}").contains("Aigerim"));
    }
}
