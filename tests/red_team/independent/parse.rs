//! Reading figures as the attacker does: the overview table's rows, and a shown percentage and
//! interval turned back into the band of positives it stands for.

use ahual::domain::statistics::{Tally, wilson_interval};
use serde_json::Value;

/// A row of a figures table: its label, respondents and one cell per rate indicator.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Row {
    pub(super) label: String,
    pub(super) n: u64,
    pub(super) cells: Vec<String>,
}

pub(super) fn rows(html: &str) -> Vec<Row> {
    let Some(table) = html.split("<table class=\"figures-table\">").nth(1) else { return Vec::new() };
    let table = table.split("</table>").next().unwrap();
    let mut found = Vec::new();
    for tr in table.split("<tr>").skip(1) {
        let Some(at) = tr.find("scope=\"row\">") else { continue };
        let label = tr[at + 12..].split("</th>").next().unwrap().to_owned();
        let cells: Vec<String> =
            tr.split("<td class=\"num\">").skip(1).map(|td| td.split("</td>").next().unwrap().to_owned()).collect();
        found.push(Row { label, n: cells[0].parse().unwrap(), cells: cells[1..].to_vec() });
    }
    found
}

pub(super) fn one_decimal(proportion: f64) -> String {
    let tenths = (proportion * 1000.0).round();
    let value = if tenths <= 0.0 { 0.0 } else { tenths / 10.0 };
    format!("{value:.1}")
}

/// The band of positives a shown "P% (lo–hi)" of `n` stands for: the counts whose Wilson lower end
/// is `lo`, up to those whose upper end is `hi` (the engine computes the interval from the band).
pub(super) fn invert(cell: &str, n: u64) -> Option<(u64, u64)> {
    let open = cell.rfind('(')?;
    let (lo, hi) = cell[open + 1..].trim_end_matches(')').split_once('–').unwrap();
    let n32 = u32::try_from(n).unwrap();
    let interval = |x: u64| wilson_interval(Tally::new(u32::try_from(x).unwrap(), n32).unwrap());
    let low = (0..=n).find(|&x| one_decimal(interval(x).lower()) == lo);
    let high = (0..=n).rev().find(|&x| one_decimal(interval(x).upper()) == hi);
    match (low, high) {
        (Some(low), Some(high)) if low <= high => Some((low, high)),
        _ => panic!("the attacker cannot invert {cell:?} at n = {n}"),
    }
}

/// `5` or `"2-3"`.
pub(super) fn band(positives: &Value) -> (u64, u64) {
    if let Some(exact) = positives.as_u64() {
        return (exact, exact);
    }
    let (low, high) = positives.as_str().unwrap().split_once('-').unwrap();
    (low.parse().unwrap(), high.parse().unwrap())
}

/// The region-overview cell of a rate from the API, formatted as the table formats it.
pub(super) fn api_cell(rate: &Value) -> String {
    let f = |v: &Value| format!("{:.1}", v.as_f64().unwrap());
    format!("{} ({}–{})", rate["percent"].as_str().unwrap(), f(&rate["ci_low"]), f(&rate["ci_high"]))
}
