//! Delivering one queued message. Blocking (SMTP, file writes, HTTP): the worker runs it on the
//! blocking thread pool, so a slow or stuck server delays no page. A webhook call is bounded as a
//! whole by [`DeliveryLimits::timeout`](super::DeliveryLimits); an SMTP conversation only step by
//! step (lettre's socket timeouts), so a server that answers each step slowly can hold one message
//! for several timeouts: the worker's claim is renewed meanwhile (`web::background::deliver_due`).

use lettre::message::header::ContentType;
use lettre::{FileTransport, Message as Mail, SmtpTransport, Transport};
use thiserror::Error;

use super::settings::{MailSettings, NotifySettings};
use crate::db::outbox::{Channel, Message};
use crate::notify::notice::signature;

/// Why a delivery failed (it will be retried with backoff).
#[derive(Debug, Error)]
pub enum DeliveryError {
    /// The channel is not configured any more (the message waits until it is).
    #[error("{0} is not configured")]
    NotConfigured(&'static str),
    /// The message could not be built (a bad address).
    #[error("bad message: {0}")]
    Message(String),
    /// The transport failed.
    #[error("{0}")]
    Transport(String),
}

/// Delivers messages with the configured transports.
#[derive(Clone)]
pub struct Deliverer {
    settings: NotifySettings,
}

impl Deliverer {
    /// A deliverer for `settings`.
    pub fn new(settings: NotifySettings) -> Deliverer {
        Deliverer { settings }
    }

    /// Delivers `message` once.
    pub fn deliver(&self, message: &Message) -> Result<(), DeliveryError> {
        match message.channel {
            Channel::Email => self.mail(message),
            Channel::Webhook => self.webhook(message),
        }
    }

    fn mail(&self, message: &Message) -> Result<(), DeliveryError> {
        let bad = |e: String| DeliveryError::Message(e);
        let mail = Mail::builder()
            .from(self.settings.mail_from.parse().map_err(|e| bad(format!("sender: {e}")))?)
            .to(message.recipient.parse().map_err(|e| bad(format!("recipient: {e}")))?)
            .subject(message.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(message.body.clone())
            .map_err(|e| bad(e.to_string()))?;
        let failed = |e: String| DeliveryError::Transport(e);
        match &self.settings.mail {
            MailSettings::Off => Err(DeliveryError::NotConfigured("e-mail")),
            MailSettings::Folder(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| failed(format!("{}: {e}", dir.display())))?;
                FileTransport::new(dir).send(&mail).map(|_| ()).map_err(|e| failed(e.to_string()))
            }
            MailSettings::Smtp(url) => {
                let transport = SmtpTransport::from_url(url)
                    .map_err(|e| failed(e.to_string()))?
                    .timeout(Some(self.settings.limits.timeout))
                    .build();
                transport.send(&mail).map(|_| ()).map_err(|e| failed(e.to_string()))
            }
        }
    }

    fn webhook(&self, message: &Message) -> Result<(), DeliveryError> {
        let Some(webhook) = &self.settings.webhook else {
            return Err(DeliveryError::NotConfigured("the webhook"));
        };
        let agent: ureq::Agent =
            ureq::Agent::config_builder().timeout_global(Some(self.settings.limits.timeout)).build().into();
        agent
            .post(&message.recipient)
            .header("Content-Type", "application/json")
            .header("X-Ahual-Signature", &signature(webhook.secret.as_bytes(), message.body.as_bytes()))
            .header("X-Ahual-Delivery", &message.id.to_string())
            .send(message.body.as_bytes())
            .map(|_| ())
            .map_err(|e| DeliveryError::Transport(e.to_string()))
    }
}
