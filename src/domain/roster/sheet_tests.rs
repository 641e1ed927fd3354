//! Tables checked as rosters: headers matched in every language, the mapping step's cases, every bad
//! cell named by row and column, and a psychologist's class list held to their school.
#![allow(clippy::unwrap_used)]

use std::collections::HashSet;

use super::headers::{Kind, Mapping, MappingProblem, header_name, match_header};
use super::problem::Field;
use super::sheet::{ImportScope, check_table};
use super::table::read_table;
use super::template::template_csv;
use crate::domain::lang::Lang;
use crate::domain::organisation::SchoolCode;

fn known() -> HashSet<String> {
    ["SCH-0001".to_owned(), "SCH-0002".to_owned()].into()
}

fn check(kind: Kind, csv: &str, scope: &ImportScope) -> Result<super::Roster, Vec<super::sheet::CellError>> {
    let table = read_table(csv.as_bytes()).unwrap();
    let (mapping, confirm) = Mapping::suggest(kind, &table.headers, scope.own_school());
    assert!(!confirm, "the headers match: {:?}", table.headers);
    check_table(kind, &table, &mapping, scope, &known())
}

#[test]
fn every_template_header_matches_its_field_in_every_language() {
    for kind in Kind::ALL {
        for lang in Lang::ALL {
            let table = read_table(&[template_csv(kind, lang), b"x\n".to_vec()].concat()).unwrap();
            let (mapping, confirm) = Mapping::suggest(kind, &table.headers, false);
            assert!(!confirm, "{kind:?} {lang:?}");
            assert_eq!(mapping.0, kind.fields().iter().map(|f| Some(*f)).collect::<Vec<_>>(), "{kind:?} {lang:?}");
        }
    }
}

#[test]
fn headers_match_without_case_spaces_stars_or_yo_and_by_english_key() {
    assert_eq!(match_header(Kind::Classes, "  КЛАСС * "), Some(Field::Label));
    assert_eq!(match_header(Kind::Classes, "grade"), Some(Field::Grade));
    assert_eq!(match_header(Kind::Staff, "display_name"), Some(Field::DisplayName));
    assert_eq!(match_header(Kind::Classes, "Учитель"), None);
    assert_eq!(match_header(Kind::Classes, "Школа"), Some(Field::School), "an e-journal's word");
    assert_eq!(match_header(Kind::Classes, "Кол-во учеников"), Some(Field::Roll));
    assert_eq!(match_header(Kind::Schools, "Школа"), None, "in a schools table it may be the name");
    assert_eq!(match_header(Kind::Schools, header_name(Field::Label, Lang::Ru)), None, "not a school field");
}

#[test]
fn unknown_missing_or_doubled_headers_ask_for_the_mapping_step() {
    let headers: Vec<String> = ["School code", "Класс", "Учитель", "Grade"].map(String::from).to_vec();
    let (mapping, confirm) = Mapping::suggest(Kind::Classes, &headers, false);
    assert!(confirm);
    assert_eq!(mapping.problems(Kind::Classes, false), [MappingProblem::Missing(Field::Roll)]);
    let twice = Mapping(vec![Some(Field::Label), Some(Field::Label), Some(Field::Grade), Some(Field::Roll)]);
    assert_eq!(
        twice.problems(Kind::Classes, true),
        [MappingProblem::Twice(Field::Label)],
        "a psychologist's list needs no school column"
    );
}

#[test]
fn a_good_class_list_becomes_entries() {
    let roster = check(Kind::Classes, "School code;Class;Grade;Pupils\nsch-0001;7a;7;25\n", &ImportScope::Deployment);
    let classes = roster.unwrap().classes;
    assert_eq!(classes.len(), 1);
    assert_eq!((classes[0].school.as_str(), classes[0].label.as_str()), ("SCH-0001", "7A"));
}

#[test]
fn two_bad_rows_are_both_named_by_row_and_column() {
    let csv = "School code,Class,Grade,Pupils\nSCH-0001,7A,7,25\nSCH-0001,7B,4,25\nSCH-0001,7C,7,\nSCH-9999,8A,8,20\n";
    let errors = check(Kind::Classes, csv, &ImportScope::Deployment).unwrap_err();
    let places: Vec<(usize, Option<String>, &str)> =
        errors.iter().map(|e| (e.row, e.letter(), e.problem.key)).collect();
    assert_eq!(
        places,
        [
            (3, Some("C".into()), "invalid-grade"),
            (4, Some("D".into()), "invalid-roll"),
            (5, Some("A".into()), "roster-unknown-school")
        ]
    );
    assert_eq!(errors[2].problem.value, "SCH-9999");
}

#[test]
fn duplicates_name_the_first_row() {
    let csv = "School code,Class,Grade,Pupils\nSCH-0001,7A,7,25\nSCH-0001,7a,7,24\n";
    let errors = check(Kind::Classes, csv, &ImportScope::Deployment).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].row, errors[0].problem.key, errors[0].problem.first), (3, "roster-duplicate", Some(2)));
}

#[test]
fn a_psychologist_list_takes_their_school_and_refuses_another() {
    let own = ImportScope::School(SchoolCode::parse("SCH-0001").unwrap());
    let without = check(Kind::Classes, "Class,Grade,Pupils\n7A,7,25\n", &own).unwrap();
    assert_eq!(without.classes[0].school.as_str(), "SCH-0001");
    let csv = "School code,Class,Grade,Pupils\nSCH-0001,7A,7,25\n,7B,7,25\nSCH-0002,8A,8,20\n";
    let errors = check(Kind::Classes, csv, &own).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!((errors[0].row, errors[0].problem.key), (4, "roster-other-school"));
    assert!(!own.allows(Kind::Staff) && !own.allows(Kind::Schools) && own.allows(Kind::Classes));
}

#[test]
fn schools_and_staff_tables_use_the_same_rules_as_the_toml_file() {
    let schools = "code,region,name_kk,name_ru,name_en\nSCH-0003,KZ-71,Мектеп,Школа,School\nS,KZ-00,,Ш,S\n";
    let errors = check(Kind::Schools, schools, &ImportScope::Deployment).unwrap_err();
    let keys: Vec<&str> = errors.iter().map(|e| e.problem.key).collect();
    assert_eq!(keys, ["invalid-school-code", "roster-unknown-region", "invalid-name"]);
    let staff = "login,role,school,region,password,display_name,email\n\
                 psy1,psychologist,SCH-0001,,long password 1,Айгүл,\n\
                 c71,centre_staff,SCH-0001,KZ-71,short,Centre,x\n";
    let errors = check(Kind::Staff, staff, &ImportScope::Deployment).unwrap_err();
    let keys: Vec<(usize, &str)> = errors.iter().map(|e| (e.row, e.problem.key)).collect();
    assert_eq!(keys, [(3, "roster-scope-centre"), (3, "roster-password-short"), (3, "invalid-email")]);
    assert!(errors.iter().all(|e| e.problem.field != Some(Field::Password) || e.problem.value.is_empty()));
}
