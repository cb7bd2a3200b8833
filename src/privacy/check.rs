//! Checking what a user wrote before it is stored, and the form helper that re-displays a
//! refused draft with each finding highlighted next to its reason.

use std::collections::HashSet;

use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;
use siphasher::sip::SipHasher24;

use crate::anonymise::{check_draft_for_storage, highlight_html, Scan, Verdict};
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::web::State;

/// One finding as the form shows it: the words, why, and what to write instead.
#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    pub text: String,
    pub kind: &'static str,
    pub label: &'static str,
    pub reason: String,
    pub suggestion: String,
    /// What to do if the filter misread it (see [`crate::anonymise::NOT_A_PUPIL`]).
    pub hint: &'static str,
}

/// The outcome of checking one field.
#[derive(Debug, Clone, Serialize)]
pub struct Checked {
    pub verdict: Verdict,
    /// The draft, HTML-escaped, with findings wrapped in `<mark>`.
    pub highlighted: String,
    pub findings: Vec<FindingView>,
    /// The names this draft was read to have, as tags for the form to send back with the next
    /// draft (see [`DraftMemory`]); empty when there are none.
    pub flagged: String,
}

impl Checked {
    pub fn allowed(&self) -> bool {
        self.verdict == Verdict::Allow
    }

    /// What to say next to the field.
    pub fn message(&self) -> &'static str {
        match self.verdict {
            Verdict::Allow => "",
            Verdict::Block => "This could identify a pupil. Change the highlighted words (suggestions below), then save again.",
            Verdict::Hold => "Together, these details could single out a pupil (a named school, a class and a rare detail). Make them more general, then save again.",
        }
    }

    /// Puts this refusal on a page shown again with the draft: the message beside `field`
    /// (`errors.<field>`) and the findings under `<field>_check`, for
    /// `partials/findings check=<field>_check field="<field>"`.
    pub fn show_beside(&self, page: &mut serde_json::Value, field: &str) {
        page["errors"][field] = serde_json::json!(self.message());
        page[format!("{field}_check")] = serde_json::json!(self);
    }

    pub fn of(text: &str, scan: &Scan) -> Checked {
        Checked {
            verdict: scan.verdict,
            highlighted: if scan.findings.is_empty() {
                String::new()
            } else {
                highlight_html(text, scan)
            },
            findings: scan
                .findings
                .iter()
                .map(|f| FindingView {
                    text: text.get(f.byte_start..f.byte_end).unwrap_or("").to_string(),
                    kind: f.kind.as_str(),
                    label: f.kind.label(),
                    reason: f.reason.to_string(),
                    suggestion: f.suggestion.to_string(),
                    hint: f.hint,
                })
                .collect(),
            flagged: String::new(),
        }
    }
}

/// Most names a form carries from one draft to the next (a long list of pupils is still
/// well under it); tags past it are ignored.
const MOST_REMEMBERED: usize = 64;

/// What a form remembers between drafts: the words of the names a refused draft was read to
/// have, so that a name left in the next draft is flagged again even where "Pupil A" beside
/// it now makes the filter alone read it otherwise (see
/// [`crate::anonymise::Filter::scan_remembering`]). The form carries them in a hidden field
/// as keyed tags, never the names: the page and the next request hold no second copy of a
/// pupil's name, and a tag can't be worked back to a name without the server's key. Nothing
/// is kept on the server, so any node can check the next draft.
///
/// A tag is SipHash-2-4 under a key derived from the server's secret (HMAC-SHA256): a keyed
/// hash made for short inputs, as the next draft asks about every word that could be a name
/// (HMAC-SHA256 for each cost a 10 KB draft about half as long again as its scan).
pub struct DraftMemory {
    key: SipHasher24,
}

impl DraftMemory {
    pub fn new(secret: &str) -> DraftMemory {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
            .expect("HMAC takes a key of any length");
        mac.update(b"commonroom draft names");
        let derived = mac.finalize().into_bytes();
        let key: [u8; 16] = derived[..16].try_into().expect("SHA-256 gives 32 bytes");
        DraftMemory {
            key: SipHasher24::new_with_key(&key),
        }
    }

    fn tag(&self, word: &str) -> u64 {
        self.key.hash(word.as_bytes())
    }

    /// The hidden field's value for these words.
    pub fn carry(&self, words: &[String]) -> String {
        let mut tags: Vec<u64> = words.iter().map(|w| self.tag(w)).collect();
        tags.sort_unstable();
        tags.dedup();
        tags.truncate(MOST_REMEMBERED);
        tags.iter()
            .map(|t| format!("{t:016x}"))
            .collect::<Vec<_>>()
            .join(".")
    }

    /// Reads the hidden field back: whatever isn't a tag is ignored (a form from before, or
    /// one tampered with, just remembers less).
    pub fn read(&self, field: &str) -> Remembered<'_> {
        Remembered {
            memory: self,
            tags: field
                .split('.')
                .filter_map(|t| u64::from_str_radix(t, 16).ok().filter(|_| t.len() == 16))
                .take(MOST_REMEMBERED)
                .collect(),
        }
    }
}

/// The names of the last draft, read back from the form.
pub struct Remembered<'a> {
    memory: &'a DraftMemory,
    tags: HashSet<u64>,
}

impl Remembered<'_> {
    pub fn contains(&self, word: &str) -> bool {
        !self.tags.is_empty() && self.tags.contains(&self.memory.tag(word))
    }
}

/// Checks `text` written by `user_id` for `field` under their authority's rules, with the
/// names of the last draft remembered (`last_draft`: the form's hidden `…_flagged` field,
/// empty for a first draft). Counts of what was found (never the text) are kept when it isn't
/// allowed. Fails closed: if the filter fails, the caller gets an error and stores nothing.
pub async fn check_field(
    state: &State,
    user_id: i64,
    field: &'static str,
    text: &str,
    last_draft: &str,
) -> AppResult<Checked> {
    let st = state.clone();
    let text = text.to_string();
    let last_draft = last_draft.to_string();
    state
        .db(move |c| {
            let authority = super::rules::authority_of_user(c, user_id)?;
            let rules = st.rules.rules_for(c, authority)?;
            let filter = super::filter();
            let remembered = st.drafts.read(&last_draft);
            let scan = check_draft_for_storage(&filter, &text, &rules, &|w| {
                remembered.contains(w)
            })
            .map_err(|e| {
                tracing::error!(field, "the anonymisation filter failed; refusing to store");
                AppError::Internal(anyhow::anyhow!("filter failure: {}", e.message))
            })?;
            if scan.verdict != Verdict::Allow {
                let by_type: Vec<(String, usize)> =
                    scan.counts().into_iter().map(|(t, n)| (t.as_str().to_string(), n)).collect();
                write_tx(c, |c| super::rules::count(c, authority, field, scan.verdict.as_str(), &by_type))?;
            }
            let mut checked = Checked::of(&text, &scan);
            checked.flagged = st.drafts.carry(&filter.name_words(&text, &scan));
            Ok(checked)
        })
        .await
        .map_err(|e| match e {
            AppError::Internal(cause) => AppError::Internal(cause.context(
                "We couldn't check your text for pupil details just now, so it hasn't been saved. Please try again.",
            )),
            other => other,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_carries_tags_that_only_its_server_reads_back() {
        let memory = DraftMemory::new("0123456789abcdef0123456789abcdef");
        let carried = memory.carry(&["Amira".to_string(), "Bilal".to_string()]);
        let tags: Vec<&str> = carried.split('.').collect();
        assert_eq!(tags.len(), 2);
        assert!(tags
            .iter()
            .all(|t| t.len() == 16 && t.bytes().all(|c| c.is_ascii_hexdigit())));
        assert!(!carried.contains("Amira") && !carried.contains("Bilal"));
        let back = memory.read(&carried);
        assert!(back.contains("Amira") && back.contains("Bilal"));
        assert!(!back.contains("amira") && !back.contains("Maya"));
        // another server's key reads nothing from it, and what isn't a tag is ignored
        let other = DraftMemory::new("another secret, also 32 characters long");
        assert!(!other.read(&carried).contains("Amira"));
        assert!(!memory.read("Amira.zz.12345").contains("Amira"));
        // a forged field can't make a form remember without end
        let many: Vec<String> = (0..500).map(|i| format!("Name{i}")).collect();
        assert_eq!(memory.carry(&many).split('.').count(), MOST_REMEMBERED);
        let forged = (0..500)
            .map(|i| format!("{i:016x}"))
            .collect::<Vec<_>>()
            .join(".");
        assert_eq!(memory.read(&forged).tags.len(), MOST_REMEMBERED);
    }
}
