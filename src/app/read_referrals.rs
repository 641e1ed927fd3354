//! Centre staff and psychologists read referrals: the inbox of their scope, and one referral with its
//! notes and evidence. Every list and every referral shown is recorded in the audit log, in the same
//! database call that reads it, before anything else is built from it.

use chrono::NaiveDateTime;

use super::error::UseCaseResult;
use super::referral_evidence::{self, Evidence};
use super::wave_figures::{FigureContext, FigureScope};
use crate::db::referrals;
use crate::db::{DbConnection, DbResult, audit};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::{ReferralId, UserId};
use crate::domain::referral::{InboxFilter, Note, Referral, ReferralScope};
use crate::domain::survey::wave::local_date;

/// The subject of an audit entry for a look at the referrals of `scope`: `school:{id}` or
/// `region:{code}`.
pub fn scope_subject(scope: &ReferralScope) -> String {
    match scope {
        ReferralScope::School(school) => format!("school:{school}"),
        ReferralScope::Region(region) => format!("region:{region}"),
    }
}

/// The figures a referral scope may see: a school's, or a region's.
pub fn figure_scope(scope: &ReferralScope) -> FigureScope {
    match scope {
        ReferralScope::Region(region) => FigureScope::Region(region.clone()),
        ReferralScope::School(school) => FigureScope::School(*school),
    }
}

/// The referrals a figure scope works on: a school's, or a region's.
pub fn referral_scope(scope: &FigureScope) -> ReferralScope {
    match scope {
        FigureScope::School(school) => ReferralScope::School(*school),
        FigureScope::Region(region) => ReferralScope::Region(region.clone()),
    }
}

/// The referrals of `scope` that pass `filter`, in inbox order, recording the look as `action` (a
/// page's `view_referral_list` or the API's `api_referral_list`).
pub fn inbox(
    conn: &mut DbConnection,
    scope: &ReferralScope,
    filter: &InboxFilter,
    actor: UserId,
    action: AuditAction,
    now: NaiveDateTime,
) -> DbResult<Vec<Referral>> {
    let found = referrals::list(conn, scope, filter, now)?;
    audit::append(conn, Actor::User(actor), action, &scope_subject(scope))?;
    Ok(found)
}

/// One referral of `scope` with its notes; when `look` names an actor and an action, the read is
/// recorded (a step or a note answered with the referral is recorded where it is stored instead). A
/// referral outside `scope` is not found and not recorded.
pub fn one(
    conn: &mut DbConnection,
    scope: &ReferralScope,
    id: ReferralId,
    look: Option<(UserId, AuditAction)>,
    now: NaiveDateTime,
) -> DbResult<(Referral, Vec<Note>)> {
    let referral = referrals::get(conn, scope, id, now)?;
    let notes = referrals::notes(conn, id)?;
    if let Some((actor, action)) = look {
        audit::append(conn, Actor::User(actor), action, &format!("referral:{id}"))?;
    }
    Ok((referral, notes))
}

/// A referral's page: the referral, its notes and its evidence, recorded as `view_referral` before the
/// evidence is built, so a referral without evidence is recorded too.
pub fn page(
    conn: &mut DbConnection,
    with: &FigureContext,
    scope: &ReferralScope,
    id: ReferralId,
    actor: UserId,
    now: NaiveDateTime,
) -> UseCaseResult<(Referral, Vec<Note>, Evidence)> {
    let (referral, notes) = one(conn, scope, id, Some((actor, AuditAction::ViewReferral)), now)?;
    let today = local_date(now.and_utc());
    let evidence = referral_evidence::load(conn, with, &referral, &figure_scope(scope), today)?;
    Ok((referral, notes, evidence))
}
