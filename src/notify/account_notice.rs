//! What a staff member is told when someone else changed how their account signs in: an
//! administrator (or the operator's CLI) reset its password or its second factor. If it was not at
//! their request, the e-mail is how they find out that someone is taking over their account. It goes
//! only to the account's own address, never to a webhook (a shared channel), and says nothing but
//! what was reset and where to sign in.

use super::notice::MailNotice;
use crate::domain::lang::Lang;
use crate::i18n::arg;

/// What was reset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountEvent {
    /// A password someone else chose: the owner must choose their own at the next sign-in.
    PasswordReset,
    /// The second factor was removed: the owner must set up a new one at the next sign-in.
    SecondFactorReset,
}

/// The e-mail to the owner of `login`: subject and plain-text body in Kazakh, Russian and English one
/// after another, like every other notice; `sign_in` is where to sign in.
pub fn account_mail(event: AccountEvent, login: &str, sign_in: &str) -> MailNotice {
    let (subject_key, body_key) = match event {
        AccountEvent::PasswordReset => ("account-notice-subject-password", "account-notice-password"),
        AccountEvent::SecondFactorReset => ("account-notice-subject-second-factor", "account-notice-second-factor"),
    };
    let subject = Lang::ALL.map(|lang| lang.t(subject_key)).join(" / ");
    let body = Lang::ALL
        .iter()
        .map(|lang| lang.t_args(body_key, &[("login", arg(login)), ("link", arg(sign_in))]))
        .collect::<Vec<_>>()
        .join("\n\n---\n\n");
    MailNotice { subject, body: format!("{body}\n") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mail_says_what_was_reset_in_every_language_and_where_to_sign_in() {
        for event in [AccountEvent::PasswordReset, AccountEvent::SecondFactorReset] {
            let mail = account_mail(event, "psy-a", "https://ahual.example/login");
            assert_eq!(mail.subject.matches(" / ").count(), 2, "{}", mail.subject);
            assert_eq!(mail.body.matches("https://ahual.example/login").count(), 3, "{}", mail.body);
            assert_eq!(mail.body.matches("psy-a").count(), 3);
            assert!(!mail.body.contains("account-notice"), "every message exists: {}", mail.body);
        }
        let password = account_mail(AccountEvent::PasswordReset, "x", "l");
        let factor = account_mail(AccountEvent::SecondFactorReset, "x", "l");
        assert_ne!(password.subject, factor.subject);
    }
}
