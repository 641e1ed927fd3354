//! Every kind of file a person might upload, good and bad, built here in code.
#![allow(clippy::unwrap_used)]

#[path = "../../../../tests/common/xlsx.rs"]
mod xlsx;

use super::*;

const CLASSES: &str = "School code,Class,Grade,Pupils\nSCH-0001,7A,7,25\nSCH-0001,7Ә,7,24\n";

fn cells(table: &Table, row: usize) -> Vec<&str> {
    table.rows[row].cells.iter().map(String::as_str).collect()
}

#[test]
fn a_comma_csv_reads_its_header_and_rows_with_their_spreadsheet_numbers() {
    let table = read_table(CLASSES.as_bytes()).unwrap();
    assert_eq!(table.headers, ["School code", "Class", "Grade", "Pupils"]);
    assert_eq!(table.rows.len(), 2);
    assert_eq!(table.rows[0].number, 2, "the header is row 1");
    assert_eq!(cells(&table, 1), ["SCH-0001", "7Ә", "7", "24"]);
}

#[test]
fn a_semicolon_csv_as_russian_excel_writes_it_splits_on_semicolons() {
    let text = "Код школы;Класс;Параллель;Число учеников\r\nSCH-0001;5Б;5;\"30\"\r\n";
    let table = read_table(text.as_bytes()).unwrap();
    assert_eq!(table.headers.len(), 4);
    assert_eq!(cells(&table, 0), ["SCH-0001", "5Б", "5", "30"]);
}

#[test]
fn a_tab_separated_file_splits_on_tabs() {
    let table = read_table(b"School code\tClass\nSCH-1\t7A\n").unwrap();
    assert_eq!(cells(&table, 0), ["SCH-1", "7A"]);
}

#[test]
fn a_byte_order_mark_is_not_part_of_the_first_header() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(CLASSES.as_bytes());
    assert_eq!(read_table(&bytes).unwrap().headers[0], "School code");
}

#[test]
fn windows_1251_is_refused_with_its_line_not_guessed() {
    // "Класс" in Windows-1251 on the second line.
    let mut bytes = b"School code,Class\nSCH-1,".to_vec();
    bytes.extend_from_slice(&[0xCA, 0xEB, 0xE0, 0xF1, 0xF1]);
    assert_eq!(read_table(&bytes), Err(FileError::NotUtf8 { line: 2 }));
}

#[test]
fn utf16_as_excel_saves_unicode_text_is_refused_too() {
    let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain("a,b".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    assert!(matches!(read_table(&bytes), Err(FileError::NotUtf8 { .. })));
}

#[test]
fn an_unclosed_quote_is_a_bad_csv_not_a_panic() {
    let result = read_table(b"a,b\n1,\"2\n3,4");
    assert!(result.is_ok() || matches!(result, Err(FileError::BadCsv { .. })), "{result:?}");
}

#[test]
fn blank_rows_are_skipped_but_rows_keep_their_numbers() {
    let table = read_table(b"\n\na,b\n,\n1,2\n").unwrap();
    assert_eq!(table.headers, ["a", "b"]);
    assert_eq!(table.rows.len(), 1);
    assert_eq!(table.rows[0].number, 5);
}

#[test]
fn an_empty_file_a_header_alone_and_an_empty_sheet_are_empty() {
    assert_eq!(read_table(b""), Err(FileError::Empty));
    assert_eq!(read_table(b"School code,Class\n"), Err(FileError::Empty));
    assert_eq!(read_table(&xlsx::xlsx(&[])), Err(FileError::Empty));
    assert_eq!(read_table(&xlsx::xlsx(&[&["School code", "Class"]])), Err(FileError::Empty));
}

#[test]
fn more_rows_than_the_limit_are_refused_and_the_limit_itself_is_fine() {
    let mut text = String::from("School code,Class,Grade,Pupils\n");
    for i in 0..MAX_ROWS {
        text.push_str(&format!("SCH-1,{i},7,20\n"));
    }
    assert_eq!(read_table(text.as_bytes()).map(|t| t.rows.len()), Ok(MAX_ROWS));
    let mut fifty_thousand = String::from("School code,Class,Grade,Pupils\n");
    for i in 0..50_000 {
        fifty_thousand.push_str(&format!("SCH-1,{i},7,20\n"));
    }
    assert_eq!(read_table(fifty_thousand.as_bytes()), Err(FileError::TooManyRows));
}

#[test]
fn a_twenty_megabyte_file_is_too_large_whatever_it_holds() {
    let bytes = vec![b'a'; 20 * 1024 * 1024];
    assert_eq!(read_table(&bytes), Err(FileError::TooLarge));
}

#[test]
fn too_many_columns_are_refused() {
    let header: Vec<String> = (0..=MAX_COLUMNS).map(|i| format!("c{i}")).collect();
    let text = format!("{}\n{}\n", header.join(","), header.join(","));
    assert_eq!(read_table(text.as_bytes()), Err(FileError::TooManyColumns));
}

#[test]
fn nul_bytes_are_binary() {
    assert_eq!(read_table(b"a,b\n1,\0\n"), Err(FileError::Binary));
}

#[test]
fn an_xlsx_reads_strings_and_whole_numbers_as_typed() {
    let book = xlsx::xlsx(&[&["School code", "Class", "Grade", "Pupils"], &["SCH-0001", "10Ә", "10", "25"]]);
    let table = read_table(&book).unwrap();
    assert_eq!(table.headers, ["School code", "Class", "Grade", "Pupils"]);
    assert_eq!(cells(&table, 0), ["SCH-0001", "10Ә", "10", "25"], "no `10.0`");
    assert_eq!(table.rows[0].number, 2);
}

#[test]
fn a_formula_counts_by_its_stored_value_and_one_without_a_value_is_refused_by_its_cell() {
    let stored = xlsx::xlsx(&[&["Grade", "Pupils"], &["7", "=20+5|25"]]);
    assert_eq!(cells(&read_table(&stored).unwrap(), 0), ["7", "25"]);
    let unstored = xlsx::xlsx(&[&["Grade", "Pupils"], &["7", "25"], &["8", "=B2+1"]]);
    assert_eq!(read_table(&unstored), Err(FileError::Formula { cell: "B3".into() }));
}

#[test]
fn merged_cells_are_refused_with_their_range() {
    let rows = xlsx::rows(&[&["School code", "Class"], &["SCH-1", "7A"], &["", "7B"]]);
    let book = xlsx::workbook_of(&xlsx::sheet_xml(&rows, &["A2:A3"]));
    assert_eq!(read_table(&book), Err(FileError::Merged { range: "A2:A3".into() }));
}

#[test]
fn a_zip_bomb_disguised_as_xlsx_is_refused_before_it_is_inflated() {
    let bomb = xlsx::zip_bomb(60);
    assert!(bomb.len() < MAX_UPLOAD_BYTES, "small enough to pass the upload limit: {} bytes", bomb.len());
    assert_eq!(read_table(&bomb), Err(FileError::ZipBomb));
}

#[test]
fn a_zip_of_too_many_parts_is_a_bomb_too() {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..=MAX_ZIP_ENTRIES {
        zip.start_file(format!("part{i}.xml"), zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(b"x").unwrap();
    }
    assert_eq!(read_table(&zip.finish().unwrap().into_inner()), Err(FileError::ZipBomb));
}

#[test]
fn a_file_named_xlsx_that_is_not_a_zip_is_read_as_text_and_an_old_xls_is_refused() {
    assert_eq!(read_table(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]), Err(FileError::UnknownFormat));
    assert_eq!(read_table(b"PK\x03\x04 truncated"), Err(FileError::BadXlsx));
    assert_eq!(read_table(&[0xFF, 0xD8, 0xFF, 0xE0]), Err(FileError::NotUtf8 { line: 1 }), "a JPEG");
}

#[test]
fn column_letters_run_past_z() {
    assert_eq!(column_letter(0), "A");
    assert_eq!(column_letter(25), "Z");
    assert_eq!(column_letter(26), "AA");
    assert_eq!(column_letter(701), "ZZ");
    assert_eq!(column_letter(702), "AAA");
}

#[test]
fn a_cell_spanning_lines_is_one_row_and_later_rows_keep_their_spreadsheet_numbers() {
    let table = read_table(b"a,b\n\"two\nlines\",1\n\n3,4\n").unwrap();
    assert_eq!(table.rows.iter().map(|r| r.number).collect::<Vec<_>>(), [2, 4]);
}

mod properties {
    use proptest::prelude::*;

    use super::super::*;

    proptest! {
        /// Whatever arrives, the reader answers with a table or a refusal, never a panic.
        #[test]
        fn any_bytes_are_read_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = read_table(&bytes);
        }

        /// Any zip-looking bytes too (the XLSX path, with its guard).
        #[test]
        fn any_zip_looking_bytes_are_read_or_refused(tail in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = read_table(&[b"PK\x03\x04".as_slice(), &tail].concat());
        }

        /// Text cells written as CSV with any of the three separators come back as written (trimmed).
        #[test]
        fn csv_cells_come_back_as_written(
            cells in proptest::collection::vec("[a-zA-Zа-яәғқңөұүһі0-9 ,;\"]{1,12}", 3..9),
            separator in prop::sample::select(vec![',', ';', '\t']),
        ) {
            let quote = |c: &String| format!("\"{}\"", c.replace('"', "\"\""));
            let header = ["h1", "h2", "h3"].join(&separator.to_string());
            let row: Vec<String> = cells.iter().take(3).map(quote).collect();
            let text = format!("{header}\n{}\n", row.join(&separator.to_string()));
            let expected: Vec<String> = cells.iter().take(3).map(|c| c.trim().to_owned()).collect();
            match read_table(text.as_bytes()) {
                Ok(table) => prop_assert_eq!(&table.rows[0].cells, &expected),
                Err(error) => {
                    prop_assert_eq!(error, FileError::Empty);
                    prop_assert!(expected.iter().all(String::is_empty), "only a blank row is no row");
                }
            }
        }
    }
}

#[test]
fn of_a_workbook_the_sheet_named_for_the_kind_is_read_and_otherwise_the_first() {
    let schools = xlsx::sheet_xml(&xlsx::rows(&[&["School code"], &["SCH-1"]]), &[]);
    let classes = xlsx::sheet_xml(&xlsx::rows(&[&["Class"], &["7A"]]), &[]);
    let book = xlsx::workbook_of_sheets(&[("Школы", &schools), (" КЛАССЫ ", &classes)]);
    assert_eq!(read_table_preferring(&book, &["Сыныптар", "Классы", "Classes"]).unwrap().headers, ["Class"]);
    assert_eq!(read_table_preferring(&book, &["Staff"]).unwrap().headers, ["School code"], "no such sheet: the first");
    assert_eq!(read_table(&book).unwrap().headers, ["School code"]);
}
