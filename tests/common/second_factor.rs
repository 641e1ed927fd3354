//! What a test needs to type a second factor's codes: the secret shown on the enrolment page, and
//! the next code the server has not seen used (it refuses a step twice, and accepts one either side
//! of its own).

use ahual::db::Pool;
use ahual::domain::second_factor::totp::STEP_SECONDS as STEP;
use ahual::domain::second_factor::{SecretSeal, TotpSecret, earliest_fresh_step};

/// Seconds since the epoch.
pub fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

/// The secret an enrolment page shows for typing by hand (base32 in groups of four).
pub fn secret_on_page(body: &str) -> TotpSecret {
    let marker = "data-secret>";
    let start = body.find(marker).unwrap_or_else(|| panic!("no secret on the page:\n{body}")) + marker.len();
    let end = start + body[start..].find('<').unwrap();
    let typed: String = body[start..end].chars().filter(|c| !c.is_whitespace()).collect();
    let bytes = totp_rs::Secret::try_from_base32(&typed).unwrap().as_bytes().to_vec();
    TotpSecret::from_bytes(bytes).unwrap()
}

/// The code `login`'s authenticator shows for the earliest step the server would still accept.
pub async fn next_code(pool: &Pool, seal: &SecretSeal, login: &str) -> String {
    let mut conn = pool.get().unwrap();
    let id = ahual::db::users::find_id_by_login(&mut conn, login).unwrap().expect("the account");
    loop {
        let stored = ahual::db::second_factor::stored(&mut conn, id).unwrap();
        let secret = seal.open(id, stored.sealed.as_deref().expect("an enrolled account")).expect("its secret opens");
        let now = unix_now();
        match earliest_fresh_step(now, stored.last_step) {
            Some(step) => return secret.code_at(step * STEP),
            None => actix_web::rt::time::sleep(std::time::Duration::from_secs(STEP - now % STEP + 1)).await,
        }
    }
}
