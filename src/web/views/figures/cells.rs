//! Table cells for counts, shares and durations that `domain::disclosure` released one by one (the
//! trust box's and the centres' figures): a withheld value is "—", never a blank or a zero.

use maud::{Markup, html};

use crate::domain::disclosure::{Breakdown, Percent, Released, Typical};

/// A count, or "—" where it is withheld.
pub fn count_cell(shown: Option<u32>) -> Markup {
    html! { td.num { @match shown { Some(n) => (n), None => "—" } } }
}

/// A rounded share, or "—".
pub fn percent_cell(shown: &Option<Released<Percent>>) -> Markup {
    html! { td.num { @match shown { Some(p) => (p.get()), None => "—" } } }
}

/// "median / nine in ten", or "—".
pub fn typical_cell(shown: &Option<Released<Typical>>) -> Markup {
    html! { td.num { @match shown { Some(t) => { (t.get().median) " / " (t.get().p90) }, None => "—" } } }
}

/// The parts of a breakdown as shown, in order.
pub fn part_cells(breakdown: &Released<Breakdown>) -> Markup {
    html! { @for part in &breakdown.get().parts { (count_cell(*part)) } }
}

/// A count with its share of the whole, "12 (55%)"; "—" where the count is withheld.
pub fn count_share_cell(shown: Option<u32>, of_whole: &Option<Released<Percent>>) -> Markup {
    html! { td.num { @match (shown, of_whole) {
        (Some(n), Some(p)) => { (n) " (" (p.get()) ")" },
        (Some(n), None) => (n),
        (None, _) => "—",
    } } }
}
