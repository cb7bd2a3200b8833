//! The anonymisation filter: finds what could identify a pupil in a piece of text, with
//! character spans, a type, a plain-English reason and a suggested rewrite, and decides
//! whether the text may be stored (`allow`), must be changed (`block`) or waits for a
//! moderator (`hold`).
//!
//! Build one [`Filter`] at start-up (it holds the gazetteers and automata), compile each
//! authority's [`AuthorityRules`] into [`CompiledRules`] whenever they change, and call
//! [`Filter::scan`] or, on every write path, [`check_for_storage`] (which fails closed).

mod addresses;
mod checks;
pub mod cli;
mod dates;
mod engine;
mod ids;
mod lexicon;
mod names;
mod normalise;
mod quasi;
mod tables;
mod tokens;

pub use checks::{
    is_valid_chi, is_valid_nhs, is_valid_scn, is_valid_uln, is_valid_upn, upn_check_letter,
};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// What kind of identifying detail a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SpanType {
    #[serde(rename = "CHILD_NAME")]
    ChildName,
    #[serde(rename = "UPN")]
    Upn,
    #[serde(rename = "ULN")]
    Uln,
    #[serde(rename = "NHS_NUMBER")]
    NhsNumber,
    #[serde(rename = "CHI_NUMBER")]
    ChiNumber,
    #[serde(rename = "SCN")]
    Scn,
    #[serde(rename = "DATE_OF_BIRTH")]
    DateOfBirth,
    #[serde(rename = "HOME_ADDRESS")]
    HomeAddress,
    #[serde(rename = "POSTCODE")]
    Postcode,
    #[serde(rename = "PHONE")]
    Phone,
    #[serde(rename = "EMAIL")]
    Email,
    #[serde(rename = "QUASI")]
    Quasi,
}

impl SpanType {
    /// All types, in a stable order.
    pub const ALL: [SpanType; 12] = [
        SpanType::ChildName,
        SpanType::Upn,
        SpanType::Uln,
        SpanType::NhsNumber,
        SpanType::ChiNumber,
        SpanType::Scn,
        SpanType::DateOfBirth,
        SpanType::HomeAddress,
        SpanType::Postcode,
        SpanType::Phone,
        SpanType::Email,
        SpanType::Quasi,
    ];

    /// The wire name, e.g. `"CHILD_NAME"`.
    pub fn as_str(self) -> &'static str {
        match self {
            SpanType::ChildName => "CHILD_NAME",
            SpanType::Upn => "UPN",
            SpanType::Uln => "ULN",
            SpanType::NhsNumber => "NHS_NUMBER",
            SpanType::ChiNumber => "CHI_NUMBER",
            SpanType::Scn => "SCN",
            SpanType::DateOfBirth => "DATE_OF_BIRTH",
            SpanType::HomeAddress => "HOME_ADDRESS",
            SpanType::Postcode => "POSTCODE",
            SpanType::Phone => "PHONE",
            SpanType::Email => "EMAIL",
            SpanType::Quasi => "QUASI",
        }
    }

    /// Parses a wire name.
    pub fn parse(s: &str) -> Option<SpanType> {
        SpanType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// A short label for people, e.g. "pupil's name".
    pub fn label(self) -> &'static str {
        match self {
            SpanType::ChildName => "pupil's name",
            SpanType::Upn => "Unique Pupil Number",
            SpanType::Uln => "Unique Learner Number",
            SpanType::NhsNumber => "NHS number",
            SpanType::ChiNumber => "CHI number",
            SpanType::Scn => "Scottish Candidate Number",
            SpanType::DateOfBirth => "date of birth",
            SpanType::HomeAddress => "home address",
            SpanType::Postcode => "postcode",
            SpanType::Phone => "phone number",
            SpanType::Email => "email address",
            SpanType::Quasi => "detail that could single a pupil out",
        }
    }

    /// Direct identifiers block; quasi-identifiers hold.
    pub fn is_direct(self) -> bool {
        self != SpanType::Quasi
    }

    /// A pupil's record: an identifier or a date of birth, which makes a name beside it a
    /// pupil's.
    pub(crate) fn is_record(self) -> bool {
        matches!(
            self,
            SpanType::Upn
                | SpanType::Uln
                | SpanType::NhsNumber
                | SpanType::ChiNumber
                | SpanType::Scn
                | SpanType::DateOfBirth
        )
    }
}

impl fmt::Display for SpanType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The outcome of a scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Nothing identifying: store it.
    Allow,
    /// Direct identifiers: show the author the findings; store nothing.
    Block,
    /// Likely quasi-identifiers: store invisibly until a moderator decides.
    Hold,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Allow => "allow",
            Verdict::Block => "block",
            Verdict::Hold => "hold",
        }
    }
}

/// One thing found, with offsets into the text as given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Start, in Unicode scalar values (characters).
    pub start: usize,
    /// End (exclusive), in characters.
    pub end: usize,
    /// Start, in bytes of the UTF-8 text.
    pub byte_start: usize,
    /// End (exclusive), in bytes.
    pub byte_end: usize,
    #[serde(rename = "type")]
    pub kind: SpanType,
    /// Why this was flagged, in plain English.
    pub reason: Cow<'static, str>,
    /// A suggested rewrite, e.g. "Pupil A" or "[date removed]".
    pub suggestion: Cow<'static, str>,
    /// What to do if the filter misread it: for a name read as a pupil's,
    /// [`NOT_A_PUPIL`]; otherwise empty.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub hint: &'static str,
}

/// The way out of a false alarm on a name: saying who the person is. In the held-out sets,
/// 191 of the 197 ordinary posts flagged only for names (stop 29) passed with "(colleague)"
/// written after each name flagged, 189 with "(TA)"; since stop 30 a role in brackets after a
/// name is honoured on every path (`names::push_pupil_name`), and 200 of 200 pass.
pub const NOT_A_PUPIL: &str = "Not a pupil? Say who they are beside the name, as in \u{201c}Kasia (TA)\u{201d} or \u{201c}our SENCO Kasia\u{201d}, and try again.";

/// The result of scanning a text: findings are sorted by position and never overlap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scan {
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
}

impl Scan {
    /// Counts of findings by type (the only thing that may be kept about a blocked text).
    pub fn counts(&self) -> Vec<(SpanType, usize)> {
        let mut out: Vec<(SpanType, usize)> = Vec::new();
        for f in &self.findings {
            match out.iter_mut().find(|(t, _)| *t == f.kind) {
                Some((_, n)) => *n += 1,
                None => out.push((f.kind, 1)),
            }
        }
        out.sort();
        out
    }

    /// The text with every finding replaced by its suggestion.
    pub fn rewrite(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for f in &self.findings {
            if f.byte_start < last || f.byte_end > text.len() {
                continue;
            }
            out.push_str(&text[last..f.byte_start]);
            out.push_str(&f.suggestion);
            last = f.byte_end;
        }
        out.push_str(&text[last..]);
        out
    }
}

/// How eager the filter is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Strictness {
    /// Needs strong context before flagging a name; fewer false alarms.
    Relaxed,
    /// The default balance.
    #[default]
    Standard,
    /// Flags names on weaker evidence, and any unexplained phone number or postcode.
    Strict,
}

impl Strictness {
    pub fn as_str(self) -> &'static str {
        match self {
            Strictness::Relaxed => "relaxed",
            Strictness::Standard => "standard",
            Strictness::Strict => "strict",
        }
    }

    /// Parses the stored text form (case-insensitive).
    pub fn parse(s: &str) -> Option<Strictness> {
        match s.trim().to_ascii_lowercase().as_str() {
            "relaxed" => Some(Strictness::Relaxed),
            "standard" => Some(Strictness::Standard),
            "strict" => Some(Strictness::Strict),
            _ => None,
        }
    }
}

/// An authority admin's tuning of the filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorityRules {
    /// Words or phrases that are never a pupil (staff names, local places, book characters).
    pub not_pupils: Vec<String>,
    /// Extra words or phrases that are always blocked.
    pub extra_blocked: Vec<String>,
    pub strictness: Strictness,
}

/// The compiled, cheap-to-build form of [`AuthorityRules`]. Build a new one whenever the
/// rules change; the big [`Filter`] is untouched.
#[derive(Debug, Clone, Default)]
pub struct CompiledRules {
    pub(crate) strictness: Strictness,
    pub(crate) not_pupils: Option<AhoCorasick>,
    pub(crate) extra_blocked: Option<AhoCorasick>,
}

fn build_terms(terms: &[String]) -> Option<AhoCorasick> {
    let pats: Vec<String> = terms
        .iter()
        .map(|t| normalise::normalise_phrase(t))
        .filter(|t| !t.is_empty())
        .collect();
    if pats.is_empty() {
        return None;
    }
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(&pats)
        .ok()
}

impl CompiledRules {
    pub fn new(rules: &AuthorityRules) -> Self {
        CompiledRules {
            strictness: rules.strictness,
            not_pupils: build_terms(&rules.not_pupils),
            extra_blocked: build_terms(&rules.extra_blocked),
        }
    }

    pub fn strictness(&self) -> Strictness {
        self.strictness
    }
}

/// The filter: gazetteers and automata, built once and shared (it is `Send + Sync`).
pub struct Filter {
    pub(crate) lex: lexicon::Lexicon,
    names_model: names::NameModel,
    works: names::Works,
}

/// A name the model weighed, with the features it saw: what the name model is trained on.
#[derive(Debug, Clone, PartialEq)]
pub struct NameCandidate {
    /// Character offsets in the text, end exclusive.
    pub start: usize,
    pub end: usize,
    /// `(slot, value)` pairs of the hashed features.
    pub features: Vec<(u32, f32)>,
    /// The hand-written rules' score for the name.
    pub rule_score: i32,
}

impl fmt::Debug for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Filter")
    }
}

impl Default for Filter {
    fn default() -> Self {
        Filter::standard()
    }
}

impl Filter {
    /// Builds the filter with the shipped gazetteers (tens of milliseconds; do it once).
    pub fn standard() -> Self {
        Filter::with_model(names::NameModel::shipped())
    }

    fn with_model(names_model: names::NameModel) -> Self {
        Filter {
            lex: lexicon::Lexicon::build(),
            names_model,
            works: names::Works::build(),
        }
    }

    /// The shipped gazetteers with other name-model weights (the format of
    /// `src/anonymise/data/name_model.txt`): for measuring a model trained without some
    /// labelled sets on those sets (`train_name_model.py --cv-scan`).
    pub fn with_name_model(weights: &str) -> Self {
        Filter::with_model(names::NameModel::parse(weights))
    }

    /// Same as [`Filter::standard`].
    pub fn new() -> Self {
        Filter::standard()
    }

    /// Scans `text` under an authority's rules.
    pub fn scan(&self, text: &str, rules: &CompiledRules) -> Scan {
        engine::scan(self, text, rules)
    }

    /// Scans a new draft of a text under an authority's rules, flagging too the words
    /// `remembered` says were read as a pupil's name in the last draft (see
    /// [`Filter::name_words`]) wherever they are left, unless the draft now says who the
    /// person is beside them ("Kasia (TA)"). A writer who rewrites the first name flagged and
    /// leaves the next is refused again, as the filter alone might not refuse them.
    pub fn scan_remembering(
        &self,
        text: &str,
        rules: &CompiledRules,
        remembered: &dyn Fn(&str) -> bool,
    ) -> Scan {
        engine::scan_remembering(self, text, rules, remembered)
    }

    /// The words of the names `scan` of `text` read as a pupil's, for
    /// [`Filter::scan_remembering`] to be asked about in the next draft: each word once, with
    /// look-alike letters folded and invisible characters dropped, as the filter reads them.
    pub fn name_words(&self, text: &str, scan: &Scan) -> Vec<String> {
        engine::name_words(self, text, scan)
    }

    /// The pupil-name candidates in `text` that the name model decides, with their features
    /// (for training the model; see `scripts/data-tools/train_name_model.py`).
    pub fn name_candidates(&self, text: &str) -> Vec<NameCandidate> {
        engine::name_candidates(self, text)
    }

    /// The slots of the post reader's words and word pairs in `text` (for training it; see
    /// `scripts/data-tools/train_name_model.py`).
    pub fn post_reader_slots(&self, text: &str) -> Vec<u32> {
        engine::post_reader_slots(self, text)
    }

    /// Scans `text` with the default rules.
    pub fn scan_default(&self, text: &str) -> Scan {
        self.scan(text, &CompiledRules::default())
    }
}

/// The filter itself failed, so the text must not be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterFailure {
    pub message: String,
}

impl fmt::Display for FilterFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the anonymisation filter could not check this text ({}); it has not been saved",
            self.message
        )
    }
}

impl std::error::Error for FilterFailure {}

/// Scans text before it is stored, failing closed: if the filter panics, the caller gets an
/// error and must refuse to store the text.
pub fn check_for_storage(
    filter: &Filter,
    text: &str,
    rules: &CompiledRules,
) -> Result<Scan, FilterFailure> {
    fail_closed(|| filter.scan(text, rules))
}

/// [`check_for_storage`] for a new draft, with the names of the last one remembered (see
/// [`Filter::scan_remembering`]).
pub fn check_draft_for_storage(
    filter: &Filter,
    text: &str,
    rules: &CompiledRules,
    remembered: &dyn Fn(&str) -> bool,
) -> Result<Scan, FilterFailure> {
    fail_closed(|| filter.scan_remembering(text, rules, remembered))
}

fn fail_closed(scan: impl FnOnce() -> Scan) -> Result<Scan, FilterFailure> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(scan)).map_err(|e| FilterFailure {
        message: e
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| e.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "internal error".to_string()),
    })
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Re-displays a draft as HTML with each finding wrapped in
/// `<mark class="finding" data-type="TYPE" title="reason">…</mark>`, everything escaped.
pub fn highlight_html(text: &str, scan: &Scan) -> String {
    let mut out = String::with_capacity(text.len() + scan.findings.len() * 80);
    let mut last = 0;
    for f in &scan.findings {
        if f.byte_start < last
            || f.byte_end > text.len()
            || !text.is_char_boundary(f.byte_start)
            || !text.is_char_boundary(f.byte_end)
        {
            continue;
        }
        out.push_str(&escape_html(&text[last..f.byte_start]));
        out.push_str("<mark class=\"finding\" data-type=\"");
        out.push_str(f.kind.as_str());
        out.push_str("\" title=\"");
        out.push_str(&escape_html(&f.reason));
        out.push_str("\">");
        out.push_str(&escape_html(&text[f.byte_start..f.byte_end]));
        out.push_str("</mark>");
        last = f.byte_end;
    }
    out.push_str(&escape_html(&text[last..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn filter_is_send_sync() {
        assert_send_sync::<Filter>();
        assert_send_sync::<CompiledRules>();
    }

    #[test]
    fn strictness_round_trips() {
        for s in [
            Strictness::Relaxed,
            Strictness::Standard,
            Strictness::Strict,
        ] {
            assert_eq!(Strictness::parse(s.as_str()), Some(s));
        }
        assert_eq!(Strictness::parse("bogus"), None);
    }

    #[test]
    fn highlight_escapes() {
        let f = Filter::standard();
        let text = "<b>Bartek</b> in my Year 3 group kicked off";
        let scan = f.scan_default(text);
        let html = highlight_html(text, &scan);
        assert!(html.contains("&lt;b&gt;"));
        assert!(html.contains("<mark class=\"finding\" data-type=\"CHILD_NAME\""));
    }
}
