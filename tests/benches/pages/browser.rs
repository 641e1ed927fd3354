//! One signed-in member of staff over HTTP/1.1 keep-alive, like a browser: it keeps the session
//! cookie, signs in through `/login` with the form's anti-forgery field (and, for an account with a
//! second factor, a code from the authenticator below, setting one up at its first sign-in), and
//! fetches pages with `Accept-Encoding: gzip`, timing each from the request to the last byte of the
//! body.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use ahual::domain::second_factor::totp::STEP_SECONDS as STEP;
use ahual::domain::second_factor::{TotpSecret, earliest_fresh_step};

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
    /// Where a redirect points.
    pub location: Option<String>,
}

/// The phone of every account this process signed in: its secret and the last step it typed (the
/// server takes each step once, and one either side of its own).
static AUTHENTICATOR: Mutex<BTreeMap<String, (TotpSecret, u64)>> = Mutex::new(BTreeMap::new());

fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// The next code `login`'s authenticator may type, waiting for the next step when the three the
/// server accepts are spent.
async fn next_code(login: &str) -> anyhow::Result<String> {
    loop {
        let now = unix_now();
        let chosen = {
            let mut phone = AUTHENTICATOR.lock().map_err(|_| anyhow::anyhow!("authenticator poisoned"))?;
            let (secret, last) = phone
                .get_mut(login)
                .ok_or_else(|| anyhow::anyhow!("{login} has a second factor this bench did not set up"))?;
            earliest_fresh_step(now, i64::try_from(*last).ok()).map(|s| {
                *last = s;
                secret.code_at(s * STEP)
            })
        };
        match chosen {
            Some(code) => return Ok(code),
            None => actix_rt::time::sleep(Duration::from_secs(STEP - now % STEP + 1)).await,
        }
    }
}

fn field(page: &str, marker: &str, end: char) -> Option<String> {
    let start = page.find(marker)? + marker.len();
    let len = page[start..].find(end)?;
    Some(page[start..start + len].to_owned())
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
        let location = response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_owned);
        Ok(Fetched { status: response.status(), body: body.to_vec(), took, location })
    }

    /// Posts `fields` to `path` with the anti-forgery token of `page`; the redirect's target.
    async fn post_form(&mut self, path: &str, page: &[u8], fields: &[(&str, &str)]) -> anyhow::Result<Option<String>> {
        let text = String::from_utf8_lossy(page);
        let token = field(&text, CSRF_MARKER, '"').ok_or_else(|| anyhow::anyhow!("no csrf field for {path}"))?;
        let mut all = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .insert_header((header::COOKIE, self.cookie_header()))
            .send_form(&all)
            .await
            .map_err(|e| anyhow::anyhow!("POST {path}: {e}"))?;
        self.keep_cookies(&response)?;
        if !matches!(response.status(), StatusCode::SEE_OTHER | StatusCode::OK) {
            anyhow::bail!("POST {path}: status {}", response.status());
        }
        Ok(response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_owned))
    }

    /// The second step of a sign-in, or setting up the second factor an account must have.
    async fn second_factor(&mut self, login: &str, after_password: Option<&str>) -> anyhow::Result<()> {
        if after_password == Some("/login/code") {
            let page = self.get("/login/code", false).await?;
            let code = next_code(login).await?;
            if self.post_form("/login/code", &page.body, &[("code", &code)]).await?.as_deref() != Some("/home") {
                anyhow::bail!("{login}: the code was refused");
            }
        }
        if self.get("/home", false).await?.location.as_deref() == Some("/account/two-factor") {
            let page = self.get("/account/two-factor", false).await?;
            let text = String::from_utf8_lossy(&page.body).into_owned();
            let shown = field(&text, "data-secret>", '<').ok_or_else(|| anyhow::anyhow!("no secret to set up"))?;
            let typed: String = shown.chars().filter(|c| !c.is_whitespace()).collect();
            let bytes = totp_rs::Secret::try_from_base32(&typed).map_err(|e| anyhow::anyhow!("{e:?}"))?;
            let secret =
                TotpSecret::from_bytes(bytes.as_bytes().to_vec()).ok_or_else(|| anyhow::anyhow!("short secret"))?;
            AUTHENTICATOR
                .lock()
                .map_err(|_| anyhow::anyhow!("authenticator poisoned"))?
                .insert(login.to_owned(), (secret, 0));
            let code = next_code(login).await?;
            self.post_form("/account/two-factor", &page.body, &[("code", &code)]).await?;
            if self.get("/home", false).await?.location.as_deref() == Some("/account/two-factor") {
                anyhow::bail!("{login}: setting up the second factor failed");
            }
        }
        Ok(())
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
        let location = response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_owned);
        self.second_factor(login, location.as_deref()).await
    }
}
