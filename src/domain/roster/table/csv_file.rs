//! CSV: UTF-8 with or without a byte-order mark, separated by `,`, `;` (what Excel writes in a
//! Russian or Kazakh locale) or tab, sniffed from the header line. Anything that is not UTF-8 is
//! refused rather than guessed: Windows-1251, the usual other encoding here, has no ә ғ қ ң ө ұ ү һ і,
//! so decoding it would hide the letters that were lost when it was saved.

use super::{FileError, Table, assemble};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads a CSV file's bytes.
pub(super) fn read(bytes: &[u8]) -> Result<Table, FileError> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| FileError::NotUtf8 { line: line_at(bytes, e.valid_up_to()) })?;
    let delimiter = sniff(text);
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    // The reader numbers a record by the lines before it, counting the blank lines it skips but not
    // the line breaks inside quoted cells: exactly the row a spreadsheet shows it on.
    let records = reader.records().map(|record| match record {
        Ok(record) => {
            let row = record.position().map_or(1, |p| p.line() as usize);
            Ok((row, record.iter().map(str::to_owned).collect()))
        }
        Err(e) => Err(FileError::BadCsv { line: e.position().map_or(1, |p| p.line() as usize) }),
    });
    assemble(records)
}

fn line_at(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1
}

/// The separator of the first line: whichever of `;`, tab and `,` occurs most outside quotes (a
/// comma on a tie, as the format's name says).
fn sniff(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for byte in first.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(entry) = counts.iter_mut().find(|(d, _)| *d == byte) {
            entry.1 += 1;
        }
    }
    counts.iter().fold((b',', 0), |best, &(d, n)| if n > best.1 { (d, n) } else { best }).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_is_the_commonest_outside_quotes() {
        assert_eq!(sniff("a;b;c\n1;2;3"), b';');
        assert_eq!(sniff("a\tb\tc"), b'\t');
        assert_eq!(sniff("\"a;b;c\",d,e"), b',');
        assert_eq!(sniff("single"), b',');
    }
}
