//! A pupil types the class password (or a single-use code) and gets a form of their own: its grant
//! sealed into the form's address ([`form_pass`]), or a refusal.
//!
//! Two steps, so no connection is taken for what memory alone can refuse: [`knock`] asks the
//! throttle and refuses a secret that cannot be one (counting it as a wrong attempt); [`admit`]
//! looks the secret up, asks the admission rule
//! ([`Seat::admit`](crate::domain::survey::admission::Seat::admit)) and issues the form. The form's
//! nonce comes from the block this process issued ahead ([`super::form_nonces`]); the facts it read
//! are remembered ([`super::form_facts`]) and the form marked fresh ([`super::fresh_grants`]), so the
//! form page and the submission need not read the same rows again.

use std::net::IpAddr;
use std::time::Instant;

use chrono::{DateTime, Utc};

use super::error::{UseCaseError, UseCaseResult};
use super::form_facts::FormFacts;
use super::pupil_path::PupilPath;
use crate::db::{DbConnection, access};
use crate::domain::lang::Lang;
use crate::domain::survey::access_secret::{self, SECRET_LEN};
use crate::domain::survey::admission::{Code, Refusal, Token};
use crate::domain::survey::form_pass;
use crate::domain::survey::form_token::FormGrant;
use crate::domain::survey::wave::local_date;

/// Why a pupil gets no form; each has its own page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdmitRefusal {
    /// Too many wrong passwords from this address lately: wait.
    TooManyAttempts,
    /// No class password or code is this secret (one message, whatever was wrong).
    WrongPassword,
    /// The secret is right, but the admission rule refuses.
    Refused(Refusal),
}

/// A well-formed secret from a client the throttle lets try, to be looked up by [`admit`]. Not
/// `Debug`: it holds the hash of what the pupil typed and the pupil's address, which no log may show.
pub struct Knock {
    client: Option<IpAddr>,
    hash: String,
    at: Instant,
}

/// The first step, in memory only: refuses a client over the throttle, and a secret of the wrong
/// length (counted as a wrong attempt) without taking a connection. `client` is the address the
/// request came from when it is known.
pub fn knock(path: &PupilPath, client: Option<IpAddr>, password: &str, at: Instant) -> Result<Knock, AdmitRefusal> {
    if !path.allows(client, at) {
        return Err(AdmitRefusal::TooManyAttempts);
    }
    let typed = access_secret::normalise(password);
    let knock = Knock { client, hash: access_secret::hash(&typed), at };
    if typed.len() != SECRET_LEN {
        wrong(path, &knock);
        return Err(AdmitRefusal::WrongPassword);
    }
    Ok(knock)
}

/// Counts a wrong attempt of the knocking client.
fn wrong(path: &PupilPath, knock: &Knock) {
    path.tried_wrong(knock.client, knock.at);
}

/// The second step, over a connection: what the secret opens, asked of the admission rule on the
/// pupil's day at `now`; if admitted, a new form in `lang`, returned as its sealed address.
pub fn admit(
    conn: &mut DbConnection,
    path: &PupilPath,
    knock: Knock,
    lang: Lang,
    now: DateTime<Utc>,
) -> UseCaseResult<Result<String, AdmitRefusal>> {
    let Some(access) = access::find_access(conn, &knock.hash)? else {
        wrong(path, &knock);
        return Ok(Err(AdmitRefusal::WrongPassword));
    };
    let today = local_date(now);
    let code = Code::single_use(access.code.as_ref().map(|(_, used)| *used));
    if let Err(refusal) = access.seat(today, code, Token::NotIssued).admit(1) {
        return Ok(Err(AdmitRefusal::Refused(refusal)));
    }
    let nonce = path.nonces.take(conn, today)?;
    let code_hash = access.code.as_ref().map(|(hash, _)| hash.clone());
    let grant = FormGrant::issue(access.wave_class_id, lang, code_hash, nonce, now.timestamp());
    path.facts.remember(access.wave_class_id, FormFacts::of(&access));
    path.fresh.issued(&grant.nonce);
    // The address names nothing: the grant goes sealed.
    let pass = form_pass::seal(&grant, path.key()).ok_or(UseCaseError::Invariant("cannot seal a form's address"))?;
    Ok(Ok(pass))
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;

    use super::*;
    use crate::domain::survey::throttle::BURST;

    #[test]
    fn a_secret_of_the_wrong_length_is_a_wrong_attempt_counted_by_the_throttle() {
        let path = PupilPath::new(b"key");
        let (lab, at) = (Some(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 7))), Instant::now());
        for _ in 0..BURST as u32 {
            assert_eq!(knock(&path, lab, "short", at).err(), Some(AdmitRefusal::WrongPassword));
        }
        let right_length = "a".repeat(SECRET_LEN);
        assert_eq!(knock(&path, lab, &right_length, at).err(), Some(AdmitRefusal::TooManyAttempts));
        let elsewhere = Some(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 8)));
        assert!(knock(&path, elsewhere, &right_length, at).is_ok(), "another address may still try");
        assert!(knock(&path, None, &right_length, at).is_ok(), "an unknown address is not throttled");
    }
}
