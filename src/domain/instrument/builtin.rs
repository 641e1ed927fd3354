//! The answer options that `yes_no` and `agreement` items get without listing them.
//!
//! These labels are part of the file format: changing one changes every instrument
//! that uses the kind, so they are never edited once released (add a new kind or use
//! a `single_choice` scale instead). `surveys/README.md` lists them.

use super::model::{Choice, ItemKind};
use crate::domain::lang::Localized;

/// The options of a `yes_no` item: "Yes" = 1, then "No" = 0.
const YES_NO: [(u8, &str, &str, &str); 2] = [(1, "Иә", "Да", "Yes"), (0, "Жоқ", "Нет", "No")];

/// The options of an `agreement` item, from 1 = strongly disagree to 4 = strongly
/// agree. Four steps and no middle: a pupil who has no view skips the item.
const AGREEMENT: [(u8, &str, &str, &str); 4] = [
    (1, "Мүлдем келіспеймін", "Совсем не согласен(-на)", "Strongly disagree"),
    (2, "Келіспеймін", "Не согласен(-на)", "Disagree"),
    (3, "Келісемін", "Согласен(-на)", "Agree"),
    (4, "Толық келісемін", "Полностью согласен(-на)", "Strongly agree"),
];

/// The built-in options of `kind`, or `None` for kinds whose options the file gives.
pub(super) fn builtin_choices(kind: ItemKind) -> Option<Vec<Choice>> {
    let table: &[(u8, &str, &str, &str)] = match kind {
        ItemKind::YesNo => &YES_NO,
        ItemKind::Agreement => &AGREEMENT,
        ItemKind::SingleChoice => return None,
    };
    let choices = table
        .iter()
        .map(|&(value, kk, ru, en)| Choice {
            value,
            label: Localized { kk: kk.to_owned(), ru: ru.to_owned(), en: en.to_owned() },
        })
        .collect();
    Some(choices)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lang::Lang;

    #[test]
    fn yes_is_one_and_no_is_zero() {
        let choices = builtin_choices(ItemKind::YesNo).unwrap_or_default();
        let values: Vec<(u8, &str)> = choices.iter().map(|c| (c.value, c.label.get(Lang::En))).collect();
        assert_eq!(values, [(1, "Yes"), (0, "No")]);
    }

    #[test]
    fn agreement_runs_from_one_to_four() {
        let choices = builtin_choices(ItemKind::Agreement).unwrap_or_default();
        let values: Vec<u8> = choices.iter().map(|c| c.value).collect();
        assert_eq!(values, [1, 2, 3, 4]);
    }

    #[test]
    fn single_choice_has_no_builtin_options() {
        assert_eq!(builtin_choices(ItemKind::SingleChoice), None);
    }
}
