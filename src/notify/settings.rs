//! The notification part of the configuration.

use std::path::PathBuf;

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
}
