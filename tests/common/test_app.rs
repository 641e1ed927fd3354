//! A real server on a free loopback port and a browser-like client with its own cookie jar.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use ahual::config::Settings;
use ahual::db::{Pool, PooledConnection};
use ahual::domain::second_factor::SecretSeal;
use ahual::startup::{Application, RunningApp};
use ahual::web::AppState;

use super::{Backend, TestDatabase, test_settings};

/// A response, read whole.
pub struct Reply {
    pub status: u16,
    pub headers: BTreeMap<String, String>,
    pub body: String,
}

impl Reply {
    pub fn location(&self) -> Option<&str> {
        self.headers.get("location").map(String::as_str)
    }

    /// The anti-forgery token of the first form on the page.
    pub fn csrf(&self) -> String {
        let marker = "name=\"csrf\" value=\"";
        let start = self.body.find(marker).unwrap_or_else(|| panic!("no csrf field in:\n{}", self.body)) + marker.len();
        self.body[start..start + 64].to_owned()
    }
}

/// A running server and a browser-like client with its own cookie jar. Dropping it stops the server
/// and everything it started (see [`ahual::startup::RunningApp`]).
pub struct TestApp {
    pub address: String,
    pub pool: Pool,
    pub database: Arc<TestDatabase>,
    client: awc::Client,
    jar: RefCell<BTreeMap<String, String>>,
    running: Option<RunningApp>,
    /// The server's seal of TOTP secrets, to type its accounts' codes (`None` for a server started
    /// elsewhere, whose key this client does not know).
    pub(super) seal: Option<Arc<SecretSeal>>,
}

/// The harness's HTTP client: no redirects followed, and a minute per request rather than awc's five
/// seconds, since a region page on PostgreSQL can take longer than that on a loaded two-core CI
/// machine (a test that waits on a slow page is slow, not wrong; speed is the benches' business).
fn client() -> awc::Client {
    awc::Client::builder().disable_redirects().timeout(std::time::Duration::from_secs(60)).finish()
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        let database = Arc::new(TestDatabase::create(backend));
        TestApp::spawn_on(database).await
    }

    /// Another server instance on the same database (as behind a load balancer).
    pub async fn spawn_on(database: Arc<TestDatabase>) -> TestApp {
        TestApp::spawn_configured(database, |_| {}).await
    }

    /// A server on `database` whose test settings `configure` changes first.
    pub async fn spawn_configured(database: Arc<TestDatabase>, configure: impl FnOnce(&mut Settings)) -> TestApp {
        TestApp::spawn_with(database, configure, |_| {}).await
    }

    /// A server with a fresh database of `backend` that releases figures without noise (see
    /// [`TestApp::spawn_exact_on`]).
    pub async fn spawn_exact(backend: Backend) -> TestApp {
        TestApp::spawn_exact_on(Arc::new(TestDatabase::create(backend))).await
    }

    /// A server on `database` that releases figures without noise: what the exact engine would show,
    /// for attacks that must show what the noise takes away.
    pub async fn spawn_exact_on(database: Arc<TestDatabase>) -> TestApp {
        TestApp::spawn_with(database, |_| {}, |state| state.noise = Arc::new(ahual::domain::disclosure::Noise::none()))
            .await
    }

    async fn spawn_with(
        database: Arc<TestDatabase>,
        configure: impl FnOnce(&mut Settings),
        adjust: impl FnOnce(&mut AppState),
    ) -> TestApp {
        let mut settings = test_settings(database.database_url());
        configure(&mut settings);
        let running = Application::build_adjusted(settings, adjust).unwrap().start();
        let address = format!("http://{}", running.address());
        let pool = running.state().pool.clone();
        let seal = Some(running.state().second_factor_seal.clone());
        TestApp {
            address,
            pool,
            database,
            client: client(),
            jar: RefCell::new(BTreeMap::new()),
            running: Some(running),
            seal,
        }
    }

    /// The state the server's handlers share (for calling what its background tasks call).
    pub fn state(&self) -> &AppState {
        self.running.as_ref().expect("a server started by this harness").state()
    }

    /// Stops the server and everything it started, and waits for them.
    pub async fn shutdown(mut self) {
        if let Some(running) = self.running.take() {
            running.shutdown().await;
        }
    }

    /// A client of a server that runs elsewhere (e.g. a real `ahual serve` process) on `database`.
    pub fn external(address: String, database: Arc<TestDatabase>) -> TestApp {
        let pool = database.pool();
        TestApp {
            address,
            pool,
            database,
            client: client(),
            jar: RefCell::new(BTreeMap::new()),
            running: None,
            seal: None,
        }
    }

    /// Another browser of this server, with its own cookies (and this harness's knowledge of the
    /// server's key, so it can type second factor codes too).
    pub fn another_client(&self) -> TestApp {
        TestApp { seal: self.seal.clone(), ..TestApp::external(self.address.clone(), self.database.clone()) }
    }

    /// Gives `other` every cookie this client holds, as when a load balancer sends the same browser
    /// to another instance.
    pub fn share_cookies_with(&self, other: &TestApp) {
        other.jar.borrow_mut().extend(self.jar.borrow().iter().map(|(k, v)| (k.clone(), v.clone())));
    }

    pub fn conn(&self) -> PooledConnection {
        self.pool.get().unwrap()
    }

    /// Forgets every cookie, like a new browser.
    pub fn clear_cookies(&self) {
        self.jar.borrow_mut().clear();
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.jar.borrow().get(name).cloned()
    }

    fn cookie_header(&self) -> String {
        self.jar.borrow().iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    fn headers_of<S>(response: &awc::ClientResponse<S>) -> BTreeMap<String, String> {
        response
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or_default().to_owned()))
            .collect()
    }

    async fn read(
        &self,
        mut response: awc::ClientResponse<
            impl futures_core::Stream<Item = Result<actix_web::web::Bytes, awc::error::PayloadError>> + Unpin,
        >,
    ) -> Reply {
        for cookie in response.cookies().unwrap().iter() {
            let expired =
                cookie.max_age().is_some_and(|age| age.is_zero() || age.is_negative()) || cookie.value().is_empty();
            if expired {
                self.jar.borrow_mut().remove(cookie.name());
            } else {
                self.jar.borrow_mut().insert(cookie.name().to_owned(), cookie.value().to_owned());
            }
        }
        let headers = Self::headers_of(&response);
        let body = response.body().limit(10 * 1024 * 1024).await.unwrap();
        Reply { status: response.status().as_u16(), headers, body: String::from_utf8_lossy(&body).into_owned() }
    }

    /// Cookies currently held (pupil pages must never set one).
    pub fn cookie_count(&self) -> usize {
        self.jar.borrow().len()
    }

    pub async fn get(&self, path: &str) -> Reply {
        let response = self
            .client
            .get(format!("{}{path}", self.address))
            .insert_header(("Cookie", self.cookie_header()))
            .send()
            .await
            .unwrap();
        self.read(response).await
    }

    /// A GET with extra request headers and the body as bytes (a compressed page is not text).
    pub async fn get_bytes(&self, path: &str, headers: &[(&str, &str)]) -> (u16, BTreeMap<String, String>, Vec<u8>) {
        let mut request = self.client.get(format!("{}{path}", self.address));
        for (name, value) in headers {
            request = request.insert_header((*name, *value));
        }
        let mut response = request.send().await.unwrap();
        let headers = Self::headers_of(&response);
        let body = response.body().limit(10 * 1024 * 1024).await.unwrap();
        (response.status().as_u16(), headers, body.to_vec())
    }

    /// A GET with `Authorization: Bearer token` and no cookies.
    pub async fn get_with_bearer(&self, path: &str, token: &str) -> Reply {
        let response = self
            .client
            .get(format!("{}{path}", self.address))
            .insert_header(("Authorization", format!("Bearer {token}")))
            .send()
            .await
            .unwrap();
        self.read(response).await
    }

    /// Posts a raw body with a content type.
    pub async fn post_body(&self, path: &str, body: String) -> Reply {
        let response = self
            .client
            .post(format!("{}{path}", self.address))
            .insert_header(("Cookie", self.cookie_header()))
            .insert_header(("Content-Type", "application/x-www-form-urlencoded"))
            .send_body(body)
            .await
            .unwrap();
        self.read(response).await
    }

    /// Posts JSON with the session cookie, or with `Authorization: Bearer` when a token is given.
    pub async fn post_json(&self, path: &str, body: &serde_json::Value, bearer: Option<&str>) -> Reply {
        let mut request = self.client.post(format!("{}{path}", self.address));
        request = match bearer {
            Some(token) => request.insert_header(("Authorization", format!("Bearer {token}"))),
            None => request.insert_header(("Cookie", self.cookie_header())),
        };
        let response = request.send_json(body).await.unwrap();
        self.read(response).await
    }

    /// Posts a urlencoded form exactly as given (no token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let response = self
            .client
            .post(format!("{}{path}", self.address))
            .insert_header(("Cookie", self.cookie_header()))
            .send_form(&fields)
            .await
            .unwrap();
        self.read(response).await
    }

    /// Any request: `method` to `path` with the session cookie, extra headers and a raw body (sent
    /// only when not empty). For the fuzz, which sends what no browser would.
    pub async fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Vec<u8>) -> Reply {
        let method_name = method;
        let method = awc::http::Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.address))
            .insert_header(("Cookie", self.cookie_header()));
        for (name, value) in headers {
            request = request.insert_header((*name, *value));
        }
        let response = if body.is_empty() { request.send().await } else { request.send_body(body).await };
        let shown: String = path.chars().take(120).collect();
        self.read(
            response.unwrap_or_else(|e| panic!("no answer ({e}) to {method_name} {shown}… ({} bytes)", path.len())),
        )
        .await
    }

    /// Posts a urlencoded form with extra request headers (no token added).
    pub async fn post_raw_with_headers(&self, path: &str, fields: &[(&str, &str)], headers: &[(&str, &str)]) -> Reply {
        let mut request =
            self.client.post(format!("{}{path}", self.address)).insert_header(("Cookie", self.cookie_header()));
        for (name, value) in headers {
            request = request.insert_header((*name, *value));
        }
        let response = request.send_form(&fields).await.unwrap();
        self.read(response).await
    }

    /// Posts a form with a valid anti-forgery token taken from `token_page`.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let token = self.csrf_token().await;
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// The session's current token (every page with a form shows it; the sign-in page always has one).
    pub async fn csrf_token(&self) -> String {
        let page = self.get("/login").await;
        page.csrf()
    }

    /// Follows redirects from `path` and returns the final page.
    pub async fn get_following(&self, path: &str) -> Reply {
        let mut reply = self.get(path).await;
        for _ in 0..5 {
            match (reply.status, reply.location().map(str::to_owned)) {
                (301 | 302 | 303 | 307, Some(next)) => reply = self.get(&next).await,
                _ => break,
            }
        }
        reply
    }
}
