//! What the pupil's use cases ([`super::admit_pupil`], [`super::open_form`],
//! [`super::submit_response`], [`super::trust_box::pupil`]) share in this process: the key that signs
//! and seals forms, the throttle on wrong passwords, the pace of writing to the trust box, and the
//! three memories that save database round trips in a rush. None of it is
//! shared between instances, and none of it is needed for correctness: a fresh process (or another
//! instance) reads the database instead, and the writer's transaction checks every admission fact
//! again before it stores anything. Nothing here is ever logged.

use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use super::form_facts::FormFactsCache;
use super::form_nonces::FormNonces;
use super::fresh_grants::FreshGrants;
use crate::domain::survey::throttle::Throttle;
use crate::domain::trust_box::pace::Writing;

/// The pupil's path in this process; cheap to clone, clones share everything.
#[derive(Clone)]
pub struct PupilPath {
    key: Arc<[u8]>,
    /// Wrong class passwords per client address, in this process's memory only.
    pub throttle: Arc<Mutex<Throttle<IpAddr>>>,
    /// New trust box conversations per client address ([`Writing::NewConversation`]).
    letters: Arc<Mutex<Throttle<IpAddr>>>,
    /// Further trust box messages per client address ([`Writing::Again`]).
    again: Arc<Mutex<Throttle<IpAddr>>>,
    /// Each class-in-wave's questionnaire and grade, once a password check or a form has read them.
    pub facts: FormFactsCache,
    /// Forms just issued after a passed password check, whose first view needs no second check.
    pub fresh: FreshGrants,
    /// Form nonces issued ahead, ready for the next pupils' forms.
    pub nonces: FormNonces,
}

impl PupilPath {
    /// An empty path whose forms are signed and sealed with `key` (the deployment's secret key).
    pub fn new(key: &[u8]) -> PupilPath {
        PupilPath {
            key: Arc::from(key),
            throttle: Arc::new(Mutex::new(Throttle::default())),
            letters: Arc::new(Mutex::new(Throttle::with_rate(Writing::NewConversation.rate()))),
            again: Arc::new(Mutex::new(Throttle::with_rate(Writing::Again.rate()))),
            facts: FormFactsCache::default(),
            fresh: FreshGrants::default(),
            nonces: FormNonces::default(),
        }
    }

    /// Whether `client` may try a secret now (a class password or code, or a trust box receipt): one
    /// budget for every kind, so a guesser gains nothing by switching. A client whose address is not
    /// known is not throttled.
    pub fn allows(&self, client: Option<IpAddr>, at: Instant) -> bool {
        client.is_none_or(|ip| self.throttle.lock().map(|mut throttle| throttle.allows(&ip, at)).unwrap_or(true))
    }

    /// Counts a wrong secret from `client` against its budget.
    pub fn tried_wrong(&self, client: Option<IpAddr>, at: Instant) {
        if let (Some(ip), Ok(mut throttle)) = (client, self.throttle.lock()) {
            throttle.record_use(ip, at);
        }
    }

    fn pace(&self, kind: Writing) -> &Mutex<Throttle<IpAddr>> {
        match kind {
            Writing::NewConversation => &self.letters,
            Writing::Again => &self.again,
        }
    }

    /// Whether `client` may write to the trust box now: each kind of writing has its own pace
    /// (`domain::trust_box::pace`), apart from the budget for wrong secrets. A client whose address is
    /// not known is not throttled.
    pub fn may_write(&self, kind: Writing, client: Option<IpAddr>, at: Instant) -> bool {
        client.is_none_or(|ip| self.pace(kind).lock().map(|mut pace| pace.allows(&ip, at)).unwrap_or(true))
    }

    /// Counts a stored trust box message of `kind` from `client` against its pace.
    pub fn wrote(&self, kind: Writing, client: Option<IpAddr>, at: Instant) {
        if let (Some(ip), Ok(mut pace)) = (client, self.pace(kind).lock()) {
            pace.record_use(ip, at);
        }
    }

    /// The key that signs form tokens and seals form addresses.
    pub fn key(&self) -> &[u8] {
        &self.key
    }
}
