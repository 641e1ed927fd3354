use std::collections::BTreeSet;
use std::path::Path;

use super::*;

fn catalogue_keys(lang: &str) -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n/locales").join(lang).join("main.ftl");
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines()
        .filter(|line| line.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|line| line.split_once(" =").map(|(key, _)| key.trim().to_owned()))
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Keys passed as string literals to `.t("…")`, `.t_args("…"` and `Msg("…")`.
fn keys_used_in_code() -> BTreeSet<String> {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut keys = BTreeSet::new();
    for file in files.into_iter().filter(|f| !f.ends_with("i18n/tests.rs")) {
        let text = std::fs::read_to_string(&file).unwrap();
        for marker in [".t(\"", ".t_args(\"", "Invalid(\"", "msg(\""] {
            for piece in text.split(marker).skip(1) {
                // A message key is kebab-case: a sentence passed to `Invalid("…")` (such as the
                // synthetic loader's errors) is not one.
                if let Some((key, _)) = piece.split_once('"')
                    && !key.contains(' ')
                {
                    keys.insert(key.to_owned());
                }
            }
        }
    }
    keys
}

#[test]
fn all_three_catalogues_have_the_same_keys() {
    let kk = catalogue_keys("kk");
    assert!(kk.len() > 50, "the Kazakh catalogue looks empty");
    for lang in ["ru", "en"] {
        let other = catalogue_keys(lang);
        let missing: Vec<_> = kk.symmetric_difference(&other).collect();
        assert!(missing.is_empty(), "kk and {lang} differ in: {missing:?}");
    }
}

/// Kebab-case string literals in the web layer whose first word is a catalogue namespace: catches keys
/// passed through tuples and helpers, not only direct `.t("…")` calls.
fn key_like_literals_in_web(known: &BTreeSet<String>) -> BTreeSet<String> {
    let namespaces: BTreeSet<&str> = known.iter().filter_map(|k| k.split('-').next()).collect();
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web"), &mut files);
    let mut found = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for literal in text.split('"').skip(1).step_by(2) {
            let shaped = literal.contains('-')
                && literal.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !literal.starts_with('-')
                && !literal.ends_with('-');
            if shaped && literal.split('-').next().is_some_and(|first| namespaces.contains(first)) {
                found.insert(literal.to_owned());
            }
        }
    }
    found
}

#[test]
fn every_key_like_literal_in_the_web_layer_exists() {
    let known = catalogue_keys("kk");
    let allowed = ["school-climate", "password-error"];
    let unknown: Vec<_> = key_like_literals_in_web(&known)
        .into_iter()
        .filter(|k| !known.contains(k) && !allowed.contains(&k.as_str()))
        .collect();
    assert!(unknown.is_empty(), "message keys in src/web missing from the catalogues: {unknown:?}");
}

#[test]
fn every_key_used_in_code_exists() {
    let known = catalogue_keys("kk");
    let unknown: Vec<_> = keys_used_in_code().into_iter().filter(|k| !known.contains(k) && !k.contains('{')).collect();
    assert!(unknown.is_empty(), "keys used in code but missing from the catalogues: {unknown:?}");
}

#[test]
fn lookups_use_the_language_and_fill_arguments_without_isolation_marks() {
    assert_ne!(Lang::Kk.t("sign-in"), Lang::Ru.t("sign-in"));
    assert_eq!(Lang::En.t("sign-in"), "Sign in");
    let text = Lang::En.t_args("signed-in-as", &[("name", arg("Aigul"))]);
    assert!(text.contains("Aigul") && !text.contains('\u{2068}'), "{text}");
    assert_eq!(Lang::En.t("no-such-key"), "no-such-key");
}

/// The word right after the number `n` in `text` (letters only), or "" when `n` is not there.
fn word_after(text: &str, n: u32) -> String {
    let needle = format!("{n} ");
    let Some(at) = text.find(&needle) else { return String::new() };
    text[at + needle.len()..].chars().take_while(|c| c.is_alphabetic()).collect()
}

/// Every message that shows a count next to a noun takes the noun form its count needs: Russian
/// one/few/many (21 is "one", 22 "few", 25 "many"), English one/other, and Kazakh the singular after
/// every numeral.
#[test]
fn counts_take_the_plural_form_that_fits_them() {
    // (count, index of the Russian form: one, few, many; whether English takes the singular)
    let cases = [(1, 0, true), (2, 1, false), (5, 2, false), (21, 0, false), (22, 1, false), (25, 2, false)];
    // (key, argument, Russian one/few/many forms, English singular/plural, Kazakh noun); Russian
    // after «из» takes the genitive, so there "few" and "many" share a form.
    let messages = [
        ("class-roll", "roll", ["ученик", "ученика", "учеников"], ["pupil", "pupils"], "оқушы"),
        ("privacy-why-k", "k", ["ученика", "учеников", "учеников"], ["pupil", "pupils"], "оқушыдан"),
        ("privacy-who-school", "k", ["ученика", "учеников", "учеников"], ["pupil", "pupils"], "оқушыдан"),
        ("figures-rules", "k", ["ответившего", "ответивших", "ответивших"], ["respondent", "respondents"], "жауап"),
        (
            "trust-desk-owing",
            "count",
            ["обращение", "обращения", "обращений"],
            ["conversation", "conversations"],
            "өтініш",
        ),
    ];
    for (key, name, ru_forms, en_forms, kk_noun) in messages {
        for (n, ru_index, en_singular) in cases {
            let ru = Lang::Ru.t_args(key, &[(name, count(n))]);
            assert_eq!(word_after(&ru, n), ru_forms[ru_index], "{key} ru {n}: {ru}");
            let en = Lang::En.t_args(key, &[(name, count(n))]);
            let en_form = if en_singular { en_forms[0] } else { en_forms[1] };
            assert_eq!(word_after(&en, n), en_form, "{key} en {n}: {en}");
            let kk = Lang::Kk.t_args(key, &[(name, count(n))]);
            assert_eq!(word_after(&kk, n), kk_noun, "{key} kk {n}: {kk}");
        }
    }
}
