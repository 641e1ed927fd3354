//! The built-in regions and their centres.

use diesel::prelude::*;

use super::DbConnection;
use super::error::{DbError, DbResult};
use super::schema::{centres, regions};
use crate::domain::lang::Localized;
use crate::domain::region::{REGIONS, RegionCode};
use crate::domain::school::Region;

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = regions)]
struct RegionRow<'a> {
    code: &'a str,
    name_kk: &'a str,
    name_ru: &'a str,
    name_en: &'a str,
    sort_order: i32,
}

#[derive(Insertable)]
#[diesel(table_name = centres)]
struct CentreRow<'a> {
    region_code: &'a str,
    name_kk: &'a str,
    name_ru: &'a str,
    name_en: &'a str,
    email: &'a str,
}

/// Inserts missing regions and centres and refreshes their names; stored centre e-mails are kept.
pub fn ensure_built_in(conn: &mut DbConnection) -> DbResult<()> {
    super::write_transaction(conn, |conn| {
        for (order, r) in REGIONS.iter().enumerate() {
            let [name_kk, name_ru, name_en] = r.name;
            let row = RegionRow { code: r.code, name_kk, name_ru, name_en, sort_order: order as i32 };
            let exists = regions::table.find(r.code).count().get_result::<i64>(conn)? > 0;
            if exists {
                diesel::update(regions::table.find(r.code)).set(&row).execute(conn)?;
            } else {
                diesel::insert_into(regions::table).values(&row).execute(conn)?;
            }
            let [ckk, cru, cen] = r.centre;
            let centre_exists = centres::table.find(r.code).count().get_result::<i64>(conn)? > 0;
            if centre_exists {
                diesel::update(centres::table.find(r.code))
                    .set((centres::name_kk.eq(ckk), centres::name_ru.eq(cru), centres::name_en.eq(cen)))
                    .execute(conn)?;
            } else {
                let centre =
                    CentreRow { region_code: r.code, name_kk: ckk, name_ru: cru, name_en: cen, email: r.centre_email };
                diesel::insert_into(centres::table).values(&centre).execute(conn)?;
            }
        }
        Ok(())
    })
}

type Joined = (String, String, String, String, String, String, String, String);

fn to_region(row: Joined) -> DbResult<Region> {
    let (code, kk, ru, en, ckk, cru, cen, email) = row;
    let code = RegionCode::parse(&code).ok_or_else(|| DbError::Corrupt(format!("unknown region {code}")))?;
    Ok(Region {
        code,
        name: Localized { kk, ru, en },
        centre_name: Localized { kk: ckk, ru: cru, en: cen },
        centre_email: email,
    })
}

#[diesel::dsl::auto_type(no_type_alias)]
fn joined() -> _ {
    regions::table.inner_join(centres::table).select((
        regions::code,
        regions::name_kk,
        regions::name_ru,
        regions::name_en,
        centres::name_kk,
        centres::name_ru,
        centres::name_en,
        centres::email,
    ))
}

/// Every region with its centre, in display order.
pub fn list(conn: &mut DbConnection) -> DbResult<Vec<Region>> {
    let rows: Vec<Joined> = joined().order(regions::sort_order).load(conn)?;
    rows.into_iter().map(to_region).collect()
}

/// One region with its centre.
pub fn get(conn: &mut DbConnection, code: &RegionCode) -> DbResult<Region> {
    to_region(joined().filter(regions::code.eq(code.as_str())).first(conn)?)
}

/// Changes where a centre's referral notifications go.
pub fn set_centre_email(conn: &mut DbConnection, code: &RegionCode, email: &str) -> DbResult<()> {
    let changed = diesel::update(centres::table.find(code.as_str())).set(centres::email.eq(email)).execute(conn)?;
    if changed == 1 { Ok(()) } else { Err(DbError::NotFound) }
}
