//! The subtraction attacker's solver: from a school's released bands and the sum
//! school = Σ released classes + withheld remainder, the exact range each class and the remainder
//! can have. One level of sums with interval bands is solved exactly by these bounds.

use serde_json::Value;

/// A released group: respondents and, per indicator, the band of positives.
#[derive(Debug, Clone)]
pub struct Group {
    pub name: String,
    pub respondents: u64,
    pub bands: Vec<(String, (u64, u64))>,
}

impl Group {
    pub fn band(&self, indicator: &str) -> Option<(u64, u64)> {
        self.bands.iter().find(|(name, _)| name == indicator).map(|(_, band)| *band)
    }
}

/// `5` or `"2-3"` as a band.
fn band(positives: &Value) -> (u64, u64) {
    if let Some(exact) = positives.as_u64() {
        return (exact, exact);
    }
    let text = positives.as_str().unwrap();
    let (low, high) = text.split_once('-').unwrap();
    (low.parse().unwrap(), high.parse().unwrap())
}

fn group(json: &Value, name: String) -> Group {
    let bands = json["indicators"]
        .as_object()
        .map(|map| map.iter().map(|(indicator, rate)| (indicator.clone(), band(&rate["positives"]))).collect())
        .unwrap_or_default();
    Group { name, respondents: json["respondents"].as_u64().unwrap(), bands }
}

/// The released school and classes of an API summary.
pub fn released_groups(summary: &Value) -> (Group, Vec<Group>) {
    let groups = summary["groups"].as_array().unwrap();
    let released = groups.iter().filter(|g| g["released"] == Value::Bool(true));
    let mut school = None;
    let mut classes = Vec::new();
    for g in released {
        match g.get("class").and_then(Value::as_str) {
            Some(label) => classes.push(group(g, label.to_owned())),
            None => school = Some(group(g, "school".to_owned())),
        }
    }
    (school.expect("the attacked school is released"), classes)
}

/// Every class or remainder the sums leave with a single possible count of 0 or of all its
/// respondents, as "indicator: group = value".
pub fn pinned(school: &Group, classes: &[Group]) -> Vec<String> {
    let remainder = school.respondents - classes.iter().map(|c| c.respondents).sum::<u64>();
    let mut found = Vec::new();
    for (indicator, whole) in &school.bands {
        let parts: Vec<(&str, u64, (u64, u64))> = classes
            .iter()
            .map(|c| (c.name.as_str(), c.respondents, c.band(indicator).unwrap_or((0, c.respondents))))
            .collect();
        let low_sum: u64 = parts.iter().map(|p| p.2.0).sum();
        let high_sum: u64 = parts.iter().map(|p| p.2.1).sum();
        for &(name, n, (low, high)) in &parts {
            let others = (low_sum - low, high_sum - high);
            let lowest = low.max(whole.0.saturating_sub(others.1 + remainder));
            let highest = high.min(whole.1.saturating_sub(others.0));
            if lowest == highest && (highest == 0 || highest == n) {
                found.push(format!("{indicator}: {name} = {highest} of {n}"));
            }
        }
        if remainder > 0 {
            let lowest = whole.0.saturating_sub(high_sum);
            let highest = remainder.min(whole.1.saturating_sub(low_sum));
            if lowest == highest && (highest == 0 || highest == remainder) {
                found.push(format!("{indicator}: remainder = {highest} of {remainder}"));
            }
        }
    }
    found
}

#[test]
fn the_solver_finds_the_issue_s_example_in_exact_figures() {
    let school = Group { name: "school".into(), respondents: 47, bands: vec![("b".into(), (7, 7))] };
    let classes = [
        Group { name: "A".into(), respondents: 17, bands: vec![("b".into(), (4, 4))] },
        Group { name: "B".into(), respondents: 18, bands: vec![("b".into(), (3, 3))] },
        Group { name: "C".into(), respondents: 12, bands: vec![("b".into(), (0, 1))] },
    ];
    assert_eq!(pinned(&school, &classes), ["b: C = 0 of 12"]);
}

/// What kind of group an unknown of a [`System`] is, which decides what the attacker may not learn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A group whose figures are released (a class, a school, a region).
    Released,
    /// A withheld cell the engine rounds as one (a school's withheld remainder, a region's pool of
    /// withheld schools): its own rounding may be known, but if fewer than k of it were asked, it
    /// must stay anything from 0 to all of them.
    Cell,
    /// A withheld group inside a cell (a withheld class, a pooled school): it may be bounded by its
    /// cell's figures, but never pinned to one count when it has fewer than k pupils.
    Part,
}

/// An unknown count: the positives of one group for one measure.
#[derive(Debug, Clone)]
pub struct Unknown {
    pub name: String,
    pub kind: Kind,
    /// Pupils of the group who were asked the measure (the truth, for judging what was derived).
    pub asked: u64,
    pub low: i64,
    pub high: i64,
}

/// The attacker's system: unknown counts with bounds, and sums `whole = Σ parts`, solved by
/// propagating bounds to a fixpoint (exact for sums that form a tree, sound for any other).
#[derive(Debug, Clone, Default)]
pub struct System {
    pub unknowns: Vec<Unknown>,
    sums: Vec<(usize, Vec<usize>)>,
    by_name: std::collections::BTreeMap<String, usize>,
}

impl System {
    /// The unknown called `name`, created as `kind` with `asked` pupils and bounds `0..=upper` (what
    /// the attacker knows before reading anything) if it does not exist yet.
    pub fn unknown(&mut self, name: &str, kind: Kind, asked: u64, upper: u64) -> usize {
        if let Some(&at) = self.by_name.get(name) {
            return at;
        }
        let high = i64::try_from(upper).unwrap();
        self.unknowns.push(Unknown { name: name.to_owned(), kind, asked, low: 0, high });
        self.by_name.insert(name.to_owned(), self.unknowns.len() - 1);
        self.unknowns.len() - 1
    }

    /// Whether an unknown called `name` exists.
    pub fn has(&self, name: &str) -> bool {
        self.by_name.contains_key(name)
    }

    /// What a view shows: the count lies in `low..=high`.
    pub fn bound(&mut self, at: usize, (low, high): (u64, u64)) {
        let u = &mut self.unknowns[at];
        u.low = u.low.max(i64::try_from(low).unwrap());
        u.high = u.high.min(i64::try_from(high).unwrap());
    }

    /// What the engine's rule "a whole's band is the sum of its cells' bands" gives about the one cell
    /// whose band is not shown: its band runs from the whole's low end minus the others' low ends to
    /// the whole's high end minus the others' high ends, and its count lies in it.
    pub fn bound_ends(&mut self, at: usize, whole: (u64, u64), others: &[(u64, u64)]) {
        let signed = |v: u64| i64::try_from(v).unwrap();
        let low = signed(whole.0) - others.iter().map(|b| signed(b.0)).sum::<i64>();
        let high = signed(whole.1) - others.iter().map(|b| signed(b.1)).sum::<i64>();
        let u = &mut self.unknowns[at];
        (u.low, u.high) = (u.low.max(low), u.high.min(high));
    }

    /// `whole = Σ parts`.
    pub fn sum(&mut self, whole: usize, parts: Vec<usize>) {
        self.sums.push((whole, parts));
    }

    /// The attacker compares releases: wherever the parts of one sum are among the parts of another
    /// (the same region before and after a school joined it, the same pool at two looks), the larger
    /// whole is the smaller plus the parts it adds, which becomes a sum of its own (with an unknown
    /// for those parts together when there are several). Bounds propagation alone would miss it,
    /// since the two sums share parts.
    pub fn compare_sums(&mut self) {
        let sets: Vec<(usize, std::collections::BTreeSet<usize>)> =
            self.sums.iter().map(|(whole, parts)| (*whole, parts.iter().copied().collect())).collect();
        for (small_whole, small) in &sets {
            for (big_whole, big) in &sets {
                if small_whole == big_whole || !small.is_subset(big) || small.is_empty() {
                    continue;
                }
                let added: Vec<usize> = big.difference(small).copied().collect();
                let mut parts = vec![*small_whole];
                match added.as_slice() {
                    [] => {}
                    [one] => parts.push(*one),
                    several => {
                        let name =
                            format!("{} minus {}", self.unknowns[*big_whole].name, self.unknowns[*small_whole].name);
                        let asked = several.iter().map(|&p| self.unknowns[p].asked).sum();
                        let upper = several.iter().map(|&p| self.unknowns[p].high).sum::<i64>();
                        let diff = self.unknown(&name, Kind::Part, asked, u64::try_from(upper.max(0)).unwrap());
                        self.sums.push((diff, several.to_vec()));
                        parts.push(diff);
                    }
                }
                self.sums.push((*big_whole, parts));
            }
        }
    }

    /// Propagates the bounds through every sum until nothing changes, or until some unknown has no
    /// possible count left (the views contradict each other: see [`System::contradictions`]).
    pub fn solve(&mut self) {
        loop {
            if self.unknowns.iter().any(|u| u.low > u.high) {
                return;
            }
            let mut changed = false;
            for (whole, parts) in &self.sums {
                let lows: i64 = parts.iter().map(|&p| self.unknowns[p].low).sum();
                let highs: i64 = parts.iter().map(|&p| self.unknowns[p].high).sum();
                let w = &mut self.unknowns[*whole];
                let (wl, wh) = (w.low.max(lows), w.high.min(highs));
                changed |= (wl, wh) != (w.low, w.high);
                (w.low, w.high) = (wl, wh);
                for &p in parts {
                    let u = &self.unknowns[p];
                    let others = (lows - u.low, highs - u.high);
                    let (low, high) = (u.low.max(wl - others.1), u.high.min(wh - others.0));
                    let u = &mut self.unknowns[p];
                    changed |= (low, high) != (u.low, u.high);
                    (u.low, u.high) = (low, high);
                }
            }
            if !changed {
                break;
            }
        }
    }

    /// Unknowns left with no possible count: the views contradict each other (or the attack has a bug).
    pub fn contradictions(&self) -> Vec<String> {
        self.unknowns
            .iter()
            .filter(|u| u.low > u.high)
            .map(|u| format!("{} in {}..={}", u.name, u.low, u.high))
            .collect()
    }

    /// Everything forbidden the attacker derived at threshold `k`: any group pinned to nobody or
    /// everybody of those asked; a cell with fewer than `k` asked bounded at all; a withheld part with
    /// fewer than `k` asked pinned to one count.
    pub fn forbidden(&self, k: u64) -> Vec<String> {
        let mut found = Vec::new();
        for u in self.unknowns.iter().filter(|u| u.asked > 0) {
            let asked = i64::try_from(u.asked).unwrap();
            if u.low == u.high && (u.low == 0 || u.low == asked) {
                found.push(format!("{} = {} of {} asked", u.name, u.low, u.asked));
            } else if u.kind == Kind::Cell && u.asked < k && (u.low > 0 || u.high < asked) {
                found.push(format!("{} in {}..={} of its {} asked (< k)", u.name, u.low, u.high, u.asked));
            } else if u.kind == Kind::Part && u.asked < k && u.low == u.high {
                found.push(format!("{} = {} of its {} asked (< k)", u.name, u.low, u.asked));
            }
        }
        found
    }

    /// What is forbidden for the acute signal, which is released as "≥1" or "none" on purpose: "none"
    /// tells that nobody in a released group (withheld parts included) gave the answer, and stays;
    /// but no withheld cell or part with fewer than `k` pupils asked may be known to hold one.
    pub fn forbidden_signal(&self, k: u64) -> Vec<String> {
        let withheld = |u: &&Unknown| u.kind != Kind::Released && u.asked > 0 && u.asked < k && u.low > 0;
        self.unknowns
            .iter()
            .filter(withheld)
            .map(|u| format!("{} holds at least {} of its {} asked (< k)", u.name, u.low, u.asked))
            .collect()
    }
}

#[test]
fn the_system_finds_a_small_class_pinned_through_a_region_and_two_looks() {
    // Region of 51 before (a school of 40 with 4 and a pool of 11 with 6) and of 55 after a school of
    // 4 joined the pool (10 in all): the new school must have 4 of 4.
    let mut system = System::default();
    let before = system.unknown("region before", Kind::Released, 51, 51);
    let after = system.unknown("region after", Kind::Released, 55, 55);
    let big = system.unknown("big", Kind::Released, 40, 40);
    let pool = system.unknown("pool before", Kind::Cell, 11, 11);
    let pool_after = system.unknown("pool after", Kind::Cell, 15, 15);
    let late = system.unknown("late", Kind::Part, 4, 4);
    system.bound(before, (10, 10));
    system.bound(after, (14, 14));
    system.bound(big, (4, 4));
    system.sum(before, vec![big, pool]);
    system.sum(after, vec![big, pool_after]);
    system.sum(pool_after, vec![pool, late]);
    system.solve();
    assert!(system.contradictions().is_empty());
    assert_eq!(system.forbidden(10), ["late = 4 of 4 asked"]);
}

#[test]
fn the_system_flags_a_signal_from_the_few_asked_pupils_of_a_mixed_remainder() {
    // School "≥1", its released classes "none": the remainder (a grade-7 class of 5 next to a grade-5
    // class of 12, who are not asked) holds at least one.
    let mut system = System::default();
    let school = system.unknown("school", Kind::Released, 44, 44);
    let a = system.unknown("7A", Kind::Released, 22, 22);
    let b = system.unknown("7B", Kind::Released, 17, 17);
    let remainder = system.unknown("remainder", Kind::Cell, 5, 17);
    system.bound(school, (1, 44));
    system.bound(a, (0, 0));
    system.bound(b, (0, 0));
    system.sum(school, vec![a, b, remainder]);
    system.solve();
    assert_eq!(system.forbidden_signal(10), ["remainder holds at least 1 of its 5 asked (< k)"]);
}
