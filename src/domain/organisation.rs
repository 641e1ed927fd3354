//! Value types of the school organisation: school codes, class labels, grades, roll sizes, logins and
//! e-mail addresses. Each parses once at the edge ("parse, don't validate") and reports a message key
//! from the catalogues when the input is wrong, so forms and imports explain the same rule the same way.

use std::fmt;

/// Why a value was refused; the key names a message in the catalogues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid(pub &'static str);

/// A school's code, unique in the deployment (`SCH-0001`): upper-case letters, digits and dashes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SchoolCode(String);

impl SchoolCode {
    /// 2-32 characters of A-Z, 0-9 and `-`; lower case is accepted and raised.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let code = input.trim().to_ascii_uppercase();
        let ok = (2..=32).contains(&code.len())
            && code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
        if ok { Ok(Self(code)) } else { Err(Invalid("invalid-school-code")) }
    }

    /// The code as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SchoolCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A class label such as `7A` or `10Ә`: 1-8 letters and digits, unique within its school.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClassLabel(String);

impl ClassLabel {
    /// Letters (any script) and digits only, upper-cased, 1-8 characters.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let label: String = input.trim().to_uppercase();
        let count = label.chars().count();
        if (1..=8).contains(&count) && label.chars().all(char::is_alphanumeric) {
            Ok(Self(label))
        } else {
            Err(Invalid("invalid-class-label"))
        }
    }

    /// The label as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ClassLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A school grade from 5 to 11, the grades Ahual surveys. Classes carry one, and section visibility
/// (`min_grade`) and answer checking take one, so a grade outside the surveyed range reaches neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Grade(u8);

impl Grade {
    /// The youngest surveyed grade; sections without `min_grade` start here.
    pub const LOWEST: Grade = Grade(5);
    /// The oldest surveyed grade.
    pub const HIGHEST: Grade = Grade(11);

    /// Accepts 5..=11.
    pub fn new(value: i64) -> Result<Self, Invalid> {
        u8::try_from(value).ok().and_then(Self::from_number).ok_or(Invalid("invalid-grade"))
    }

    /// The grade `number`, or `None` outside 5..=11.
    pub fn from_number(number: u8) -> Option<Self> {
        (Self::LOWEST.0..=Self::HIGHEST.0).contains(&number).then_some(Grade(number))
    }

    /// Parses typed text.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        input.trim().parse::<i64>().map_err(|_| Invalid("invalid-grade")).and_then(Self::new)
    }

    /// The number.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// How many pupils a class has; a class can never receive more responses than this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Roll(u16);

impl Roll {
    /// The largest roll accepted; larger numbers are typing mistakes.
    pub const MAX: u16 = 60;

    /// Accepts 1..=60.
    pub fn new(value: i64) -> Result<Self, Invalid> {
        u16::try_from(value).ok().filter(|r| (1..=Self::MAX).contains(r)).map(Self).ok_or(Invalid("invalid-roll"))
    }

    /// Parses typed text.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        input.trim().parse::<i64>().map_err(|_| Invalid("invalid-roll")).and_then(Self::new)
    }

    /// The number.
    pub fn get(self) -> u16 {
        self.0
    }
}

/// A staff login: 3-40 characters of a-z, 0-9, `.`, `_`, `-`, compared without case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Login(String);

impl Login {
    /// Lower-cases and checks the characters.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let login = input.trim().to_ascii_lowercase();
        let ok = (3..=40).contains(&login.len())
            && login.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
        if ok { Ok(Self(login)) } else { Err(Invalid("invalid-login")) }
    }

    /// The login as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A plausible e-mail address (one `@`, something on each side, a dot in the domain, no spaces).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Checks the shape only; delivery proves the rest.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let email = input.trim();
        let shape_ok = match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
            }
            None => false,
        };
        let ok = shape_ok && email.len() <= 254 && !email.chars().any(|c| c.is_whitespace() || c == '<' || c == '>');
        if ok && email.matches('@').count() == 1 { Ok(Self(email.to_owned())) } else { Err(Invalid("invalid-email")) }
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A display name or a school name: 1-200 characters after trimming, no control characters.
pub fn parse_name(input: &str) -> Result<String, Invalid> {
    let name = input.trim();
    let ok = (1..=200).contains(&name.chars().count()) && !name.chars().any(char::is_control);
    if ok { Ok(name.to_owned()) } else { Err(Invalid("invalid-name")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn school_codes_are_normalised_and_checked() {
        assert_eq!(SchoolCode::parse(" sch-0001 ").map(|c| c.to_string()), Ok("SCH-0001".into()));
        assert_eq!(SchoolCode::parse("S"), Err(Invalid("invalid-school-code")));
        assert_eq!(SchoolCode::parse("SCH 1"), Err(Invalid("invalid-school-code")));
    }

    #[test]
    fn class_labels_accept_kazakh_letters() {
        assert_eq!(ClassLabel::parse("10ә").map(|c| c.to_string()), Ok("10Ә".into()));
        assert_eq!(ClassLabel::parse("7 A"), Err(Invalid("invalid-class-label")));
        assert_eq!(ClassLabel::parse(""), Err(Invalid("invalid-class-label")));
    }

    #[test]
    fn grades_and_rolls_have_bounds() {
        assert!(Grade::new(5).is_ok() && Grade::new(11).is_ok());
        assert_eq!(Grade::new(4), Err(Invalid("invalid-grade")));
        assert_eq!(Grade::parse("twelve"), Err(Invalid("invalid-grade")));
        assert_eq!(Roll::parse("25").map(Roll::get), Ok(25));
        assert_eq!(Roll::new(0), Err(Invalid("invalid-roll")));
        assert_eq!(Roll::new(61), Err(Invalid("invalid-roll")));
    }

    #[test]
    fn logins_emails_and_names() {
        assert_eq!(Login::parse(" Psy0001 ").map(|l| l.as_str().to_owned()), Ok("psy0001".into()));
        assert!(Login::parse("a b").is_err());
        assert!(Email::parse("centre@example.kz").is_ok());
        assert!(Email::parse("no-at-sign").is_err());
        assert!(Email::parse("a@b@c.kz").is_err());
        assert!(parse_name("  ").is_err());
        assert_eq!(parse_name(" Мектеп №1 "), Ok("Мектеп №1".into()));
    }
}
