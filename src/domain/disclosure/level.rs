//! The levels a group can sit at, coarsest first.
//!
//! A view is a tree of groups whose parts are always at a finer level than their whole, which keeps
//! the tree shallow and forbids a breakdown within a class (docs/privacy.md promise 5).

use serde::Serialize;

/// Where a group sits in the hierarchy; serialised as `"region"`, `"school"`, ...
///
/// Promises: the order of the variants is the nesting order; a part is always at a finer level
/// than its whole, and a class is never broken down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The whole deployment.
    Country,
    /// One region (oblast or city), served by one centre.
    Region,
    /// One school.
    School,
    /// A breakdown of a school by grade; its parts are classes of that grade.
    Grade,
    /// One class, the finest level: it has no parts.
    Class,
}

impl Level {
    /// Whether a group at `self` may have a part at `part`.
    pub fn may_contain(self, part: Level) -> bool {
        self != Level::Class && part > self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_finer_than_their_whole() {
        assert!(Level::Region.may_contain(Level::School));
        assert!(Level::School.may_contain(Level::Grade));
        assert!(Level::Grade.may_contain(Level::Class));
        assert!(!Level::School.may_contain(Level::Region));
        assert!(!Level::School.may_contain(Level::School));
    }

    #[test]
    fn a_class_is_never_broken_down() {
        assert!(!Level::Class.may_contain(Level::Class));
    }
}
