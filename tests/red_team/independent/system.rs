//! The attacker's system of sums over unknown counts, propagated to a fixpoint, and what it must
//! never find.

use super::K;

/// An unknown count of the attacker's system.
#[derive(Debug, Clone)]
pub(super) struct Var {
    pub(super) name: String,
    /// Pupils of the group who were asked the indicator (the truth, for judging the result).
    pub(super) asked: u64,
    /// Whether the group is withheld (a remainder or a pool).
    pub(super) withheld: bool,
    pub(super) low: i64,
    pub(super) high: i64,
}

/// `whole = Σ parts`.
pub(super) struct Sum {
    pub(super) whole: usize,
    pub(super) parts: Vec<usize>,
}

pub(super) struct System {
    pub(super) vars: Vec<Var>,
    pub(super) sums: Vec<Sum>,
}

impl System {
    pub(super) fn var(&mut self, name: String, asked: u64, withheld: bool, (low, high): (u64, u64)) -> usize {
        let (low, high) = (i64::try_from(low).unwrap(), i64::try_from(high).unwrap());
        self.vars.push(Var { name, asked, withheld, low, high });
        self.vars.len() - 1
    }

    /// Bounds propagation to a fixpoint.
    pub(super) fn solve(&mut self) {
        loop {
            let mut changed = false;
            for sum in &self.sums {
                let lows: i64 = sum.parts.iter().map(|&p| self.vars[p].low).sum();
                let highs: i64 = sum.parts.iter().map(|&p| self.vars[p].high).sum();
                let w = &mut self.vars[sum.whole];
                let (low, high) = (w.low.max(lows), w.high.min(highs));
                changed |= (low, high) != (w.low, w.high);
                (w.low, w.high) = (low, high);
                let (wl, wh) = (low, high);
                for &p in &sum.parts {
                    let v = &self.vars[p];
                    let others = (lows - v.low, highs - v.high);
                    let (low, high) = (v.low.max(wl - others.1), v.high.min(wh - others.0));
                    let v = &mut self.vars[p];
                    changed |= (low, high) != (v.low, v.high);
                    (v.low, v.high) = (low, high);
                }
            }
            if !changed {
                break;
            }
        }
    }

    /// Everything forbidden the attacker derived.
    pub(super) fn forbidden(&self) -> Vec<String> {
        let mut found = Vec::new();
        for v in &self.vars {
            assert!(v.low <= v.high, "the attacker's system is inconsistent at {v:?}: a bug of the attack");
            let asked = i64::try_from(v.asked).unwrap();
            if asked == 0 {
                continue;
            }
            if v.low == v.high && (v.low == 0 || v.low == asked) {
                found.push(format!("{} = {} of {} asked", v.name, v.low, v.asked));
            }
            if v.withheld && v.asked < K && (v.low > 0 || v.high < asked) {
                found.push(format!("{} in {}..={} of its {} asked (< k)", v.name, v.low, v.high, v.asked));
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_solver_finds_the_issue_s_example_through_two_levels() {
        // Region of 47 + 30: school exact 7 of 47 (classes 4 and 3 exact, a class of 12 shown 0-1) and
        // a school of 30 with 2; the region shows 9. The class of 12 must come out as 0 of 12.
        let mut system = System { vars: Vec::new(), sums: Vec::new() };
        let region = system.var("region".into(), 77, false, (9, 9));
        let big = system.var("big".into(), 47, false, (0, 47));
        let other = system.var("other".into(), 30, false, (2, 2));
        let a = system.var("A".into(), 17, false, (4, 4));
        let b = system.var("B".into(), 18, false, (3, 3));
        let small = system.var("C".into(), 12, false, (0, 1));
        system.sums.push(Sum { whole: region, parts: vec![big, other] });
        system.sums.push(Sum { whole: big, parts: vec![a, b, small] });
        system.solve();
        assert_eq!(system.forbidden(), ["C = 0 of 12 asked"]);
    }

    #[test]
    fn the_solver_flags_any_bound_on_a_withheld_group_below_k() {
        let mut system = System { vars: Vec::new(), sums: Vec::new() };
        let school = system.var("school".into(), 30, false, (3, 4));
        let class = system.var("A".into(), 26, false, (1, 2));
        let remainder = system.var("remainder".into(), 4, true, (0, 4));
        system.sums.push(Sum { whole: school, parts: vec![class, remainder] });
        system.solve();
        assert_eq!(system.forbidden(), ["remainder in 1..=3 of its 4 asked (< k)"]);
    }
}
