//! An attacker who writes down every sum equation of a view and solves it exactly.
//!
//! Unknowns: the hidden groups with respondents. Known: released counts, 0 for empty groups, and
//! every breakdown's remainder (a stronger attacker than one who treats those as unknown, so
//! passing against this one passes against that one). Equations: at
//! every whole, `whole = Σ parts + remainder`. A hidden group's count is determined exactly when,
//! in the reduced row echelon form of the coefficients of the unknowns, some row has a single
//! non-zero entry, in its column. Integer Gauss-Jordan elimination with gcd-normalised rows, so
//! no rounding can hide or invent a determination. Slow by design: it is the independent check.

use super::super::shape::Shape;

/// The hidden groups (node numbers) whose respondent count the attacker can compute exactly.
pub(super) fn determined_hidden_groups(shape: &Shape, hidden: &[bool]) -> Vec<usize> {
    let mut column = vec![None; shape.len()];
    let mut columns = 0;
    for node in 0..shape.len() {
        if hidden[node] && shape.count(node) > 0 {
            column[node] = Some(columns);
            columns += 1;
        }
    }
    let wholes: Vec<usize> = (0..shape.len()).filter(|&v| shape.is_whole(v)).collect();
    let width = columns;
    let mut rows = Vec::new();
    for &whole in &wholes {
        let mut row = vec![0_i128; width];
        if let Some(c) = column[whole] {
            row[c] = 1;
        }
        for &part in shape.children(whole) {
            if let Some(c) = column[part] {
                row[c] = -1;
            }
        }
        if row.iter().any(|&a| a != 0) {
            rows.push(row);
        }
    }
    let reduced = reduced_row_echelon(rows, width);
    let mut found: Vec<usize> = reduced
        .iter()
        .filter_map(|row| single_entry(row))
        .filter_map(|c| column.iter().position(|&col| col == Some(c)))
        .collect();
    found.sort_unstable();
    found
}

/// The column of the only non-zero entry of `row`, if it has exactly one.
fn single_entry(row: &[i128]) -> Option<usize> {
    let mut entries = row.iter().enumerate().filter(|(_, a)| **a != 0);
    let (column, _) = entries.next()?;
    entries.next().is_none().then_some(column)
}

/// Gauss-Jordan elimination over the integers; rows are kept divided by their gcd.
fn reduced_row_echelon(mut rows: Vec<Vec<i128>>, width: usize) -> Vec<Vec<i128>> {
    let mut pivot = 0;
    for column in 0..width {
        let Some(found) = (pivot..rows.len()).find(|&r| rows[r][column] != 0) else {
            continue;
        };
        rows.swap(pivot, found);
        let pivot_row = rows[pivot].clone();
        let a = pivot_row[column];
        for (r, row) in rows.iter_mut().enumerate() {
            let b = row[column];
            if r == pivot || b == 0 {
                continue;
            }
            for (entry, &p) in row.iter_mut().zip(&pivot_row) {
                *entry = a * *entry - b * p;
            }
            normalise(row);
        }
        pivot += 1;
        if pivot == rows.len() {
            break;
        }
    }
    rows
}

fn normalise(row: &mut [i128]) {
    let divisor = row.iter().fold(0, |g, &a| gcd(g, a.abs()));
    if divisor > 1 {
        row.iter_mut().for_each(|a| *a /= divisor);
    }
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 { a } else { gcd(b, a % b) }
}

mod checks {
    use super::*;

    /// A school of `classes` under a region-less root: node 0 is the school.
    fn school(classes: &[u32]) -> Shape {
        let mut shape = Shape::with_capacity(classes.len() + 1);
        let school = shape.push(None, classes.iter().sum());
        for &size in classes {
            shape.push(Some(school), size);
        }
        shape
    }

    #[test]
    fn a_lone_hidden_class_is_found_by_subtraction() {
        let shape = school(&[4, 20, 30]);
        assert_eq!(determined_hidden_groups(&shape, &[false, true, false, false]), vec![1]);
    }

    #[test]
    fn two_hidden_classes_are_not_found() {
        let shape = school(&[4, 20, 30]);
        let found = determined_hidden_groups(&shape, &[false, true, true, false]);
        assert!(found.is_empty());
    }

    #[test]
    fn a_hidden_school_with_released_classes_is_found() {
        let shape = school(&[12, 20]);
        assert_eq!(determined_hidden_groups(&shape, &[true, false, false]), vec![0]);
    }
}
