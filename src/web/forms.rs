//! Field errors for forms that re-display with the user's text kept and each problem
//! explained next to its field.

use std::collections::BTreeMap;

use serde::Serialize;

#[derive(Debug, Default, Serialize, Clone)]
#[serde(transparent)]
pub struct FieldErrors(BTreeMap<&'static str, String>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.entry(field).or_insert_with(|| message.into());
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.get(field).map(String::as_str)
    }
    /// `Ok(())` when nothing was added.
    pub fn finish(self) -> Result<(), FieldErrors> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

/// Reads the file sent in the multipart field `field`, refusing more than `max_bytes`
/// with a message that names the limit in words (`limit`, e.g. "64 MB").
pub async fn read_upload(
    payload: &mut actix_multipart::Multipart,
    field: &str,
    max_bytes: usize,
    limit: &str,
) -> Result<Vec<u8>, crate::error::AppError> {
    use crate::error::AppError;
    use futures_util::StreamExt;
    let unreadable = |e: actix_multipart::MultipartError| {
        AppError::BadRequest(format!("The upload couldn't be read: {e}"))
    };
    let mut file = Vec::new();
    while let Some(part) = payload.next().await {
        let mut part = part.map_err(unreadable)?;
        if part.name() != Some(field) {
            continue;
        }
        while let Some(chunk) = part.next().await {
            let chunk = chunk.map_err(unreadable)?;
            if file.len() + chunk.len() > max_bytes {
                return Err(AppError::BadRequest(format!(
                    "That file is larger than {limit}."
                )));
            }
            file.extend_from_slice(&chunk);
        }
    }
    Ok(file)
}

/// Trims and collapses an optional text field.
pub fn clean(s: &str) -> String {
    s.trim().to_string()
}

/// A plausible email address: one @, something either side, a dot in the domain, no spaces.
pub fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>' || c == ',')
        && !domain.contains('@')
        && s.len() <= 254
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_shapes() {
        assert!(looks_like_email("ta@oakfield.example"));
        assert!(!looks_like_email("ta@oakfield"));
        assert!(!looks_like_email("ta oakfield@x.example"));
        assert!(!looks_like_email("@x.example"));
        assert!(!looks_like_email("a@b@c.example"));
    }

    #[test]
    fn first_error_per_field_wins() {
        let mut e = FieldErrors::new();
        e.add("email", "first");
        e.add("email", "second");
        assert_eq!(e.get("email"), Some("first"));
        assert!(e.finish().is_err());
    }
}
