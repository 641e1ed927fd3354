//! What an internal error keeps for the log: what failed, where in our code it was raised, and the
//! error that caused it, whole, so the log line of a 500 can print the entire cause chain. None of it
//! ever reaches the user (see [`super::errors`]).

use std::borrow::Cow;
use std::error::Error;
use std::fmt;
use std::panic::Location;

/// Any error kept as a cause (strings convert too, for causes that are only words).
pub type Cause = Box<dyn Error + Send + Sync + 'static>;

/// An internal failure: what was being done, where, and why.
#[derive(Debug)]
pub struct Failure {
    what: Cow<'static, str>,
    at: &'static Location<'static>,
    source: Option<Cause>,
}

impl Failure {
    /// A broken promise of our own (an instrument that should be loaded is not, say), raised here.
    #[track_caller]
    pub fn new(what: impl Into<Cow<'static, str>>) -> Failure {
        Failure { what: what.into(), at: Location::caller(), source: None }
    }

    /// `what` failed because of `source`, which is kept with its own chain.
    #[track_caller]
    pub fn caused_by(what: impl Into<Cow<'static, str>>, source: impl Into<Cause>) -> Failure {
        Failure { what: what.into(), at: Location::caller(), source: Some(source.into()) }
    }

    /// Where in the code the failure was raised (`src/web/…rs:LINE`), for the log.
    pub fn at(&self) -> &'static Location<'static> {
        self.at
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.what)
    }
}

impl Error for Failure {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.source.as_deref().map(|source| source as &(dyn Error + 'static))
    }
}

/// Every message in `error`'s chain, outermost first, joined by ": ". A message that already shows
/// its source's text (`#[error("database error: {0}")]` does) does not repeat it.
pub fn cause_chain(error: &(dyn Error + 'static)) -> String {
    let mut chain = error.to_string();
    let mut last = chain.clone();
    let mut next = error.source();
    while let Some(cause) = next {
        let text = cause.to_string();
        if !last.contains(&text) {
            chain.push_str(": ");
            chain.push_str(&text);
        }
        last = text;
        next = cause.source();
    }
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    enum Lower {
        #[error("disk full")]
        Disk(#[source] std::io::Error),
    }

    #[derive(Debug, thiserror::Error)]
    enum Middle {
        /// Shows its source in its own message, as thiserror's `{0}` does.
        #[error("storing failed: {0}")]
        Store(#[source] Lower),
    }

    #[test]
    fn the_chain_names_every_cause_once_from_the_outermost() {
        let io = std::io::Error::other("no space left on device");
        let failure = Failure::caused_by("saving the roster", Middle::Store(Lower::Disk(io)));
        assert_eq!(
            cause_chain(&failure),
            "saving the roster: storing failed: disk full: no space left on device",
            "the middle error already shows `disk full`, which is not repeated; its own source is not lost"
        );
    }

    #[test]
    fn a_failure_remembers_where_it_was_raised() {
        let line = line!() + 1;
        let failure = Failure::new("an instrument is not loaded");
        assert_eq!((failure.at().file(), failure.at().line()), (file!(), line));
        assert_eq!(cause_chain(&failure), "an instrument is not loaded");
        assert!(failure.source().is_none());
    }
}
