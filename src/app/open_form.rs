//! A pupil opens their form: the grant sealed in the form's address (or, from a form of the
//! previous release, its signed token) is checked, then its seat by the admission rule
//! ([`Seat::admit`](crate::domain::survey::admission::Seat::admit)); the form is ready, with what it
//! asks, or refused.
//!
//! The first view of a form this process has just issued trusts the password's check of the same
//! rows ([`super::fresh_grants`]): [`fresh_view`] answers it from memory, without a connection.
//! Any other view goes through [`check`], one query.

use chrono::NaiveDate;

use super::form_facts::FormFacts;
use super::pupil_path::PupilPath;
use crate::db::{DbConnection, DbResult, access};
use crate::domain::survey::admission::{Code, Refusal, Token};
use crate::domain::survey::form_pass;
use crate::domain::survey::form_token::{FormGrant, TokenError};

/// Why a form is not shown (or not taken).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormRefusal {
    /// Not a form this deployment issued, or altered, or its class-in-wave is gone.
    Forged,
    /// Older than a form lives: the pupil must start again.
    Expired,
    /// The admission rule refuses the form's seat.
    Refused(Refusal),
}

impl From<TokenError> for FormRefusal {
    fn from(error: TokenError) -> FormRefusal {
        match error {
            TokenError::Forged => FormRefusal::Forged,
            TokenError::Expired => FormRefusal::Expired,
        }
    }
}

/// A form that may be shown or sent: its grant and what it asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadyForm {
    /// The verified grant.
    pub grant: FormGrant,
    /// The questionnaire and grade of the grant's class-in-wave.
    pub facts: FormFacts,
}

/// The grant sealed in a form's address `pass` at `now` (seconds since the epoch).
pub fn unseal(path: &PupilPath, pass: &str, now: i64) -> Result<FormGrant, FormRefusal> {
    Ok(form_pass::open(pass, path.key(), now)?)
}

/// The grant of a signed form `token` at `now` (seconds since the epoch).
pub fn verify(path: &PupilPath, token: &str, now: i64) -> Result<FormGrant, FormRefusal> {
    Ok(FormGrant::verify(token, path.key(), now)?)
}

/// The first view of a form this process issued a moment ago, ready from memory (at most once per
/// form, see [`super::fresh_grants`]); otherwise the grant back, for [`check`].
pub fn fresh_view(path: &PupilPath, grant: FormGrant) -> Result<ReadyForm, FormGrant> {
    if path.fresh.first_view(&grant.nonce)
        && let Some(facts) = path.facts.get(grant.wave_class_id)
    {
        return Ok(ReadyForm { grant, facts });
    }
    Err(grant)
}

/// Reads the grant's class-in-wave, its wave, whether its form was already sent and whether its
/// single-use code is spent, in one query (two with a code), and asks the admission rule on `today`.
pub fn check(
    conn: &mut DbConnection,
    path: &PupilPath,
    grant: FormGrant,
    today: NaiveDate,
) -> DbResult<Result<ReadyForm, FormRefusal>> {
    let spent_code = match &grant.code_hash {
        Some(hash) => Some(!access::code_unused(conn, hash)?),
        None => None,
    };
    let Some((access, spent)) = access::form_access(conn, grant.wave_class_id, &grant.nonce)? else {
        return Ok(Err(FormRefusal::Forged));
    };
    let facts = FormFacts::of(&access);
    path.facts.remember(access.wave_class_id, facts.clone());
    let token = if spent { Token::Spent } else { Token::Unspent };
    Ok(match access.seat(today, Code::single_use(spent_code), token).admit(1) {
        Err(refusal) => Err(FormRefusal::Refused(refusal)),
        Ok(()) => Ok(ReadyForm { grant, facts }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::WaveClassId;
    use crate::domain::instrument::InstrumentKey;
    use crate::domain::lang::Lang;

    const CLASS: &str = "6f1c1f0e-8d7c-4b8e-9a53-0c1d2e3f4a5b";

    fn grant(nonce: &str) -> FormGrant {
        FormGrant::issue(WaveClassId::parse(CLASS).expect("an id"), Lang::Kk, None, nonce.into(), 1_800_000_000)
    }

    #[test]
    fn only_the_first_view_of_a_fresh_form_with_known_facts_is_ready_from_memory() {
        let path = PupilPath::new(b"key");
        let id = WaveClassId::parse(CLASS).expect("an id");
        let facts = FormFacts { instrument: InstrumentKey::new("school-climate", 2), grade: 7 };
        path.fresh.issued("fresh");
        assert_eq!(fresh_view(&path, grant("fresh")), Err(grant("fresh")), "facts unknown: the database decides");
        path.fresh.issued("fresh");
        path.facts.remember(id, facts.clone());
        let ready = fresh_view(&path, grant("fresh")).expect("the first view");
        assert_eq!(ready, ReadyForm { grant: grant("fresh"), facts });
        assert!(fresh_view(&path, grant("fresh")).is_err(), "a reload reads the wave");
        assert!(fresh_view(&path, grant("never-issued")).is_err());
    }

    #[test]
    fn a_pass_or_token_of_another_key_is_forged_and_an_old_one_expired() {
        let path = PupilPath::new(b"key");
        let pass = form_pass::seal(&grant("n"), b"key").expect("sealed");
        assert_eq!(unseal(&path, &pass, 1_800_000_000), Ok(grant("n")));
        assert_eq!(unseal(&PupilPath::new(b"other"), &pass, 1_800_000_000), Err(FormRefusal::Forged));
        assert_eq!(unseal(&path, &pass, grant("n").expires + 1), Err(FormRefusal::Expired));
        let token = grant("n").sign(b"key");
        assert_eq!(verify(&path, &token, 1_800_000_000), Ok(grant("n")));
        assert_eq!(verify(&path, &pass, 1_800_000_000), Err(FormRefusal::Forged), "a pass is not a token");
    }
}
