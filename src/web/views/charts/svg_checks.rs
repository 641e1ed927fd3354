//! What every chart must be, checked on its output for the charts' tests: well-formed XML with one
//! accessible root `<svg>`, nothing the CSP or the no-JavaScript rule forbids, numbers with at most
//! one decimal and text no smaller than 12 units; plus small readers for the tests' own asserts.

use maud::Markup;
use roxmltree::{Document, Node};

/// Attributes whose numbers are coordinates or sizes.
const NUMERIC: [&str; 15] = [
    "x",
    "y",
    "x1",
    "x2",
    "y1",
    "y2",
    "cx",
    "cy",
    "r",
    "height",
    "d",
    "points",
    "viewBox",
    "transform",
    "stroke-width",
];

/// The chart's markup as a string, after asserting everything every chart promises.
#[track_caller]
pub(super) fn checked(markup: Markup) -> String {
    let svg = markup.into_string();
    let doc = Document::parse(&svg).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(root.attribute("width"), Some("100%"));
    assert!(root.attribute("viewBox").is_some_and(|v| v.starts_with("0 0 ")), "viewBox");
    let children: Vec<Node> = root.children().filter(Node::is_element).collect();
    assert_eq!(children[0].tag_name().name(), "title");
    assert_eq!(children[1].tag_name().name(), "desc");
    let ids: Vec<&str> = children[..2].iter().map(|n| n.attribute("id").unwrap_or("")).collect();
    assert_eq!(root.attribute("aria-labelledby"), Some(ids.join(" ").as_str()));
    for node in root.descendants().filter(Node::is_element) {
        assert_allowed(node);
    }
    svg
}

#[track_caller]
fn assert_allowed(node: Node) {
    let tag = node.tag_name().name();
    assert!(!["script", "foreignObject", "image", "use", "a", "style"].contains(&tag), "<{tag}> is not allowed");
    for attribute in node.attributes() {
        let (name, value) = (attribute.name(), attribute.value());
        assert!(name != "style" && !name.starts_with("on") && name != "href", "{name}= on <{tag}>");
        assert!(!value.contains("url(") && !value.contains("javascript:"), "external reference in {name}");
        if NUMERIC.contains(&name) || (name == "width" && !value.ends_with('%')) {
            for number in numbers(value) {
                let decimals = number.split('.').nth(1).map_or(0, str::len);
                assert!(decimals <= 1, "{name}=\"{value}\" has {number}");
            }
        }
        if name == "font-size" {
            assert!(value.parse::<f64>().is_ok_and(|s| s >= 12.0), "font-size {value}");
        }
    }
}

/// The number tokens in an attribute value, as written.
pub(super) fn numbers(value: &str) -> Vec<&str> {
    value.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')).filter(|t| !t.is_empty()).collect()
}

/// The elements carrying `class`.
pub(super) fn with_class<'a>(doc: &'a Document<'a>, class: &str) -> Vec<Node<'a, 'a>> {
    doc.descendants().filter(|n| n.attribute("class").is_some_and(|c| c.split(' ').any(|c| c == class))).collect()
}

/// A numeric attribute.
#[track_caller]
pub(super) fn number(node: Node, name: &str) -> f64 {
    node.attribute(name).and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("no numeric {name}"))
}

/// The plot's (left, top, right, bottom), from its `class="plot"` outline.
#[track_caller]
pub(super) fn plot_area(doc: &Document) -> (f64, f64, f64, f64) {
    let plot = with_class(doc, "plot")[0];
    let (x, y) = (number(plot, "x"), number(plot, "y"));
    (x, y, x + number(plot, "width"), y + number(plot, "height"))
}

/// The absolute points of a path made of `M x y`, `H x`, `V y` and relative `h`/`v` steps.
pub(super) fn path_points(d: &str) -> Vec<(f64, f64)> {
    let mut commands: Vec<(char, String)> = Vec::new();
    for c in d.chars() {
        if c.is_ascii_alphabetic() {
            commands.push((c, String::new()));
        } else if let Some((_, args)) = commands.last_mut() {
            args.push(c);
        }
    }
    let (mut x, mut y) = (0.0, 0.0);
    let mut points = Vec::new();
    for (letter, args) in commands {
        let args: Vec<f64> = numbers(&args).iter().filter_map(|n| n.parse().ok()).collect();
        match (letter, args.as_slice()) {
            ('M', [ax, ay]) => (x, y) = (*ax, *ay),
            ('H', [ax]) => x = *ax,
            ('V', [ay]) => y = *ay,
            ('h', [dx]) => x += dx,
            ('v', [dy]) => y += dy,
            _ => panic!("unexpected path command {letter} {args:?}"),
        }
        points.push((x, y));
    }
    points
}

/// The points of a `<polyline>`.
pub(super) fn polyline_points(node: Node) -> Vec<(f64, f64)> {
    let values: Vec<f64> =
        numbers(node.attribute("points").unwrap_or("")).iter().filter_map(|n| n.parse().ok()).collect();
    values.chunks(2).map(|p| (p[0], p[1])).collect()
}

/// The text of the `<title>` directly inside `node`.
pub(super) fn title_of<'a>(node: Node<'a, 'a>) -> &'a str {
    node.children().find(|c| c.has_tag_name("title")).and_then(|t| t.text()).unwrap_or("")
}
