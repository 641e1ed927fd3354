use roxmltree::{Document, Node};

use super::super::model::ChartId;
use super::super::svg_checks::{checked, number, plot_area, polyline_points, title_of, with_class};
use super::*;

fn text() -> ChartText {
    ChartText { id: ChartId::new("funnel"), title: "Воронка".into(), desc: "60 сынып".into() }
}

fn labels() -> FunnelLabels {
    FunnelLabels {
        x_axis: "Респонденттер".into(),
        y_axis: "%".into(),
        baseline: "Өңір 6,8%".into(),
        limits_95: "95%".into(),
        limits_998: "99,8%".into(),
        above: "99,8% шегінен жоғары".into(),
    }
}

fn point(label: &str, n: u32, rate: f64) -> FunnelPoint {
    FunnelPoint { label: label.into(), n, rate, shown: format!("{rate}%") }
}

fn classes() -> Vec<FunnelPoint> {
    (0..40u32).map(|i| point(&format!("Сынып {i}"), 12 + (i * 7) % 23, f64::from(i % 4) * 5.0)).collect()
}

fn limit_curves<'a>(doc: &'a Document<'a>, side: &str) -> Vec<Vec<(f64, f64)>> {
    with_class(doc, side).into_iter().map(polyline_points).collect()
}

#[test]
fn one_dot_per_class_and_a_baseline_at_p0() {
    let mut points = classes();
    points.push(point("at baseline", 20, 6.8));
    let svg = checked(funnel_plot(&text(), &labels(), 6.8, &points));
    let doc = Document::parse(&svg).unwrap();
    let dots: Vec<Node> = doc.descendants().filter(|n| n.has_tag_name("circle")).collect();
    assert_eq!(dots.len(), 41);
    let baseline = with_class(&doc, "baseline")[0];
    let at_baseline = dots.iter().find(|d| title_of(**d).starts_with("at baseline")).unwrap();
    assert_eq!(number(baseline, "y1"), number(*at_baseline, "cy"));
    let (_, top, _, bottom) = plot_area(&doc);
    assert!((top..bottom).contains(&number(baseline, "y1")));
}

#[test]
fn limits_narrow_as_n_grows_and_the_outer_ones_lie_outside_the_inner_ones() {
    let svg = checked(funnel_plot(&text(), &labels(), 20.0, &classes()));
    let doc = Document::parse(&svg).unwrap();
    let (left, top, right, bottom) = plot_area(&doc);
    let (uppers, lowers) = (limit_curves(&doc, "upper"), limit_curves(&doc, "lower"));
    assert_eq!((uppers.len(), lowers.len()), (2, 2));
    for curve in uppers.iter().chain(&lowers) {
        assert!(curve.iter().all(|&(x, y)| (left..=right).contains(&x) && (top..=bottom).contains(&y)));
        assert!(curve.windows(2).all(|w| w[0].0 < w[1].0), "x must increase");
    }
    for upper in &uppers {
        assert!(upper.windows(2).all(|w| w[0].1 <= w[1].1), "upper limits fall towards p0 (y grows down)");
    }
    for lower in &lowers {
        assert!(lower.windows(2).all(|w| w[0].1 >= w[1].1), "lower limits rise towards p0");
    }
    let at_right = |curve: &Vec<(f64, f64)>| curve.last().unwrap().1;
    assert!(at_right(&uppers[1]) < at_right(&uppers[0]) && at_right(&lowers[1]) > at_right(&lowers[0]));
}

#[test]
fn dots_above_the_outer_limit_are_red_triangles_with_their_name() {
    let mut points = classes();
    points.push(point("Сынып 7Б", 25, 40.0));
    points.push(point("Сынып 8А", 25, 20.0));
    let svg = checked(funnel_plot(&text(), &labels(), 6.8, &points));
    let doc = Document::parse(&svg).unwrap();
    let above = with_class(&doc, "above");
    assert_eq!(above.len(), 1);
    assert_eq!(title_of(above[0]), "Сынып 7Б: 40%, 99,8% шегінен жоғары");
    assert!(above[0].has_tag_name("path"));
    let names = with_class(&doc, "names")[0];
    assert!(names.children().any(|n| n.has_tag_name("text") && n.text() == Some("Сынып 7Б")));
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("circle")).count(), 41);
}

#[test]
fn limits_are_cut_at_the_top_of_the_plot_for_large_groups() {
    let schools: Vec<FunnelPoint> = (0..30u32).map(|i| point("S", 150 + i * 60, 7.0)).collect();
    let svg = checked(funnel_plot(&text(), &labels(), 6.8, &schools));
    let doc = Document::parse(&svg).unwrap();
    let (_, top, _, _) = plot_area(&doc);
    for upper in limit_curves(&doc, "upper") {
        assert_eq!(upper[0].1, top);
    }
}

#[test]
fn no_points_draw_nothing_and_the_same_points_give_the_same_bytes() {
    assert!(funnel_plot(&text(), &labels(), 6.8, &[]).into_string().is_empty());
    let first = funnel_plot(&text(), &labels(), 6.8, &classes()).into_string();
    assert_eq!(first, funnel_plot(&text(), &labels(), 6.8, &classes()).into_string());
    assert!(first.len() < 20_000, "{} bytes", first.len());
}

#[test]
fn a_single_class_and_odd_baselines_still_draw() {
    for p0 in [0.0, 6.8, 100.0, f64::NAN] {
        checked(funnel_plot(&text(), &labels(), p0, &[point("7А", 25, 10.0)]));
    }
}
