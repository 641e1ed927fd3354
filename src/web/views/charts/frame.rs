//! The `<svg>` element every chart sits in: scalable, named for assistive technology, styled only
//! through presentation attributes (the site's CSP blocks inline `style`).

use maud::{Markup, html};

use super::model::ChartText;
use super::number::num;
use super::palette::INK;

/// Width of every chart's coordinate system; the chart scales to its container (`width="100%"`).
/// At 800 units, text of 14 units stays at least 12 px wide down to a 690 px container.
pub(super) const WIDTH: f64 = 800.0;
/// Body text size in user units.
pub(super) const FONT: f64 = 14.0;
/// Outer padding.
pub(super) const PAD: f64 = 8.0;

/// Wraps `body` in a root `<svg role="img">` whose `<title>` and `<desc>` name and describe it.
pub(super) fn frame(text: &ChartText, height: f64, body: Markup) -> Markup {
    let id = text.id.as_str();
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    html! {
        svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox={ "0 0 " (num(WIDTH)) " " (num(height.ceil())) }
            role="img" aria-labelledby={ (title_id) " " (desc_id) } font-family="system-ui, Arial, sans-serif"
            font-size=(num(FONT)) fill=(INK) {
            title id=(title_id) { (text.title) }
            desc id=(desc_id) { (text.desc) }
            (body)
        }
    }
}
