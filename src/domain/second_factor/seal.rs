//! TOTP secrets are stored sealed (`domain::sealing`), under a key derived from the deployment's
//! secret key and bound to the account's id: a copy of the database alone gives no one the codes of
//! an administrator, and a sealed secret moved to another account's row does not open.

use std::fmt;

use super::totp::TotpSecret;
use crate::domain::ids::UserId;
use crate::domain::sealing::Sealer;

const LABEL: &[u8] = b"ahual totp secret v1";

/// Seals and opens the TOTP secrets of one deployment.
pub struct SecretSeal(Option<Sealer>);

impl SecretSeal {
    /// The seal of a deployment whose secret key is `deployment_key`.
    pub fn derived_from(deployment_key: &[u8]) -> SecretSeal {
        SecretSeal(Sealer::derived(deployment_key, LABEL))
    }

    /// `secret` sealed for `user`, as hex text; `None` only if encryption failed.
    pub fn seal(&self, user: UserId, secret: &TotpSecret) -> Option<String> {
        self.0.as_ref()?.seal(user.to_string().as_bytes(), secret.bytes()).map(hex::encode)
    }

    /// The secret sealed for `user`; `None` under another key, for another account, or altered (the
    /// account then signs in with a recovery code, and an administrator can reset its second factor).
    pub fn open(&self, user: UserId, sealed: &str) -> Option<TotpSecret> {
        let bytes = hex::decode(sealed).ok()?;
        TotpSecret::from_bytes(self.0.as_ref()?.open(user.to_string().as_bytes(), &bytes)?)
    }
}

/// Never prints the key.
impl fmt::Debug for SecretSeal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretSeal(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_opens_only_for_its_account_under_its_key() {
        let (seal, user) = (SecretSeal::derived_from(&[7; 64]), UserId::random());
        let secret = TotpSecret::generate();
        let sealed = seal.seal(user, &secret).unwrap();
        assert!(!sealed.contains(&hex::encode(secret.bytes())));
        assert_eq!(seal.open(user, &sealed), Some(secret));
        assert_eq!(seal.open(UserId::random(), &sealed), None, "moved to another account");
        assert_eq!(SecretSeal::derived_from(&[8; 64]).open(user, &sealed), None, "another deployment");
        assert_eq!(seal.open(user, "zz"), None);
        assert_eq!(seal.open(user, &sealed[..sealed.len() - 2]), None);
    }
}
