//! The second factor of a staff sign-in: a time-based one-time password (TOTP, RFC 6238) from an
//! authenticator app, or one of ten recovery codes for the day the phone is lost.
//!
//! Staff accounts guard children's mental-health figures and the referrals of named schools, so a
//! stolen password alone must not open them. Who must have a second factor is [`policy`]; how a code
//! is checked (once only, a step either side for a slow clock) is [`totp`]; the codes kept for a
//! lost phone are [`recovery`]; how the secret is kept is [`seal`].

pub mod policy;
pub mod recovery;
pub mod seal;
pub mod totp;

pub use policy::SecondFactorPolicy;
pub use recovery::RecoveryCode;
pub use seal::SecretSeal;
pub use totp::{TotpSecret, accepted_step, earliest_fresh_step};
