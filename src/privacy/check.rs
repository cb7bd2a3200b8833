//! Checking what a user wrote before it is stored, and the form helper that re-displays a
//! refused draft with each finding highlighted next to its reason.

use std::collections::HashSet;

use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;

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
pub struct DraftMemory {
    key: Hmac<Sha256>,
}

impl DraftMemory {
    pub fn new(secret: &str) -> DraftMemory {
        DraftMemory {
            key: Hmac::new_from_slice(format!("draft names:{secret}").as_bytes())
                .expect("HMAC takes a key of any length"),
        }
    }

    fn tag(&self, word: &str) -> u64 {
        let mut mac = self.key.clone();
        mac.update(word.as_bytes());
        let out = mac.finalize().into_bytes();
        u64::from_be_bytes(out[..8].try_into().expect("SHA-256 gives 32 bytes"))
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
