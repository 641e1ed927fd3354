//! A minimal XLSX writer for tests (also included by the domain's unit tests): one sheet of inline
//! strings and numbers, with merged ranges and formulas when asked. A cell `=F` is the formula `F`
//! stored without a value; `=F|V` the same formula with the value `V`, as a spreadsheet saves it.
#![allow(dead_code, clippy::unwrap_used)]

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn column(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        letters.push(char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

fn cell(at: &str, text: &str) -> String {
    if let Some(formula) = text.strip_prefix('=') {
        return match formula.split_once('|') {
            Some((f, v)) => format!("<c r=\"{at}\"><f>{}</f><v>{}</v></c>", escape(f), escape(v)),
            None => format!("<c r=\"{at}\"><f>{}</f></c>", escape(formula)),
        };
    }
    if text.parse::<f64>().is_ok() {
        format!("<c r=\"{at}\"><v>{text}</v></c>")
    } else {
        format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{}</t></is></c>", escape(text))
    }
}

/// The sheet's XML for `rows` (row 1 first), with `merged` ranges such as `A2:A3`.
pub fn sheet_xml(rows: &[Vec<String>], merged: &[&str]) -> String {
    let mut xml = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{MAIN}\"><sheetData>");
    for (r, cells) in rows.iter().enumerate() {
        xml.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, text) in cells.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            xml.push_str(&cell(&format!("{}{}", column(c), r + 1), text));
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData>");
    if !merged.is_empty() {
        xml.push_str(&format!("<mergeCells count=\"{}\">", merged.len()));
        for range in merged {
            xml.push_str(&format!("<mergeCell ref=\"{range}\"/>"));
        }
        xml.push_str("</mergeCells>");
    }
    xml.push_str("</worksheet>");
    xml
}

/// A workbook whose only sheet is `sheet` (its XML).
pub fn workbook_of(sheet: &str) -> Vec<u8> {
    workbook_of_sheets(&[("Sheet1", sheet)])
}

/// A workbook of named sheets (name, XML), in order.
pub fn workbook_of_sheets(sheets: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    let sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
    let overrides: String = (1..=sheets.len())
        .map(|i| format!("<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"{sheet_type}\"/>"))
        .collect();
    let entries: String = sheets
        .iter()
        .enumerate()
        .map(|(i, (name, _))| format!("<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>", escape(name), i + 1, i + 1))
        .collect();
    let links: String = (1..=sheets.len())
        .map(|i| format!("<Relationship Id=\"rId{i}\" Type=\"{DOC}/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>"))
        .collect();
    let mut parts = vec![
        (
            "[Content_Types].xml".to_owned(),
            format!(
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
                 <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
                 <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
                 <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
                 {overrides}</Types>"
            ),
        ),
        (
            "_rels/.rels".to_owned(),
            format!(
                "<Relationships xmlns=\"{RELS}\"><Relationship Id=\"rId1\" Type=\"{DOC}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
            ),
        ),
        (
            "xl/workbook.xml".to_owned(),
            format!("<workbook xmlns=\"{MAIN}\" xmlns:r=\"{DOC}\"><sheets>{entries}</sheets></workbook>"),
        ),
        ("xl/_rels/workbook.xml.rels".to_owned(), format!("<Relationships xmlns=\"{RELS}\">{links}</Relationships>")),
    ];
    for (i, (_, xml)) in sheets.iter().enumerate() {
        parts.push((format!("xl/worksheets/sheet{}.xml", i + 1), (*xml).to_owned()));
    }
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Rows of text as owned cells.
pub fn rows(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter().map(|r| r.iter().map(|c| (*c).to_owned()).collect()).collect()
}

/// A workbook of `rows`.
pub fn xlsx(rows_: &[&[&str]]) -> Vec<u8> {
    workbook_of(&sheet_xml(&rows(rows_), &[]))
}

/// A zip named like a workbook whose one part inflates to `megabytes` MB of zeros from a few
/// kilobytes: a zip bomb disguised as XLSX.
pub fn zip_bomb(megabytes: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().large_file(true);
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    let zeros = vec![b'0'; 1024 * 1024];
    for _ in 0..megabytes {
        zip.write_all(&zeros).unwrap();
    }
    zip.finish().unwrap().into_inner()
}
