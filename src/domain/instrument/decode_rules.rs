//! Reads `[[indicators]]` and `[[flags]]` tables, checking each on its own.

use serde::Deserialize;
use toml::Spanned;

use super::decode::name;
use super::diagnostic::Report;
use super::draft::{FlagDraft, IndicatorDraft, RuleName};
use super::indicator::{Baseline, FlagMethod, ReferenceBasis, ReferenceSource, Severity};
use super::reader::{Node, Table, refine};

const INDICATOR_KEYS: &[&str] = &["id", "label", "rule", "threshold", "items"];
const FLAG_KEYS: &[&str] = &["indicator", "method", "baseline", "basis", "source", "severity"];

/// The `method` of a flag rule, as written in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum MethodName {
    Binomial,
    Any,
}

/// Reads one `[[indicators]]` table.
pub(super) fn decode_indicator(node: &Node<'_>, report: &mut Report) -> Option<IndicatorDraft> {
    let table = Table::open(node, "indicator", INDICATOR_KEYS, report)?;
    let id = table.id(report);
    let items = table.required::<Vec<Spanned<String>>>("items", report);
    if let Some(list) = &items
        && list.get_ref().is_empty()
    {
        let message = format!("indicator {} lists no items", name(id.as_ref()));
        report.error(list.span(), message);
    }
    let items = items.map(Spanned::into_inner).unwrap_or_default();
    for (position, item) in items.iter().enumerate() {
        if items[..position].iter().any(|earlier| earlier.get_ref() == item.get_ref()) {
            let message = format!("indicator {} lists item `{}` twice", name(id.as_ref()), item.get_ref());
            report.error(item.span(), message);
        }
    }
    Some(IndicatorDraft {
        label: table.localized("label", report),
        rule: table.required::<RuleName>("rule", report).map(Spanned::into_inner),
        threshold: table.required::<u16>("threshold", report),
        id,
        items,
    })
}

/// Reads one `[[flags]]` table; `baseline` is required by `binomial` and refused by `any`, and so
/// are `basis` and `source` when given (both or neither).
pub(super) fn decode_flag(node: &Node<'_>, report: &mut Report) -> Option<FlagDraft> {
    let table = Table::open(node, "flag rule", FLAG_KEYS, report)?;
    let indicator = table.required::<String>("indicator", report);
    let method_name = table.required::<MethodName>("method", report).map(Spanned::into_inner);
    let severity = table.required::<Severity>("severity", report).map(Spanned::into_inner);
    let baseline = refine(table.optional::<f64>("baseline", report), report, |&baseline| {
        Baseline::new(baseline)
            .ok_or(format!("`baseline` must be a proportion strictly between 0 and 1, found {baseline}"))
    });
    let baseline_span = table.value_span("baseline");
    let method = match (method_name, baseline_span) {
        (Some(MethodName::Binomial), None) => {
            report.error(table.span(), "method \"binomial\" needs a `baseline`");
            None
        }
        (Some(MethodName::Binomial), Some(_)) => baseline.map(|baseline| FlagMethod::Binomial { baseline }),
        (Some(MethodName::Any), Some(span)) => {
            report.error(span, "method \"any\" takes no `baseline` (any positive response flags)");
            None
        }
        (Some(MethodName::Any), None) => Some(FlagMethod::Any),
        (None, _) => None,
    };
    let reference = decode_reference(&table, method_name, report);
    Some(FlagDraft { indicator, method, severity, reference })
}

/// Reads a rule's `basis` and `source` (in kk, ru and en): both or neither, and only beside a
/// `baseline`.
fn decode_reference(
    table: &Table<'_, '_>,
    method: Option<MethodName>,
    report: &mut Report,
) -> Option<Option<ReferenceSource>> {
    let basis = table.optional::<ReferenceBasis>("basis", report);
    let given = table.value_span("basis").or_else(|| table.value_span("source"));
    match (given, method) {
        (None, _) => return Some(None),
        (Some(span), Some(MethodName::Any)) => {
            report.error(span, "method \"any\" takes no `basis` or `source` (it has no baseline)");
            return None;
        }
        _ => {}
    }
    let source = table.optional_localized("source", report);
    match (basis, source) {
        (Some(basis), Some(citation)) => Some(Some(ReferenceSource { basis: basis.into_inner(), citation })),
        _ => {
            let one_missing = table.value_span("basis").is_none() || table.value_span("source").is_none();
            if one_missing {
                report.error(table.span(), "a baseline's `basis` and `source` go together: give both or neither");
            }
            None
        }
    }
}
