use super::*;
use crate::domain::survey::catalog::Catalog;

fn catalog() -> Catalog {
    Catalog::shipped()
}

fn class(key: &str, grade: u8, respondents: u32, bullying: u32, ideation: u32) -> ClassCounts {
    let mut indicators = BTreeMap::new();
    indicators.insert("bullying_victim".to_owned(), bullying);
    if grade >= 7 {
        indicators.insert("suicidal_ideation".to_owned(), ideation);
    }
    let mut items = BTreeMap::new();
    items.insert(("belong".to_owned(), 4), respondents / 2);
    ClassCounts { key: key.into(), grade, respondents, roll: None, indicators, items }
}

#[test]
fn released_classes_carry_rates_and_small_ones_carry_nothing() {
    let catalog = catalog();
    let instrument = catalog.latest("school-climate").unwrap();
    let classes =
        [class("5A", 5, 23, 1, 0), class("7A", 7, 30, 12, 2), class("8A", 8, 28, 1, 1), class("10A", 10, 6, 0, 1)];
    let report = school_report(&classes, "w", instrument, K::default(), WaveState::Closed, &Noise::none()).unwrap();
    let school = report.figures().unwrap().get();
    assert_eq!(school.respondents(), 87);
    assert!(school.indicator("bullying_victim").is_some());
    let part = |key: &str| report.parts().iter().find(|p| p.key() == key).unwrap();
    assert!(part("10A").figures().is_none(), "below k");
    assert!(part("7A").figures().unwrap().get().indicator("bullying_victim").is_some());
    assert!(
        part("5A").figures().map(|f| f.get().indicator("suicidal_ideation").is_none()).unwrap_or(true),
        "not asked in grade 5"
    );
    assert!(school.indicator(&item_measure("belong", 4)).is_some(), "item distributions at school level");
}

#[test]
fn a_grade_restricted_school_figure_is_dropped_when_subtraction_would_expose_a_small_class() {
    let catalog = catalog();
    let instrument = catalog.latest("school-climate").unwrap();
    // 10A (6, grade 10) is hidden; the complement hidden with it is 5A (grade 5, never asked about
    // suicidal ideation), so the school's ideation count minus 7A's would be 10A's alone.
    let classes = [class("5A", 5, 14, 0, 0), class("7A", 7, 23, 2, 1), class("10A", 10, 6, 0, 3)];
    let report = school_report(&classes, "w", instrument, K::default(), WaveState::Closed, &Noise::none()).unwrap();
    let hidden: Vec<&String> = report.parts().iter().filter(|p| p.figures().is_none()).map(|p| p.key()).collect();
    assert_eq!(hidden.len(), 2, "10A and its complement are hidden: {hidden:?}");
    let school = report.figures().unwrap().get();
    assert!(school.indicator("suicidal_ideation").is_none(), "would expose 10A by subtraction");
    assert!(school.indicator("bullying_victim").is_some(), "asked everywhere: hidden total is 20, safe");
}

#[test]
fn an_open_wave_releases_bands_only() {
    let catalog = catalog();
    let instrument = catalog.latest("school-climate").unwrap();
    let classes = [class("7A", 7, 23, 12, 2), class("8A", 8, 25, 1, 1)];
    let report = school_report(&classes, "w", instrument, K::default(), WaveState::Open, &Noise::none()).unwrap();
    assert!(report.figures().is_none());
    assert_eq!(report.participation().map(|b| b.to_string()), Some("40-58".into()), "20-29 and 20-29 added");
    let bands: Vec<String> = report.parts().iter().filter_map(|p| p.participation()).map(|b| b.to_string()).collect();
    assert_eq!(bands, ["20-29", "20-29"]);
}

#[test]
fn a_region_overview_shows_each_school_as_its_own_page_does_and_leaves_a_lone_small_school_out() {
    let catalog = catalog();
    let instrument = catalog.latest("school-climate").unwrap();
    let a = vec![class("A5", 5, 11, 0, 0), class("A7", 7, 23, 2, 1), class("A10", 10, 6, 0, 3)];
    let schools = [
        SchoolCounts { key: "A".into(), wave: "w".into(), classes: a.clone() },
        SchoolCounts {
            key: "B".into(),
            wave: "w".into(),
            classes: vec![class("B7", 7, 30, 3, 2), class("B8", 8, 28, 1, 1)],
        },
        SchoolCounts { key: "C".into(), wave: "w".into(), classes: vec![class("C6", 6, 7, 1, 0)] },
    ];
    let report = region_report(&schools, instrument, K::default(), &Noise::none()).unwrap();
    let school = |key: &str| report.parts().iter().find(|p| p.key() == key).unwrap();
    assert!(school("C").figures().is_none(), "a school of 7 is withheld");
    let region = report.figures().unwrap().get();
    assert_eq!(region.respondents(), 98, "the only withheld school is left out of the region: 105 - 7 is 0 below");
    let own_page = school_report(&a, "w", instrument, K::default(), WaveState::Closed, &Noise::none()).unwrap();
    let rates = |r: &GroupReport<String>| {
        r.figures().map(|f| (f.get().respondents(), f.get().indicator("bullying_victim").copied()))
    };
    assert_eq!(rates(school("A")), rates(&own_page), "A as on its page");
    for (in_region, on_page) in school("A").parts().iter().zip(own_page.parts()) {
        assert_eq!(rates(in_region), rates(on_page), "{}", in_region.key());
    }
    assert!(school("A").figures().unwrap().get().indicator("suicidal_ideation").is_none(), "A hides 10A's few");
    assert!(region.indicator("bullying_victim").is_some());
}

#[test]
fn withheld_schools_count_in_the_region_together_when_they_reach_k() {
    let catalog = catalog();
    let instrument = catalog.latest("school-climate").unwrap();
    let schools = [
        SchoolCounts {
            key: "B".into(),
            wave: "w".into(),
            classes: vec![class("B7", 7, 30, 3, 2), class("B8", 8, 28, 1, 1)],
        },
        SchoolCounts { key: "C".into(), wave: "w".into(), classes: vec![class("C6", 6, 7, 1, 0)] },
        SchoolCounts { key: "D".into(), wave: "w".into(), classes: vec![class("D9", 9, 3, 0, 0)] },
    ];
    let report = region_report(&schools, instrument, K::default(), &Noise::none()).unwrap();
    assert_eq!(report.figures().unwrap().get().respondents(), 68, "C and D (10 together) are in the region");
    assert!(report.parts().iter().filter(|p| p.key() != "B").all(|p| p.figures().is_none()));
}

#[test]
fn withheld_schools_whose_rolls_would_bound_each_other_are_left_out_of_the_region() {
    let catalog = catalog();
    let instrument = catalog.latest("school-climate").unwrap();
    let with_roll = |class: ClassCounts, roll| ClassCounts { roll: Some(roll), ..class };
    let region = |c6_roll, d9_roll| {
        let schools = [
            SchoolCounts {
                key: "B".into(),
                wave: "w".into(),
                classes: vec![class("B7", 7, 30, 3, 2), class("B8", 8, 28, 1, 1)],
            },
            SchoolCounts {
                key: "C".into(),
                wave: "w".into(),
                classes: vec![with_roll(class("C6", 6, 7, 1, 0), c6_roll)],
            },
            SchoolCounts {
                key: "D".into(),
                wave: "w".into(),
                classes: vec![with_roll(class("D9", 9, 6, 0, 0), d9_roll)],
            },
        ];
        region_report(&schools, instrument, K::default(), &Noise::none())
            .unwrap()
            .figures()
            .unwrap()
            .get()
            .respondents()
    };
    // Everybody answered in C and D: their 13 less D's roll of 6 would be C's 7.
    assert_eq!(region(7, 6), 58, "C and D are left out");
    // Five pupils of each did not answer: the pool leaves each of them its whole band.
    assert_eq!(region(12, 11), 71, "C and D are in the region");
}
