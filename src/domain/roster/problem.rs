//! What can be wrong with one roster row, as data: the field it is about, a message key from the
//! catalogues and the text that was refused. The TOML file and the spreadsheets share these, so a
//! rule is checked once and explained the same way; the command line's TOML errors render them in
//! English here, the web pages and the table errors through the catalogues.

/// A column of a roster row: what each kind of row holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// A school's own code (schools).
    Code,
    /// A region code such as `KZ-71` (schools, centre staff).
    Region,
    /// A school's Kazakh name.
    NameKk,
    /// A school's Russian name.
    NameRu,
    /// A school's English name.
    NameEn,
    /// The code of the school a class or a psychologist belongs to.
    School,
    /// A class label such as `7A`.
    Label,
    /// A class's grade, 5 to 11.
    Grade,
    /// A class's number of pupils.
    Roll,
    /// A staff login.
    Login,
    /// A staff role (`admin`, `centre_staff`, `psychologist`, `national`).
    Role,
    /// A new account's first password.
    Password,
    /// A staff member's shown name.
    DisplayName,
    /// A staff member's e-mail address.
    Email,
}

impl Field {
    /// Every field, in template order.
    pub const ALL: [Field; 14] = [
        Field::Code,
        Field::Region,
        Field::NameKk,
        Field::NameRu,
        Field::NameEn,
        Field::School,
        Field::Label,
        Field::Grade,
        Field::Roll,
        Field::Login,
        Field::Role,
        Field::Password,
        Field::DisplayName,
        Field::Email,
    ];

    /// The English key: a header that always matches, the value of a mapping form's option, and the
    /// message key suffix (`roster-field-…`).
    pub fn key(self) -> &'static str {
        match self {
            Field::Code => "code",
            Field::Region => "region",
            Field::NameKk => "name_kk",
            Field::NameRu => "name_ru",
            Field::NameEn => "name_en",
            Field::School => "school",
            Field::Label => "label",
            Field::Grade => "grade",
            Field::Roll => "roll",
            Field::Login => "login",
            Field::Role => "role",
            Field::Password => "password",
            Field::DisplayName => "display_name",
            Field::Email => "email",
        }
    }

    /// The field a key names.
    pub fn parse(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    /// How the TOML file spells it.
    pub fn toml_name(self) -> &'static str {
        match self {
            Field::NameKk => "name.kk",
            Field::NameRu => "name.ru",
            Field::NameEn => "name.en",
            other => other.key(),
        }
    }
}

/// One thing wrong with one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The field it is about (`None`: the row as a whole, such as a role that needs another column).
    pub field: Option<Field>,
    /// The message key in the catalogues (`invalid-grade`, `roster-unknown-school`, …).
    pub key: &'static str,
    /// The text refused, as typed (empty for a password, which is never shown back).
    pub value: String,
    /// For a duplicate: the row (or line) where the key first appeared.
    pub first: Option<usize>,
}

impl Problem {
    /// A problem with `value` in `field`.
    pub fn at(field: Field, key: &'static str, value: &str) -> Problem {
        let value = if field == Field::Password { String::new() } else { value.trim().to_owned() };
        Problem { field: Some(field), key, value, first: None }
    }

    /// A problem of the row as a whole.
    pub fn row(key: &'static str) -> Problem {
        Problem { field: None, key, value: String::new(), first: None }
    }

    /// The English text the command line prints for a TOML file (`line N: …`).
    pub fn english(&self) -> String {
        let value = &self.value;
        let name = self.field.map_or("row", Field::toml_name);
        match self.key {
            "roster-unknown-region" => format!("{name} `{value}` is not a built-in region code"),
            "roster-unknown-school" => format!("school `{value}` is neither in this file nor already stored"),
            "roster-unknown-role" => {
                format!("role `{value}` is not one of admin, centre_staff, psychologist, national")
            }
            "roster-password-short" => "password: must be at least 10 characters".to_owned(),
            "roster-scope-admin" => "admin takes neither `school` nor `region`".to_owned(),
            "roster-scope-national" => "national takes neither `school` nor `region`".to_owned(),
            "roster-scope-centre" => "centre_staff needs `region` and no `school`".to_owned(),
            "roster-scope-psychologist" => "psychologist needs `school` and no `region`".to_owned(),
            "roster-other-school" => format!("school `{value}` is not your school"),
            "roster-duplicate" => {
                let what = match self.field {
                    Some(Field::Code) => "school code",
                    Some(Field::Label) => "class",
                    _ => "login",
                };
                format!("duplicate {what} `{value}` (first at line {})", self.first.unwrap_or(0))
            }
            key => format!("{name} `{value}`: {}", explain(key)),
        }
    }
}

fn explain(key: &str) -> &'static str {
    match key {
        "invalid-school-code" => "use 2-32 characters A-Z, 0-9 and -",
        "invalid-class-label" => "use 1-8 letters and digits, such as 7A",
        "invalid-grade" => "grade must be 5 to 11",
        "invalid-roll" => "roll must be 1 to 60",
        "invalid-login" => "use 3-40 characters a-z, 0-9, . _ -",
        "invalid-email" => "not an e-mail address",
        _ => "must not be empty (at most 200 characters)",
    }
}
