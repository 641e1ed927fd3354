//! Staff sign-in as a person does it, through the pages: the password, then the authenticator's
//! code (typed from the server's own record of the secret, as the owner's phone would show it), or
//! enrolling one when the account must have it. Kept apart from the client itself (`test_app`).

use super::{Reply, TestApp};

impl TestApp {
    /// Signs in and returns the reply to the sign-in's last post. An account with a second factor
    /// types its authenticator's next unused code (as its owner's phone would show it); an account
    /// that must enrol one first enrols it on the enrolment page, as a person would.
    pub async fn login(&self, login: &str, password: &str) -> Reply {
        let reply = self.post_form("/login", &[("login", login), ("password", password)]).await;
        if reply.location() == Some("/login/code") {
            let code = self.next_code(login).await;
            return self.post_form("/login/code", &[("code", &code)]).await;
        }
        if reply.location() == Some("/home") && self.get("/home").await.location() == Some("/account/two-factor") {
            self.enrol_second_factor().await;
        }
        reply
    }

    /// Enrols an authenticator for the signed-in account through its pages and returns the page that
    /// shows the recovery codes.
    pub async fn enrol_second_factor(&self) -> Reply {
        let page = self.get("/account/two-factor").await;
        assert_eq!(page.status, 200, "the enrolment page:\n{}", page.body);
        let secret = super::second_factor::secret_on_page(&page.body);
        let code = secret.code_at(super::second_factor::unix_now());
        let codes = self.post_form("/account/two-factor", &[("code", &code)]).await;
        assert_eq!(codes.status, 200, "enrolment refused:\n{}", codes.body);
        codes
    }

    /// Makes an API token as the signed-in `login` (enrolling a second factor first if the account
    /// has none, since making a token takes a code of it) and returns the page that shows it.
    pub async fn create_api_token(&self, login: &str) -> Reply {
        if !self.get("/account/api-token").await.body.contains("name=\"code\"") {
            self.enrol_second_factor().await;
        }
        let code = self.next_code(login).await;
        self.post_form("/account/api-token", &[("action", "create"), ("code", &code)]).await
    }

    /// The code `login`'s authenticator shows for the first step the server has not seen used yet
    /// (waiting for the next step when the three it accepts are spent).
    pub async fn next_code(&self, login: &str) -> String {
        let seal = self.seal.clone().expect("a client of a server this harness started (see another_client)");
        super::second_factor::next_code(&self.pool, &seal, login).await
    }
}
