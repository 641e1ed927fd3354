//! Demo data for `ahual serve --demo`: one school in Astana with six classes (one of them smaller than
//! k, so suppression has something to show) and one account per role. Created only on an empty
//! database; the logins are fixed so a first-time reader can follow the README.

use diesel::Connection;

use crate::db::classes::{self, ClassFields};
use crate::db::schools::{self, SchoolFields};
use crate::db::users::{self, UserFields};
use crate::db::{DbConnection, DbError};
use crate::domain::account::RoleScope;
use crate::domain::lang::LocalizedName;
use crate::domain::organisation::{ClassLabel, Grade, Invalid, Roll, SchoolCode};
use crate::domain::password::hash_password;
use crate::domain::region::RegionCode;

/// The demo school's code.
pub const DEMO_SCHOOL: &str = "SCH-DEMO";
/// The demo school's region (Astana).
pub const DEMO_REGION: &str = "KZ-71";

/// The classes: label, grade, roll. 10A is deliberately smaller than the default k.
pub const DEMO_CLASSES: [(&str, i64, i64); 6] =
    [("5A", 5, 24), ("6B", 6, 26), ("7A", 7, 25), ("8A", 8, 28), ("9B", 9, 27), ("10A", 10, 8)];

/// A demo sign-in, printed at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    /// Role name.
    pub role: &'static str,
    /// Login.
    pub login: &'static str,
    /// Password.
    pub password: &'static str,
}

/// The demo accounts (never use `--demo` on a real deployment).
pub const DEMO_LOGINS: [DemoLogin; 3] = [
    DemoLogin { role: "admin", login: "admin", password: "demo-admin-pass" },
    DemoLogin { role: "centre_staff", login: "centre", password: "demo-centre-pass" },
    DemoLogin { role: "psychologist", login: "psy", password: "demo-psy-pass" },
];

fn invalid(Invalid(key): Invalid) -> DbError {
    DbError::Corrupt(format!("demo data breaks its own rule: {key}"))
}

fn create_school(conn: &mut DbConnection) -> Result<crate::domain::ids::SchoolId, DbError> {
    let region = RegionCode::parse(DEMO_REGION).ok_or_else(|| DbError::Corrupt("demo region".into()))?;
    let fields = SchoolFields {
        code: SchoolCode::parse(DEMO_SCHOOL).map_err(invalid)?,
        region,
        name: LocalizedName {
            kk: "№ 1 мектеп-гимназия (демо)".into(),
            ru: "Школа-гимназия № 1 (демо)".into(),
            en: "School-Gymnasium No. 1 (demo)".into(),
        },
    };
    let school = schools::create(conn, &fields)?;
    for (label, grade, roll) in DEMO_CLASSES {
        let class = ClassFields {
            label: ClassLabel::parse(label).map_err(invalid)?,
            grade: Grade::new(grade).map_err(invalid)?,
            roll: Roll::new(roll).map_err(invalid)?,
        };
        classes::create(conn, school, &class)?;
    }
    Ok(school)
}

/// Creates the demo school, classes and accounts when the database has no accounts; returns the logins.
pub fn ensure_demo(conn: &mut DbConnection) -> Result<Vec<DemoLogin>, DbError> {
    if users::count(conn)? > 0 {
        return Ok(DEMO_LOGINS.to_vec());
    }
    let hashes = DEMO_LOGINS
        .iter()
        .map(|l| hash_password(l.password).map_err(|e| DbError::Corrupt(format!("hash: {e}"))))
        .collect::<Result<Vec<_>, _>>()?;
    conn.transaction(|conn| {
        let school = create_school(conn)?;
        let region = RegionCode::parse(DEMO_REGION).ok_or_else(|| DbError::Corrupt("demo region".into()))?;
        let scopes = [RoleScope::Admin, RoleScope::CentreStaff(region), RoleScope::Psychologist(school)];
        let names = ["Demo Admin", "Демо Орталық", "Демо Психолог"];
        for ((login, scope), (name, hash)) in DEMO_LOGINS.iter().zip(scopes).zip(names.iter().zip(&hashes)) {
            let fields = UserFields {
                login: login.login.into(),
                scope,
                display_name: (*name).into(),
                email: None,
                active: true,
            };
            users::create(conn, &fields, hash)?;
        }
        Ok::<(), DbError>(())
    })?;
    Ok(DEMO_LOGINS.to_vec())
}
