//! Server-rendered SVG charts of released figures: no JavaScript, no external files, no inline
//! `style` (the site's CSP is `style-src 'self'`; SVG presentation attributes are used instead).
//!
//! Each chart is a pure function from already-released figures and already-translated words to
//! one inline `<svg role="img">`, named by its `<title>` and `<desc>` through `aria-labelledby`,
//! with a `<title>` on every data mark. The charts compute nothing finer than they are given: the
//! only numbers they derive are axis ticks and, in the funnel plot, control limits around the
//! baseline the caller passes. Rates are in percent throughout. Output is deterministic (same
//! input, same bytes), numbers carry at most one decimal, and the drawing does not rely on colour
//! alone: highlighted marks also change shape and their labels turn bold.
//!
//! A chart is not the only way to the figures: pages show the same numbers as text or a table.
//! Put each chart in a `<figure>` with a visible `<figcaption>` (the `<title>` is not drawn), and
//! give every chart on a page its own [`ChartId`]. Marks carry classes (`plot`, `row`, `mark`,
//! `ci`, `ref`, `flagged`, `above`, `limit`, `baseline`) for tests and print CSS; a chart with
//! nothing to draw returns empty markup, so the page's text stands alone.

mod axis;
mod frame;
mod funnel_plot;
mod label;
mod legend;
mod model;
mod number;
mod palette;
mod rate_chart;
mod scale;
mod stacked_bars;
mod trend_chart;

#[cfg(test)]
mod svg_checks;

pub use funnel_plot::{FUNNEL_MIN_GROUPS, funnel_plot};
pub use model::{
    ChartId, ChartText, Estimate, FunnelLabels, FunnelPoint, RateRow, Reference, Segment, StackedBar, TrendPoint,
};
pub use rate_chart::rate_chart;
pub use stacked_bars::stacked_bars;
pub use trend_chart::trend_chart;
