//! School grades that take part in the survey: the one organisation-wide [`Grade`], re-exported so
//! instrument code reads naturally.

pub use super::super::organisation::Grade;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_grades_five_to_eleven_exist() {
        assert_eq!(Grade::from_number(4), None);
        assert_eq!(Grade::from_number(5).map(Grade::get), Some(5));
        assert_eq!(Grade::from_number(11).map(Grade::get), Some(11));
        assert_eq!(Grade::from_number(12), None);
    }
}
