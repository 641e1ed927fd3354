//! Reads an instrument file's tables into a draft, checking each table on its own.
//!
//! Checks that need more than one table (duplicate ids, references between items,
//! scales, indicators and flags) live in `cross_check`; indicator and flag tables are
//! read in `decode_rules`.

use std::ops::Range;

use toml::Spanned;
use toml::de::DeTable;

use super::builtin::builtin_choices;
use super::decode_rules::{decode_flag, decode_indicator};
use super::diagnostic::Report;
use super::draft::{ChoiceSource, InstrumentDraft, ItemDraft, ScaleDraft, SectionDraft};
use super::grade::Grade;
use super::model::{Choice, ItemKind};
use super::reader::{Node, Table, refine};

/// The highest option value: two digits keep form values short and readable.
const MAX_OPTION_VALUE: u8 = 99;

const ROOT_KEYS: &[&str] = &["id", "version", "title", "intro", "outro", "scales", "sections", "indicators", "flags"];
const SCALE_KEYS: &[&str] = &["id", "options"];
const OPTION_KEYS: &[&str] = &["value", "label"];
const SECTION_KEYS: &[&str] = &["id", "title", "intro", "min_grade", "sensitive", "items"];
const ITEM_KEYS: &[&str] = &["id", "kind", "text", "options", "scale", "sensitive"];

/// Reads the whole document, reporting every problem local to one table.
pub(super) fn decode(document: &Spanned<DeTable<'_>>, report: &mut Report) -> InstrumentDraft {
    let root = Table::root(document, ROOT_KEYS, report);
    let id = root.id(report);
    let version = refine(root.required::<u32>("version", report), report, |&version| match version {
        0 => Err("`version` must be 1 or more".to_owned()),
        version => Ok(version),
    });
    let title = root.localized("title", report);
    let intro = root.localized("intro", report);
    let outro = root.localized("outro", report);
    let scales = each_table(&root, "scales", report, decode_scale);
    let section_nodes = root.tables("sections", report);
    if section_nodes.is_some_and(<[_]>::is_empty) {
        let message = "the instrument has no items (add `[[sections]]` with `[[sections.items]]`)";
        report.error(root.span(), message);
    }
    let sections = section_nodes.unwrap_or_default().iter().filter_map(|node| decode_section(node, report)).collect();
    InstrumentDraft {
        id,
        version,
        title,
        intro,
        outro,
        scales,
        sections,
        indicators: each_table(&root, "indicators", report, decode_indicator),
        flags: each_table(&root, "flags", report, decode_flag),
    }
}

/// Decodes every table of the array `key` with `decode_one`.
fn each_table<T>(
    table: &Table<'_, '_>,
    key: &str,
    report: &mut Report,
    decode_one: fn(&Node<'_>, &mut Report) -> Option<T>,
) -> Vec<T> {
    let nodes = table.tables(key, report).unwrap_or_default();
    nodes.iter().filter_map(|node| decode_one(node, report)).collect()
}

fn decode_scale(node: &Node<'_>, report: &mut Report) -> Option<ScaleDraft> {
    let table = Table::open(node, "scale", SCALE_KEYS, report)?;
    let id = table.id(report);
    let choices = decode_choices(&table, report);
    Some(ScaleDraft { id, choices })
}

fn decode_section(node: &Node<'_>, report: &mut Report) -> Option<SectionDraft> {
    let table = Table::open(node, "section", SECTION_KEYS, report)?;
    let id = table.id(report);
    let min_grade = refine(table.optional::<u8>("min_grade", report), report, |&grade| {
        Grade::from_number(grade).ok_or(format!("`min_grade` must be between 5 and 11, found {grade}"))
    })
    .unwrap_or(Grade::LOWEST);
    let item_nodes = table.tables("items", report);
    if item_nodes.is_some_and(<[_]>::is_empty) {
        report.error(table.span(), format!("section {} has no items", name(id.as_ref())));
    }
    let items = item_nodes.unwrap_or_default().iter().filter_map(|node| decode_item(node, report)).collect();
    Some(SectionDraft {
        title: table.localized("title", report),
        intro: table.optional_localized("intro", report),
        sensitive: boolean(&table, "sensitive", report),
        id,
        min_grade,
        items,
    })
}

fn decode_item(node: &Node<'_>, report: &mut Report) -> Option<ItemDraft> {
    let table = Table::open(node, "item", ITEM_KEYS, report)?;
    let id = table.id(report);
    let kind = table.required::<ItemKind>("kind", report).map(Spanned::into_inner);
    let text = table.localized("text", report);
    let sensitive = boolean(&table, "sensitive", report);
    let choices = decode_item_choices(&table, kind, report);
    Some(ItemDraft { id, kind, text, choices, sensitive })
}

/// Reads where an item's options come from: its own `options`, a `scale`, or its kind.
fn decode_item_choices(table: &Table<'_, '_>, kind: Option<ItemKind>, report: &mut Report) -> Option<ChoiceSource> {
    let listed = table.value_span("options").map(|_| decode_choices(table, report));
    let scale = table.optional::<String>("scale", report);
    match kind? {
        ItemKind::SingleChoice => match (listed, scale) {
            (Some(choices), None) => choices.map(ChoiceSource::Listed),
            (None, Some(scale)) => Some(ChoiceSource::Scale(scale)),
            (Some(_), Some(scale)) => {
                report.error(scale.span(), "item has both `options` and `scale`; keep one");
                None
            }
            (None, None) => {
                report.error(table.span(), "a single_choice item needs `options` or `scale`");
                None
            }
        },
        builtin => {
            let own = table.value_span("options").or(table.value_span("scale"));
            if let Some(span) = own {
                let message = "this kind has built-in options: remove `options`/`scale`, \
                               or use kind = \"single_choice\"";
                report.error(span, message);
            }
            builtin_choices(builtin).map(ChoiceSource::Listed)
        }
    }
}

/// Reads the `options` array of an item or scale: at least two, unique values 0-99.
fn decode_choices(owner: &Table<'_, '_>, report: &mut Report) -> Option<Vec<Choice>> {
    let nodes = owner.tables("options", report)?;
    let mut choices = Vec::new();
    let mut seen: Vec<(u8, Range<usize>)> = Vec::new();
    let mut complete = true;
    for node in nodes {
        let Some(table) = Table::open(node, "option", OPTION_KEYS, report) else {
            complete = false;
            continue;
        };
        let value = table.required::<u8>("value", report);
        let label = table.localized("label", report);
        let value = value.filter(|value| is_new_value(value, &mut seen, report));
        match (value, label) {
            (Some(value), Some(label)) => choices.push(Choice { value: value.into_inner(), label }),
            _ => complete = false,
        }
    }
    if nodes.len() < 2 {
        let span = owner.value_span("options").unwrap_or_else(|| owner.span());
        report.error(span, "`options` needs at least two options");
        complete = false;
    }
    complete.then_some(choices)
}

/// Whether `value` is in range and not used before in the same list (reports if not).
fn is_new_value(value: &Spanned<u8>, seen: &mut Vec<(u8, Range<usize>)>, report: &mut Report) -> bool {
    let number = *value.get_ref();
    if number > MAX_OPTION_VALUE {
        let message = format!("option `value` must be between 0 and {MAX_OPTION_VALUE}, found {number}");
        report.error(value.span(), message);
        return false;
    }
    if let Some((_, first)) = seen.iter().find(|(earlier, _)| *earlier == number) {
        let line = report.line_of(first);
        report.error(value.span(), format!("duplicate option value {number} (first on line {line})"));
        return false;
    }
    seen.push((number, value.span()));
    true
}

/// An optional boolean such as `sensitive`, false when absent.
fn boolean(table: &Table<'_, '_>, key: &str, report: &mut Report) -> bool {
    table.optional::<bool>(key, report).is_some_and(Spanned::into_inner)
}

/// `` `id` `` for messages, or a placeholder when the id could not be read.
pub(super) fn name(id: Option<&Spanned<String>>) -> String {
    id.map_or_else(|| "(without id)".to_owned(), |id| format!("`{}`", id.get_ref()))
}
