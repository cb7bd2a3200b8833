//! Email: a transactional outbox. A change and the email it causes are written in the same
//! transaction (`queue`); a background worker (`worker`) claims due rows atomically and
//! sends them with lettre over SMTP, or writes .eml files when no SMTP server is set.

pub mod mailer;
pub mod outbox;
pub mod worker;

pub use outbox::{queue, queue_with_attachment, Attachment};
