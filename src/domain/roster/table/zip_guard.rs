//! Opens an XLSX as the zip it is and refuses a bomb before calamine inflates anything: too many
//! parts, or parts whose declared or actual inflated size passes the limit. The actual size is
//! measured by inflating each part into nothing, stopping at the limit, since a zip's declared sizes
//! are whatever its maker wrote.

use std::io::{Cursor, Read};

use super::{FileError, MAX_UNPACKED_BYTES, MAX_ZIP_ENTRIES};

/// Checks that `bytes` is a zip whose parts, together, inflate to at most [`MAX_UNPACKED_BYTES`].
pub(super) fn check(bytes: &[u8]) -> Result<(), FileError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| FileError::BadXlsx)?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(FileError::ZipBomb);
    }
    let mut budget = MAX_UNPACKED_BYTES;
    for index in 0..archive.len() {
        let part = archive.by_index(index).map_err(|_| FileError::BadXlsx)?;
        if part.size() > budget {
            return Err(FileError::ZipBomb);
        }
        let inflated =
            std::io::copy(&mut part.take(budget + 1), &mut std::io::sink()).map_err(|_| FileError::BadXlsx)?;
        if inflated > budget {
            return Err(FileError::ZipBomb);
        }
        budget -= inflated;
    }
    Ok(())
}
