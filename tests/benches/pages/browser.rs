//! One signed-in member of staff over HTTP/1.1 keep-alive, like a browser: it keeps the session
//! cookie, signs in through `/login` with the form's anti-forgery field, and fetches pages with
//! `Accept-Encoding: gzip`, timing each from the request to the last byte of the body.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use awc::http::{StatusCode, header};

/// The largest page the bench reads.
const BODY_LIMIT: usize = 64 * 1024 * 1024;
/// Where the sign-in form puts its token.
const CSRF_MARKER: &str = "name=\"csrf\" value=\"";

/// A page as fetched.
pub struct Fetched {
    /// Status code.
    pub status: StatusCode,
    /// The body as sent (gzip when asked for).
    pub body: Vec<u8>,
    /// From sending the request to the last byte.
    pub took: Duration,
}

/// A client with its own cookie jar.
pub struct Browser {
    base: String,
    client: awc::Client,
    jar: BTreeMap<String, String>,
}

impl Browser {
    /// A browser for the server at `base`, not signed in.
    pub fn new(base: &str) -> Browser {
        let client = awc::Client::builder().disable_redirects().timeout(Duration::from_secs(120)).finish();
        Browser { base: base.to_owned(), client, jar: BTreeMap::new() }
    }

    fn cookie_header(&self) -> String {
        self.jar.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    fn keep_cookies<S>(&mut self, response: &awc::ClientResponse<S>) -> anyhow::Result<()> {
        for cookie in response.cookies()?.iter() {
            if cookie.value().is_empty() {
                self.jar.remove(cookie.name());
            } else {
                self.jar.insert(cookie.name().to_owned(), cookie.value().to_owned());
            }
        }
        Ok(())
    }

    /// `GET path`, gzip-encoded when `gzip`, timed to the last byte.
    pub async fn get(&mut self, path: &str, gzip: bool) -> anyhow::Result<Fetched> {
        let mut request =
            self.client.get(format!("{}{path}", self.base)).insert_header((header::COOKIE, self.cookie_header()));
        if gzip {
            request = request.insert_header((header::ACCEPT_ENCODING, "gzip"));
        }
        let started = Instant::now();
        let mut response = request.send().await.map_err(|e| anyhow::anyhow!("GET {path}: {e}"))?;
        let body = response.body().limit(BODY_LIMIT).await.map_err(|e| anyhow::anyhow!("GET {path} body: {e}"))?;
        let took = started.elapsed();
        self.keep_cookies(&response)?;
        Ok(Fetched { status: response.status(), body: body.to_vec(), took })
    }

    /// Signs in through the form, as a member of staff would.
    pub async fn sign_in(&mut self, login: &str, password: &str) -> anyhow::Result<()> {
        let form = self.get("/login", false).await?;
        let page = String::from_utf8_lossy(&form.body);
        let start =
            page.find(CSRF_MARKER).ok_or_else(|| anyhow::anyhow!("no csrf field on /login"))? + CSRF_MARKER.len();
        let token =
            page.get(start..start + 64).ok_or_else(|| anyhow::anyhow!("short csrf field on /login"))?.to_owned();
        let response = self
            .client
            .post(format!("{}/login", self.base))
            .insert_header((header::COOKIE, self.cookie_header()))
            .send_form(&[("csrf", token.as_str()), ("login", login), ("password", password)])
            .await
            .map_err(|e| anyhow::anyhow!("POST /login: {e}"))?;
        self.keep_cookies(&response)?;
        if response.status() != StatusCode::SEE_OTHER {
            anyhow::bail!("signing in as {login}: status {}", response.status());
        }
        Ok(())
    }
}
