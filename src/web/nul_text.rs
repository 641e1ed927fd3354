//! Text holding a NUL character is refused where it enters, with a 400. PostgreSQL can neither store
//! nor compare it (the query fails, and the request answered 500); SQLite can, so the two backends
//! would disagree; and no person types one. Found by the fuzz (`tests/fuzz_routes/`): a NUL in the
//! sign-in form's login failed on PostgreSQL.

use super::errors::AppError;

/// The refusal: the data sent could not be understood.
const REFUSAL: AppError = AppError::BadRequest("error-bad-request");

/// Refuses when any of `texts` holds a NUL.
pub fn refuse_nul<'a>(texts: impl IntoIterator<Item = &'a str>) -> Result<(), AppError> {
    if texts.into_iter().any(|text| text.contains('\0')) { Err(REFUSAL) } else { Ok(()) }
}

/// Refuses a urlencoded body any of whose names or values, decoded, holds a NUL (or that cannot be
/// decoded at all).
pub fn refuse_nul_in_form(body: &[u8]) -> Result<(), AppError> {
    let pairs = serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).map_err(|_| REFUSAL)?;
    refuse_nul(pairs.iter().flat_map(|(name, value)| [name.as_str(), value.as_str()]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_anywhere_in_a_form_is_refused() {
        assert!(refuse_nul_in_form(b"login=admin&password=x").is_ok());
        assert!(refuse_nul_in_form(b"login=ad%00min&password=x").is_err());
        assert!(refuse_nul_in_form(b"lo%00gin=admin").is_err());
        assert!(refuse_nul_in_form(b"login=ad\0min").is_err());
        assert!(refuse_nul(["a", "b\u{0}"]).is_err());
        assert!(refuse_nul(["a\u{1}", "Әй"]).is_ok(), "other control characters are the parsers' business");
    }
}
