//! Where email goes: a real SMTP server, or .eml files in a folder for a newcomer to read.

use std::path::PathBuf;

use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::{FileTransport, Message, SmtpTransport, Transport};

use super::outbox::OutboxEmail;

pub enum Mailer {
    Smtp(SmtpTransport),
    Files(FileTransport, PathBuf),
}

impl Mailer {
    pub fn from_settings(
        smtp_url: Option<&str>,
        mail_dir: &std::path::Path,
    ) -> anyhow::Result<Mailer> {
        match smtp_url {
            Some(url) => {
                let transport = SmtpTransport::from_url(url)
                    .map_err(|e| anyhow::anyhow!("the SMTP URL is not usable: {e}"))?
                    .timeout(Some(std::time::Duration::from_secs(20)))
                    .build();
                Ok(Mailer::Smtp(transport))
            }
            None => {
                std::fs::create_dir_all(mail_dir)?;
                Ok(Mailer::Files(
                    FileTransport::new(mail_dir),
                    mail_dir.to_path_buf(),
                ))
            }
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Mailer::Smtp(_) => "SMTP".into(),
            Mailer::Files(_, dir) => format!(".eml files in {}", dir.display()),
        }
    }

    pub fn send(&self, from: &str, email: &OutboxEmail) -> anyhow::Result<()> {
        let message = build(from, email)?;
        match self {
            Mailer::Smtp(t) => {
                t.send(&message)?;
            }
            Mailer::Files(t, _) => {
                t.send(&message)?;
            }
        }
        Ok(())
    }
}

fn build(from: &str, email: &OutboxEmail) -> anyhow::Result<Message> {
    let from: Mailbox = from.parse()?;
    let to: Mailbox = email.to_address.parse()?;
    Ok(Message::builder()
        .from(from)
        .to(to)
        .subject(email.subject.clone())
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(email.body_text.clone()),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(email.body_html.clone()),
                ),
        )?)
}
