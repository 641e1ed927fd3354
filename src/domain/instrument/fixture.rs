//! A small instrument that the unit tests share.

use super::grade::Grade;
use super::model::Instrument;

/// A grade that sees only the sections without `min_grade`.
pub(super) const GRADE_5: Grade = Grade::LOWEST;
/// A grade that sees every section of the fixture.
pub(super) const GRADE_9: Grade = Grade::HIGHEST;

/// Text of the fixture; broken-file tests edit copies of it.
pub(super) const SMALL: &str = r#"
id = "small"
version = 1
title = { kk = "Сауалнама", ru = "Опрос", en = "Survey" }
intro = { kk = "Кіріспе", ru = "Введение", en = "Intro" }
outro = { kk = "Рақмет", ru = "Спасибо", en = "Thanks" }

[[scales]]
id = "often"
[[scales.options]]
value = 0
label = { kk = "Ешқашан", ru = "Никогда", en = "Never" }
[[scales.options]]
value = 1
label = { kk = "Кейде", ru = "Иногда", en = "Sometimes" }
[[scales.options]]
value = 3
label = { kk = "Жиі", ru = "Часто", en = "Often" }

[[sections]]
id = "school"
title = { kk = "Мектеп", ru = "Школа", en = "School" }

[[sections.items]]
id = "safe"
kind = "agreement"
text = { kk = "Қауіпсіз", ru = "Безопасно", en = "Safe" }

[[sections.items]]
id = "hit"
kind = "single_choice"
scale = "often"
text = { kk = "Ұрды", ru = "Били", en = "Hit" }

[[sections.items]]
id = "tease"
kind = "single_choice"
scale = "often"
text = { kk = "Мазақ", ru = "Дразнили", en = "Teased" }

[[sections]]
id = "hard"
min_grade = 7
sensitive = true
title = { kk = "Қиын", ru = "Трудно", en = "Hard" }

[[sections.items]]
id = "sh_wish"
kind = "yes_no"
sensitive = true
text = { kk = "Өлгің келді ме", ru = "Хотелось умереть", en = "Wished dead" }

[[sections.items]]
id = "sh_now"
kind = "yes_no"
sensitive = true
text = { kk = "Қазір", ru = "Сейчас", en = "Now" }

[[indicators]]
id = "victim"
label = { kk = "Құрбан", ru = "Жертва", en = "Victim" }
rule = "any_at_least"
threshold = 1
items = ["hit", "tease"]

[[indicators]]
id = "unsafe"
label = { kk = "Қауіпті", ru = "Небезопасно", en = "Unsafe" }
rule = "any_at_most"
threshold = 2
items = ["safe"]

[[indicators]]
id = "often_total"
label = { kk = "Жиі", ru = "Часто", en = "Often" }
rule = "sum_at_least"
threshold = 4
items = ["hit", "tease"]

[[indicators]]
id = "acute"
label = { kk = "Қазір", ru = "Сейчас", en = "Now" }
rule = "any_at_least"
threshold = 1
items = ["sh_now"]

[[flags]]
indicator = "victim"
method = "binomial"
baseline = 0.068
severity = "elevated"

[[flags]]
indicator = "acute"
method = "any"
severity = "urgent"
"#;

/// The fixture, validated.
pub(super) fn small_instrument() -> Instrument {
    match super::check_source("small.toml", SMALL) {
        Ok(instrument) => instrument,
        Err(diagnostics) => panic!("fixture does not validate: {diagnostics:#?}"),
    }
}
