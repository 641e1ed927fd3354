//! XLSX through calamine, after the zip guard. The first sheet is read, or the first named as asked. A formula counts by the value
//! the spreadsheet stored with it (what the person saw when they saved); a formula stored without a
//! value is refused by its cell, since its value would be a guess. Merged cells are refused by their
//! range: a merged "school" cell over ten rows would leave nine classes without a school.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::{FileError, Table, assemble, column_letter, zip_guard};

/// Reads an XLSX file's bytes.
pub(super) fn read(bytes: &[u8], preferred: &[&str]) -> Result<Table, FileError> {
    zip_guard::check(bytes)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| FileError::BadXlsx)?;
    let names = book.sheet_names();
    let fold = |name: &str| name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let wanted: Vec<String> = preferred.iter().map(|n| fold(n)).collect();
    let named = names.iter().find(|n| wanted.contains(&fold(n)));
    let sheet = named.or(names.first()).cloned().ok_or(FileError::Empty)?;
    let range = book.worksheet_range(&sheet).map_err(|_| FileError::BadXlsx)?;
    let merged = book.merge_cells_by_sheet_name(&sheet).map_err(|_| FileError::BadXlsx)?;
    if let Some(first) = merged.iter().min_by_key(|d| d.start) {
        let name = |(row, col): (u32, u32)| format!("{}{}", column_letter(col as usize), row + 1);
        return Err(FileError::Merged { range: format!("{}:{}", name(first.start), name(first.end)) });
    }
    let formulas = book.worksheet_formula(&sheet).map_err(|_| FileError::BadXlsx)?;
    for (row, col, formula) in formulas.used_cells() {
        let Some((top, left)) = formulas.start() else { break };
        let at = (top + row as u32, left + col as u32);
        let stored = range.get_value(at).is_some_and(|v| !matches!(v, Data::Empty));
        if !formula.is_empty() && !stored {
            return Err(FileError::Formula { cell: format!("{}{}", column_letter(at.1 as usize), at.0 + 1) });
        }
    }
    let Some((top, left)) = range.start() else { return Err(FileError::Empty) };
    let rows = range.rows().enumerate().map(move |(index, cells)| {
        let number = top as usize + index + 1;
        let mut texts = vec![String::new(); left as usize];
        for (col, cell) in cells.iter().enumerate() {
            let at = format!("{}{number}", column_letter(left as usize + col));
            texts.push(text(cell).ok_or(FileError::ErrorCell { cell: at })?);
        }
        Ok((number, texts))
    });
    assemble(rows)
}

/// A cell as the person reads it: whole numbers without `.0`, errors (`#REF!`) as `None`.
fn text(cell: &Data) -> Option<String> {
    Some(match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(_) => return None,
    })
}
