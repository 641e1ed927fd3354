//! What the fuzz sends: proptest strategies for hostile strings and JSON values. None of them is ever
//! a valid role, region, grade, roll, answer option, action or id, so a request built from them is
//! always refused, and the database must not change.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// Values chosen by hand: the classics of injection, traversal and overflow.
const CLASSICS: &[&str] = &[
    "",
    " ",
    "../../../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "/..;/admin",
    "' OR '1'='1",
    "\"; DROP TABLE users; --",
    "1; SELECT pg_sleep(1)",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "{{7*7}}${7*7}",
    "%00",
    "%0d%0aSet-Cookie: x=1",
    "\u{0}",
    "\r\nLocation: https://evil.example",
    "/home\r\nSet-Cookie: x=1",
    "/\t/evil.example",
    "\u{202e}txt.exe",
    "\u{feff}",
    "𝕬𝖍𝖚𝖆𝖑 🏫",
    "Әйгерім Қасымқызы",
    "99999999999999999999999999999999",
    "-9223372036854775809",
    "18446744073709551616",
    "-1",
    "1e309",
    "NaN",
    "0x7fffffff",
    "00000000-0000-0000-0000-000000000000",
    "https://evil.example",
    "//evil.example",
    "null",
    "true",
    "[]",
];

/// A hostile string: a classic, random printable text of any script, text with control characters,
/// or something very long.
pub fn hostile() -> BoxedStrategy<String> {
    prop_oneof![
        4 => proptest::sample::select(CLASSICS).prop_map(str::to_owned),
        2 => "\\PC{1,40}".prop_filter("never a small number (a grade, roll or option)", |s| s.parse::<i64>().is_err()),
        2 => "/?[a-z]{0,6}[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}][a-z/\\x00-\\x1f]{0,6}",
        1 => (0usize..3, 1usize..5).prop_map(|(kind, scale)| {
            let unit = ["a", "Ә", "../"][kind];
            unit.repeat(scale * 1500)
        }),
        1 => "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}",
    ]
    .boxed()
}

/// A hostile JSON value: hostile strings, huge or fractional numbers, wrong types, deep nesting.
pub fn hostile_json() -> BoxedStrategy<serde_json::Value> {
    use serde_json::{Value, json};
    let leaf = prop_oneof![
        4 => hostile().prop_map(Value::String),
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => any::<i64>().prop_map(|n| json!(n)),
        1 => any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        1 => Just(json!(u64::MAX)),
    ];
    leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map("\\PC{0,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

/// Draws values from strategies with a fixed seed, so a failing run can be repeated exactly. The
/// requests go to a live server from async code, so values are drawn (not shrunk): each failure
/// prints the whole request instead.
pub struct Draw {
    runner: TestRunner,
}

impl Draw {
    /// A generator seeded with `seed`.
    pub fn seeded(seed: u64) -> Draw {
        let mut bytes = [0u8; 32];
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
        let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
        Draw { runner: TestRunner::new_with_rng(Config::default(), rng) }
    }

    /// One value of `strategy`.
    pub fn value<T: std::fmt::Debug>(&mut self, strategy: &BoxedStrategy<T>) -> T {
        strategy.new_tree(&mut self.runner).expect("strategies here never reject whole trees").current()
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.value(&proptest::bool::weighted(p).boxed())
    }

    /// One element of `items`.
    pub fn pick<'a, T: std::fmt::Debug>(&mut self, items: &'a [T]) -> &'a T {
        let index = self.value(&(0..items.len()).boxed());
        &items[index]
    }
}

/// At most this much of one value goes into an address, encoded: the test client refuses addresses
/// over 64 KiB, and a route's path and query hold up to seven values. Long values still reach the
/// server whole in forms and JSON.
const MAX_ENCODED: usize = 8 * 1024;

/// Percent-encodes every byte that is not unreserved, so any string can travel in a path or query;
/// cut (at a character) to [`MAX_ENCODED`].
pub fn encode(text: &str) -> String {
    let mut encoded = String::new();
    for c in text.chars() {
        let mut buffer = [0u8; 4];
        let piece: String = c
            .encode_utf8(&mut buffer)
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect();
        if encoded.len() + piece.len() > MAX_ENCODED {
            break;
        }
        encoded.push_str(&piece);
    }
    encoded
}
