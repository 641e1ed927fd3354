//! Work spread over a few threads, each with its own pooled connection in bulk-load mode. One
//! PostgreSQL connection keeps one server process busy, and a national load through one connection
//! left a two-core machine half idle; schools (and waves to count) are independent, so several
//! connections can write them at once. SQLite has a single writer, so it gets one worker.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::load::SynthError;
use crate::db::{DbConnection, DbError, Pool, bulk_load_mode};

/// Runs `work` for every index in `0..count` on at most `workers` threads and returns the results
/// in index order. After the first error the workers stop taking new indices, and that error is
/// returned; work already committed stays (a synthetic load is run again on a fresh database).
pub fn spread<T, F>(pool: &Pool, workers: usize, count: usize, work: F) -> Result<Vec<T>, SynthError>
where
    T: Send,
    F: Fn(&mut DbConnection, usize) -> Result<T, SynthError> + Sync,
{
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let first_error: Mutex<Option<SynthError>> = Mutex::new(None);
    let done: Mutex<Vec<(usize, T)>> = Mutex::new(Vec::with_capacity(count));
    let worker = || -> Result<(), SynthError> {
        let mut conn = pool.get().map_err(DbError::from)?;
        bulk_load_mode(&mut conn)?;
        while !failed.load(Ordering::Relaxed) {
            let index = next.fetch_add(1, Ordering::Relaxed);
            if index >= count {
                break;
            }
            let value = work(&mut conn, index)?;
            done.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push((index, value));
        }
        Ok(())
    };
    std::thread::scope(|scope| {
        for _ in 0..workers.clamp(1, count.max(1)) {
            scope.spawn(|| {
                if let Err(error) = worker() {
                    failed.store(true, Ordering::Relaxed);
                    first_error.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).get_or_insert(error);
                }
            });
        }
    });
    if let Some(error) = first_error.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner()) {
        return Err(error);
    }
    let mut done = done.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
    done.sort_by_key(|(index, _)| *index);
    Ok(done.into_iter().map(|(_, value)| value).collect())
}
