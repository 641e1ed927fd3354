//! Broken files whose problems lie between tables: duplicate ids and references.

use super::Case;

const VICTIM_FLAG: &str = "indicator = \"victim\"\nmethod = \"binomial\"\nbaseline = 0.068";

pub(super) const CASES: &[Case] = &[
    Case {
        name: "duplicate ids of every kind",
        edits: &[
            ("id = \"hard\"", "id = \"school\""),
            ("id = \"tease\"", "id = \"hit\""),
            ("id = \"often_total\"", "id = \"victim\""),
            ("[[sections]]", "[[scales]]\nid = \"often\"\noptions = []\n\n[[sections]]"),
        ],
        expected: &[
            ("id = \"often\"\noptions", "duplicate scale id `often` (first defined on line 9)"),
            ("options = []", "`options` needs at least two options"),
            ("id = \"school\"\nmin_grade", "duplicate section id `school` (first defined on line 25)"),
            (
                "id = \"hit\"\nkind = \"single_choice\"\nscale = \"often\"\ntext = { kk = \"Мазақ\"",
                "duplicate item id `hit` (first defined on line 34)",
            ),
            ("id = \"victim\"\nlabel = { kk = \"Жиі\"", "duplicate indicator id `victim` (first defined on line 64)"),
            // Renaming `tease` to `hit` leaves the indicators that name it dangling.
            ("\"tease\"]", "indicator `victim` names unknown item `tease`"),
            ("\"tease\"]\n\n[[indicators]]\nid = \"acute\"", "indicator `victim` names unknown item `tease`"),
        ],
    },
    Case {
        name: "option values must be unique and at most 99",
        edits: &[("value = 3", "value = 1"), ("value = 0", "value = 100")],
        expected: &[
            ("value = 100", "option `value` must be between 0 and 99, found 100"),
            ("value = 1\nlabel = { kk = \"Жиі\"", "duplicate option value 1 (first on line 14)"),
        ],
    },
    Case {
        name: "indicators naming unknown items or option values the item lacks",
        edits: &[
            ("items = [\"hit\", \"tease\"]", "items = [\"hit\", \"kick\", \"hit\"]"),
            ("threshold = 1", "threshold = 2"),
        ],
        expected: &[
            ("\"kick\"", "indicator `victim` names unknown item `kick`"),
            ("\"kick\", \"hit\"", "indicator `victim` lists item `hit` twice"),
            ("threshold = 2\nitems = [\"hit\"", "indicator `victim`: item `hit` has no option with value 2"),
            ("threshold = 2\nitems = [\"hit\"", "indicator `victim`: item `hit` has no option with value 2"),
        ],
    },
    Case {
        name: "thresholds every answer meets or none can reach",
        edits: &[
            ("threshold = 2", "threshold = 4"),
            ("threshold = 4\nitems = [\"hit\", \"tease\"]", "threshold = 7\nitems = [\"hit\", \"tease\"]"),
        ],
        expected: &[
            (
                "threshold = 4",
                "indicator `unsafe`: every answer to item `safe` meets threshold 4, so everyone who answers it would count as positive",
            ),
            (
                "threshold = 7",
                "indicator `often_total`: cut-off 7 can never be reached (the highest possible sum is 6)",
            ),
        ],
    },
    Case {
        name: "an indicator mixing grades",
        edits: &[("items = [\"sh_now\"]", "items = [\"sh_now\", \"hit\"]")],
        expected: &[(
            "\"hit\"]",
            "indicator `acute`: item `hit` is shown from grade 5, the first item from grade 7; \
             all items of an indicator must start at the same grade",
        )],
    },
    Case {
        name: "flag rules: unknown or repeated indicator, bad baselines, method and baseline mismatch",
        edits: &[
            (VICTIM_FLAG, "indicator = \"victims\"\nmethod = \"binomial\"\nbaseline = 1.5"),
            ("indicator = \"acute\"\nmethod = \"any\"", "indicator = \"acute\"\nmethod = \"any\"\nbaseline = 0.1"),
            (
                "severity = \"urgent\"",
                "severity = \"urgent\"\n\n[[flags]]\nindicator = \"acute\"\nmethod = \"binomial\"\nseverity = \"high\"",
            ),
        ],
        expected: &[
            ("\"victims\"", "flag rule names unknown indicator `victims`"),
            ("baseline = 1.5", "`baseline` must be a proportion strictly between 0 and 1, found 1.5"),
            ("baseline = 0.1", "method \"any\" takes no `baseline` (any positive response flags)"),
            ("[[flags]]\nindicator = \"acute\"\nmethod = \"binomial\"", "method \"binomial\" needs a `baseline`"),
            ("indicator = \"acute\"\nmethod = \"binomial\"", "indicator `acute` already has a flag rule (line 94)"),
            ("\"high\"", "`severity`: unknown variant `high`, expected one of `watch`, `elevated`, `urgent`"),
        ],
    },
    Case {
        name: "a declared severity the method never raises",
        edits: &[
            ("baseline = 0.068\nseverity = \"elevated\"", "baseline = 0.068\nseverity = \"urgent\""),
            ("method = \"any\"\nseverity = \"urgent\"", "method = \"any\"\nseverity = \"watch\""),
        ],
        expected: &[
            (
                "\"urgent\"",
                "method \"binomial\" raises `elevated` flags, so its `severity` is \"elevated\" (found \"urgent\")",
            ),
            ("\"watch\"", "method \"any\" raises `urgent` flags, so its `severity` is \"urgent\" (found \"watch\")"),
        ],
    },
    Case {
        name: "a baseline's source: basis and source together, a source that says something, none on `any`",
        edits: &[
            (
                VICTIM_FLAG,
                "indicator = \"victim\"\nmethod = \"binomial\"\nbaseline = 0.068\nbasis = \"guess\"\nsource = { kk = \"а\", ru = \"б\", en = \"c\" }",
            ),
            ("indicator = \"acute\"\nmethod = \"any\"", "indicator = \"acute\"\nmethod = \"any\"\nsource = \"HBSC\""),
        ],
        expected: &[
            ("\"guess\"", "`basis`: unknown variant `guess`, expected one of `published`, `derived`, `assumption`"),
            ("\"HBSC\"", "method \"any\" takes no `basis` or `source` (it has no baseline)"),
        ],
    },
    Case {
        name: "a baseline's source in one language only, and one that says nothing",
        edits: &[
            (
                VICTIM_FLAG,
                "indicator = \"victim\"\nmethod = \"binomial\"\nbaseline = 0.068\nbasis = \"published\"\nsource = \"HBSC 2022\"",
            ),
            (
                "indicator = \"acute\"\nmethod = \"any\"\nseverity = \"urgent\"",
                "indicator = \"acute\"\nmethod = \"any\"\nseverity = \"urgent\"\n\n[[flags]]\nindicator = \"unsafe\"\nmethod = \"binomial\"\nbaseline = 0.1\nbasis = \"assumption\"\nsource = { kk = \"а\", ru = \"б\", en = \" \" }\nseverity = \"elevated\"",
            ),
        ],
        expected: &[
            ("\"HBSC 2022\"", "`source` must be a table of translations (kk, ru, en), found string"),
            ("\" \" }", "`source.en` is empty"),
        ],
    },
    Case {
        name: "a baseline's source without its basis",
        edits: &[(
            VICTIM_FLAG,
            "indicator = \"victim\"\nmethod = \"binomial\"\nbaseline = 0.068\nsource = { kk = \"а\", ru = \"б\", en = \"HBSC 2022\" }",
        )],
        expected: &[(
            "[[flags]]\nindicator = \"victim\"",
            "a baseline's `basis` and `source` go together: give both or neither",
        )],
    },
    Case {
        name: "a sum over an unknown item reports the item, not the cut-off",
        edits: &[("threshold = 4\nitems = [\"hit\", \"tease\"]", "threshold = 4\nitems = [\"hit\", \"teased\"]")],
        expected: &[("\"teased\"", "indicator `often_total` names unknown item `teased`")],
    },
];
