//! A started application, and how it stops: the server first, then the timed tasks, then the
//! threads, each waited for, so nothing of it keeps running once it is gone.

use std::io;
use std::net::SocketAddr;

use actix_web::dev::ServerHandle;
use actix_web::rt::task::JoinHandle;

use super::Threads;
use crate::web::AppState;

/// What [`super::Application::start`] returns. Dropping it stops everything too: the server is told
/// to stop (it stops when its runtime next runs), the tasks are aborted, the threads are joined.
pub struct RunningApp {
    pub(super) address: SocketAddr,
    pub(super) state: AppState,
    pub(super) server: ServerHandle,
    pub(super) serving: Option<JoinHandle<io::Result<()>>>,
    pub(super) tasks: Vec<JoinHandle<()>>,
    pub(super) threads: Option<Threads>,
}

impl RunningApp {
    /// The address the server listens on (the real port when the settings asked for port 0).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The state the server's handlers share.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Waits until the server stops (on SIGINT or SIGTERM, after finishing the requests under way),
    /// then stops the rest.
    ///
    /// # Errors
    /// When the server failed, or its task did.
    pub async fn until_stopped(mut self) -> io::Result<()> {
        let served = match self.serving.take() {
            Some(serving) => serving.await.map_err(io::Error::other).and_then(|served| served),
            None => Ok(()),
        };
        self.stop_the_rest();
        served
    }

    /// Stops the server at once (open connections are dropped) and waits for it, then stops the rest.
    pub async fn shutdown(mut self) {
        if let Some(serving) = self.serving.take() {
            self.server.stop(false).await;
            let _ = serving.await;
        }
        self.stop_the_rest();
    }

    fn stop_the_rest(&mut self) {
        for task in self.tasks.drain(..) {
            task.abort();
        }
        // Dropping them stops and joins the writers and the checkpoint thread.
        self.threads.take();
    }
}

impl Drop for RunningApp {
    fn drop(&mut self) {
        if self.serving.take().is_some() {
            // `stop` sends its command at once; the future would only wait for the result.
            drop(self.server.stop(false));
        }
        self.stop_the_rest();
    }
}
