//! Reads `[[indicators]]` and `[[flags]]` tables, checking each on its own.

use toml::Spanned;

use super::decode::name;
use super::diagnostic::Report;
use super::draft::{FlagDraft, IndicatorDraft, RuleName};
use super::indicator::{ReferenceBasis, ReferenceSource};
use super::reader::{Node, Table, refine};
use crate::domain::statistics::{FlagCriterion, FlagMethod, Severity};

const INDICATOR_KEYS: &[&str] = &["id", "label", "rule", "threshold", "items"];
const FLAG_KEYS: &[&str] = &["indicator", "method", "baseline", "basis", "source", "severity"];

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
/// are `basis` and `source` when given (both or neither); the declared `severity` must be the one
/// the method raises, so that the file never promises a deadline the engine does not keep.
pub(super) fn decode_flag(node: &Node<'_>, report: &mut Report) -> Option<FlagDraft> {
    let table = Table::open(node, "flag rule", FLAG_KEYS, report)?;
    let indicator = table.required::<String>("indicator", report);
    let method = table.required::<FlagMethod>("method", report).map(Spanned::into_inner);
    let severity = table.required::<Severity>("severity", report);
    let baseline = refine(table.optional::<f64>("baseline", report), report, |&baseline| {
        FlagCriterion::binomial(baseline)
            .map_err(|_| format!("`baseline` must be a proportion strictly between 0 and 1, found {baseline}"))
    });
    let criterion = match (method, table.value_span("baseline")) {
        (Some(FlagMethod::Binomial), None) => {
            report.error(table.span(), "method \"binomial\" needs a `baseline`");
            None
        }
        (Some(FlagMethod::Binomial), Some(_)) => baseline,
        (Some(FlagMethod::Any), Some(span)) => {
            report.error(span, "method \"any\" takes no `baseline` (any positive response flags)");
            None
        }
        (Some(FlagMethod::Any), None) => Some(FlagCriterion::any()),
        (None, _) => None,
    };
    let severity = severity.and_then(|declared| declared_severity(declared, method, report));
    let reference = decode_reference(&table, method, report);
    Some(FlagDraft { indicator, criterion, severity, reference })
}

/// The declared `severity`, if it is the highest level `method` raises (an `any` rule is urgent, a
/// `binomial` one elevated); anything else would be ignored by the engine, so it is refused here.
fn declared_severity(declared: Spanned<Severity>, method: Option<FlagMethod>, report: &mut Report) -> Option<Severity> {
    let Some(method) = method else { return Some(declared.into_inner()) };
    let expected = method.highest_severity();
    if *declared.get_ref() == expected {
        return Some(expected);
    }
    let message = format!(
        "method \"{}\" raises `{}` flags, so its `severity` is \"{}\" (found \"{}\")",
        method.as_str(),
        expected.as_str(),
        expected.as_str(),
        declared.get_ref().as_str()
    );
    report.error(declared.span(), message);
    None
}

/// Reads a rule's `basis` and `source` (in kk, ru and en): both or neither, and only beside a
/// `baseline`.
fn decode_reference(
    table: &Table<'_, '_>,
    method: Option<FlagMethod>,
    report: &mut Report,
) -> Option<Option<ReferenceSource>> {
    let basis = table.optional::<ReferenceBasis>("basis", report);
    let given = table.value_span("basis").or_else(|| table.value_span("source"));
    match (given, method) {
        (None, _) => return Some(None),
        (Some(span), Some(FlagMethod::Any)) => {
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
