//! A region of national size (500 schools × 30 classes) keeps the local promises. Its timing lives in
//! `cargo bench --bench engines`, never in a unit test.

use super::fixtures::{RegionSpec, SchoolSpec};
use super::fixtures::{hidden_parts_total_zero_or_k, released_groups_reach_k, residues_zero_or_k, suppressed};

/// 500 schools of 30 classes, sizes from a fixed pseudo-random sequence: mostly 15-34, one in
/// eight below 10.
fn large_region() -> RegionSpec {
    let mut state: u64 = 0x5eed;
    let mut next = move || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        u32::try_from(state >> 59).unwrap_or_default() + u32::try_from((state >> 40) & 31).unwrap_or_default()
    };
    let schools = (0..500)
        .map(|_| {
            let classes = (0..30).map(|_| next()).map(|r| if r % 8 == 0 { r % 10 } else { 15 + r % 20 });
            SchoolSpec { grades: vec![classes.collect()], by_grade: false, left_out: 0 }
        })
        .collect();
    RegionSpec { k: 10, schools }
}

#[test]
fn a_large_region_keeps_the_local_promises() {
    let spec = large_region();
    let (shape, visibility) = suppressed(&spec);
    assert_eq!(shape.len(), 1 + 500 + 500 * 30);
    assert!(released_groups_reach_k(&shape, &visibility, spec.k));
    assert!(hidden_parts_total_zero_or_k(&shape, &visibility, spec.k));
    assert!(residues_zero_or_k(&shape, &visibility, spec.k));
}
