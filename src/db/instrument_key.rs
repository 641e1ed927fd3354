//! The instrument key at the database's edge. The `waves` and `responses` tables keep the code and
//! the version in two columns (`instrument_id`, `instrument_version` as an integer); the rest of the
//! application holds one [`InstrumentKey`]. The conversion lives here once, so a version that does
//! not fit the column is refused instead of wrapping.

use super::error::{DbError, DbResult};
use crate::domain::instrument::InstrumentKey;

/// The version as the integer column stores it; refused (not wrapped) when it does not fit.
pub(super) fn stored_version(key: &InstrumentKey) -> DbResult<i32> {
    i32::try_from(key.version()).map_err(|_| DbError::Corrupt(format!("instrument {key}: version out of range")))
}

/// The key of two stored columns; a negative version is a corrupt row.
pub(super) fn read_key(code: String, version: i32) -> DbResult<InstrumentKey> {
    let version = u32::try_from(version)
        .map_err(|_| DbError::Corrupt(format!("instrument {code}: negative version {version}")))?;
    Ok(InstrumentKey::new(code, version))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_goes_in_and_comes_back_the_same() {
        let key = InstrumentKey::new("school-climate", 2);
        let version = stored_version(&key).unwrap();
        assert_eq!(version, 2);
        assert_eq!(read_key("school-climate".into(), version).unwrap(), key);
    }

    #[test]
    fn versions_the_column_cannot_hold_are_refused() {
        assert!(stored_version(&InstrumentKey::new("x", u32::MAX)).is_err());
        assert!(read_key("x".into(), -1).is_err());
    }
}
