//! The trust box's figures for centres (their region) and the national analyst (every region side by
//! side), per published reporting period: read the conversations that arrived in it, let
//! `domain::trust_box::figures` count them under the disclosure rules, audit the look.

use std::collections::BTreeMap;

use crate::app::error::UseCaseResult;
use crate::db::{DbConnection, audit, regions, trust_box_figures};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::disclosure::K;
use crate::domain::ids::UserId;
use crate::domain::lang::Localized;
use crate::domain::period::ReportingPeriod;
use crate::domain::region::RegionCode;
use crate::domain::trust_box::figures::{TrustFigures, figures};

/// Whose figures.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// One centre's region.
    Region(&'a RegionCode),
    /// Every region (the national analyst).
    Country,
}

/// One region's figures, with its name for the page.
#[derive(Debug, Clone)]
pub struct RegionTrustFigures {
    /// The region.
    pub region: RegionCode,
    /// Its name, in every language (the view picks the reader's).
    pub name: Localized,
    /// What may be shown.
    pub figures: TrustFigures,
}

/// The figures of `scope` for the published `period`, every region of the scope in the deployment's
/// order (a region with no conversation shows its nothing too), audited as a look by `actor`.
pub fn of_period(
    conn: &mut DbConnection,
    scope: Scope<'_>,
    period: ReportingPeriod,
    k: K,
    actor: UserId,
) -> UseCaseResult<Vec<RegionTrustFigures>> {
    let shown = unrecorded(conn, scope, period, k)?;
    let subject = match scope {
        Scope::Region(region) => format!("region:{}:{}", region.as_str(), period.id()),
        Scope::Country => format!("country:{}", period.id()),
    };
    audit::append(conn, Actor::User(actor), AuditAction::ViewTrustFigures, &subject)?;
    Ok(shown)
}

/// The figures of `scope` for the published `period`, unaudited: for the public page
/// (`app::open_figures`), where nobody signed in looks.
pub fn unrecorded(
    conn: &mut DbConnection,
    scope: Scope<'_>,
    period: ReportingPeriod,
    k: K,
) -> UseCaseResult<Vec<RegionTrustFigures>> {
    let region = match scope {
        Scope::Region(region) => Some(region),
        Scope::Country => None,
    };
    let mut by_region: BTreeMap<String, Vec<_>> = BTreeMap::new();
    for record in trust_box_figures::arrived_in(conn, region, period)? {
        by_region.entry(record.region.as_str().to_owned()).or_default().push(record);
    }
    let shown = regions::list(conn)?
        .into_iter()
        .filter(|r| region.is_none_or(|wanted| &r.code == wanted))
        .map(|r| {
            let records = by_region.remove(r.code.as_str()).unwrap_or_default();
            let figures = figures(&records, period, k);
            RegionTrustFigures { region: r.code, name: r.name, figures }
        })
        .collect();
    Ok(shown)
}
