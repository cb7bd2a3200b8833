//! Checking what a user wrote before it is stored, and the form helper that re-displays a
//! refused draft with each finding highlighted next to its reason.

use serde::Serialize;

use crate::anonymise::{check_for_storage, highlight_html, Scan, Verdict};
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
        }
    }
}

/// Checks `text` written by `user_id` for `field` under their authority's rules. Counts of
/// what was found (never the text) are kept when it isn't allowed. Fails closed: if the
/// filter fails, the caller gets an error and stores nothing.
pub async fn check_field(
    state: &State,
    user_id: i64,
    field: &'static str,
    text: &str,
) -> AppResult<Checked> {
    let st = state.clone();
    let text = text.to_string();
    state
        .db(move |c| {
            let authority = super::rules::authority_of_user(c, user_id)?;
            let rules = st.rules.rules_for(c, authority)?;
            let scan = check_for_storage(&super::filter(), &text, &rules).map_err(|e| {
                tracing::error!(field, "the anonymisation filter failed; refusing to store");
                AppError::Internal(anyhow::anyhow!("filter failure: {}", e.message))
            })?;
            if scan.verdict != Verdict::Allow {
                let by_type: Vec<(String, usize)> =
                    scan.counts().into_iter().map(|(t, n)| (t.as_str().to_string(), n)).collect();
                write_tx(c, |c| super::rules::count(c, authority, field, scan.verdict.as_str(), &by_type))?;
            }
            Ok(Checked::of(&text, &scan))
        })
        .await
        .map_err(|e| match e {
            AppError::Internal(cause) => AppError::Internal(cause.context(
                "We couldn't check your text for pupil details just now, so it hasn't been saved. Please try again.",
            )),
            other => other,
        })
}
