//! Who may start, see and send a survey form: the one admission rule.
//!
//! A pupil meets the rule three times — typing the class password or a code, opening the form, and
//! sending it — and the database meets it again when it stores a response alone, as part of a
//! group-commit batch, or (on PostgreSQL) in one statement. Every one of those paths reads the facts of
//! the pupil's seat and asks [`Seat::admit`]; none decides by itself. The single exception is the SQL
//! of `db::response_statement`, which must decide inside one statement: it is marked there as this
//! rule's mirror, and a property test feeds random seats through every path and compares verdicts.
//!
//! The order of the checks is part of the rule, because a pupil sees only the first refusal: a spent
//! form says "already sent" before anything else (Back after sending), then the wave's dates, then the
//! single-use code, and last the roll.

use super::wave::WaveStatus;

/// Why a pupil may not go on; each has its own page in the pupil's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// This form was already sent (refresh or Back after sending).
    AlreadySent,
    /// The wave has not started.
    NotOpenYet,
    /// The wave is over (past its last day, or closed by hand).
    Closed,
    /// The single-use code was already used.
    CodeUsed,
    /// Every pupil of the class has answered: the roll is the ceiling.
    ClassFull,
}

/// The form token of the pupil's form, as far as the path asking knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    /// No form yet: the pupil is typing the password.
    NotIssued,
    /// Issued and not yet spent.
    Unspent,
    /// Spent by a response already stored.
    Spent,
}

/// How the pupil got in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// With the class password: nothing to spend.
    ClassPassword,
    /// With a single-use code not yet spent.
    Unused,
    /// With a single-use code already spent.
    Used,
}

impl Code {
    /// The way in as a path reads it: no single-use code at all, or one that is spent or not.
    pub fn single_use(spent: Option<bool>) -> Code {
        match spent {
            None => Code::ClassPassword,
            Some(false) => Code::Unused,
            Some(true) => Code::Used,
        }
    }
}

/// The facts of one pupil's place in a class-in-wave that admission depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seat {
    /// The wave's status on the pupil's day.
    pub wave: WaveStatus,
    /// The class's roll when the wave opened.
    pub roll: u32,
    /// Responses the class has so far.
    pub responses: u32,
    /// The way in.
    pub code: Code,
    /// The form's token.
    pub token: Token,
}

impl Seat {
    /// Whether `adding` more responses (one per pupil; a group-commit batch may bring several of one
    /// class at once) may be started, shown or stored; else the first refusal, in the rule's order.
    pub fn admit(&self, adding: u32) -> Result<(), Refusal> {
        if self.token == Token::Spent {
            return Err(Refusal::AlreadySent);
        }
        match self.wave {
            WaveStatus::Scheduled => return Err(Refusal::NotOpenYet),
            WaveStatus::Closed => return Err(Refusal::Closed),
            WaveStatus::Open => {}
        }
        if self.code == Code::Used {
            return Err(Refusal::CodeUsed);
        }
        if self.responses.saturating_add(adding) > self.roll {
            return Err(Refusal::ClassFull);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn open_seat() -> Seat {
        Seat { wave: WaveStatus::Open, roll: 25, responses: 3, code: Code::ClassPassword, token: Token::Unspent }
    }

    #[test]
    fn an_open_wave_with_room_admits_a_pupil() {
        assert_eq!(open_seat().admit(1), Ok(()));
    }

    #[test]
    fn the_last_place_of_the_roll_admits_and_the_next_is_refused() {
        let last = Seat { responses: 24, ..open_seat() };
        assert_eq!(last.admit(1), Ok(()));
        assert_eq!(Seat { responses: 25, ..open_seat() }.admit(1), Err(Refusal::ClassFull));
        assert_eq!(last.admit(2), Err(Refusal::ClassFull), "a batch of two does not fit one place");
    }

    #[test]
    fn a_spent_form_says_already_sent_before_anything_else() {
        let seat =
            Seat { wave: WaveStatus::Closed, code: Code::Used, responses: 25, token: Token::Spent, ..open_seat() };
        assert_eq!(seat.admit(1), Err(Refusal::AlreadySent));
    }

    #[test]
    fn the_wave_dates_come_before_the_code_and_the_roll() {
        let seat = Seat { code: Code::Used, responses: 25, ..open_seat() };
        assert_eq!(Seat { wave: WaveStatus::Scheduled, ..seat }.admit(1), Err(Refusal::NotOpenYet));
        assert_eq!(Seat { wave: WaveStatus::Closed, ..seat }.admit(1), Err(Refusal::Closed));
        assert_eq!(seat.admit(1), Err(Refusal::CodeUsed), "then the code, then the roll");
    }

    fn any_seat() -> impl Strategy<Value = Seat> {
        let wave = prop_oneof![Just(WaveStatus::Scheduled), Just(WaveStatus::Open), Just(WaveStatus::Closed)];
        let code = prop_oneof![Just(Code::ClassPassword), Just(Code::Unused), Just(Code::Used)];
        let token = prop_oneof![Just(Token::NotIssued), Just(Token::Unspent), Just(Token::Spent)];
        (wave, 0u32..40, 0u32..45, code, token).prop_map(|(wave, roll, responses, code, token)| Seat {
            wave,
            roll,
            responses,
            code,
            token,
        })
    }

    proptest! {
        #[test]
        fn admitted_seats_stay_within_the_roll_of_an_open_wave(seat in any_seat(), adding in 1u32..5) {
            if seat.admit(adding).is_ok() {
                prop_assert_eq!(seat.wave, WaveStatus::Open);
                prop_assert!(seat.responses + adding <= seat.roll);
                prop_assert!(seat.code != Code::Used && seat.token != Token::Spent);
            }
        }

        #[test]
        fn a_larger_batch_is_never_admitted_where_a_smaller_is_refused(seat in any_seat(), adding in 1u32..5) {
            if seat.admit(adding).is_err() {
                prop_assert!(seat.admit(adding + 1).is_err());
            }
        }
    }
}
