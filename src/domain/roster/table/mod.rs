//! Spreadsheets as tables: the bytes of an uploaded CSV or XLSX file in, a header row and data rows
//! of text cells out, each row with the number the spreadsheet shows (the header is row 1). A file
//! that cannot be read whole (wrong encoding, a zip bomb, a formula without a value, merged cells,
//! too many rows) is refused as a whole with a [`FileError`], before any row is checked.

mod csv_file;
mod xlsx_file;
mod zip_guard;

use serde::{Deserialize, Serialize};

/// The largest file accepted. A region's whole roster (a thousand schools, twenty thousand classes)
/// is under 2 MB as CSV and smaller as XLSX; 10 MB leaves room for e-journal exports with extra
/// columns while one upload's memory (the bytes, then the table) stays bounded per request.
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;

/// The most data rows in one file. The largest region has about a thousand schools with up to
/// twenty classes of grades 5-11 each; a larger list is split (by district, say), which also keeps
/// the preview and the one apply transaction within a request's time.
pub const MAX_ROWS: usize = 20_000;

/// The most columns read. Every kind has at most seven fields; exports with more columns are fine,
/// but a sheet thousands of columns wide is not a roster.
pub const MAX_COLUMNS: usize = 60;

/// The most bytes an XLSX may inflate to, all its parts together. A 10 MB workbook of text inflates
/// to a few times its size; a zip bomb inflates to gigabytes and is refused before it is unpacked.
pub const MAX_UNPACKED_BYTES: u64 = 50 * 1024 * 1024;

/// The most parts an XLSX may hold. A workbook has a dozen; thousands are a bomb of another shape.
pub const MAX_ZIP_ENTRIES: usize = 1_000;

/// One data row: the spreadsheet's row number and its cells, trimmed, as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// As the spreadsheet numbers it: the header is row 1.
    pub number: usize,
    /// One text per column of the header (missing cells are empty).
    pub cells: Vec<String>,
}

/// A file's header row and its non-empty data rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// The header row's texts, trimmed.
    pub headers: Vec<String>,
    /// The data rows, blank ones left out.
    pub rows: Vec<Row>,
}

/// Why a whole file was refused. Each names a message key (`roster-file-…`) and what to show in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    /// Larger than [`MAX_UPLOAD_BYTES`].
    TooLarge,
    /// Neither CSV nor XLSX: an old `.xls`, an `.ods`, a picture, …
    UnknownFormat,
    /// A CSV that is not UTF-8 (Windows-1251, UTF-16): the first bad line.
    NotUtf8 {
        /// 1-based line of the first byte that is not UTF-8.
        line: usize,
    },
    /// A CSV the reader cannot split into fields (a quote left open): its line.
    BadCsv {
        /// 1-based line.
        line: usize,
    },
    /// A zip that is not a workbook, or a workbook calamine cannot read.
    BadXlsx,
    /// A workbook that would inflate past [`MAX_UNPACKED_BYTES`] or holds over [`MAX_ZIP_ENTRIES`] parts.
    ZipBomb,
    /// No header row, or a header and no data rows.
    Empty,
    /// More than [`MAX_ROWS`] data rows.
    TooManyRows,
    /// More than [`MAX_COLUMNS`] columns.
    TooManyColumns,
    /// A formula without a stored value: its cell (`C5`).
    Formula {
        /// The cell's name.
        cell: String,
    },
    /// A cell holding an error such as `#REF!`: its cell.
    ErrorCell {
        /// The cell's name.
        cell: String,
    },
    /// Merged cells: the first merged range (`A2:A5`).
    Merged {
        /// The range's name.
        range: String,
    },
    /// A NUL or other binary byte in a cell: not a text table.
    Binary,
}

impl FileError {
    /// The message key in the catalogues.
    pub fn key(&self) -> &'static str {
        match self {
            FileError::TooLarge => "roster-file-too-large",
            FileError::UnknownFormat => "roster-file-unknown-format",
            FileError::NotUtf8 { .. } => "roster-file-not-utf8",
            FileError::BadCsv { .. } => "roster-file-bad-csv",
            FileError::BadXlsx => "roster-file-bad-xlsx",
            FileError::ZipBomb => "roster-file-zip-bomb",
            FileError::Empty => "roster-file-empty",
            FileError::TooManyRows => "roster-file-too-many-rows",
            FileError::TooManyColumns => "roster-file-too-many-columns",
            FileError::Formula { .. } => "roster-file-formula",
            FileError::ErrorCell { .. } => "roster-file-error-cell",
            FileError::Merged { .. } => "roster-file-merged",
            FileError::Binary => "roster-file-binary",
        }
    }

    /// Where in the file (a line, a cell or a range), if the message names one.
    pub fn place(&self) -> Option<String> {
        match self {
            FileError::NotUtf8 { line } | FileError::BadCsv { line } => Some(line.to_string()),
            FileError::Formula { cell } | FileError::ErrorCell { cell } => Some(cell.clone()),
            FileError::Merged { range } => Some(range.clone()),
            _ => None,
        }
    }

    /// English, for the command line.
    pub fn english(&self) -> String {
        let place = self.place().unwrap_or_default();
        match self {
            FileError::TooLarge => format!("the file is larger than {} MB", MAX_UPLOAD_BYTES / (1024 * 1024)),
            FileError::UnknownFormat => "not a CSV or XLSX file (save it as XLSX or as CSV UTF-8)".into(),
            FileError::NotUtf8 { .. } => format!(
                "line {place} is not UTF-8 (Windows-1251?): save as \"CSV UTF-8\" or upload the XLSX; \
                 Windows-1251 cannot hold the Kazakh letters"
            ),
            FileError::BadCsv { .. } => format!("line {place}: a quote is not closed"),
            FileError::BadXlsx => "not a readable XLSX workbook".into(),
            FileError::ZipBomb => format!("the workbook unpacks to more than {} MB", MAX_UNPACKED_BYTES >> 20),
            FileError::Empty => "the sheet has no header row or no data rows".into(),
            FileError::TooManyRows => format!("more than {MAX_ROWS} rows: split the file"),
            FileError::TooManyColumns => format!("more than {MAX_COLUMNS} columns"),
            FileError::Formula { .. } => format!("cell {place} holds a formula without a value: paste values"),
            FileError::ErrorCell { .. } => format!("cell {place} holds an error value"),
            FileError::Merged { .. } => format!("cells {place} are merged: unmerge them"),
            FileError::Binary => "the file holds binary data".into(),
        }
    }
}

/// Reads a CSV or XLSX file, told apart by its first bytes (an XLSX is a zip), never by its name. Of
/// a workbook, the first sheet is read.
pub fn read_table(bytes: &[u8]) -> Result<Table, FileError> {
    read_table_preferring(bytes, &[])
}

/// As [`read_table`], but of a workbook the first sheet named one of `sheets` (case and spaces aside)
/// is read when there is one, so a workbook of schools, classes and staff on three sheets can be
/// uploaded once per kind.
pub fn read_table_preferring(bytes: &[u8], sheets: &[&str]) -> Result<Table, FileError> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(FileError::TooLarge);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        xlsx_file::read(bytes, sheets)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Err(FileError::UnknownFormat)
    } else {
        csv_file::read(bytes)
    }
}

/// The spreadsheet name of a 0-based column: A, B, …, Z, AA, …
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Builds a table from raw rows (row number, cells): the first non-blank row is the header; blank
/// rows are dropped; the limits are checked here once for both formats.
fn assemble(raw: impl Iterator<Item = Result<(usize, Vec<String>), FileError>>) -> Result<Table, FileError> {
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for item in raw {
        let (number, cells) = item?;
        let cells: Vec<String> = cells.into_iter().map(|c| c.trim().to_owned()).collect();
        if cells.iter().any(|c| c.contains('\0')) {
            return Err(FileError::Binary);
        }
        if cells.iter().all(String::is_empty) {
            continue;
        }
        let last = cells.iter().rposition(|c| !c.is_empty()).unwrap_or(0);
        if last >= MAX_COLUMNS {
            return Err(FileError::TooManyColumns);
        }
        match &headers {
            None => headers = Some(cells[..=last].to_vec()),
            Some(_) if rows.len() == MAX_ROWS => return Err(FileError::TooManyRows),
            Some(_) => rows.push(Row { number, cells }),
        }
    }
    let headers = headers.ok_or(FileError::Empty)?;
    if rows.is_empty() {
        return Err(FileError::Empty);
    }
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0).max(headers.len()).min(MAX_COLUMNS);
    let mut headers = headers;
    headers.resize(width, String::new());
    for row in &mut rows {
        row.cells.resize(width, String::new());
    }
    Ok(Table { headers, rows })
}

#[cfg(test)]
mod tests;
