//! A small organisation for access tests: two schools in two regions, a class each, and an account
//! for every role and scope.
#![allow(dead_code, clippy::unwrap_used)]

use ahual::db::DbConnection;
use ahual::db::classes;
use ahual::db::schools;
use ahual::db::users;
use ahual::domain::account::RoleScope;
use ahual::domain::account::UserFields;
use ahual::domain::ids::{ClassId, SchoolId, UserId};
use ahual::domain::lang::Localized;
use ahual::domain::organisation::{ClassLabel, Grade, Roll, SchoolCode};
use ahual::domain::password::hash_password;
use ahual::domain::region::RegionCode;
use ahual::domain::school::ClassFields;
use ahual::domain::school::SchoolFields;

pub const PASSWORD: &str = "test password 1";

/// Region A (Astana) with school A; region B (Almaty) with school B.
pub struct World {
    pub school_a: SchoolId,
    pub school_b: SchoolId,
    pub class_a: ClassId,
    pub class_b: ClassId,
    pub admin: UserId,
    pub psy_a: UserId,
    pub psy_b: UserId,
    pub centre_a: UserId,
    pub centre_b: UserId,
    pub national: UserId,
    pub wave_a: ahual::domain::ids::WaveId,
}

pub fn school(conn: &mut DbConnection, code: &str, region: &str) -> SchoolId {
    let fields = SchoolFields {
        code: SchoolCode::parse(code).unwrap(),
        region: RegionCode::parse(region).unwrap(),
        name: Localized {
            kk: format!("{code} мектебі"), ru: format!("Школа {code}"), en: format!("School {code}")
        },
    };
    schools::create(conn, &fields).unwrap()
}

pub fn class(conn: &mut DbConnection, school: SchoolId, label: &str, grade: i64, roll: i64) -> ClassId {
    let fields = ClassFields {
        label: ClassLabel::parse(label).unwrap(),
        grade: Grade::new(grade).unwrap(),
        roll: Roll::new(roll).unwrap(),
    };
    classes::create(conn, school, &fields).unwrap()
}

pub fn user(conn: &mut DbConnection, login: &str, scope: RoleScope, hash: &str) -> UserId {
    let fields =
        UserFields { login: login.into(), scope, display_name: format!("User {login}"), email: None, active: true };
    users::create(conn, &fields, hash).unwrap()
}

/// Changes the account `id` with `change` behind the application's back, as another instance would.
fn edit(conn: &mut DbConnection, id: UserId, change: impl FnOnce(&mut UserFields)) {
    let (account, _) = users::get(conn, id).unwrap();
    let mut fields = UserFields {
        login: account.login,
        scope: account.scope,
        display_name: account.display_name,
        email: account.email,
        active: account.active,
    };
    change(&mut fields);
    users::update(conn, id, &fields).unwrap();
}

/// Disables the account `id`.
pub fn disable(conn: &mut DbConnection, id: UserId) {
    edit(conn, id, |fields| fields.active = false);
}

/// Gives the account `id` the e-mail address `email`.
pub fn give_email(conn: &mut DbConnection, id: UserId, email: &str) {
    edit(conn, id, |fields| fields.email = Some(email.into()));
}

impl World {
    pub fn build(conn: &mut DbConnection) -> World {
        let hash = hash_password(PASSWORD).unwrap();
        let school_a = school(conn, "SCH-A", "KZ-71");
        let school_b = school(conn, "SCH-B", "KZ-75");
        let class_a = class(conn, school_a, "7A", 7, 25);
        let class_b = class(conn, school_b, "8B", 8, 22);
        World {
            school_a,
            school_b,
            class_a,
            class_b,
            admin: user(conn, "admin", RoleScope::Admin, &hash),
            psy_a: user(conn, "psy-a", RoleScope::Psychologist(school_a), &hash),
            psy_b: user(conn, "psy-b", RoleScope::Psychologist(school_b), &hash),
            centre_a: user(conn, "centre-a", RoleScope::CentreStaff(RegionCode::parse("KZ-71").unwrap()), &hash),
            centre_b: user(conn, "centre-b", RoleScope::CentreStaff(RegionCode::parse("KZ-75").unwrap()), &hash),
            national: user(conn, "national", RoleScope::National, &hash),
            wave_a: super::pupil::open(
                conn,
                school_a,
                vec![class_a],
                ahual::domain::survey::wave::AccessMode::Password,
            )
            .wave_id,
        }
    }
}
