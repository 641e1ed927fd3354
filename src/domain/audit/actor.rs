//! Who an audit entry says acted: a staff account, or the system acting on its own behalf. Typed so a
//! use case passes the signed-in account's id, not its text, and a named actor cannot be misspelt.

use std::fmt;

use crate::domain::ids::UserId;

/// The actor of an audit entry. Stored as text: the account's id, or the name of a system actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// A signed-in staff account (its id).
    User(UserId),
    /// Changes made with the command line (`ahual user`, `ahual wave`, `ahual import`): `cli`.
    Cli,
    /// What the server does on its own, closing waves at their last day: `scheduler`.
    Scheduler,
    /// The demonstration data the demo mode creates: `demo`.
    Demo,
    /// The synthetic country `ahual synth` loads for benchmarks: `synth`.
    Synth,
    /// The referrals a flag run creates (no person raised them, whoever closed the wave): `flag-run`.
    FlagRun,
}

/// The text the audit chain stores and hashes: frozen, since changing it would change old hashes'
/// meaning.
impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::User(id) => id.fmt(f),
            Actor::Cli => f.write_str("cli"),
            Actor::Scheduler => f.write_str("scheduler"),
            Actor::Demo => f.write_str("demo"),
            Actor::Synth => f.write_str("synth"),
            Actor::FlagRun => f.write_str("flag-run"),
        }
    }
}

/// A signed-in account acts as itself.
impl From<UserId> for Actor {
    fn from(id: UserId) -> Self {
        Actor::User(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_are_stored_as_the_texts_the_chain_has_always_held() {
        let stored: Vec<String> =
            [Actor::Cli, Actor::Scheduler, Actor::Demo, Actor::Synth, Actor::FlagRun].map(|a| a.to_string()).into();
        assert_eq!(stored, ["cli", "scheduler", "demo", "synth", "flag-run"]);
        let id = UserId::random();
        assert_eq!(Actor::from(id).to_string(), id.to_string());
    }
}
