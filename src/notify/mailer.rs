//! Where email goes: a real SMTP server, or .eml files in a folder for a newcomer to read.

use std::path::PathBuf;

use lettre::message::{header::ContentType, Attachment, Mailbox, MultiPart, SinglePart};
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
    let bodies = MultiPart::alternative()
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(email.body_text.clone()),
        )
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_HTML)
                .body(email.body_html.clone()),
        );
    let builder = Message::builder()
        .from(from)
        .to(to)
        .subject(email.subject.clone());
    // With an attachment the message becomes multipart/mixed: the two bodies, then the file.
    let message = match (&email.attachment_name, &email.attachment_body) {
        (Some(name), Some(body)) => {
            let kind = ContentType::parse(
                email
                    .attachment_type
                    .as_deref()
                    .unwrap_or("application/octet-stream"),
            )?;
            builder.multipart(
                MultiPart::mixed()
                    .multipart(bodies)
                    .singlepart(Attachment::new(name.clone()).body(body.clone(), kind)),
            )?
        }
        _ => builder.multipart(bodies)?,
    };
    Ok(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(attachment: bool) -> OutboxEmail {
        OutboxEmail {
            id: 1,
            to_address: "ta@oakfield.example".into(),
            subject: "Meeting".into(),
            body_text: "See you there".into(),
            body_html: "<p>See you there</p>".into(),
            attempts: 0,
            attachment_name: attachment.then(|| "invite.ics".into()),
            attachment_type: attachment.then(|| "text/calendar; method=REQUEST".into()),
            attachment_body: attachment.then(|| "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".into()),
        }
    }

    #[test]
    fn an_attachment_makes_a_mixed_message_with_the_file() {
        let raw =
            String::from_utf8(build("a@b.example", &email(true)).unwrap().formatted()).unwrap();
        assert!(raw.contains("multipart/mixed"));
        assert!(raw.contains("multipart/alternative"));
        assert!(raw.contains("filename=\"invite.ics\""));
        assert!(raw.contains("text/calendar; method=REQUEST"));
        let plain =
            String::from_utf8(build("a@b.example", &email(false)).unwrap().formatted()).unwrap();
        assert!(!plain.contains("multipart/mixed"));
    }
}
