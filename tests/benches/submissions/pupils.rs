//! Virtual pupils over HTTP/1.1 keep-alive, each with its own connection like a browser on a school
//! computer: class password → the form behind the redirect → the filled-in form, until the time is up.
//! A flow counts when it ends in the 303 to `/thanks` inside the measured window (after the warm-up).
//!
//! Two ways to drive: **closed loop** (each pupil starts its next flow as soon as the last ends, so
//! the server runs flat out and latency is queueing: Little's law) and **paced** (flows start on a
//! fixed schedule at a given rate, shared by all pupils; a flow's time counts from its scheduled
//! start, so a server that falls behind is charged for the wait and nothing is hidden).

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;
use std::time::{Duration, Instant};

use awc::http::{StatusCode, header};

use super::answers::{Questionnaire, Sequence};
use super::prepare::{BenchClass, ROLL};

/// The largest page the driver reads.
const BODY_LIMIT: usize = 8 * 1024 * 1024;

/// What the pupils did in the measured window.
#[derive(Debug, Default)]
pub struct HttpOutcome {
    /// Flows that ended in the redirect to `/thanks`.
    pub completed: u64,
    /// Flows that failed, by reason.
    pub errors: BTreeMap<String, u64>,
    /// Latency of each counted submit POST.
    pub submit: Vec<Duration>,
    /// Latency of each counted flow (three requests).
    pub flow: Vec<Duration>,
    /// Bytes of the form pages received (gzip), to report their average weight.
    pub form_bytes: u64,
    /// Length of the measured window.
    pub window: Duration,
    /// Flows begun, counted or not (the classes they used are full up to here).
    pub begun: u64,
}

/// How long and how hard to drive.
#[derive(Debug, Clone, Copy)]
pub struct Load {
    /// Concurrent pupils.
    pub pupils: usize,
    /// Not counted.
    pub warmup: Duration,
    /// Counted.
    pub measure: Duration,
    /// Flows started per second, all pupils together; `None` for a closed loop.
    pub rate: Option<f64>,
}

struct Shared {
    base: String,
    classes: Vec<BenchClass>,
    questionnaire: Questionnaire,
    next_flow: Cell<u64>,
    outcome: RefCell<HttpOutcome>,
    started_at: Instant,
    counted_from: Instant,
    ends_at: Instant,
    rate: Option<f64>,
}

/// Drives `load.pupils` concurrent pupils against `base` and returns what happened.
pub fn run(base: &str, classes: Vec<BenchClass>, questionnaire: Questionnaire, load: Load) -> HttpOutcome {
    actix_rt::System::new().block_on(async move {
        let now = Instant::now();
        let shared = Rc::new(Shared {
            base: base.to_owned(),
            classes,
            questionnaire,
            next_flow: Cell::new(0),
            outcome: RefCell::new(HttpOutcome { window: load.measure, ..HttpOutcome::default() }),
            started_at: now,
            counted_from: now + load.warmup,
            ends_at: now + load.warmup + load.measure,
            rate: load.rate,
        });
        let tasks: Vec<_> = (0..load.pupils).map(|i| actix_rt::spawn(pupil(shared.clone(), i as u64))).collect();
        for task in tasks {
            let _ = task.await;
        }
        let mut outcome = std::mem::take(&mut *shared.outcome.borrow_mut());
        outcome.begun = shared.next_flow.get();
        outcome
    })
}

async fn pupil(shared: Rc<Shared>, index: u64) {
    let client = awc::Client::builder().disable_redirects().timeout(Duration::from_secs(30)).finish();
    let mut seq = Sequence::new(index.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    while Instant::now() < shared.ends_at {
        let n = shared.next_flow.get();
        shared.next_flow.set(n + 1);
        let started = match shared.rate {
            Some(rate) => {
                let scheduled = shared.started_at + Duration::from_secs_f64(n as f64 / rate);
                if scheduled >= shared.ends_at {
                    break;
                }
                actix_rt::time::sleep_until(scheduled.into()).await;
                scheduled
            }
            None => Instant::now(),
        };
        let result = match usize::try_from(n / ROLL).ok().and_then(|i| shared.classes.get(i)) {
            Some(class) => flow(&shared, &client, class, n, &mut seq).await,
            None => Err("the bench school ran out of roll (raise --classes)".to_owned()),
        };
        let finished = Instant::now();
        if finished < shared.counted_from || finished > shared.ends_at {
            continue;
        }
        let mut outcome = shared.outcome.borrow_mut();
        match result {
            Ok((submit, form_bytes)) => {
                outcome.completed += 1;
                outcome.submit.push(submit);
                outcome.flow.push(finished - started);
                outcome.form_bytes += form_bytes;
            }
            Err(reason) => *outcome.errors.entry(reason).or_default() += 1,
        }
    }
}

fn expect(status: StatusCode, wanted: StatusCode, step: &str) -> Result<(), String> {
    if status == wanted { Ok(()) } else { Err(format!("{step}: status {status}")) }
}

fn location(response: &awc::ClientResponse<impl Sized>) -> Option<String> {
    response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

/// One pupil from password to thanks; returns the submit latency and the form page's size.
async fn flow(
    shared: &Shared,
    client: &awc::Client,
    class: &BenchClass,
    n: u64,
    seq: &mut Sequence,
) -> Result<(Duration, u64), String> {
    let lang = if n.is_multiple_of(2) { "kk" } else { "ru" };
    let base = &shared.base;
    let mut start = client
        .post(format!("{base}/survey/start?lang={lang}"))
        .insert_header((header::ACCEPT_ENCODING, "gzip"))
        .send_form(&[("password", class.password.as_str())])
        .await
        .map_err(|e| format!("start: {e}"))?;
    expect(start.status(), StatusCode::SEE_OTHER, "start")?;
    let form_path = location(&start).ok_or("start: no redirect")?;
    start.body().await.map_err(|e| format!("start body: {e}"))?;
    if !form_path.starts_with("/survey/") {
        return Err("start: redirect is not to a form".into());
    }

    let mut form = client
        .get(format!("{base}{form_path}"))
        .insert_header((header::ACCEPT_ENCODING, "gzip"))
        .send()
        .await
        .map_err(|e| format!("form: {e}"))?;
    expect(form.status(), StatusCode::OK, "form")?;
    let page = form.body().limit(BODY_LIMIT).await.map_err(|e| format!("form body: {e}"))?;
    if !is_form_page(&page) {
        return Err("form: the page holds no form".into());
    }

    let body = shared.questionnaire.body(class.grade, seq);
    let sent_at = Instant::now();
    // The form posts to its own address, as a browser sends a form without `action`.
    let mut sent = client
        .post(format!("{base}{form_path}"))
        .insert_header((header::ACCEPT_ENCODING, "gzip"))
        .insert_header((header::CONTENT_TYPE, "application/x-www-form-urlencoded"))
        .send_body(body)
        .await
        .map_err(|e| format!("submit: {e}"))?;
    let status = sent.status();
    sent.body().await.map_err(|e| format!("submit body: {e}"))?;
    let submit = sent_at.elapsed();
    expect(status, StatusCode::SEE_OTHER, "submit")?;
    if location(&sent).as_deref() != Some(&format!("/thanks?lang={lang}")) {
        return Err("submit: redirect is not to /thanks".into());
    }
    Ok((submit, page.len() as u64))
}

/// Whether a gzipped page holds the questionnaire's form, as a browser would find it: decompressed
/// only as far as the form's start, which comes before the questions.
fn is_form_page(page: &[u8]) -> bool {
    use std::io::Read;
    const MARKER: &[u8] = b"<form method=\"post\"";
    let mut decoder = flate2::read::GzDecoder::new(page);
    let mut text = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let Ok(read) = decoder.read(&mut chunk) else { return false };
        if read == 0 {
            return false;
        }
        text.extend_from_slice(&chunk[..read]);
        if text.windows(MARKER.len()).any(|w| w == MARKER) {
            return true;
        }
    }
}
