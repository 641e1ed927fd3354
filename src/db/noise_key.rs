//! The deployment's key for the noise on released figures, kept with the data it protects.

use diesel::prelude::*;

use super::DbConnection;
use super::error::{DbError, DbResult};
use super::schema::noise_key;
use crate::domain::disclosure::NoiseKey;

/// The stored key, made and stored first if there is none yet.
///
/// Why in the database: every server of a deployment (and every restart) must draw the same offsets,
/// or a frozen figure would be shown again with fresh noise; the key lives and is backed up with the
/// figures. Two servers starting at once may both try to store one: the second insert fails and
/// the first key is read back.
pub fn ensure(conn: &mut DbConnection) -> DbResult<NoiseKey> {
    if let Some(key) = stored(conn)? {
        return Ok(key);
    }
    let fresh = NoiseKey::generate();
    let inserted = super::write_transaction(conn, |conn| {
        diesel::insert_into(noise_key::table)
            .values((noise_key::id.eq(1), noise_key::key_hex.eq(hex::encode(fresh.to_bytes()))))
            .execute(conn)
            .map_err(DbError::from)
    });
    match (inserted, stored(conn)?) {
        (_, Some(key)) => Ok(key),
        (Err(e), None) => Err(e),
        (Ok(_), None) => Err(DbError::Corrupt("the noise key was stored but cannot be read".into())),
    }
}

fn stored(conn: &mut DbConnection) -> DbResult<Option<NoiseKey>> {
    let found: Option<String> =
        noise_key::table.filter(noise_key::id.eq(1)).select(noise_key::key_hex).first(conn).optional()?;
    found.map(|text| parse(&text)).transpose()
}

fn parse(text: &str) -> DbResult<NoiseKey> {
    let bytes = hex::decode(text).map_err(|_| DbError::Corrupt("the noise key is not hex".into()))?;
    let bytes: [u8; 16] = bytes.try_into().map_err(|_| DbError::Corrupt("the noise key is not 16 bytes".into()))?;
    Ok(NoiseKey::from_bytes(bytes))
}
