//! Which column holds which field. A table has one kind (schools, classes or staff); its headers are
//! matched against the names our templates use in kk, ru and en and against the English keys, after
//! folding case, spaces, a trailing `*` and `ё`. A header that matches nothing, or a field left
//! without a column, sends the reader to the mapping step, where they choose for each column.

use super::problem::Field;
use crate::domain::lang::Lang;

/// What one table lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Schools: code, region, three names.
    Schools,
    /// Classes: school, label, grade, roll.
    Classes,
    /// Staff accounts: login, role, school or region, password, name, e-mail.
    Staff,
}

impl Kind {
    /// Every kind, in the order the upload form offers them.
    pub const ALL: [Kind; 3] = [Kind::Schools, Kind::Classes, Kind::Staff];

    /// The key in URLs, forms and storage.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Schools => "schools",
            Kind::Classes => "classes",
            Kind::Staff => "staff",
        }
    }

    /// The kind a key names.
    pub fn parse(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == key.trim())
    }

    /// The names of a workbook's sheet that holds this kind, in kk, ru and en.
    pub fn sheet_names(self) -> [&'static str; 3] {
        match self {
            Kind::Schools => ["Мектептер", "Школы", "Schools"],
            Kind::Classes => ["Сыныптар", "Классы", "Classes"],
            Kind::Staff => ["Қызметкерлер", "Сотрудники", "Staff"],
        }
    }

    /// Its fields, in template order.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Kind::Schools => &[Field::Code, Field::Region, Field::NameKk, Field::NameRu, Field::NameEn],
            Kind::Classes => &[Field::School, Field::Label, Field::Grade, Field::Roll],
            Kind::Staff => &[
                Field::Login,
                Field::Role,
                Field::School,
                Field::Region,
                Field::Password,
                Field::DisplayName,
                Field::Email,
            ],
        }
    }

    /// Whether every row needs a column for `field`. Staff take a school or a region by role and may
    /// leave out e-mail; a psychologist's class list may leave out the school (it is theirs).
    pub fn requires(self, field: Field, own_school: bool) -> bool {
        match (self, field) {
            (Kind::Staff, Field::School | Field::Region | Field::Email) => false,
            (Kind::Classes, Field::School) => !own_school,
            _ => true,
        }
    }
}

/// The header our templates write for `field` in `lang`.
pub fn header_name(field: Field, lang: Lang) -> &'static str {
    let [kk, ru, en] = names(field);
    match lang {
        Lang::Kk => kk,
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// The template headers in kk, ru, en (a school's own code and the school a row names share theirs).
fn names(field: Field) -> [&'static str; 3] {
    match field {
        Field::Code | Field::School => ["Мектеп коды", "Код школы", "School code"],
        Field::Region => ["Өңір коды", "Код региона", "Region code"],
        Field::NameKk => ["Атауы (қазақша)", "Название (на казахском)", "Name (Kazakh)"],
        Field::NameRu => ["Атауы (орысша)", "Название (на русском)", "Name (Russian)"],
        Field::NameEn => ["Атауы (ағылшынша)", "Название (на английском)", "Name (English)"],
        Field::Label => ["Сынып", "Класс", "Class"],
        Field::Grade => ["Параллель", "Параллель", "Grade"],
        Field::Roll => ["Оқушылар саны", "Число учеников", "Pupils"],
        Field::Login => ["Логин", "Логин", "Login"],
        Field::Role => ["Рөлі", "Роль", "Role"],
        Field::Password => ["Бастапқы құпиясөз", "Начальный пароль", "First password"],
        Field::DisplayName => ["Аты-жөні", "ФИО", "Name"],
        Field::Email => ["Электрондық пошта", "Электронная почта", "E-mail"],
    }
}

/// A header folded for comparison: lower case, single spaces, no trailing `*` or `:`, `ё` as `е`.
fn fold(header: &str) -> String {
    let lower = header.trim().trim_end_matches(['*', ':']).to_lowercase().replace('ё', "е");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Other headers common in the e-journals' exports and hand-made lists. A bare "School" names the
/// school a class or an account belongs to, never a school's own code (in a schools table it may
/// well be the name).
fn aliases(field: Field) -> &'static [&'static str] {
    match field {
        Field::School => &["Мектеп", "Школа", "School"],
        Field::Roll => &["Количество учеников", "Кол-во учеников", "Оқушы саны", "Number of pupils", "Roll"],
        Field::Label => &["Сынып атауы", "Название класса", "Class name"],
        Field::Email => &["Email", "Эл. почта", "Эл. пошта"],
        _ => &[],
    }
}

/// The field of `kind` a header names, if any.
pub fn match_header(kind: Kind, header: &str) -> Option<Field> {
    let folded = fold(header);
    let named = |f: &Field| names(*f).iter().chain(aliases(*f)).any(|n| fold(n) == folded);
    kind.fields().iter().copied().find(|f| f.key() == folded || named(f))
}

/// For each column, the field it holds (`None`: ignored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping(pub Vec<Option<Field>>);

/// What is wrong with a mapping, for the mapping page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MappingProblem {
    /// A required field has no column.
    Missing(Field),
    /// Two columns hold the same field.
    Twice(Field),
}

impl Mapping {
    /// The mapping the headers suggest, and whether the reader must confirm it: they must when a
    /// non-empty header matched nothing or the suggestion has a problem.
    pub fn suggest(kind: Kind, headers: &[String], own_school: bool) -> (Mapping, bool) {
        let mapping = Mapping(headers.iter().map(|h| match_header(kind, h)).collect());
        let unknown = headers.iter().zip(&mapping.0).any(|(h, f)| !h.trim().is_empty() && f.is_none());
        let confirm = unknown || !mapping.problems(kind, own_school).is_empty();
        (mapping, confirm)
    }

    /// Missing and doubled fields, in field order.
    pub fn problems(&self, kind: Kind, own_school: bool) -> Vec<MappingProblem> {
        let mut found = Vec::new();
        for &field in kind.fields() {
            let count = self.0.iter().filter(|f| **f == Some(field)).count();
            if count > 1 {
                found.push(MappingProblem::Twice(field));
            } else if count == 0 && kind.requires(field, own_school) {
                found.push(MappingProblem::Missing(field));
            }
        }
        found
    }

    /// The column holding `field`.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.0.iter().position(|f| *f == Some(field))
    }
}
