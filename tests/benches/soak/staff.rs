//! Staff reading pages while the pupils submit: a psychologist opening a closed wave's school
//! dashboard and centre staff opening their region overview, each one page after another with a
//! pause between (people reading, not a page bench), every fetch kept with when it ended, so that
//! each minute's latency can be cut from them.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::browser::Browser;
use super::subjects::{Account, Subjects};

/// One page fetched: when it ended, how long it took, and whether it was a 200.
#[derive(Debug, Clone, Copy)]
pub struct Read {
    /// When the last byte arrived.
    pub at: Instant,
    /// From the request to the last byte.
    pub took: Duration,
    /// Whether the page came (200).
    pub ok: bool,
}

/// The staff readers, running until stopped.
pub struct Staff {
    reads: Arc<Mutex<Vec<Read>>>,
    stop: Arc<AtomicBool>,
    threads: Vec<JoinHandle<anyhow::Result<()>>>,
}

impl Staff {
    /// Signs both readers in at `base` and starts them, each pausing `pause` between pages.
    pub fn start(base: &str, subjects: &Subjects, pause: Duration) -> Staff {
        let reads: Arc<Mutex<Vec<Read>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let dashboard = format!("/school/waves/{}", subjects.wave);
        let readers =
            [(account(&subjects.psychologist), dashboard), (account(&subjects.centre), "/centre/region".into())];
        let threads = readers
            .into_iter()
            .map(|(who, path)| {
                let (base, reads, stop) = (base.to_owned(), reads.clone(), stop.clone());
                std::thread::spawn(move || read_until_stopped(&base, &who, &path, pause, &reads, &stop))
            })
            .collect();
        Staff { reads, stop, threads }
    }

    /// Every fetch so far.
    pub fn reads(&self) -> Vec<Read> {
        self.reads.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// Stops the readers and reports the first that failed to sign in or fetch.
    pub fn stop(self) -> anyhow::Result<()> {
        self.stop.store(true, Ordering::SeqCst);
        for thread in self.threads {
            thread.join().map_err(|_| anyhow::anyhow!("a staff reader panicked"))??;
        }
        Ok(())
    }
}

fn account(account: &Account) -> Account {
    Account { login: account.login.clone(), password: account.password.clone() }
}

fn read_until_stopped(
    base: &str,
    who: &Account,
    path: &str,
    pause: Duration,
    reads: &Mutex<Vec<Read>>,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    actix_rt::System::new().block_on(async {
        let mut browser = Browser::new(base);
        browser.sign_in(&who.login, &who.password).await?;
        while !stop.load(Ordering::SeqCst) {
            let fetched = browser.get(path, true).await?;
            let read = Read { at: Instant::now(), took: fetched.took, ok: fetched.status.as_u16() == 200 };
            if let Ok(mut reads) = reads.lock() {
                reads.push(read);
            }
            actix_rt::time::sleep(pause).await;
        }
        Ok(())
    })
}
