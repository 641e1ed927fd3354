//! A reference rate as staff read it: the rate, whether it was published, derived or assumed, and
//! its source, so that whoever reads a flag or a funnel plot can judge the yardstick.

use maud::{Markup, html};

use crate::domain::instrument::{ReferenceBasis, ReferenceSource};
use crate::domain::lang::Lang;

/// "6,8%" in kk and ru, "6.8%" in en: a rate to one decimal, without a trailing ",0".
pub fn reference_percent(lang: Lang, rate: f64) -> String {
    let text = format!("{:.1}", rate * 100.0);
    let text = text.strip_suffix(".0").unwrap_or(&text).to_owned();
    let text = if lang == Lang::En { text } else { text.replace('.', ",") };
    format!("{text}%")
}

fn basis_key(basis: ReferenceBasis) -> &'static str {
    match basis {
        ReferenceBasis::Published => "referral-reference-published",
        ReferenceBasis::Derived => "referral-reference-derived",
        ReferenceBasis::Assumption => "referral-reference-assumption",
    }
}

/// The basis and the citation of `source`, in `lang`: "derived from published figures. HBSC ...".
pub fn source_note(lang: Lang, source: &ReferenceSource) -> Markup {
    html! { em { (lang.t(basis_key(source.basis()))) } ". " (source.citation().get(lang)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_rates_read_as_each_language_writes_them() {
        assert_eq!(reference_percent(Lang::En, 0.068), "6.8%");
        assert_eq!(reference_percent(Lang::Ru, 0.068), "6,8%");
        assert_eq!(reference_percent(Lang::Kk, 0.09), "9%");
        assert_eq!(reference_percent(Lang::En, 0.15), "15%");
    }
}
