//! Fake receivers of notifications for the outbox's fault tests: an SMTP server and a webhook
//! endpoint on loopback that either hold every connection without a word (stuck) or answer every
//! step correctly but late (slow), and keep what they accepted. Plain threads and sockets, so what
//! they do does not depend on the server's runtime.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the server speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    Smtp,
    Webhook,
}

/// How a new connection is treated: held without an answer, or served with each reply `Some(delay)`
/// late.
type Mode = Option<Duration>;

/// A running fake server. Its threads live as long as the test process (they block on sockets).
pub struct NoticeServer {
    pub protocol: Protocol,
    port: u16,
    mode: Arc<Mutex<Mode>>,
    held: Arc<Mutex<Vec<TcpStream>>>,
    received: Arc<Mutex<Vec<String>>>,
}

impl NoticeServer {
    /// A server that accepts every connection and never answers, until [`NoticeServer::answer`].
    pub fn stuck(protocol: Protocol) -> NoticeServer {
        NoticeServer::start(protocol, None)
    }

    /// A server that answers each step (a line of SMTP, a webhook call) `delay` late.
    pub fn slow(protocol: Protocol, delay: Duration) -> NoticeServer {
        NoticeServer::start(protocol, Some(delay))
    }

    fn start(protocol: Protocol, mode: Mode) -> NoticeServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let server = NoticeServer {
            protocol,
            port: listener.local_addr().unwrap().port(),
            mode: Arc::new(Mutex::new(mode)),
            held: Arc::default(),
            received: Arc::default(),
        };
        let (mode, held, received) = (server.mode.clone(), server.held.clone(), server.received.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().map_while(Result::ok) {
                let Some(delay) = *mode.lock().unwrap() else {
                    held.lock().unwrap().push(stream);
                    continue;
                };
                let received = received.clone();
                std::thread::spawn(move || match protocol {
                    Protocol::Smtp => serve_smtp(stream, delay, &received),
                    Protocol::Webhook => serve_webhook(stream, delay, &received),
                });
            }
        });
        server
    }

    /// From now on, new connections are answered at once (the server has come back).
    pub fn answer(&self) {
        *self.mode.lock().unwrap() = Some(Duration::ZERO);
    }

    /// The address to configure: `smtp://127.0.0.1:PORT` or `http://127.0.0.1:PORT/hook`.
    pub fn url(&self) -> String {
        match self.protocol {
            Protocol::Smtp => format!("smtp://127.0.0.1:{}", self.port),
            Protocol::Webhook => format!("http://127.0.0.1:{}/hook", self.port),
        }
    }

    /// How many held connections the client still keeps open (it has neither closed nor given up).
    pub fn held_open(&self) -> usize {
        self.held.lock().unwrap().iter().filter(|stream| still_open(stream)).count()
    }

    /// What was accepted: each e-mail's DATA, or each webhook call's body, in order of acceptance.
    pub fn received(&self) -> Vec<String> {
        self.received.lock().unwrap().clone()
    }
}

/// Reads whatever the client sent (a request it is waiting on) without blocking: open unless the
/// client has closed its side.
fn still_open(stream: &TcpStream) -> bool {
    stream.set_nonblocking(true).unwrap();
    let mut buffer = [0u8; 4096];
    loop {
        match (&*stream).read(&mut buffer) {
            Ok(0) => return false,
            Ok(_) => continue,
            Err(e) if e.kind() == ErrorKind::WouldBlock => return true,
            Err(_) => return false,
        }
    }
}

/// Writes `text` `delay` late; false when the client has gone.
fn answer_late(stream: &TcpStream, delay: Duration, text: &str) -> bool {
    std::thread::sleep(delay);
    (&*stream).write_all(text.as_bytes()).is_ok()
}

/// Just enough SMTP for lettre: every command is accepted; a message counts once its final reply
/// is on its way.
fn serve_smtp(stream: TcpStream, delay: Duration, received: &Mutex<Vec<String>>) {
    let writer = stream.try_clone().unwrap();
    if !answer_late(&writer, delay, "220 fake.test ESMTP\r\n") {
        return;
    }
    let mut lines = BufReader::new(stream);
    let mut line = String::new();
    while matches!(lines.read_line(&mut line), Ok(n) if n > 0) {
        let command = line.trim_end().to_ascii_uppercase();
        line.clear();
        let answer = if command.starts_with("DATA") {
            if !answer_late(&writer, delay, "354 go on\r\n") {
                return;
            }
            let mut data = String::new();
            while matches!(lines.read_line(&mut line), Ok(n) if n > 0) && line != ".\r\n" {
                data.push_str(&line);
                line.clear();
            }
            line.clear();
            received.lock().unwrap().push(data);
            "250 queued\r\n"
        } else if command.starts_with("QUIT") {
            "221 bye\r\n"
        } else {
            "250 ok\r\n"
        };
        if !answer_late(&writer, delay, answer) || command.starts_with("QUIT") {
            return;
        }
    }
}

fn serve_webhook(stream: TcpStream, delay: Duration, received: &Mutex<Vec<String>>) {
    let mut lines = BufReader::new(stream);
    let mut length = 0;
    let mut line = String::new();
    while matches!(lines.read_line(&mut line), Ok(n) if n > 0) && line != "\r\n" {
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
        line.clear();
    }
    let mut body = vec![0u8; length];
    if lines.read_exact(&mut body).is_err() {
        return;
    }
    received.lock().unwrap().push(String::from_utf8_lossy(&body).into_owned());
    let _ = answer_late(
        lines.get_ref(),
        delay,
        "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
}
