//! Signals never name a group that is not released: an acute answer in a class withheld to protect
//! a smaller one (7C, 12 of 20 pupils) must not name 7C, and the small class itself (7D, 4 of 6) is
//! not named either; both become one referral of the school, which does not say why. A released
//! class (7B) is named as before.

use ahual::db::schema::{classes, referrals};
use diesel::prelude::*;

use crate::common::{Backend, TestApp};
use crate::world::{ClassPlan, build, plan};

async fn a_signal_names_only_a_released_class(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let acute = |label, respondents, roll| ClassPlan { acute: 1, roll, ..plan(label, respondents, 0) };
    let attacked = build(&app, &[plan("7A", 25, 1), acute("7B", 22, 22), acute("7C", 12, 20), acute("7D", 4, 6)]);
    let mut conn = app.conn();
    let rows: Vec<Option<String>> = referrals::table
        .filter(referrals::school_id.eq(attacked.school.to_string()))
        .select(referrals::class_id)
        .load(&mut conn)
        .unwrap();
    let mut label = |id: &str| -> String { classes::table.find(id).select(classes::label).first(&mut conn).unwrap() };
    let mut named: Vec<String> = rows.iter().flatten().map(|id| label(id)).collect();
    named.sort();
    assert_eq!(named, ["7B"], "only the released class is named");
    assert_eq!(rows.iter().filter(|c| c.is_none()).count(), 1, "7C and 7D give one referral of the school");
}

on_both_backends!(a_signal_names_only_a_released_class);
