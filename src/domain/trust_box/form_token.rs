//! The single-use token every pupil form of the trust box carries, so that a form is taken once.
//!
//! The answers to the trust box's forms are pages of a `POST` (the receipt, the conversation), so
//! they stay in the tab's history. On a shared computer the next pupil presses Back, Chromium shows
//! "Confirm Form Resubmission", and Reload sends the earlier pupil's form again: the letter (a copy is
//! stored and its new receipt shown, so its words can be read) or the receipt and PIN (the whole
//! conversation shown). With a token spent the first time (`db::trust_box_forms`), the form sent again
//! is refused before anything else is done.
//!
//! A token is the Kazakhstan day its form was shown and 128 random bits. Nothing else: it names no
//! pupil, school or conversation, and needs no signature, since a made-up one is as good as a fresh
//! form and is spent in the same way. It is taken on the day it was shown and the next (a form shown
//! at 23:59 is still sent), and refused after, so a spent token need be kept only until then.

use std::fmt;

use chrono::{Days, NaiveDate};

/// Random bytes in a token.
const RANDOM_BYTES: usize = 16;

/// A trust box form's token, as shown in the form and sent back with it.
#[derive(Clone, PartialEq, Eq)]
pub struct FormToken {
    shown_on: NaiveDate,
    random: String,
}

impl FormToken {
    /// A fresh token for a form shown on `today` (Kazakhstan time).
    pub fn issue(today: NaiveDate) -> FormToken {
        let mut bytes = [0u8; RANDOM_BYTES];
        rand::fill(&mut bytes);
        FormToken { shown_on: today, random: hex::encode(bytes) }
    }

    /// The token a form sent back, if it is one: `YYYYMMDD-` and 32 lowercase hex digits.
    pub fn parse(sent: &str) -> Option<FormToken> {
        let (day, random) = sent.trim().split_once('-')?;
        let digits = day.len() == 8 && day.bytes().all(|b| b.is_ascii_digit());
        let shown_on = NaiveDate::parse_from_str(day, "%Y%m%d").ok().filter(|_| digits)?;
        let hex_digits = random.len() == RANDOM_BYTES * 2
            && random.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        hex_digits.then(|| FormToken { shown_on, random: random.to_owned() })
    }

    /// Whether a form with this token may be taken on `today`: shown today or yesterday.
    pub fn takes_on(&self, today: NaiveDate) -> bool {
        self.shown_on == today || self.shown_on.checked_add_days(Days::new(1)) == Some(today)
    }

    /// The last day its spent record must be kept: after it, [`Self::takes_on`] refuses the token anyway.
    pub fn kept_until(&self) -> NaiveDate {
        self.shown_on.checked_add_days(Days::new(2)).unwrap_or(self.shown_on)
    }
}

impl fmt::Display for FormToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.shown_on.format("%Y%m%d"), self.random)
    }
}

/// Never the random part: a token reaching a log could be matched with the page it was sent from.
impl fmt::Debug for FormToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FormToken({}, …)", self.shown_on)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).expect("a date")
    }

    #[test]
    fn a_token_reads_back_as_it_was_written_and_each_is_new() {
        let token = FormToken::issue(day(5));
        let written = token.to_string();
        assert!(written.starts_with("20261205-") && written.len() == 9 + 32, "{written}");
        assert_eq!(FormToken::parse(&written), Some(token.clone()));
        assert_ne!(FormToken::issue(day(5)), token, "128 random bits each");
        assert!(!format!("{token:?}").contains(&written[9..]), "Debug hides the random part");
    }

    #[test]
    fn anything_else_is_not_a_token() {
        let random = "0123456789abcdef0123456789abcdef";
        for sent in [
            "",
            random,
            "2026125-0123456789abcdef0123456789abcdef",
            "20261332-0123456789abcdef0123456789abcdef",
            "20261205-0123456789ABCDEF0123456789ABCDEF",
            "20261205-0123456789abcdef0123456789abcde",
            "20261205-0123456789abcdef0123456789abcdefa",
            "+2026120-0123456789abcdef0123456789abcdef",
        ] {
            assert_eq!(FormToken::parse(sent), None, "{sent:?}");
        }
        assert!(FormToken::parse(&format!("20261205-{random}")).is_some());
    }

    #[test]
    fn a_token_is_taken_on_its_day_and_the_next_and_kept_until_it_cannot_be() {
        let token = FormToken::issue(day(5));
        assert!(!token.takes_on(day(4)), "not before it was shown");
        assert!(token.takes_on(day(5)) && token.takes_on(day(6)));
        assert!(!token.takes_on(day(7)));
        assert_eq!(token.kept_until(), day(7));
        assert!((5..=31).all(|d| token.takes_on(day(d)) <= (day(d) <= token.kept_until())));
    }
}
