use roxmltree::Document;

use super::super::model::{ChartId, Estimate};
use super::super::svg_checks::{checked, number, path_points, plot_area, title_of, with_class};
use super::*;

fn text() -> ChartText {
    ChartText {
        id: ChartId::new("rates"), title: "Буллинг".into(), desc: "30 сыныптың көрсеткіші".into()
    }
}

fn row(label: &str, point: f64, ci: (f64, f64)) -> RateRow {
    RateRow { label: label.into(), estimate: Estimate { shown: format!("{point}%"), point, ci }, flag: None }
}

fn school() -> Vec<RateRow> {
    (0..30).map(|i| row(&format!("{}Ә (n = {})", 5 + i / 5, 20 + i), f64::from(i % 7) * 5.0, (1.2, 38.7))).collect()
}

fn references() -> Vec<Reference> {
    vec![Reference { label: "Мектеп 12%".into(), value: 12.0 }, Reference { label: "Өңір 9%".into(), value: 9.0 }]
}

#[test]
fn a_rate_chart_has_one_point_and_one_interval_per_row() {
    let svg = checked(rate_chart(&text(), "% оқушылар", &school(), &references()));
    let doc = Document::parse(&svg).unwrap();
    assert_eq!(with_class(&doc, "mark").len(), 30);
    assert_eq!(with_class(&doc, "ci").len(), 30);
    assert_eq!(with_class(&doc, "row").len(), 30);
    assert_eq!(with_class(&doc, "ref").len(), 2);
}

#[test]
fn intervals_touching_0_and_100_stay_inside_the_plot() {
    let rows = [row("A", 0.0, (0.0, 13.3)), row("B", 100.0, (86.7, 100.0)), row("C", 120.0, (-4.0, f64::NAN))];
    let svg = checked(rate_chart(&text(), "%", &rows, &[]));
    let doc = Document::parse(&svg).unwrap();
    let (left, top, right, bottom) = plot_area(&doc);
    for ci in with_class(&doc, "ci") {
        for (x, y) in path_points(ci.attribute("d").unwrap()) {
            assert!((left..=right).contains(&x) && (top..=bottom).contains(&y), "({x}, {y}) outside");
        }
    }
    for mark in with_class(&doc, "mark") {
        assert!((left..=right).contains(&number(mark, "cx")));
    }
}

#[test]
fn the_axis_grows_to_hold_every_interval_and_reference() {
    let rows = [row("A", 5.0, (1.0, 17.0))];
    let doc_text = checked(rate_chart(&text(), "%", &rows, &[]));
    assert!(doc_text.contains(">20%<") && !doc_text.contains(">40%<"));
    let far = [Reference { label: "x".into(), value: 33.0 }];
    assert!(checked(rate_chart(&text(), "%", &rows, &far)).contains(">40%<"));
}

#[test]
fn flagged_rows_are_bold_with_a_diamond_and_say_so_in_their_title() {
    let mut rows = school();
    rows[4].flag = Some("жоғары".into());
    let svg = checked(rate_chart(&text(), "%", &rows, &[]));
    let doc = Document::parse(&svg).unwrap();
    let flagged = with_class(&doc, "flagged");
    assert_eq!(flagged.len(), 1);
    let row = flagged[0];
    assert!(title_of(row).ends_with(", жоғары"));
    assert!(row.descendants().any(|n| n.has_tag_name("path") && n.attribute("class") == Some("mark")));
    assert!(row.children().filter(|n| n.has_tag_name("text")).all(|t| t.attribute("font-weight") == Some("bold")));
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("circle")).count(), 29);
}

#[test]
fn long_labels_are_cut_on_screen_and_kept_whole_in_the_title() {
    let long = "11Қ — бейінді физика-математикалық сынып, екінші ауысым, Шымкент қаласы";
    let svg = checked(rate_chart(&text(), "%", &[row(long, 20.0, (8.9, 39.1))], &[]));
    let doc = Document::parse(&svg).unwrap();
    let row = with_class(&doc, "row")[0];
    assert_eq!(title_of(row), format!("{long}: 20% (8.9–39.1%)"));
    let shown = row.children().find(|n| n.has_tag_name("text")).and_then(|t| t.text()).unwrap();
    assert!(shown.ends_with('…') && long.starts_with(shown.trim_end_matches('…')));
}

#[test]
fn labels_are_escaped_not_interpreted() {
    let svg = checked(rate_chart(&text(), "%", &[row("<script>alert(1)</script>", 20.0, (9.0, 39.0))], &[]));
    assert!(!svg.contains("<script") && svg.contains("&lt;script&gt;"));
}

#[test]
fn a_single_row_is_drawn_and_no_rows_draw_nothing() {
    let svg = checked(rate_chart(&text(), "%", &[row("7А", 5.0, (0.9, 23.6))], &[]));
    assert_eq!(Document::parse(&svg).unwrap().descendants().filter(|n| n.has_tag_name("circle")).count(), 1);
    assert!(rate_chart(&text(), "%", &[], &references()).into_string().is_empty());
}

#[test]
fn the_same_rows_give_the_same_bytes_and_thirty_rows_stay_small() {
    let first = rate_chart(&text(), "%", &school(), &references()).into_string();
    assert_eq!(first, rate_chart(&text(), "%", &school(), &references()).into_string());
    assert!(first.len() < 16_000, "{} bytes", first.len());
}
