//! The notification part of the configuration.

use std::path::PathBuf;
use std::time::Duration;

/// Where e-mail goes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum MailSettings {
    /// No e-mail (the centre sees referrals in its inbox only).
    #[default]
    Off,
    /// `.eml` files in a folder: the demo's default, and a way to hand mail to another system.
    Folder(PathBuf),
    /// An SMTP server: `smtp://host:port` (STARTTLS when offered), `smtps://host` (TLS), with
    /// `user:password@` when it needs a login.
    Smtp(String),
}

/// A webhook: where to POST and the key that signs each body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookSettings {
    /// `http://` or `https://` address.
    pub url: String,
    /// The HMAC-SHA256 key (at least 16 characters).
    pub secret: String,
}

/// How new referrals are announced.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NotifySettings {
    /// E-mail transport.
    pub mail: MailSettings,
    /// The sender address of e-mail.
    pub mail_from: String,
    /// The webhook, if any.
    pub webhook: Option<WebhookSettings>,
    /// How long a transport may keep a delivery waiting, and how long a claim on a message lasts.
    pub limits: DeliveryLimits,
}

/// The clocks of delivery. Not read from the configuration: the defaults suit any deployment, and
/// the tests of a stuck or slow mail server shorten them so that a hang takes seconds, not minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryLimits {
    /// How long one webhook call may take in all, and one step of an SMTP conversation (connecting,
    /// or waiting for one reply): 20 s.
    pub timeout: Duration,
    /// How long a worker's claim on a message lasts unless renewed (2 min). The worker renews it
    /// every third of that while the message is being sent, however slow the server, so no other
    /// worker takes it; a worker that dies stops renewing, and the message is free again within a
    /// lease (`web::background::deliver_due`).
    pub lease: Duration,
}

impl Default for DeliveryLimits {
    fn default() -> DeliveryLimits {
        DeliveryLimits { timeout: Duration::from_secs(20), lease: Duration::from_secs(120) }
    }
}

impl DeliveryLimits {
    /// How often a claim is renewed while its message is being sent: three times per lease, so one
    /// slow or failed renewal still leaves the claim held.
    pub fn renew_every(&self) -> Duration {
        self.lease / 3
    }
}
