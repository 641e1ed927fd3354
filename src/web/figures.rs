//! The released figures of one wave for a handler: the use case ([`wave_figures::look`]) run on the
//! blocking pool with today's date, recording the look.

use chrono::Utc;

use super::errors::AppError;
use super::state::AppState;
use crate::app::wave_figures::{self, FigureScope, NotYet, WaveFigures};
use crate::domain::audit::AuditAction;
use crate::domain::ids::{UserId, WaveId};
use crate::domain::survey::wave::local_date;

/// Loads the figures of `wave` within `scope`, recording the look as `action` by `actor`.
pub async fn load(
    state: &AppState,
    wave: WaveId,
    scope: FigureScope,
    actor: UserId,
    action: AuditAction,
) -> Result<Result<WaveFigures, NotYet>, AppError> {
    let (with, today) = (state.figure_context(), local_date(Utc::now()));
    state.use_case(move |conn| wave_figures::look(conn, &with, wave, &scope, today, actor, action)).await
}
