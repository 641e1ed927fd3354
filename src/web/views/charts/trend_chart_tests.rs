use roxmltree::Document;

use super::super::model::{ChartId, Estimate};
use super::super::svg_checks::{checked, number, path_points, plot_area, title_of, with_class};
use super::*;

fn text() -> ChartText {
    ChartText { id: ChartId::new("trend"), title: "Тренд".into(), desc: "Төрт толқын".into() }
}

fn wave(name: &str, point: f64, ci: (f64, f64)) -> TrendPoint {
    TrendPoint { wave: name.into(), estimate: Estimate { shown: format!("{point}%"), point, ci } }
}

fn waves() -> Vec<TrendPoint> {
    vec![
        wave("Күз 2024", 20.0, (8.9, 39.1)),
        wave("Көктем 2025", 15.0, (6.0, 33.0)),
        wave("Күз 2025", 5.0, (0.0, 16.1)),
        wave("Көктем 2026", 100.0, (86.7, 100.0)),
    ]
}

#[test]
fn each_wave_has_a_dot_and_a_whisker_inside_the_plot_left_to_right() {
    let svg = checked(trend_chart(&text(), "% оқушылар", &waves()));
    let doc = Document::parse(&svg).unwrap();
    let (left, top, right, bottom) = plot_area(&doc);
    let marks = with_class(&doc, "mark");
    assert_eq!(marks.len(), 4);
    let xs: Vec<f64> = marks.iter().map(|m| number(*m, "cx")).collect();
    assert!(xs.windows(2).all(|w| w[0] < w[1]));
    for ci in with_class(&doc, "ci") {
        for (x, y) in path_points(ci.attribute("d").unwrap()) {
            assert!((left - 5.0..=right + 5.0).contains(&x) && (top..=bottom).contains(&y), "({x}, {y})");
        }
    }
    assert_eq!(title_of(with_class(&doc, "wave")[0]), "Күз 2024: 20% (8.9–39.1%)");
}

#[test]
fn a_single_wave_is_drawn_and_no_waves_draw_nothing() {
    let svg = checked(trend_chart(&text(), "%", &waves()[..1]));
    assert_eq!(with_class(&Document::parse(&svg).unwrap(), "mark").len(), 1);
    assert!(trend_chart(&text(), "%", &[]).into_string().is_empty());
}

#[test]
fn the_same_waves_give_the_same_bytes() {
    assert_eq!(trend_chart(&text(), "%", &waves()).into_string(), trend_chart(&text(), "%", &waves()).into_string());
}
