use super::*;

const GOOD: &str = r#"
[[school]]
code = "SCH-0001"
region = "KZ-71"
name = { kk = "№1 мектеп", ru = "Школа №1", en = "School No. 1" }

[[class]]
school = "SCH-0001"
label = "7a"
grade = 7
roll = 25

[[user]]
login = "psy0001"
role = "psychologist"
school = "SCH-0001"
password = "initial password"
display_name = "Айгүл Сериковна"

[[user]]
login = "centre71"
role = "centre_staff"
region = "KZ-71"
password = "initial password"
display_name = "Centre"
email = "centre@example.kz"
"#;

fn none() -> HashSet<String> {
    HashSet::new()
}

#[test]
fn a_good_roster_parses_into_typed_entries() {
    let roster = parse_roster(GOOD, &none()).unwrap();
    assert_eq!(roster.schools.len(), 1);
    assert_eq!(roster.classes[0].label.as_str(), "7A");
    assert_eq!(roster.users[0].scope, EntryScope::Psychologist(SchoolCode::parse("SCH-0001").unwrap()));
    assert_eq!(roster.users[1].email.as_ref().map(Email::as_str), Some("centre@example.kz"));
}

#[test]
fn every_bad_row_is_named_with_its_line() {
    let bad =
        GOOD.replace("grade = 7", "grade = 4").replace("region = \"KZ-71\"\npassword", "region = \"KZ-00\"\npassword");
    let errors = parse_roster(&bad, &none()).unwrap_err();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0].line, 7, "the class row starts at its [[class]] header");
    assert!(errors[0].message.contains("grade"), "{}", errors[0]);
    assert_eq!(errors[1].line, 20);
    assert!(errors[1].message.contains("KZ-00"), "{}", errors[1]);
}

#[test]
fn unknown_keys_in_a_row_are_reported_for_that_row() {
    let bad = GOOD.replace("roll = 25", "roll = 25\nteacher = \"x\"");
    let errors = parse_roster(&bad, &none()).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 7);
    assert!(errors[0].message.contains("teacher"), "{}", errors[0]);
}

#[test]
fn references_to_unknown_schools_are_refused_but_stored_schools_are_fine() {
    let class_only = "[[class]]\nschool = \"SCH-0002\"\nlabel = \"5A\"\ngrade = 5\nroll = 20\n";
    let errors = parse_roster(class_only, &none()).unwrap_err();
    assert!(errors[0].message.contains("SCH-0002"));
    let known: HashSet<String> = ["SCH-0002".to_owned()].into();
    assert_eq!(parse_roster(class_only, &known).map(|r| r.classes.len()), Ok(1));
}

#[test]
fn duplicates_wrong_scopes_and_syntax_errors_are_caught() {
    let dup = format!(
        "{GOOD}\n[[user]]\nlogin = \"PSY0001\"\nrole = \"admin\"\nschool = \"SCH-0001\"\npassword = \"short\"\ndisplay_name = \"x\"\n"
    );
    let errors = parse_roster(&dup, &none()).unwrap_err();
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(text.iter().any(|e| e.contains("admin takes neither")), "{text:?}");
    assert!(text.iter().any(|e| e.contains("password")), "{text:?}");
    let syntax = parse_roster("[[school]\ncode = 1", &none()).unwrap_err();
    assert_eq!(syntax[0].line, 1);
    let top = parse_roster("[[teacher]]\nname = \"x\"\n", &none()).unwrap_err();
    assert!(top[0].message.contains("teacher"), "{top:?}");
}

#[test]
fn duplicate_logins_differing_in_case_are_one_login() {
    let dup = format!(
        "{GOOD}\n[[user]]\nlogin = \"PSY0001\"\nrole = \"admin\"\npassword = \"long enough pw\"\ndisplay_name = \"x\"\n"
    );
    let errors = parse_roster(&dup, &none()).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains("duplicate login `psy0001` (first at line 13)"), "{}", errors[0]);
}
