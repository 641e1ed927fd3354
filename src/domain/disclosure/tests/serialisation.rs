//! The API shape of a report: released, withheld and open-wave groups.

use serde_json::{Value, json};

use super::super::{GroupTally, K, Level, WaveState, disclose};

fn to_json(tally: &GroupTally<&'static str>, wave: WaveState) -> Value {
    let report = disclose(tally, K::default(), wave).map_err(|e| e.to_string());
    let json = report.and_then(|r| serde_json::to_value(&r).map_err(|e| e.to_string()));
    json.unwrap_or_else(|error| panic!("{error}"))
}

fn class(key: &'static str, n: u32, positives: u32, acute: u32) -> GroupTally<&'static str> {
    GroupTally::new(Level::Class, key, n).with_indicator("bullying_victim", positives).with_acute(acute)
}

#[test]
fn a_released_class_matches_the_api_example() {
    let expected = json!({
        "level": "class",
        "key": "7A",
        "respondents": 25,
        "released": true,
        "indicators": {"bullying_victim":
            {"positives": 5, "percent": "20%", "ci_low": 8.9, "ci_high": 39.1}},
        "acute": "≥1",
    });
    assert_eq!(to_json(&class("7A", 25, 5, 2), WaveState::Closed), expected);
}

#[test]
fn an_extreme_shows_a_band_and_an_interval_covering_zero() {
    let json = to_json(&class("7A", 25, 0, 0), WaveState::Closed);
    let rate = &json["indicators"]["bullying_victim"];
    assert_eq!(rate["percent"], "≤5%");
    assert_eq!(rate["positives"], "0-1");
    assert_eq!(rate["ci_low"], 0.0);
    assert_eq!(json["acute"], "none");
}

#[test]
fn a_withheld_group_carries_no_figure_at_all() {
    let expected = json!({"level": "class", "key": "7A", "respondents": null, "released": false});
    assert_eq!(to_json(&class("7A", 9, 3, 1), WaveState::Closed), expected);
}

#[test]
fn a_whole_lists_its_parts() {
    let school = GroupTally::new(Level::School, "S", 50).with_parts(vec![class("7A", 25, 5, 0), class("7B", 25, 6, 0)]);
    let json = to_json(&school, WaveState::Closed);
    assert_eq!(json["released"], true);
    assert_eq!(json["parts"][1]["key"], "7B");
    assert_eq!(json["parts"][1]["respondents"], 25);
}

#[test]
fn an_open_wave_shows_participation_bands_and_no_content() {
    // The school shows what its classes' bands add up to: "30-39" beside "20-29" and "0-9" would
    // have told that 7A had at least 21.
    let school = GroupTally::new(Level::School, "S", 32)
        .with_indicator("bullying_victim", 6)
        .with_parts(vec![class("7A", 25, 5, 1), class("7B", 7, 1, 0)]);
    let expected = json!({
        "level": "school", "key": "S", "respondents": "20-38", "released": false,
        "parts": [
            {"level": "class", "key": "7A", "respondents": "20-29", "released": false},
            {"level": "class", "key": "7B", "respondents": "0-9", "released": false},
        ],
    });
    assert_eq!(to_json(&school, WaveState::Open), expected);
}
