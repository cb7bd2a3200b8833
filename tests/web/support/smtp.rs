//! A real SMTP server on loopback for the web tests.
//!
//! [`SmtpSink::start`] listens on `127.0.0.1:0` and speaks enough plain SMTP (no TLS, no AUTH)
//! for lettre's `SmtpTransport`: EHLO/HELO, MAIL FROM, RCPT TO, DATA (with dot-unstuffing),
//! RSET, NOOP, VRFY and QUIT. Every accepted message is kept with its envelope and parsed with
//! `mail-parser`, so tests assert on what a real mail client would show.
//!
//! The server runs on its own thread with its own Tokio runtime, so it keeps answering even
//! when the test's runtime is single-threaded and the code under test sends synchronously.
#![allow(dead_code)]

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mail_parser::{MessageParser, MimeHeaders, PartType};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const HOSTNAME: &str = "commonroom-test-smtp";
/// Upper bound for one message, so a runaway client cannot eat the memory.
const MAX_MESSAGE: usize = 50 * 1024 * 1024;

/// One message as received: the SMTP envelope plus the parsed content.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    /// Envelope sender (`MAIL FROM`), empty for the null sender.
    pub from: String,
    /// Envelope recipients (`RCPT TO`), in order; includes Bcc recipients.
    pub to: Vec<String>,
    /// Decoded `Subject:` header ("" if missing).
    pub subject: String,
    /// Decoded text/plain body, line endings normalised to `\n` (if the message has only
    /// HTML, its text rendering).
    pub text: String,
    /// Decoded text/html body, if the message has one (line endings normalised to `\n`).
    pub html: Option<String>,
    /// Every leaf MIME part, decoded (text/plain, text/html, text/calendar, attachments…).
    pub parts: Vec<ReceivedPart>,
    /// The message exactly as sent after DATA (dot-unstuffed), as UTF-8 (lossy).
    pub raw: String,
}

/// A leaf MIME part of a [`ReceivedMail`].
#[derive(Debug, Clone)]
pub struct ReceivedPart {
    /// Lower-case MIME type such as `text/calendar` or `application/pdf`.
    pub content_type: String,
    /// File name from Content-Disposition / Content-Type, if any.
    pub filename: Option<String>,
    /// Decoded body (transfer encoding removed; text parts as UTF-8).
    pub body: Vec<u8>,
}

impl ReceivedMail {
    /// The unfolded raw value of a header (e.g. `List-Unsubscribe`), trimmed.
    pub fn header(&self, name: &str) -> Option<String> {
        let message = MessageParser::default().parse(self.raw.as_bytes())?;
        let value = message
            .headers_raw()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.to_owned())?;
        Some(unfold(&value))
    }

    /// The first part with the given MIME type (e.g. `text/calendar`).
    pub fn part(&self, content_type: &str) -> Option<&ReceivedPart> {
        self.parts
            .iter()
            .find(|p| p.content_type.eq_ignore_ascii_case(content_type))
    }

    /// True if one of the envelope recipients is `addr` (case-insensitive).
    pub fn is_to(&self, addr: &str) -> bool {
        self.to.iter().any(|t| t.eq_ignore_ascii_case(addr))
    }

    /// See [`link_in`].
    pub fn link(&self, path_prefix: &str) -> String {
        link_in(self, path_prefix)
    }
}

fn unfold(value: &str) -> String {
    value
        .split(['\r', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

struct Shared {
    messages: Mutex<Vec<ReceivedMail>>,
    refusing: AtomicBool,
    connections: AtomicU64,
}

/// A running SMTP sink. Stops listening when dropped.
pub struct SmtpSink {
    port: u16,
    shared: Arc<Shared>,
    _shutdown: tokio::sync::watch::Sender<()>,
}

impl SmtpSink {
    /// Starts a server on `127.0.0.1` on a free port.
    pub async fn start() -> SmtpSink {
        Self::start_blocking()
    }

    /// Same as [`SmtpSink::start`], for code outside an async context.
    pub fn start_blocking() -> SmtpSink {
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0))
            .expect("SMTP sink: cannot bind 127.0.0.1:0");
        listener
            .set_nonblocking(true)
            .expect("SMTP sink: set_nonblocking");
        let port = listener.local_addr().expect("SMTP sink: local_addr").port();
        let shared = Arc::new(Shared {
            messages: Mutex::new(Vec::new()),
            refusing: AtomicBool::new(false),
            connections: AtomicU64::new(0),
        });
        let (shutdown, mut stopped) = tokio::sync::watch::channel(());
        let thread_shared = shared.clone();
        std::thread::Builder::new()
            .name(format!("smtp-sink-{port}"))
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("SMTP sink: tokio runtime");
                runtime.block_on(async move {
                    let listener = tokio::net::TcpListener::from_std(listener)
                        .expect("SMTP sink: tokio listener");
                    loop {
                        tokio::select! {
                            _ = stopped.changed() => break,
                            accepted = listener.accept() => {
                                let Ok((stream, _)) = accepted else { continue };
                                let shared = thread_shared.clone();
                                shared.connections.fetch_add(1, Ordering::SeqCst);
                                tokio::spawn(async move {
                                    // A client hanging up mid-session is not our problem.
                                    let _ = serve(stream, shared).await;
                                });
                            }
                        }
                    }
                });
                // Dropping the runtime here cancels any session still open.
            })
            .expect("SMTP sink: spawn thread");
        SmtpSink {
            port,
            shared,
            _shutdown: shutdown,
        }
    }

    /// `smtp://127.0.0.1:PORT` (plain SMTP, no TLS, no authentication).
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn host(&self) -> &'static str {
        "127.0.0.1"
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// All messages accepted so far, oldest first.
    pub fn messages(&self) -> Vec<ReceivedMail> {
        self.shared.messages.lock().unwrap().clone()
    }

    /// Forgets the messages received so far.
    pub fn clear(&self) {
        self.shared.messages.lock().unwrap().clear();
    }

    /// Number of TCP connections accepted so far.
    pub fn connection_count(&self) -> u64 {
        self.shared.connections.load(Ordering::SeqCst)
    }

    /// While `true`, every `RCPT TO` gets `451 4.3.0` (a temporary failure), so nothing is
    /// accepted and a well-behaved sender retries later.
    pub fn set_refusing(&self, refusing: bool) {
        self.shared.refusing.store(refusing, Ordering::SeqCst);
    }

    /// Waits until a message matching `pred` has arrived and returns the first such message.
    /// Panics after `timeout`, listing what did arrive.
    pub async fn wait_for(
        &self,
        pred: impl Fn(&ReceivedMail) -> bool,
        timeout: Duration,
    ) -> ReceivedMail {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(found) = self.messages().into_iter().find(|m| pred(m)) {
                return found;
            }
            if Instant::now() >= deadline {
                panic!(
                    "SMTP sink: no matching message within {timeout:?}; received {}",
                    self.summary()
                );
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Waits (up to 10 s) for a message to envelope recipient `addr` whose subject contains
    /// `subject_contains`.
    pub async fn wait_for_to(&self, addr: &str, subject_contains: &str) -> ReceivedMail {
        let addr = addr.to_owned();
        let subject = subject_contains.to_owned();
        self.wait_for(
            move |m| m.is_to(&addr) && m.subject.contains(&subject),
            Duration::from_secs(10),
        )
        .await
    }

    /// Asserts that no message arrives for `duration` that matches `pred`.
    pub async fn assert_none_for(&self, pred: impl Fn(&ReceivedMail) -> bool, duration: Duration) {
        tokio::time::sleep(duration).await;
        let matching: Vec<_> = self.messages().into_iter().filter(|m| pred(m)).collect();
        assert!(
            matching.is_empty(),
            "SMTP sink: expected no such message, got {}",
            describe(&matching)
        );
    }

    /// A one-line description of the messages received so far (for assertion messages).
    pub fn summary(&self) -> String {
        describe(&self.messages())
    }
}

fn describe(messages: &[ReceivedMail]) -> String {
    if messages.is_empty() {
        return "nothing".to_owned();
    }
    let items: Vec<String> = messages
        .iter()
        .map(|m| format!("[to {} | subject {:?}]", m.to.join(", "), m.subject))
        .collect();
    format!("{} message(s): {}", messages.len(), items.join(" "))
}

/// The first `http://` or `https://` URL in the mail's text body (then, failing that, in its
/// HTML) whose path starts with `path_prefix`, e.g. `link_in(&mail, "/confirm/")`.
/// Panics, listing the URLs found, if there is none.
pub fn link_in(mail: &ReceivedMail, path_prefix: &str) -> String {
    let mut seen = Vec::new();
    let sources = std::iter::once(mail.text.as_str()).chain(mail.html.as_deref());
    for source in sources {
        for candidate in urls_in(source) {
            let candidate = candidate.replace("&amp;", "&");
            if let Ok(parsed) = url::Url::parse(&candidate) {
                if parsed.path().starts_with(path_prefix) {
                    return candidate;
                }
            }
            seen.push(candidate);
        }
    }
    panic!(
        "no link with path starting {path_prefix:?} in mail {:?} to {:?}; links seen: {seen:?}\n--- text ---\n{}",
        mail.subject, mail.to, mail.text
    );
}

fn urls_in(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("http") {
        let tail = &rest[start..];
        if tail.starts_with("http://") || tail.starts_with("https://") {
            let end = tail
                .find(|c: char| c.is_whitespace() || "<>\"'`()[]{}|\\^".contains(c))
                .unwrap_or(tail.len());
            let url = tail[..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
            found.push(url.to_owned());
            rest = &tail[end..];
        } else {
            rest = &tail[4..];
        }
    }
    found
}

#[derive(Default)]
struct Transaction {
    from: Option<String>,
    to: Vec<String>,
}

async fn serve(stream: TcpStream, shared: Arc<Shared>) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    let mut tx = Transaction::default();
    let mut line = Vec::new();
    write
        .write_all(format!("220 {HOSTNAME} ESMTP ready\r\n").as_bytes())
        .await?;
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).await? == 0 {
            return Ok(());
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        let (verb, arg) = match text.split_once(' ') {
            Some((v, a)) => (v.to_ascii_uppercase(), a.trim()),
            None => (text.to_ascii_uppercase(), ""),
        };
        let reply: String = match verb.as_str() {
            "EHLO" => {
                tx = Transaction::default();
                format!("250-{HOSTNAME} greets {arg}\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE {MAX_MESSAGE}\r\n")
            }
            "HELO" => {
                tx = Transaction::default();
                format!("250 {HOSTNAME}\r\n")
            }
            "MAIL" => match path_arg(arg, "FROM:") {
                Some(from) => {
                    tx = Transaction {
                        from: Some(from),
                        to: Vec::new(),
                    };
                    "250 2.1.0 OK\r\n".to_owned()
                }
                None => "501 5.5.4 Syntax: MAIL FROM:<address>\r\n".to_owned(),
            },
            "RCPT" => match (tx.from.is_some(), path_arg(arg, "TO:")) {
                (false, _) => "503 5.5.1 MAIL first\r\n".to_owned(),
                (true, None) => "501 5.5.4 Syntax: RCPT TO:<address>\r\n".to_owned(),
                (true, Some(_)) if shared.refusing.load(Ordering::SeqCst) => {
                    "451 4.3.0 Test sink is refusing mail for now, try again later\r\n".to_owned()
                }
                (true, Some(to)) => {
                    tx.to.push(to);
                    "250 2.1.5 OK\r\n".to_owned()
                }
            },
            "DATA" => {
                if tx.from.is_none() || tx.to.is_empty() {
                    "503 5.5.1 Need MAIL and RCPT first\r\n".to_owned()
                } else {
                    write
                        .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                        .await?;
                    let Some(raw) = read_data(&mut reader).await? else {
                        return Ok(());
                    };
                    if raw.len() > MAX_MESSAGE {
                        tx = Transaction::default();
                        "552 5.3.4 Message too big\r\n".to_owned()
                    } else {
                        let done = std::mem::take(&mut tx);
                        let mail = parse(done.from.unwrap_or_default(), done.to, &raw);
                        let mut messages = shared.messages.lock().unwrap();
                        messages.push(mail);
                        format!("250 2.0.0 OK queued as {}\r\n", messages.len())
                    }
                }
            }
            "RSET" => {
                tx = Transaction::default();
                "250 2.0.0 OK\r\n".to_owned()
            }
            "NOOP" => "250 2.0.0 OK\r\n".to_owned(),
            "VRFY" => "252 2.1.5 Cannot VRFY user\r\n".to_owned(),
            "QUIT" => {
                write.write_all(b"221 2.0.0 Bye\r\n").await?;
                write.shutdown().await?;
                return Ok(());
            }
            _ => "502 5.5.2 Command not implemented\r\n".to_owned(),
        };
        write.write_all(reply.as_bytes()).await?;
    }
}

/// `FROM:<a@b> SIZE=123` → `a@b`; tolerates a space after the colon.
fn path_arg(arg: &str, keyword: &str) -> Option<String> {
    if arg.len() < keyword.len() || !arg[..keyword.len()].eq_ignore_ascii_case(keyword) {
        return None;
    }
    let rest = arg[keyword.len()..].trim_start();
    let path = match rest.strip_prefix('<') {
        Some(inner) => &inner[..inner.find('>')?],
        None => rest.split_whitespace().next().unwrap_or(""),
    };
    Some(path.to_owned())
}

/// Reads DATA lines up to the lone dot, undoing dot-stuffing. `None` if the client hung up.
async fn read_data<R: tokio::io::AsyncBufRead + Unpin>(
    reader: &mut R,
) -> std::io::Result<Option<Vec<u8>>> {
    let mut raw = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).await? == 0 {
            return Ok(None);
        }
        if line == b".\r\n" || line == b".\n" {
            return Ok(Some(raw));
        }
        let content = line.strip_prefix(b".").unwrap_or(&line);
        if raw.len() <= MAX_MESSAGE {
            raw.extend_from_slice(content);
        }
    }
}

fn parse(from: String, to: Vec<String>, raw: &[u8]) -> ReceivedMail {
    let mut mail = ReceivedMail {
        from,
        to,
        subject: String::new(),
        text: String::new(),
        html: None,
        parts: Vec::new(),
        raw: String::from_utf8_lossy(raw).into_owned(),
    };
    let Some(message) = MessageParser::default().parse(raw) else {
        return mail;
    };
    mail.subject = message.subject().unwrap_or_default().to_owned();
    mail.text = match message.text_part(0).map(|p| &p.body) {
        Some(PartType::Text(text)) => text.replace("\r\n", "\n"),
        _ => message
            .body_text(0)
            .map(|t| t.replace("\r\n", "\n"))
            .unwrap_or_default(),
    };
    mail.html = match message.html_part(0).map(|p| &p.body) {
        Some(PartType::Html(html)) => Some(html.replace("\r\n", "\n")),
        _ => None,
    };
    mail.parts = message
        .parts
        .iter()
        .filter(|p| !p.is_multipart())
        .map(|p| ReceivedPart {
            content_type: p
                .content_type()
                .map(|ct| match ct.subtype() {
                    Some(sub) => format!("{}/{}", ct.ctype(), sub),
                    None => ct.ctype().to_owned(),
                })
                .unwrap_or_else(|| "text/plain".to_owned())
                .to_ascii_lowercase(),
            filename: p.attachment_name().map(str::to_owned),
            body: p.contents().to_vec(),
        })
        .collect();
    mail
}
