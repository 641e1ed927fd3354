use roxmltree::Document;

use super::super::model::{ChartId, Segment};
use super::super::palette::contrast;
use super::super::svg_checks::{checked, number, title_of, with_class};
use super::*;

fn text() -> ChartText {
    ChartText { id: ChartId::new("answers"), title: "Жауаптар".into(), desc: "Төрт сұрақ".into() }
}

fn options() -> Vec<String> {
    ["Ешқашан", "Бір-екі рет", "Айына 2–3 рет", "Аптасына бір рет", "Аптасына бірнеше рет"].map(String::from).to_vec()
}

fn bar(label: &str, values: &[f64]) -> StackedBar {
    let segments = values.iter().map(|&v| Segment { shown: format!("{v}%"), value: v }).collect();
    StackedBar { label: label.into(), segments }
}

fn items() -> Vec<StackedBar> {
    vec![
        bar("Мені ұрды", &[70.0, 15.0, 5.0, 5.0, 5.0]),
        bar("Мені мазақ етті", &[50.0, 25.0, 10.0, 10.0, 4.0]),
        bar("Мені елемеді", &[60.0, 20.0, 10.0, 10.0, 5.0]),
    ]
}

fn hex_colour(value: &str) -> (u8, u8, u8) {
    let full = match value {
        "#000" => "#000000",
        "#fff" => "#ffffff",
        other => other,
    };
    let channel = |i: usize| u8::from_str_radix(&full[i..i + 2], 16).unwrap();
    (channel(1), channel(3), channel(5))
}

#[test]
fn every_item_has_one_segment_per_option_and_the_legend_names_each_option() {
    let svg = checked(stacked_bars(&text(), &options(), &items()));
    let doc = Document::parse(&svg).unwrap();
    assert_eq!(with_class(&doc, "bar").len(), 3);
    assert_eq!(with_class(&doc, "mark").len(), 15);
    let legend = with_class(&doc, "legend")[0];
    assert_eq!(legend.children().filter(|n| n.has_tag_name("rect")).count(), 5);
    let mark = with_class(&doc, "mark")[2];
    assert_eq!(title_of(mark), "Мені ұрды: Айына 2–3 рет 5%");
}

#[test]
fn rounded_shares_fill_each_bar_exactly() {
    let svg = checked(stacked_bars(&text(), &options(), &items()));
    let doc = Document::parse(&svg).unwrap();
    for bar in with_class(&doc, "bar") {
        let widths: f64 = bar.children().filter(|n| n.has_attribute("class")).map(|n| number(n, "width")).sum();
        assert!((widths - (WIDTH - 2.0 * PAD)).abs() < 0.5, "{widths}");
    }
}

#[test]
fn text_on_a_segment_meets_aa_contrast_with_its_fill() {
    let svg = checked(stacked_bars(&text(), &options(), &items()));
    let doc = Document::parse(&svg).unwrap();
    let mut drawn = 0;
    for bar in with_class(&doc, "bar") {
        let mut fill = None;
        for node in bar.children().filter(|n| n.is_element()) {
            match node.tag_name().name() {
                "rect" => fill = node.attribute("fill").filter(|f| f.starts_with('#')).map(hex_colour),
                "text" if node.attribute("fill").is_some() => {
                    let (ink, on) = (hex_colour(node.attribute("fill").unwrap()), fill.unwrap());
                    assert!(contrast(ink, on) >= 4.5, "{ink:?} on {on:?}");
                    drawn += 1;
                }
                _ => {}
            }
        }
    }
    assert!(drawn >= 9, "only {drawn} shares written");
}

#[test]
fn no_bars_draw_nothing_and_the_same_bars_give_the_same_bytes() {
    assert!(stacked_bars(&text(), &options(), &[]).into_string().is_empty());
    let first = stacked_bars(&text(), &options(), &items()).into_string();
    assert_eq!(first, stacked_bars(&text(), &options(), &items()).into_string());
}

#[test]
fn a_bar_of_zeros_or_with_more_segments_than_options_still_draws() {
    let odd = [bar("Бос", &[0.0, 0.0]), bar("Артық", &[10.0, 20.0, 30.0, 20.0, 10.0, 10.0])];
    let svg = checked(stacked_bars(&text(), &options(), &odd));
    assert_eq!(with_class(&Document::parse(&svg).unwrap(), "mark").len(), 8);
}
