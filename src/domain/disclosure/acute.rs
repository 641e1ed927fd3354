//! The acute-risk signal of a released group: "≥1" or "none", never a count.
//!
//! docs/privacy.md promise 5: the acute-risk signal is shown as "≥1", never as an exact count. Its absence
//! is stated as "none" rather than left out. Any signal whose presence is shown also tells, by its
//! absence, that nobody answered yes; saying so openly hides nothing that silence would not tell,
//! and lets a reader tell "nobody" apart from "not asked" (the field is left out for the latter).

use serde::Serialize;

use super::hierarchy::Hierarchy;
use super::k::K;
use super::suppression::Visibility;

/// Whether anyone in a released group gave the acute-risk answer.
///
/// Promises: carries one bit, never the count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum AcuteSignal {
    /// One or more respondents gave the acute-risk answer; serialised as `"≥1"`.
    #[serde(rename = "≥1")]
    AtLeastOne,
    /// No respondent gave it; serialised as `"none"`.
    #[serde(rename = "none")]
    NoneReported,
}

impl AcuteSignal {
    /// The signal for `count` acute answers.
    pub(super) fn from_count(count: u32) -> Self {
        if count == 0 { Self::NoneReported } else { Self::AtLeastOne }
    }
}

/// Which released groups may show their acute signal, by node.
///
/// Why: a whole's "≥1" next to parts that all show "none" points at the pupils of the whole whose
/// signal is not shown: its withheld groups, and released parts that do not show theirs. When those
/// pupils include a few (1 to `k - 1`) who were asked the acute item, say one grade-7 class of 5
/// withheld with a grade-5 class of 12 who were never asked it, "≥1" would say that one of those
/// five is at risk. So a whole shows its signal only when the asked pupils it cannot account for are
/// none or at least `k`. The decision depends on respondents, grades and what is released, never on
/// the answers; a whole that shows no signal says only that, and the signal still reaches the centre
/// as a referral (`domain::referral::drafts`). Linear in the number of groups.
pub(super) fn shown<Key>(hierarchy: &Hierarchy<'_, Key>, visibility: &[Visibility], k: K) -> Vec<bool> {
    let shape = hierarchy.shape();
    // Asked respondents below each node whose signal no released group accounts for.
    let mut unaccounted = vec![0_u64; shape.len()];
    let mut shown = vec![false; shape.len()];
    for node in (0..shape.len()).rev() {
        let asked = hierarchy.group(node).acute().is_some();
        let released = visibility[node] == Visibility::Released;
        unaccounted[node] = if shape.is_whole(node) {
            let below: u64 = shape.children(node).iter().map(|&part| unaccounted[part]).sum();
            if released && asked && (below == 0 || below >= u64::from(k.get())) {
                shown[node] = true;
                0
            } else {
                below
            }
        } else if released {
            shown[node] = asked;
            0
        } else if asked {
            u64::from(shape.count(node))
        } else {
            0
        };
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_count_is_only_at_least_one() {
        assert_eq!(AcuteSignal::from_count(1), AcuteSignal::AtLeastOne);
        assert_eq!(AcuteSignal::from_count(7), AcuteSignal::AtLeastOne);
        assert_eq!(AcuteSignal::from_count(0), AcuteSignal::NoneReported);
    }

    #[test]
    fn serialises_without_a_count() {
        let json = serde_json::to_string(&[AcuteSignal::AtLeastOne, AcuteSignal::NoneReported]);
        assert_eq!(json.ok().as_deref(), Some(r#"["≥1","none"]"#));
    }
}
