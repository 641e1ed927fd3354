//! Broken files whose problems lie within one table.

use super::Case;

const SAFE_TEXT: &str = r#"text = { kk = "Қауіпсіз", ru = "Безопасно", en = "Safe" }"#;

pub(super) const CASES: &[Case] = &[
    Case {
        name: "a TOML syntax error stops the check after the syntax errors",
        edits: &[("version = 1", "version = = 1")],
        expected: &[
            ("version = = 1", "TOML syntax: extra `=`, expected nothing"),
            ("version = = 1", "TOML syntax: unexpected key or value, expected newline, `#`"),
        ],
    },
    Case {
        name: "a key defined twice is a syntax error",
        edits: &[("id = \"hit\"", "id = \"hit\"\nid = \"hit2\"")],
        expected: &[("id = \"hit2\"", "TOML syntax: duplicate key")],
    },
    Case {
        name: "every unknown key is reported, in any table",
        edits: &[
            ("version = 1", "version = 1\nauthor = \"me\""),
            ("id = \"safe\"", "id = \"safe\"\ncolour = \"red\"\nhelp = \"x\""),
            ("rule = \"any_at_most\"", "rule = \"any_at_most\"\ncutoff = 2"),
        ],
        expected: &[
            (
                "author",
                "unknown key `author` in instrument (allowed: id, version, title, intro, outro, \
                 scales, sections, indicators, flags)",
            ),
            ("colour", "unknown key `colour` in item (allowed: id, kind, text, options, scale, sensitive)"),
            ("help", "unknown key `help` in item (allowed: id, kind, text, options, scale, sensitive)"),
            ("cutoff", "unknown key `cutoff` in indicator (allowed: id, label, rule, threshold, items)"),
        ],
    },
    Case {
        name: "missing, empty and unknown translations",
        edits: &[
            (SAFE_TEXT, r#"text = { kk = "Қауіпсіз", en = " " , de = "Sicher" }"#),
            (r#"label = { kk = "Кейде", ru = "Иногда", en = "Sometimes" }"#, "label.kk = \"Кейде\""),
        ],
        expected: &[
            ("label.kk", "`label` is missing the `ru` translation"),
            ("label.kk", "`label` is missing the `en` translation"),
            ("de = ", "unknown language `de` in `text` (expected kk, ru, en)"),
            ("de = ", "`text` is missing the `ru` translation"),
            ("de = ", "`text.en` is empty"),
        ],
    },
    Case {
        name: "a missing top-level text points at the first line",
        edits: &[("title = { kk = \"Сауалнама\", ru = \"Опрос\", en = \"Survey\" }\n", "")],
        expected: &[("\n", "instrument is missing `title`")],
    },
    Case {
        name: "values of the wrong type",
        edits: &[
            ("version = 1", "version = \"one\""),
            ("sensitive = true", "sensitive = \"yes\""),
            ("value = 1", "value = -1"),
        ],
        expected: &[
            ("version = \"one\"", "`version`: invalid type: string \"one\", expected u32"),
            ("value = -1", "`value`: invalid value: integer `-1`, expected u8"),
            ("sensitive = \"yes\"", "`sensitive`: invalid type: string \"yes\", expected a boolean"),
        ],
    },
    Case {
        name: "malformed ids and version 0",
        edits: &[("version = 1", "version = 0"), ("id = \"safe\"", "id = \"Safe place\"")],
        expected: &[
            ("version = 0", "`version` must be 1 or more"),
            (
                "Safe place",
                "id `Safe place` must start with a lowercase letter and use only a-z, 0-9, `_` and `-` \
                 (at most 48 characters)",
            ),
            ("items = [\"safe\"]", "indicator `unsafe` names unknown item `safe`"),
        ],
    },
    Case {
        name: "min_grade outside 5 to 11",
        edits: &[("min_grade = 7", "min_grade = 4")],
        expected: &[("min_grade = 4", "`min_grade` must be between 5 and 11, found 4")],
    },
    Case {
        name: "a section without items",
        edits: &[(
            "[[sections]]\nid = \"hard\"",
            "[[sections]]\nid = \"empty\"\ntitle = { kk = \"Бос\", ru = \"Пусто\", en = \"Empty\" }\n\n[[sections]]\nid = \"hard\"",
        )],
        expected: &[("[[sections]]\nid = \"empty\"", "section `empty` has no items")],
    },
    Case {
        name: "options that do not fit the kind",
        edits: &[
            ("kind = \"agreement\"", "kind = \"agreement\"\nscale = \"often\""),
            ("scale = \"often\"\ntext = { kk = \"Ұрды\"", "text = { kk = \"Ұрды\""),
            ("scale = \"often\"\ntext = { kk = \"Мазақ\"", "scale = \"sometimes\"\ntext = { kk = \"Мазақ\""),
            ("kind = \"yes_no\"", "kind = \"yesno\""),
        ],
        expected: &[
            (
                "scale = \"often\"",
                "this kind has built-in options: remove `options`/`scale`, or use kind = \"single_choice\"",
            ),
            ("[[sections.items]]\nid = \"hit\"", "a single_choice item needs `options` or `scale`"),
            ("\"sometimes\"", "unknown scale `sometimes`"),
            ("\"yesno\"", "`kind`: unknown variant `yesno`, expected one of `single_choice`, `yes_no`, `agreement`"),
        ],
    },
    Case {
        name: "a broken item is reported once, not again where indicators name it",
        edits: &[
            ("text = { kk = \"Ұрды\", ru = \"Били\", en = \"Hit\" }\n", ""),
            ("title = { kk = \"Мектеп\", ru = \"Школа\", en = \"School\" }\n", ""),
        ],
        expected: &[
            ("[[sections]]\nid = \"school\"", "section is missing `title`"),
            ("[[sections.items]]\nid = \"hit\"", "item is missing `text`"),
        ],
    },
    Case {
        name: "tables and arrays where the other is expected",
        edits: &[
            ("scale = \"often\"\ntext = { kk = \"Ұрды\", ru = \"Били\", en = \"Hit\" }", "options = 5\ntext = \"Hit\""),
            ("value = 0\nlabel = { kk = \"Ешқашан\", ru = \"Никогда\", en = \"Never\" }", "val = 0"),
        ],
        expected: &[
            ("options = 5", "`options` must be an array of tables (`[[...options]]`), found integer"),
            ("text = \"Hit\"", "`text` must be a table of translations (kk, ru, en), found string"),
            ("[[scales.options]]", "option is missing `value`"),
            ("[[scales.options]]", "option is missing `label`"),
            ("val = 0", "unknown key `val` in option (allowed: value, label)"),
        ],
    },
];
