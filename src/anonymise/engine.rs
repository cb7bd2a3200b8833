//! The scanning engine: normalise, tokenise once, attach gazetteer and cue flags, run the
//! detectors over the token stream, resolve overlaps and map spans back to the original text.

use super::lexicon::fingerprint;
use super::normalise::Normalised;
use super::tokens::{attach_flags, is_word_byte, tokenise, Tok};
use super::Strictness;
use super::{
    addresses, dates, ids, names, quasi, CompiledRules, Filter, Finding, NameCandidate, Scan,
    SpanType, Verdict,
};
use names::{NameModel, Works, WorksInPost};
use std::borrow::Cow;
use std::cell::{Cell, OnceCell};

pub(super) struct RawFinding {
    pub s: usize,
    pub e: usize,
    pub kind: SpanType,
    pub reason: Cow<'static, str>,
    pub suggestion: Cow<'static, str>,
}

pub(super) struct Ctx<'a> {
    pub text: &'a str,
    pub b: &'a [u8],
    pub toks: Vec<Tok>,
    pub child_ctx: u32,
    /// How many words of a grown-up's life the post has (see `STAFF_LIFE`).
    pub staff_life: u32,
    /// The writer doesn't capitalise ("i've", a post starting in lower case), so a lower-case
    /// word can still be a name.
    pub lower_case_writer: bool,
    /// The post talks about television, film or sport (see `MEDIA`).
    pub media: bool,
    /// The post is about a course or training (see `TRAINING`).
    pub training: bool,
    /// The post has a label before a list of adults, at a colon: a minutes word such as
    /// "Apologies" or "Present" (see `MINUTES`), or a role ("Welcome to our new TAs:").
    pub minutes: bool,
    /// The post has more than one line (notes, chats, scripts).
    pub lines: bool,
    /// The post has a quotation mark between words (titles, speech, nicknames).
    pub quotes: bool,
    /// The post names a staff role somewhere ("TA", "our SENCO").
    pub roles: bool,
    /// The post has a word around nicknames or characters (see `NICK_OR_STORY`).
    pub nick_or_story: bool,
    /// The post is a rota or a duty list (see `ROTA`).
    pub rota: bool,
    /// The post's first rota says it is for pupils' work ("a rota for 1:1 reading"), read
    /// once a post by `names::detect_names`.
    pub rota_for_pupils: bool,
    /// Where the post's first line ends, if it is a heading about staff, worked out when a
    /// name first needs it (see `names::adult::staff_heading_end`).
    pub staff_heading_end: OnceCell<Option<usize>>,
    /// The post casts a play (see `CASTING`).
    pub casting: bool,
    /// The post is a chat between colleagues (lines that start with a speaker), read by
    /// `names::detect_names` for the initials after it.
    pub chat: bool,
    pub strict: Strictness,
    pub out: Vec<RawFinding>,
    pub model: &'a NameModel,
    /// Stories read in schools and their characters.
    pub works: &'a Works,
    /// What the post says of those stories, read when a character's name first comes up.
    pub works_in_post: OnceCell<WorksInPost>,
    /// The post reader's score (see `NameModel::read_post`), read when a name first needs it.
    pub post_reader: OnceCell<f32>,
    /// When set, every name the model decides is recorded with its features (for training).
    pub trace: Option<&'a mut Vec<Traced>>,
}

/// A name candidate as the model saw it: normalised byte offsets, features, the rules' score.
pub(super) struct Traced {
    pub s: usize,
    pub e: usize,
    pub features: Vec<(u32, f32)>,
    pub rule_score: i32,
}

impl Ctx<'_> {
    #[inline]
    pub fn word(&self, i: usize) -> &str {
        let t = &self.toks[i];
        &self.text[t.s as usize..t.e as usize]
    }

    /// Is token `i` the word `w` (any case)? Compared by fingerprint, which the tokeniser
    /// already made: the fingerprint of a literal folds to a constant, so this is one compare
    /// where the rules ask it thousands of times a post.
    #[inline(always)]
    pub fn is(&self, i: usize, w: &str) -> bool {
        // (the length first: most words differ in it, and a word from a list in a loop may not
        // have its fingerprint folded)
        let same = i < self.toks.len() && {
            let t = &self.toks[i];
            (t.e - t.s) as usize == w.len() && t.fp == fingerprint(w.as_bytes())
        };
        debug_assert_eq!(
            same,
            i < self.toks.len() && self.word(i).eq_ignore_ascii_case(w),
            "token {i} against {w:?}"
        );
        same
    }

    /// Is token `i` any of `words` (any case)?
    #[inline]
    pub fn is_any(&self, i: usize, words: &[&str]) -> bool {
        words.iter().any(|w| self.is(i, w))
    }

    #[inline]
    pub fn f(&self, i: usize) -> u64 {
        self.toks.get(i).map_or(0, |t| t.f)
    }

    /// Index of the first token that ends after `byte`.
    pub fn tok_at(&self, byte: usize) -> usize {
        self.toks.partition_point(|t| (t.e as usize) <= byte)
    }

    /// OR of the flags of up to `before` tokens before and `after` tokens after the byte range.
    pub fn flags_near(&self, s: usize, e: usize, before: usize, after: usize) -> u64 {
        let a = self.tok_at(s);
        let b = self.toks.partition_point(|t| (t.s as usize) < e);
        let mut f = 0;
        for t in &self.toks[a.saturating_sub(before)..a] {
            f |= t.f;
        }
        for t in &self.toks[b..(b + after).min(self.toks.len())] {
            f |= t.f;
        }
        f
    }

    pub fn push(
        &mut self,
        s: usize,
        e: usize,
        kind: SpanType,
        reason: impl Into<Cow<'static, str>>,
        suggestion: impl Into<Cow<'static, str>>,
    ) {
        if e > s {
            self.out.push(RawFinding {
                s,
                e,
                kind,
                reason: reason.into(),
                suggestion: suggestion.into(),
            });
        }
    }
}

/// Scans text. Never panics on any input (the public wrapper also catches panics).
pub(super) fn scan(filter: &Filter, original: &str, rules: &CompiledRules) -> Scan {
    run(filter, original, rules, None, None)
}

/// Scans text, flagging too the words `remembered` says were read as a pupil's name in the
/// writer's last draft (see `names::recall_remembered`).
pub(super) fn scan_remembering(
    filter: &Filter,
    original: &str,
    rules: &CompiledRules,
    remembered: &dyn Fn(&str) -> bool,
) -> Scan {
    run(filter, original, rules, None, Some(remembered))
}

/// The words of the names in `scan` read as a pupil's, as `scan_remembering` asks of them
/// (normalised, one a word, each once).
pub(super) fn name_words(filter: &Filter, original: &str, scan: &Scan) -> Vec<String> {
    let mut words = Vec::new();
    let mut toks = Vec::new();
    for f in scan
        .findings
        .iter()
        .filter(|f| f.hint == super::NOT_A_PUPIL)
    {
        let Some(name) = original.get(f.byte_start..f.byte_end) else {
            continue;
        };
        let norm = Normalised::new(name);
        toks.clear();
        tokenise(&norm.text, &filter.lex, &mut toks);
        for t in toks.iter().filter(|t| names::rememberable(t)) {
            words.push(norm.text[t.s as usize..t.e as usize].to_string());
        }
    }
    words.sort_unstable();
    words.dedup();
    words
}

/// The name candidates the model decides in `original`, with their features, in original
/// character offsets (for `scripts/data-tools/train_name_model.py`).
pub(super) fn name_candidates(filter: &Filter, original: &str) -> Vec<NameCandidate> {
    let mut traced = Vec::new();
    run(
        filter,
        original,
        &CompiledRules::default(),
        Some(&mut traced),
        None,
    );
    let norm = Normalised::new(original);
    traced
        .into_iter()
        .map(|t| {
            let (s, e) = norm.to_original(original, t.s, t.e);
            NameCandidate {
                start: original[..s].chars().count(),
                end: original[..e].chars().count(),
                features: t.features,
                rule_score: t.rule_score,
            }
        })
        .collect()
}

fn run(
    filter: &Filter,
    original: &str,
    rules: &CompiledRules,
    trace: Option<&mut Vec<Traced>>,
    remembered: Option<&dyn Fn(&str) -> bool>,
) -> Scan {
    if original.is_empty() {
        return Scan {
            verdict: Verdict::Allow,
            findings: Vec::new(),
        };
    }
    let norm = Normalised::new(original);
    let text: &str = &norm.text;
    let mut toks = TOKS.with(Cell::take);
    toks.clear();
    let mut ctx = Ctx {
        text,
        b: text.as_bytes(),
        toks,
        child_ctx: 0,
        staff_life: 0,
        lower_case_writer: false,
        media: false,
        training: false,
        minutes: false,
        lines: false,
        quotes: false,
        nick_or_story: false,
        roles: false,
        rota: false,
        rota_for_pupils: false,
        staff_heading_end: OnceCell::new(),
        casting: false,
        chat: false,
        strict: rules.strictness,
        out: Vec::new(),
        model: &filter.names_model,
        works: &filter.works,
        works_in_post: OnceCell::new(),
        post_reader: OnceCell::new(),
        trace,
    };
    tokenise(text, &filter.lex, &mut ctx.toks);
    attach_flags(filter, rules, &mut ctx);

    ids::detect_numbers(&mut ctx);
    ids::detect_emails(&mut ctx);
    dates::detect_dates(&mut ctx);
    addresses::detect_postcodes_addresses(&mut ctx);
    let school_toks = quasi::detect_quasi(&mut ctx);
    names::detect_names(&mut ctx, &school_toks);
    names::detect_initials(&mut ctx);
    names::detect_nicknames(&mut ctx);
    if let Some(ac) = &rules.extra_blocked {
        let b = ctx.b;
        let mut found = Vec::new();
        for m in ac.find_iter(text) {
            let (s, e) = (m.start(), m.end());
            let left_ok = s == 0 || !(is_word_byte(b[s - 1]) && is_word_byte(b[s]));
            let right_ok = e >= b.len() || !(is_word_byte(b[e]) && is_word_byte(b[e - 1]));
            if left_ok && right_ok {
                found.push((s, e));
            }
        }
        for (s, e) in found {
            ctx.push(
                s,
                e,
                SpanType::ChildName,
                "Your local authority has asked for this term to be kept out of posts.",
                "[removed]",
            );
        }
    }
    if let Some(remembered) = remembered {
        names::recall_remembered(&mut ctx, remembered);
    }
    let mut toks = std::mem::take(&mut ctx.toks);
    if toks.capacity() <= 1 << 20 {
        toks.clear();
        TOKS.with(|c| c.set(toks));
    }
    finish(original, &norm, ctx.out)
}

/// The post reader's slots for `original`, as the name model reads them (for training).
pub(super) fn post_reader_slots(filter: &Filter, original: &str) -> Vec<u32> {
    let norm = Normalised::new(original);
    let mut toks = Vec::new();
    tokenise(&norm.text, &filter.lex, &mut toks);
    let mut slots = Vec::new();
    names::reader_slots(&toks, |s| slots.push(s));
    slots
}

thread_local! {
    /// Token buffer reused across scans on the same thread (no allocation per scan or token).
    static TOKS: Cell<Vec<Tok>> = const { Cell::new(Vec::new()) };
}

fn priority(k: SpanType) -> u8 {
    match k {
        SpanType::Upn
        | SpanType::Uln
        | SpanType::NhsNumber
        | SpanType::ChiNumber
        | SpanType::Scn => 9,
        SpanType::Email => 8,
        SpanType::DateOfBirth => 7,
        SpanType::Phone => 6,
        SpanType::Postcode => 5,
        SpanType::HomeAddress => 4,
        SpanType::ChildName => 3,
        SpanType::Quasi => 1,
    }
}

fn finish(original: &str, norm: &Normalised<'_>, mut raw: Vec<RawFinding>) -> Scan {
    // Keep the highest-priority, then longest, of overlapping findings.
    raw.sort_by(|a, b| {
        priority(b.kind)
            .cmp(&priority(a.kind))
            .then((b.e - b.s).cmp(&(a.e - a.s)))
            .then(a.s.cmp(&b.s))
    });
    // keep in place: `raw[..kept]` holds what survives
    let mut kept = 0;
    if raw.len() <= 32 {
        for r in 0..raw.len() {
            let (s, e) = (raw[r].s, raw[r].e);
            if raw[..kept].iter().all(|k| e <= k.s || s >= k.e) {
                raw.swap(kept, r);
                kept += 1;
            }
        }
    } else {
        // a long text with many findings: mark covered bytes instead of comparing every
        // pair, so the time stays linear
        let mut covered = vec![false; norm.text.len()];
        for r in 0..raw.len() {
            let span = &mut covered[raw[r].s.min(raw[r].e)..raw[r].e.min(norm.text.len())];
            if !span.iter().any(|&c| c) {
                span.fill(true);
                raw.swap(kept, r);
                kept += 1;
            }
        }
    }
    raw.truncate(kept);
    let mut kept = raw;
    kept.sort_by_key(|r| r.s);
    // Map to original byte offsets, then characters.
    let mut findings: Vec<Finding> = Vec::with_capacity(kept.len());
    let mut names: Vec<(usize, usize)> = Vec::new();
    let mut names_by_key: std::collections::HashMap<Vec<char>, usize> = Default::default();
    let mut chars_seen = 0usize;
    let mut bytes_seen = 0usize;
    // labels the writer has already used for other pupils ("Pupil A and Bilal…"), found when
    // a name first needs one
    let mut taken: Option<LabelsTaken> = None;
    for r in kept {
        let (bs, be) = norm.to_original(original, r.s, r.e);
        if be <= bs
            || be > original.len()
            || !original.is_char_boundary(bs)
            || !original.is_char_boundary(be)
        {
            continue;
        }
        if let Some(prev) = findings.last() {
            if bs < prev.byte_end {
                continue;
            }
        }
        chars_seen += original[bytes_seen..bs].chars().count();
        let start = chars_seen;
        let end = start + original[bs..be].chars().count();
        chars_seen = end;
        bytes_seen = be;
        let read_as_a_name = r.kind == SpanType::ChildName && r.suggestion.is_empty();
        let suggestion = if read_as_a_name {
            // the same child gets the same label each time ("Amira", "amira's" -> Pupil A)
            let name = &original[bs..be];
            let found = if names.len() <= 32 {
                names
                    .iter()
                    .position(|&(s, e)| same_name(&original[s..e], name))
            } else {
                // many different names (a long text): look them up by key, not one by one
                if names_by_key.is_empty() {
                    for (k, &(s, e)) in names.iter().enumerate() {
                        names_by_key.entry(name_key(&original[s..e])).or_insert(k);
                    }
                }
                names_by_key.get(&name_key(name)).copied()
            };
            let idx = match found {
                Some(p) => p,
                None => {
                    names.push((bs, be));
                    if !names_by_key.is_empty() || names.len() > 33 {
                        names_by_key.insert(name_key(name), names.len() - 1);
                    }
                    names.len() - 1
                }
            };
            taken
                .get_or_insert_with(|| LabelsTaken::in_text(original))
                .label(idx)
        } else {
            r.suggestion
        };
        findings.push(Finding {
            start,
            end,
            byte_start: bs,
            byte_end: be,
            kind: r.kind,
            reason: r.reason,
            suggestion,
            // (only a name the filter read; an authority's blocked word, which comes with its
            // own suggestion, has no way round it)
            hint: if read_as_a_name {
                super::NOT_A_PUPIL
            } else {
                ""
            },
        });
    }
    let verdict = if findings.iter().any(|f| f.kind.is_direct()) {
        Verdict::Block
    } else if findings.is_empty() {
        Verdict::Allow
    } else {
        Verdict::Hold
    };
    Scan { verdict, findings }
}

const LABELS: [&str; 24] = [
    "Pupil A", "Pupil B", "Pupil C", "Pupil D", "Pupil E", "Pupil F", "Pupil G", "Pupil H",
    "Pupil J", "Pupil K", "Pupil L", "Pupil M", "Pupil N", "Pupil P", "Pupil Q", "Pupil R",
    "Pupil S", "Pupil T", "Pupil U", "Pupil V", "Pupil W", "Pupil X", "Pupil Y", "Pupil Z",
];

/// The labels ("Pupil A", "Pupil 25") a text already uses, so the pupils still named in it get
/// others: "Pupil A and Bilal" must not become "Pupil A and Pupil A".
struct LabelsTaken {
    /// Bit `k` set: `LABELS[k]` is in the text.
    letters: u32,
    /// The numbers after "Pupil " in the text.
    numbers: Vec<usize>,
}

impl LabelsTaken {
    fn in_text(text: &str) -> LabelsTaken {
        let mut taken = LabelsTaken {
            letters: 0,
            numbers: Vec::new(),
        };
        let b = text.as_bytes();
        let mut at = 0;
        while let Some(k) = text[at..].find("upil ") {
            let s = at + k;
            at = s + 5;
            if s == 0
                || !b[s - 1].eq_ignore_ascii_case(&b'p')
                || (s >= 2 && b[s - 2].is_ascii_alphanumeric())
            {
                continue;
            }
            let rest = &b[at..];
            let len = rest
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            let word = &rest[..len];
            if let [c @ b'A'..=b'Z'] = word {
                if let Some(i) = LABELS.iter().position(|l| l.as_bytes()[6] == *c) {
                    taken.letters |= 1 << i;
                }
            } else if !word.is_empty() && word.len() <= 6 && word.iter().all(u8::is_ascii_digit) {
                taken
                    .numbers
                    .push(std::str::from_utf8(word).map_or(0, |w| w.parse().unwrap_or(0)));
            }
        }
        taken
    }

    /// The label for the `n`th different pupil named in the text: the `n`th not taken.
    fn label(&self, n: usize) -> Cow<'static, str> {
        // (the labels never run out, so `nth` always finds one)
        let k = (0..)
            .filter(|&k| match LABELS.get(k) {
                Some(_) => self.letters & (1 << k) == 0,
                None => !self.numbers.contains(&(k + 1)),
            })
            .nth(n)
            .unwrap_or(n);
        match LABELS.get(k) {
            Some(l) => Cow::Borrowed(l),
            None => Cow::Owned(format!("Pupil {}", k + 1)),
        }
    }
}

/// A name with case and punctuation dropped: "Amira's" and "amira" share one.
fn name_key(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Do two spans name the same person, ignoring case and punctuation?
fn same_name(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        let mut x = a.bytes().filter(u8::is_ascii_alphanumeric);
        let mut y = b.bytes().filter(u8::is_ascii_alphanumeric);
        loop {
            match (x.next(), y.next()) {
                (None, None) => return true,
                (Some(p), Some(q)) if p.eq_ignore_ascii_case(&q) => {}
                _ => return false,
            }
        }
    }
    name_key(a) == name_key(b)
}
