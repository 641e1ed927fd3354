//! Reading figures back out of what each role was served: the wave page's HTML (indicator table,
//! charts, trend charts, region reference lines, answer distributions, class rolls), its CSV, its
//! API answer, and the figures tables of the region and national pages. Every percentage the HTML
//! shows with an interval is turned back into the band of positives it stands for by inverting the
//! Wilson interval (the engine computes the interval from the band); a percentage shown alone (an
//! answer distribution, a reference line) into the counts it can stand for at its group's size.

use std::collections::BTreeMap;

use ahual::domain::statistics::{Tally, wilson_interval};
use ahual::domain::survey::catalog::Catalog;
use serde_json::Value;

/// One released rate as a view shows it: the percentage text, the interval (as text with one
/// decimal) and the band of positive counts the view gives or the attacker recovers.
#[derive(Debug, Clone, PartialEq)]
pub struct Rate {
    pub percent: String,
    pub ci: (String, String),
    pub band: (u64, u64),
}

/// One released group: respondents, rates by indicator id, and the acute signal ("≥1" or "none").
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Group {
    pub n: u64,
    pub rates: BTreeMap<String, Rate>,
    pub acute: Option<String>,
}

/// The released figures of one wave as one view shows them: the school (if released) and each
/// released class by label.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WaveFigures {
    pub school: Option<Group>,
    pub classes: BTreeMap<String, Group>,
}

/// Trend points of a wave page: wave's last day → indicator → (shown percentage, interval).
pub type Trends = BTreeMap<String, BTreeMap<String, (String, (f64, f64))>>;

/// A figures table: column headers, and rows of (row header, cells).
type Table = (Vec<String>, Vec<(String, Vec<String>)>);

/// What a wave page adds to its table: answer distributions of the school ((item, value) → the
/// counts the shown percentage can stand for), class rolls and grades as of the wave, trend points
/// (wave's last day → indicator → rate shown), and reference lines (indicator → texts).
#[derive(Debug, Clone, Default)]
pub struct WavePage {
    pub figures: WaveFigures,
    pub distributions: BTreeMap<(String, u8), (u64, u64)>,
    pub rolls: BTreeMap<String, (u8, u64)>,
    pub trends: Trends,
    pub references: BTreeMap<String, Vec<String>>,
    /// (label with "(n = N)", indicator) → "shown (lo–hi%)" from the rate charts.
    pub chart_rows: BTreeMap<(String, String), String>,
}

/// Indicator ids in the order every table lists them.
pub fn rate_indicators(catalog: &Catalog) -> Vec<String> {
    let instrument = catalog.latest("school-climate").unwrap();
    instrument.rate_indicators().map(|i| i.id().to_owned()).collect()
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let at = text.find(start)? + start.len();
    let rest = &text[at..];
    Some(&rest[..rest.find(end)?])
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

fn one_decimal(proportion: f64) -> String {
    let tenths = (proportion * 1000.0).round();
    let value = if tenths <= 0.0 { 0.0 } else { tenths / 10.0 };
    format!("{value:.1}")
}

/// The band of positives whose Wilson interval, computed from its ends, is `lo`–`hi` at `n`: from
/// the smallest count whose lower end is `lo` to the largest whose upper end is `hi` (a superset of
/// the band when two counts share an end, so the attacker stays sound).
pub fn invert(lo: &str, hi: &str, n: u64) -> (u64, u64) {
    let n32 = u32::try_from(n).unwrap();
    let interval = |x: u64| wilson_interval(Tally::new(u32::try_from(x).unwrap(), n32).unwrap());
    let (lo, hi) = (format!("{:.1}", lo.parse::<f64>().unwrap()), format!("{:.1}", hi.parse::<f64>().unwrap()));
    let low = (0..=n).find(|&x| one_decimal(interval(x).lower()) == lo);
    let high = (0..=n).rev().find(|&x| one_decimal(interval(x).upper()) == hi);
    match (low, high) {
        (Some(low), Some(high)) if low <= high => (low, high),
        _ => panic!("the attacker cannot invert ({lo}–{hi}) at n = {n}"),
    }
}

/// A table cell "20% (8.9–39.1)" at `n`; "—" is `None`.
fn cell(text: &str, n: u64) -> Option<Rate> {
    if text == "—" {
        return None;
    }
    let open = text.rfind(" (").unwrap_or_else(|| panic!("a rate without an interval: {text:?}"));
    let (lo, hi) = text[open + 2..].trim_end_matches(')').split_once('–').unwrap();
    Some(Rate { percent: text[..open].to_owned(), ci: (lo.to_owned(), hi.to_owned()), band: invert(lo, hi, n) })
}

/// `100·x/n` rounded half up to a multiple of 5 below 30 respondents, else of 1 (the engine's
/// rounding of one group).
fn rounded(x: u64, n: u64) -> u64 {
    let unit = if n < 30 { 5 } else { 1 };
    unit * ((200 * x + unit * n) / (2 * unit * n))
}

/// The counts a percentage shown alone can stand for at `n`, for a whole (a school or a region):
/// "≤P%", "≥P%", "A-B%" or "P%".
pub fn counts_of_shown(shown: &str, n: u64) -> (u64, u64) {
    let number = |text: &str| text.trim_end_matches('%').parse::<u64>().unwrap();
    if let Some(p) = shown.strip_prefix('≤') {
        (0, number(p) * n / 100)
    } else if let Some(p) = shown.strip_prefix('≥') {
        ((number(p) * n).div_ceil(100), n)
    } else if let Some((a, b)) = shown.trim_end_matches('%').split_once('-') {
        ((number(a) * n).div_ceil(100), number(b) * n / 100)
    } else {
        let p = number(shown);
        let all: Vec<u64> = (0..=n).filter(|&x| rounded(x, n) == p).collect();
        assert!(!all.is_empty(), "no count of {n} is shown as {shown}");
        (all[0], all[all.len() - 1])
    }
}

/// The `<tr>` rows of the first `figures-table`: (row header, cells), and the column headers.
fn figures_table(html: &str) -> Option<Table> {
    let table = between(html, "<table class=\"figures-table\">", "</table>")?;
    let head = between(table, "<thead>", "</thead>").unwrap();
    let columns =
        head.split("<th scope=\"col\">").skip(1).map(|th| unescape(th.split("</th>").next().unwrap())).collect();
    let mut rows = Vec::new();
    for tr in table.split("<tr>").skip(1) {
        let Some(label) = between(tr, "<th scope=\"row\">", "</th>") else { continue };
        let cells =
            tr.split("<td class=\"num\">").skip(1).map(|td| unescape(td.split("</td>").next().unwrap())).collect();
        rows.push((unescape(label), cells));
    }
    Some((columns, rows))
}

/// The figures of a wave page's indicator table (columns: the school, then released classes).
fn wave_table(html: &str, indicators: &[String]) -> WaveFigures {
    let mut figures = WaveFigures::default();
    let Some((columns, rows)) = figures_table(html) else { return figures };
    assert_eq!(rows.len(), indicators.len() + 2, "respondents, one row per indicator, the acute signal");
    for (at, column) in columns.iter().enumerate().skip(1) {
        let n: u64 = rows[0].1[at - 1].parse().unwrap();
        let mut group = Group { n, ..Group::default() };
        for (id, (_, cells)) in indicators.iter().zip(&rows[1..]) {
            if let Some(rate) = cell(&cells[at - 1], n) {
                group.rates.insert(id.clone(), rate);
            }
        }
        let acute = &rows[rows.len() - 1].1[at - 1];
        group.acute = (acute != "—").then(|| acute.clone());
        if column == "Whole school" {
            figures.school = Some(group);
        } else {
            figures.classes.insert(column.clone(), group);
        }
    }
    figures
}

/// Every `<title>` inside the `<svg>` whose id prefix is `prefix` + indicator.
fn svg_titles<'a>(html: &'a str, id: &str) -> Vec<&'a str> {
    let marker = format!("aria-labelledby=\"{id}-title");
    let Some(at) = html.find(&marker) else { return Vec::new() };
    let svg = &html[at..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    svg.split("<title>").skip(1).map(|t| t.split("</title>").next().unwrap()).collect()
}

/// A wave page (psychologist's or centre's).
pub fn wave_page(html: &str, catalog: &Catalog) -> WavePage {
    let indicators = rate_indicators(catalog);
    let figures = wave_table(html, &indicators);
    let mut page = WavePage { figures, ..WavePage::default() };
    for id in &indicators {
        for title in svg_titles(html, &format!("rate-{id}")) {
            let title = unescape(title);
            if let Some((label, shown)) = title.split_once(": ") {
                page.chart_rows.insert((label.to_owned(), id.clone()), shown.to_owned());
            } else {
                page.references.entry(id.clone()).or_default().push(title);
            }
        }
        for title in svg_titles(html, &format!("trend-{id}")) {
            let title = unescape(title);
            let (day, shown) = title.split_once(": ").unwrap();
            let open = shown.rfind(" (").unwrap();
            let (lo, hi) = shown[open + 2..].trim_end_matches("%)").split_once('–').unwrap();
            let ci = (lo.parse().unwrap(), hi.parse().unwrap());
            page.trends.entry(day.to_owned()).or_default().insert(id.clone(), (shown[..open].to_owned(), ci));
        }
    }
    let instrument = catalog.latest("school-climate").unwrap();
    if let Some(school) = &page.figures.school {
        for table in html.split("<table class=\"distribution\">").skip(1) {
            let caption = unescape(between(table, "<caption>", "</caption>").unwrap());
            let item = instrument
                .sections()
                .iter()
                .flat_map(|s| s.items())
                .find(|i| i.text().get(ahual::domain::lang::Lang::En) == caption)
                .unwrap_or_else(|| panic!("no item reads {caption:?}"));
            let cells: Vec<String> = table
                .split("</table>")
                .next()
                .unwrap()
                .split("<td class=\"num\">")
                .skip(1)
                .map(|td| td.split("</td>").next().unwrap().to_owned())
                .collect();
            assert_eq!(cells.len(), item.choices().len());
            for (choice, shown) in item.choices().iter().zip(cells) {
                if shown != "—" {
                    page.distributions
                        .insert((item.id().to_owned(), choice.value()), counts_of_shown(&shown, school.n));
                }
            }
        }
    }
    // The class table after the figures: label, grade, roll as of the wave.
    if let Some(at) = html.rfind("<table><thead>") {
        for tr in html[at..].split("</table>").next().unwrap().split("<tr><td>").skip(1) {
            let label = tr.split("</td>").next().unwrap().to_owned();
            let nums: Vec<u64> = tr
                .split("<td class=\"num\">")
                .skip(1)
                .map(|td| td.split("</td>").next().unwrap().parse().unwrap())
                .collect();
            page.rolls.insert(label, (u8::try_from(nums[0]).unwrap(), nums[1]));
        }
    }
    page
}

/// A wave's CSV: `level,class,respondents,measure,percent,ci_low,ci_high,positives`.
pub fn wave_csv(csv: &str) -> WaveFigures {
    let mut figures = WaveFigures::default();
    let body: String = csv.lines().filter(|l| !l.starts_with('#')).map(|l| format!("{l}\n")).collect();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    for record in reader.records() {
        let record = record.unwrap();
        let n: u64 = record[2].parse().unwrap();
        let group = if &record[0] == "school" {
            figures.school.get_or_insert_with(|| Group { n, ..Group::default() })
        } else {
            figures.classes.entry(record[1].to_owned()).or_insert_with(|| Group { n, ..Group::default() })
        };
        assert_eq!(group.n, n, "one respondent count per group");
        if &record[3] == "acute_signal" {
            group.acute = Some(record[4].to_owned());
            continue;
        }
        let band = match record[7].split_once('-') {
            Some((low, high)) => (low.parse().unwrap(), high.parse().unwrap()),
            None => (record[7].parse().unwrap(), record[7].parse().unwrap()),
        };
        let rate = Rate { percent: record[4].to_owned(), ci: (record[5].to_owned(), record[6].to_owned()), band };
        group.rates.insert(record[3].to_owned(), rate);
    }
    figures
}

/// `5` or `"2-3"`.
fn json_band(positives: &Value) -> (u64, u64) {
    if let Some(exact) = positives.as_u64() {
        return (exact, exact);
    }
    let (low, high) = positives.as_str().unwrap().split_once('-').unwrap();
    (low.parse().unwrap(), high.parse().unwrap())
}

/// A wave's API summary. A group that is not released must carry no figure at all.
pub fn wave_api(json: &str) -> WaveFigures {
    let summary: Value = serde_json::from_str(json).unwrap();
    let mut figures = WaveFigures::default();
    for g in summary["groups"].as_array().unwrap() {
        if g["released"] != Value::Bool(true) {
            assert!(g["respondents"].is_null() && g.get("indicators").is_none() && g.get("acute").is_none(), "{g}");
            continue;
        }
        let mut group = Group { n: g["respondents"].as_u64().unwrap(), ..Group::default() };
        for (id, rate) in g["indicators"].as_object().unwrap() {
            let ci = |v: &Value| format!("{:.1}", v.as_f64().unwrap());
            let rate = Rate {
                percent: rate["percent"].as_str().unwrap().to_owned(),
                ci: (ci(&rate["ci_low"]), ci(&rate["ci_high"])),
                band: json_band(&rate["positives"]),
            };
            group.rates.insert(id.clone(), rate);
        }
        group.acute = g.get("acute").and_then(Value::as_str).map(str::to_owned);
        match g.get("class").and_then(Value::as_str) {
            Some(label) => {
                figures.classes.insert(label.to_owned(), group);
            }
            None => figures.school = Some(group),
        }
    }
    figures
}

/// A released row of a region or national page: its label, respondents and rates.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: String,
    pub group: Group,
}

/// The rows of a region page (the whole region first, then each shown school) or of the national
/// page (one per region).
pub fn overview(html: &str, catalog: &Catalog) -> Vec<Row> {
    let indicators = rate_indicators(catalog);
    let Some((_, rows)) = figures_table(html) else { return Vec::new() };
    rows.into_iter()
        .map(|(label, cells)| {
            let n: u64 = cells[0].parse().unwrap();
            let rates = indicators
                .iter()
                .zip(&cells[1..])
                .filter_map(|(id, text)| cell(text, n).map(|rate| (id.clone(), rate)))
                .collect();
            Row { label, group: Group { n, rates, acute: None } }
        })
        .collect()
}

/// The region's figures on its open page: the first indicator table, whose one column is the region
/// (respondents, then one row per indicator; no acute signal). `None` when no figure is shown.
pub fn open_region(html: &str, catalog: &Catalog) -> Option<Group> {
    let indicators = rate_indicators(catalog);
    let (columns, rows) = figures_table(html)?;
    assert_eq!(columns.len(), 2, "the indicator column and the region: {columns:?}");
    assert_eq!(rows.len(), indicators.len() + 1, "respondents, then one row per indicator");
    let n: u64 = rows[0].1[0].parse().unwrap();
    let rates =
        indicators.iter().zip(&rows[1..]).filter_map(|(id, (_, cells))| cell(&cells[0], n).map(|r| (id.clone(), r)));
    Some(Group { n, rates: rates.collect(), acute: None })
}
