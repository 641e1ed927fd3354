//! The trust box's notices: a pupil's message waits at a desk, or its answer is overdue. Who they go
//! to is decided here: the desk that holds the conversation (a school's psychologists, or the centre's
//! own address and its staff), and for a school's overdue conversation also its region's centre, which
//! watches its schools. Never another school or region, and never the school of a message written to
//! the centre only. What they may say is `notify::trust_notice`'s: that a message exists, and where.

use chrono::{DateTime, Utc};

use crate::db::outbox::{self, NewMessage};
use crate::db::schools::{self, SchoolFilter};
use crate::db::{DbConnection, DbError, DbResult, regions, trust_box_upkeep, users, write_transaction};
use crate::domain::account::RoleScope;
use crate::domain::survey::wave::local_time;
use crate::domain::trust_box::desk::Desk;
use crate::domain::trust_box::lifecycle::Holder;
use crate::domain::trust_box::record::ConversationRecord;
use crate::notify::trust_notice::TrustEvent;
use crate::notify::{NotifyPlan, TrustRecipients};

/// The e-mail addresses of `desk`: a school's active psychologists; a centre's own address and its
/// active staff. Each once (addresses differing only in case are one), in a stable order.
fn addresses(conn: &mut DbConnection, desk: &Desk) -> DbResult<Vec<String>> {
    let all = match desk {
        Desk::School(school) => users::active_emails(conn, &RoleScope::Psychologist(*school))?,
        Desk::Centre(region) => {
            let mut all = vec![regions::get(conn, region)?.centre_email];
            all.extend(users::active_emails(conn, &RoleScope::CentreStaff(region.clone()))?);
            all
        }
    };
    let mut seen = std::collections::BTreeSet::new();
    Ok(all
        .into_iter()
        .map(|address| address.trim().to_owned())
        .filter(|address| !address.is_empty() && seen.insert(address.to_lowercase()))
        .collect())
}

/// The messages that announce `event` of `record`, for the deployment's `plan` (none, and no query,
/// when it sends neither e-mail nor webhooks).
fn messages(
    conn: &mut DbConnection,
    plan: &NotifyPlan,
    record: &ConversationRecord,
    event: TrustEvent,
) -> DbResult<Vec<NewMessage>> {
    if !plan.email && plan.webhook_url.is_none() {
        return Ok(Vec::new());
    }
    let held_by_school = record.state.holder == Holder::School;
    let watching = event == TrustEvent::Overdue && held_by_school;
    let to = match plan.email {
        false => TrustRecipients::default(),
        true => TrustRecipients {
            desk: addresses(conn, &Desk::holding(record))?,
            watching_centre: if watching { addresses(conn, &Desk::Centre(record.region.clone()))? } else { Vec::new() },
        },
    };
    // The school is named only to those who may know it: the school itself and its centre, while the
    // school holds the conversation.
    let school = if held_by_school { Some(schools::get(conn, record.school, SchoolFilter::All)?) } else { None };
    Ok(plan.trust_messages(record.id, event, school.as_ref(), &record.region, &to))
}

/// The messages that say a pupil's message waits at the desk holding `record` (as it stands after the
/// pupil wrote), for the caller to queue in the transaction that stores the pupil's message.
pub fn waiting(conn: &mut DbConnection, plan: &NotifyPlan, record: &ConversationRecord) -> DbResult<Vec<NewMessage>> {
    messages(conn, plan, record, TrustEvent::Waiting)
}

/// The sweep's step: queues one overdue notice for each conversation whose deadline passed before
/// `now` unnotified, and marks that deadline notified in the same transaction, so it is notified once
/// whichever instance sweeps first (the pupil writing again sets a new deadline, notified in its turn).
/// Returns how many conversations were notified.
pub fn queue_overdue(conn: &mut DbConnection, plan: &NotifyPlan, now: DateTime<Utc>) -> DbResult<usize> {
    let local = local_time(now);
    let mut notified = 0;
    for record in trust_box_upkeep::overdue_unnotified(conn, local)? {
        let Some(due) = record.due_at.filter(|_| record.is_overdue(local)) else { continue };
        let queued = messages(conn, plan, &record, TrustEvent::Overdue)?;
        let claimed = write_transaction(conn, |conn| {
            if !trust_box_upkeep::note_overdue_notified(conn, record.id, due)? {
                return Ok::<_, DbError>(false);
            }
            outbox::enqueue_all(conn, &queued, now.naive_utc())?;
            Ok(true)
        })?;
        notified += usize::from(claimed);
    }
    Ok(notified)
}
