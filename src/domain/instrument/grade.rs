//! School grades that take part in the survey.

use std::fmt;

/// A school grade from 5 to 11, the grades Ahual surveys.
///
/// Section visibility (`min_grade`) and answer checking take a `Grade`, so a grade
/// outside the surveyed range cannot reach them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Grade(u8);

impl Grade {
    /// The youngest surveyed grade; sections without `min_grade` start here.
    pub const LOWEST: Grade = Grade(5);
    /// The oldest surveyed grade.
    pub const HIGHEST: Grade = Grade(11);

    /// The grade `number`, or `None` when it is outside 5..=11.
    pub fn new(number: u8) -> Option<Grade> {
        (Self::LOWEST.0..=Self::HIGHEST.0).contains(&number).then_some(Grade(number))
    }

    /// The grade as a number from 5 to 11.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_grades_five_to_eleven_exist() {
        assert_eq!(Grade::new(4), None);
        assert_eq!(Grade::new(5).map(Grade::get), Some(5));
        assert_eq!(Grade::new(11).map(Grade::get), Some(11));
        assert_eq!(Grade::new(12), None);
    }
}
