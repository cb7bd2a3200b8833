//! The scanning engine: normalise, tokenise once, attach gazetteer and cue flags, run the
//! detectors over the token stream, resolve overlaps and map spans back to the original text.

use super::lexicon::*;
use super::normalise::Normalised;
use super::{ids, CompiledRules, Filter, Finding, Scan, SpanType, Strictness, Verdict};
use std::borrow::Cow;
use std::cell::Cell;

// Shapes
pub(super) const LOWER: u8 = 1;
pub(super) const CAP: u8 = 2;
pub(super) const UPPER: u8 = 3;
pub(super) const SINGLE: u8 = 4;
pub(super) const DIGIT: u8 = 5;
pub(super) const ALNUM: u8 = 6;
pub(super) const OTHER: u8 = 7;

// Gap bits: what lies between the previous token and this one.
pub(super) const G_DOT: u16 = 1;
pub(super) const G_EXCL: u16 = 1 << 1;
pub(super) const G_NL: u16 = 1 << 2;
pub(super) const G_COMMA: u16 = 1 << 3;
pub(super) const G_OPEN: u16 = 1 << 4;
pub(super) const G_CLOSE: u16 = 1 << 5;
pub(super) const G_COLON: u16 = 1 << 6;
pub(super) const G_SPACE: u16 = 1 << 7;
pub(super) const G_HYPHEN: u16 = 1 << 8;
pub(super) const G_SLASH: u16 = 1 << 9;
pub(super) const G_OTHER: u16 = 1 << 10;
pub(super) const G_QUOTE: u16 = 1 << 11;
pub(super) const G_AT: u16 = 1 << 12;
pub(super) const G_SEMI: u16 = 1 << 13;

#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Tok {
    pub s: u32,
    pub e: u32,
    pub f: u64,
    pub gap: u16,
    pub gap_len: u16,
    pub shape: u8,
    pub poss: bool,
    /// Starts a sentence.
    pub sent: bool,
    pub sid: u32,
}

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
    pub family_ctx: bool,
    pub strict: Strictness,
    pub out: Vec<RawFinding>,
}

impl Ctx<'_> {
    #[inline]
    pub fn word(&self, i: usize) -> &str {
        let t = &self.toks[i];
        &self.text[t.s as usize..t.e as usize]
    }

    #[inline]
    pub fn is(&self, i: usize, w: &str) -> bool {
        i < self.toks.len() && self.word(i).eq_ignore_ascii_case(w)
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

#[inline]
fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric()
}

/// Splits normalised text into word and number tokens, recording what separates them.
fn tokenise(text: &str, toks: &mut Vec<Tok>) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut gap: u16 = 0;
    let mut gap_start = 0;
    while i < n {
        let c = b[i];
        let (is_word, clen) = if c < 0x80 {
            (is_word_byte(c), 1)
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            (ch.is_alphanumeric(), ch.len_utf8())
        };
        if !is_word {
            gap |= match c {
                b'.' => G_DOT,
                b'!' | b'?' => G_EXCL,
                b'\n' | b'\r' => G_NL,
                b',' => G_COMMA,
                b'(' | b'[' | b'{' => G_OPEN,
                b')' | b']' | b'}' => G_CLOSE,
                b':' => G_COLON,
                b';' => G_SEMI,
                b' ' | b'\t' => G_SPACE,
                b'-' => G_HYPHEN,
                b'/' => G_SLASH,
                b'"' | b'\'' => G_QUOTE,
                b'@' => G_AT,
                _ => G_OTHER,
            };
            i += clen;
            continue;
        }
        // a token starts
        let s = i;
        let mut has_digit = false;
        let mut has_alpha = false;
        let mut has_lower = false;
        let mut has_upper = false;
        let mut first_upper = false;
        let mut non_ascii = false;
        let mut poss = false;
        let mut len_chars = 0u32;
        while i < n {
            let c = b[i];
            if c < 0x80 {
                if c.is_ascii_digit() {
                    has_digit = true;
                } else if c.is_ascii_lowercase() {
                    has_alpha = true;
                    has_lower = true;
                } else if c.is_ascii_uppercase() {
                    has_alpha = true;
                    has_upper = true;
                    if len_chars == 0 {
                        first_upper = true;
                    }
                } else if c == b'\'' && i + 1 < n && b[i + 1].is_ascii_alphabetic() && has_alpha {
                    // possessive 's / s' or an apostrophe inside a word (O'Brien, don't)
                    let next = b[i + 1];
                    let after = b.get(i + 2).copied().unwrap_or(b' ');
                    if (next == b's' || next == b'S') && !after.is_ascii_alphanumeric() {
                        poss = true;
                        break;
                    }
                    i += 1;
                    continue;
                } else {
                    break;
                }
                i += 1;
            } else {
                let ch = text[i..].chars().next().unwrap_or(' ');
                if !ch.is_alphanumeric() {
                    break;
                }
                has_alpha = true;
                non_ascii = true;
                if ch.is_uppercase() {
                    has_upper = true;
                    if len_chars == 0 {
                        first_upper = true;
                    }
                } else if ch.is_lowercase() {
                    has_lower = true;
                }
                i += ch.len_utf8();
            }
            len_chars += 1;
        }
        let e = i;
        let shape = if has_digit && !has_alpha {
            DIGIT
        } else if has_digit {
            ALNUM
        } else if non_ascii && !has_upper && !has_lower {
            OTHER
        } else if first_upper && len_chars == 1 {
            SINGLE
        } else if has_upper && !has_lower {
            UPPER
        } else if first_upper {
            CAP
        } else {
            LOWER
        };
        if gap_start == 0 && s == 0 {
            gap = 0;
        }
        toks.push(Tok {
            s: s as u32,
            e: e as u32,
            f: 0,
            gap,
            gap_len: (s - gap_start).min(u16::MAX as usize) as u16,
            shape,
            poss,
            sent: false,
            sid: 0,
        });
        if poss {
            i += 2; // skip 's
        }
        gap = 0;
        gap_start = i;
    }
}

fn attach_flags(filter: &Filter, rules: &CompiledRules, ctx: &mut Ctx<'_>) {
    let lex = &filter.lex;
    let b = ctx.b;
    for i in 0..ctx.toks.len() {
        let t = ctx.toks[i];
        let w = &ctx.text[t.s as usize..t.e as usize];
        let v = lex.lookup(w);
        let f = v & FLAG_MASK;
        ctx.toks[i].f |= if t.shape == DIGIT { f & PHRASE } else { f };
        if f & PHRASE != 0 {
            if let Some((e, pf)) = lex.phrase_at(b, t.s as usize, v) {
                let mut k = i;
                while k < ctx.toks.len() && (ctx.toks[k].s as usize) < e {
                    ctx.toks[k].f |= pf;
                    k += 1;
                }
            }
        }
    }
    let mark = |ctx: &mut Ctx<'_>, s: usize, e: usize, f: u64| {
        if (s > 0 && is_word_byte(b[s - 1]) && is_word_byte(b[s]))
            || (e < b.len() && is_word_byte(b[e]) && is_word_byte(b[e - 1]))
        {
            return;
        }
        let a = ctx.tok_at(s);
        let mut k = a;
        while k < ctx.toks.len() && (ctx.toks[k].s as usize) < e {
            ctx.toks[k].f |= f;
            k += 1;
        }
    };
    if let Some(ac) = &rules.not_pupils {
        for m in ac.find_iter(ctx.text) {
            mark(ctx, m.start(), m.end(), ENTITY);
        }
    }
    // sentences, class references
    let n = ctx.toks.len();
    let mut sid = 0;
    for i in 0..n {
        let t = ctx.toks[i];
        let prev_abbrev = i > 0 && {
            let p = ctx.toks[i - 1];
            p.f & TITLE != 0 || p.shape == SINGLE || (p.shape == DIGIT && t.shape == DIGIT)
        };
        let sent = i == 0
            || t.gap & (G_EXCL | G_NL) != 0
            || (t.gap & G_DOT != 0 && t.gap & G_SPACE != 0 && !prev_abbrev);
        if sent && i > 0 {
            sid += 1;
        }
        ctx.toks[i].sent = sent;
        ctx.toks[i].sid = sid;
    }
    for i in 0..n {
        let t = ctx.toks[i];
        let w = ctx.word(i).as_bytes();
        let mut cref = false;
        match t.shape {
            ALNUM => {
                // Y3, Yr3, P4, S2, 4C, 10B, 6JW
                let digits_end = w
                    .iter()
                    .position(|c| !c.is_ascii_digit())
                    .unwrap_or(w.len());
                if digits_end > 0 && digits_end <= 2 {
                    let rest = &w[digits_end..];
                    if !rest.is_empty()
                        && rest.len() <= 3
                        && rest.iter().all(|c| c.is_ascii_uppercase())
                        && !matches!(
                            rest,
                            b"ST"
                                | b"ND"
                                | b"RD"
                                | b"TH"
                                | b"AM"
                                | b"PM"
                                | b"KG"
                                | b"CM"
                                | b"MM"
                                | b"KM"
                                | b"MB"
                                | b"GB"
                                | b"G"
                        )
                    {
                        cref = true;
                    }
                } else if digits_end == 0 {
                    let letters = w.iter().take_while(|c| c.is_ascii_alphabetic()).count();
                    let prefix = &w[..letters];
                    let num = &w[letters..];
                    if num.iter().all(|c| c.is_ascii_digit()) && !num.is_empty() && num.len() <= 2 {
                        let v: u32 = num.iter().fold(0, |a, c| a * 10 + u32::from(c - b'0'));
                        let p = prefix.to_ascii_lowercase();
                        cref = match p.as_slice() {
                            b"y" | b"yr" | b"year" => (1..=13).contains(&v),
                            b"p" => (1..=7).contains(&v),
                            b"s" => (1..=6).contains(&v) && prefix[0] == b'S',
                            _ => false,
                        };
                    }
                }
            }
            _ => {
                if t.f & CLASSWORD != 0 {
                    let text = ctx.text;
                    let lw = &text[t.s as usize..t.e as usize];
                    let is_w = |x: &str| lw.eq_ignore_ascii_case(x);
                    if is_w("reception") || is_w("nursery") {
                        cref = t.shape == CAP
                            || ctx.toks.get(i + 1).is_some_and(|n| n.f & CLASSWORD != 0);
                    } else if i + 1 < n {
                        let nt = ctx.toks[i + 1];
                        let nw = ctx.word(i + 1).as_bytes();
                        let num_ok = (nt.shape == DIGIT && nw.len() <= 2)
                            || nt.f & NUMWORD != 0
                            || (nt.shape == ALNUM && nw.len() <= 3 && nw[0].is_ascii_digit());
                        if num_ok && (is_w("year") || is_w("yr") || is_w("class") || is_w("yrs")) {
                            cref = true;
                            ctx.toks[i + 1].f |= CLASSREF;
                        }
                    }
                    // "Oak class", "Hedgehogs Class"
                    if (is_w("class") || is_w("group"))
                        && i > 0
                        && ctx.toks[i - 1].shape == CAP
                        && !ctx.toks[i - 1].sent
                        && ctx.toks[i - 1].f & (STOP | CLASSWORD | MONTH | SCHOOL_GENERIC) == 0
                    {
                        cref = true;
                        ctx.toks[i - 1].f |= CLASSREF;
                    }
                }
            }
        }
        if cref {
            ctx.toks[i].f |= CLASSREF;
        }
    }
    let mut child = 0;
    let mut fam = false;
    for t in &ctx.toks {
        if t.f & (CHILD | SEN | CLASSREF | BEHAV_STRONG | CLASSWORD) != 0 {
            child += 1;
        }
        if t.f & FAMILY != 0 {
            child += 1;
            fam = true;
        }
    }
    ctx.child_ctx = child;
    ctx.family_ctx = fam;
}

/// Scans text. Never panics on any input (the public wrapper also catches panics).
pub(super) fn scan(filter: &Filter, original: &str, rules: &CompiledRules) -> Scan {
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
        family_ctx: false,
        strict: rules.strictness,
        out: Vec::new(),
    };
    tokenise(text, &mut ctx.toks);
    attach_flags(filter, rules, &mut ctx);

    ids::detect_numbers(&mut ctx);
    ids::detect_emails(&mut ctx);
    ids::detect_dates(&mut ctx);
    ids::detect_postcodes_addresses(&mut ctx);
    let school_toks = ids::detect_quasi(&mut ctx);
    detect_names(&mut ctx, &school_toks);
    detect_initials(&mut ctx);
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
    let mut toks = std::mem::take(&mut ctx.toks);
    if toks.capacity() <= 1 << 20 {
        toks.clear();
        TOKS.with(|c| c.set(toks));
    }
    finish(original, &norm, ctx.out)
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
    let mut kept: Vec<RawFinding> = Vec::with_capacity(raw.len());
    for r in raw {
        if kept.iter().all(|k| r.e <= k.s || r.s >= k.e) {
            kept.push(r);
        }
    }
    kept.sort_by_key(|r| r.s);
    // Map to original byte offsets, then characters.
    let mut findings: Vec<Finding> = Vec::with_capacity(kept.len());
    let mut names: Vec<(String, String)> = Vec::new();
    let mut chars_seen = 0usize;
    let mut bytes_seen = 0usize;
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
        let suggestion = if r.kind == SpanType::ChildName && r.suggestion.is_empty() {
            let key: String = original[bs..be]
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            let idx = match names.iter().position(|(k, _)| *k == key) {
                Some(p) => p,
                None => {
                    let label = pupil_label(names.len());
                    names.push((key, label));
                    names.len() - 1
                }
            };
            names[idx].1.clone()
        } else {
            r.suggestion.into_owned()
        };
        findings.push(Finding {
            start,
            end,
            byte_start: bs,
            byte_end: be,
            kind: r.kind,
            reason: r.reason.into_owned(),
            suggestion,
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

fn pupil_label(n: usize) -> String {
    const L: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    if n < L.len() {
        format!("Pupil {}", L[n] as char)
    } else {
        format!("Pupil {}", n + 1)
    }
}

// ---------------------------------------------------------------------------------------
// Names

/// Very common English words that are also given names: these need clear context.
pub(super) const HIGHFREQ: &[&str] = &[
    "will", "may", "hope", "grace", "mark", "bill", "rose", "summer", "june", "april", "august",
    "faith", "joy", "art", "sky", "rain", "river", "guy", "frank", "dawn", "eve", "max", "ray",
    "rob", "pat", "sue", "don", "dean", "drew", "chase", "hunter", "penny", "sandy", "victor",
    "carol", "robin", "sunny", "star", "storm", "angel", "baker", "cook", "cooper", "carter",
    "mason", "miles", "king", "young", "long", "white", "brown", "green", "black", "hill", "wood",
    "park", "lane", "price", "bell", "rich", "jack", "nick", "ben", "tom", "kit", "joy", "happy",
    "honey", "lucky", "amber", "ruby", "jade", "holly", "ivy", "lily", "daisy", "poppy", "iris",
    "heather", "hazel", "violet", "olive", "pearl", "crystal", "blessing", "precious", "patience",
    "mercy", "charity", "destiny", "harmony", "melody", "autumn", "winter", "spring", "sage",
    "peace", "justice", "noble", "earl", "duke", "prince", "major", "rocky", "sonny", "buddy",
    "jay", "wren", "lark", "fox", "wolf", "bear", "hart", "stone", "ford", "field", "marsh",
    "reading", "doctor", "page", "parsons", "day", "best", "bright", "gay", "mo", "ali", "eden",
    "rowan", "brook", "glen", "cliff", "dale", "heath", "misty", "candy", "bunny", "cherry",
    "ginger", "coco", "kitty", "dolly", "polly", "bob", "billy", "jimmy", "harry", "bobby",
    "peter", "john", "jenny", "tiger", "jet", "ash", "bo", "ha", "rick", "terry", "lance", "neil",
    "ken", "chad", "chip", "biff", "floppy", "kipper", "sam", "abbey", "millie",
];

/// Base evidence (in half-points) that token `i` is a personal name at all.
fn name_base(ctx: &Ctx<'_>, i: usize) -> Option<i32> {
    let t = ctx.toks[i];
    let f = t.f;
    if f & (STOP | TITLE | ACRONYM | ENTITY | MONTH | CLASSREF | NUMWORD | RARE) != 0 {
        return None;
    }
    if matches!(t.shape, DIGIT | ALNUM | OTHER | SINGLE) {
        return None;
    }
    let w = ctx.word(i);
    let len = w.len();
    let given = f & GIVEN != 0;
    let surname = f & SURNAME != 0;
    let word = f & WORD != 0;
    let place = f & PLACE != 0;
    let cue = f
        & (ROLE
            | CHILD
            | FAMILY
            | SEN
            | BIRTH
            | HOME
            | SCHOOL_SFX
            | STREET
            | GREETING
            | AUTHOR
            | PRONOUN
            | DETERMINER
            | IN_PREP
            | BEHAV
            | BEHAV_STRONG
            | CLASSWORD
            | VENUE
            | PUBLIC)
        != 0;
    match t.shape {
        CAP => {
            if given && !word && !place {
                Some(4)
            } else if given && f & super::lexicon::HIGHFREQ == 0 && !cue {
                Some(if t.sent { 2 } else { 4 })
            } else if given {
                Some(if t.sent { 0 } else { 3 })
            } else if surname && !word && !place && !cue {
                Some(if t.sent { 1 } else { 2 })
            } else if surname
                || (!word
                    && !place
                    && !cue
                    && len >= 3
                    && w.bytes().all(|c| c.is_ascii_alphabetic() || c == b'\'')
                    && (!w.contains('\'')
                        || (w.as_bytes()[1] == b'\'' && w.as_bytes()[2].is_ascii_uppercase())))
            {
                Some(if t.sent { -2 } else { 1 })
            } else {
                None
            }
        }
        LOWER | UPPER => {
            if given && !word && !place && !cue && len >= 3 && f & super::lexicon::HIGHFREQ == 0 {
                Some(0)
            } else {
                None
            }
        }
        _ => None,
    }
}

fn same_sent(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    ctx.toks[a].sid == ctx.toks[b].sid
}

/// Is there an adult cue (title, role, author, relationship, greeting, sign-off)?
fn adult_reason(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    let n = ctx.toks.len();
    // title before: "Mrs Khan", "Dr. Patel", "Queen Victoria"
    if a > 0 {
        let p = ctx.toks[a - 1];
        if p.f & TITLE != 0
            && (p.shape == CAP
                || p.shape == UPPER
                || ctx.is(a - 1, "mr")
                || ctx.is(a - 1, "mrs")
                || ctx.is(a - 1, "ms")
                || ctx.is(a - 1, "dr"))
        {
            return true;
        }
    }
    // role, author or adult relationship just before: "our SENCO Priya", "colleague Sam",
    // "author Julia", "my husband Dave"
    let mut k = a;
    let mut steps = 0;
    while k > 0 && steps < 4 {
        k -= 1;
        steps += 1;
        if !(same_sent(ctx, k, a) || (ctx.toks[a].gap & G_COLON != 0 && k + 1 == a)) {
            break;
        }
        let f = ctx.toks[k].f;
        if f & (ROLE | AUTHOR | ADULT_REL) != 0 && f & CHILD == 0 {
            return true;
        }
        if ctx.is(k, "by") && k > 0 && ctx.toks[k - 1].f & (AUTHOR | BOOKCUE) != 0 {
            return true;
        }
        if f & (CONNECT | DETERMINER) == 0 {
            break;
        }
    }
    if a >= 2 && ctx.is(a - 1, "to") && ctx.toks[a - 2].f & GREETING != 0 {
        return true;
    }
    if a >= 2
        && ctx.is(a - 1, "by")
        && [
            "led",
            "run",
            "delivered",
            "presented",
            "written",
            "illustrated",
            "hosted",
            "organised",
            "organized",
            "given",
            "taught",
            "funded",
            "chaired",
            "read",
            "narrated",
            "recommended",
        ]
        .iter()
        .any(|w| ctx.is(a - 2, w))
    {
        return true;
    }
    // "I'm Sam", "my name is Sam"
    if a >= 1 && (ctx.is(a - 1, "i'm") || ctx.is(a - 1, "im")) {
        return true;
    }
    if a >= 2 && ctx.is(a - 1, "am") && ctx.is(a - 2, "i") {
        return true;
    }
    if a >= 3 && ctx.is(a - 1, "is") && ctx.is(a - 2, "name") && ctx.is(a - 3, "my") {
        return true;
    }
    // role after: "Sarah, our SENCO", "Gareth at the local authority office", "Jo (ELSA)"
    if !ctx.toks[b].poss {
        let mut k = b + 1;
        let mut steps = 0;
        let apposition = k < n && ctx.toks[k].gap & (G_COMMA | G_OPEN) != 0;
        let mut after_prep = false;
        while k < n && steps < 5 && same_sent(ctx, k, b) {
            let tk = ctx.toks[k];
            let f = tk.f;
            if f & (ROLE | AUTHOR) != 0 && f & CHILD == 0 {
                return true;
            }
            if f & ADULT_VERB != 0 && steps == 0 {
                return true;
            }
            // "Matilda by Roald Dahl": a title followed by its author
            if steps == 0
                && ctx.is(k, "by")
                && k + 1 < n
                && (ctx.toks[k + 1].f & ENTITY != 0
                    || ctx.toks[k + 1].shape == CAP && ctx.toks[k + 2.min(n - k - 1)].shape == CAP)
            {
                return true;
            }
            if ctx.is(k, "from") || ctx.is(k, "at") {
                after_prep = true;
            }
            let passable = f & (CONNECT | DETERMINER | IN_PREP) != 0
                || apposition
                || (after_prep && matches!(tk.shape, CAP | UPPER) && f & CLASSREF == 0);
            if !passable || f & CLASSREF != 0 {
                break;
            }
            k += 1;
            steps += 1;
        }
    } else if b + 1 < n
        && ctx.toks[b + 1].f & (AUTHOR | BOOKCUE) != 0
        && ctx.toks[b + 1].f & CHILD == 0
    {
        // "Julia Donaldson's books"
        let w = ctx.word(b + 1).to_ascii_lowercase();
        if w != "reading" {
            return true;
        }
    }
    // greeting to a forum member: "Hi Priya," at the start of a line, or "Priya, thanks"
    let line_start = ctx.toks[a].gap & G_NL != 0 || a == 0;
    if a > 0
        && ctx.toks[a - 1].f & GREETING != 0
        && (ctx.toks[a - 1].gap & G_NL != 0 || a == 1 || ctx.toks[a - 1].sent)
    {
        return true;
    }
    if line_start
        && b + 1 < n
        && ctx.toks[b + 1].gap & (G_COMMA | G_EXCL) != 0
        && ctx.toks[b + 1].gap & G_NL == 0
    {
        // "Priya, ..." opening a post: addressing someone
        let next = ctx.toks[b + 1].f;
        if next & (GREETING | PRONOUN) != 0
            || ctx.is(b + 1, "i")
            || ctx.is(b + 1, "thanks")
            || ctx.is(b + 1, "that")
            || ctx.is(b + 1, "this")
            || ctx.is(b + 1, "great")
            || ctx.is(b + 1, "yes")
            || ctx.is(b + 1, "we")
        {
            return true;
        }
    }
    if a > 0 && ctx.toks[a].gap & G_AT != 0 {
        return true;
    }
    // sign-off: the name ends the post ("Thanks, Jo x")
    let mut tail = b + 1;
    while tail < n && ctx.toks[tail].f & SIGNOFF != 0 {
        tail += 1;
    }
    if tail >= n
        && (ctx.toks[a].gap & (G_NL | G_COMMA) != 0
            || (a > 0 && ctx.toks[a - 1].f & SIGNOFF != 0)
            || ctx.toks[a].gap & G_HYPHEN != 0)
    {
        return true;
    }
    false
}

/// Evidence (in half-points) from context that the name is a child's.
fn child_evidence(ctx: &Ctx<'_>, a: usize, b: usize) -> (i32, &'static str) {
    let n = ctx.toks.len();
    let mut strong = 0;
    let mut medium = 0;
    let mut why: &'static str = "";
    // before the name
    let mut k = a;
    let mut steps = 0;
    while k > 0 && steps < 3 {
        k -= 1;
        steps += 1;
        if !same_sent(ctx, k, a) {
            break;
        }
        let f = ctx.toks[k].f;
        if f & NAME_SLOT != 0 {
            strong += 1;
            why = "it follows \u{201c}called\u{201d} or \u{201c}named\u{201d}";
        } else if f & CHILD != 0 {
            strong += 1;
            why = "it is next to a word for a child or pupil";
        } else if f & CLASSREF != 0 && steps == 1 {
            strong += 1;
            why = "it is next to a year group or class";
        } else if f & (FAMILY | SEN) != 0 && steps <= 2 {
            medium += 1;
        }
    }
    // after the name
    let t = ctx.toks[b];
    if t.poss && b + 1 < n {
        let f = ctx.toks[b + 1].f;
        if f & (FAMILY | CHILD | SEN | ROLE | BEHAV_STRONG | CLASSWORD) != 0 {
            strong += 1;
            why = "it is a possessive before a family, class or support word";
        } else {
            medium += 1;
        }
    }
    let mut k = b + 1;
    let mut steps = 0;
    let mut saw_in = false;
    while k < n && steps < 6 && same_sent(ctx, k, b) {
        let tk = ctx.toks[k];
        let f = tk.f;
        if f & IN_PREP != 0 {
            saw_in = true;
        }
        if f & CLASSREF != 0 && (saw_in || tk.gap & (G_OPEN | G_COMMA) != 0 || steps == 0) {
            strong += 1;
            why = "it comes with a year group or class";
            break;
        }
        if f & BEHAV_STRONG != 0 && steps <= 3 {
            strong += 1;
            why = "it comes with a description of a child's behaviour";
        } else if f & BEHAV != 0 && steps <= 2 {
            medium += 1;
        }
        if f & CHILD != 0 && steps <= 3 {
            medium += 1;
        }
        // age: "Sam (7)", "Sam, 7,", "Sam is 7", "Sam aged 7"
        if tk.shape == DIGIT && steps <= 2 {
            let w = ctx.word(k).as_bytes();
            if w.len() <= 2 {
                let v: u32 = w.iter().fold(0, |a, c| a * 10 + u32::from(c - b'0'));
                let prev_age = ctx.toks[k - 1].f & AGE != 0
                    || ctx.is(k - 1, "is")
                    || ctx.is(k - 1, "turned")
                    || ctx.is(k - 1, "turns");
                if (2..=18).contains(&v) && (tk.gap & (G_OPEN | G_COMMA) != 0 || prev_age) {
                    strong += 1;
                    why = "it comes with a child's age";
                }
            }
        }
        k += 1;
        steps += 1;
    }
    // wider window in the same sentence
    if medium == 0 && strong == 0 {
        let lo = a.saturating_sub(6);
        let hi = (b + 7).min(n);
        for k in lo..hi {
            if (k < a || k > b)
                && same_sent(ctx, k, a)
                && ctx.toks[k].f & (CHILD | FAMILY | SEN | CLASSREF | BEHAV_STRONG) != 0
            {
                medium += 1;
                break;
            }
        }
    }
    // "tips for Lily? She's in Year 1": the next sentence is about the same child
    if medium == 0 && strong == 0 {
        let mut k = b + 1;
        while k < n && same_sent(ctx, k, b) {
            k += 1;
        }
        if k < n && ctx.toks[k].f & PRONOUN != 0 {
            let sid = ctx.toks[k].sid;
            let mut j = k + 1;
            while j < n && ctx.toks[j].sid == sid && j < k + 8 {
                if ctx.toks[j].f & (CHILD | FAMILY | SEN | CLASSREF | BEHAV_STRONG | BEHAV) != 0 {
                    medium += 1;
                    break;
                }
                j += 1;
            }
        }
    }
    let score = match strong {
        0 => 0,
        1 => 4,
        _ => 6,
    } + if medium > 0 { 2 } else { 0 };
    if why.is_empty() {
        why = if medium > 0 {
            "it appears alongside words about a child"
        } else {
            "it appears in a post about pupils"
        };
    }
    (score, why)
}

fn detect_names(ctx: &mut Ctx<'_>, school_toks: &[(usize, usize)]) {
    let n = ctx.toks.len();
    let threshold = match ctx.strict {
        Strictness::Relaxed => 8,
        Strictness::Standard => 6,
        Strictness::Strict => 4,
    };
    let post = if ctx.child_ctx > 0 { 2 } else { 0 };
    let in_school = |i: usize| school_toks.iter().any(|&(s, e)| i >= s && i <= e);
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    let mut i = 0;
    while i < n {
        let Some(base) = name_base(ctx, i) else {
            i += 1;
            continue;
        };
        if in_school(i) {
            i += 1;
            continue;
        }
        // extend over a following surname or second name: "Amelia Kowalska", "Mary-Jane"
        let a = i;
        let mut b = i;
        let mut best = base;
        let mut full = false;
        while b + 1 < n && !ctx.toks[b].poss {
            let nt = ctx.toks[b + 1];
            let gap_ok = (nt.gap == G_SPACE || nt.gap == G_HYPHEN) && nt.gap_len == 1;
            if !gap_ok || ctx.toks[a].shape != nt.shape || in_school(b + 1) {
                break;
            }
            match name_base(ctx, b + 1) {
                Some(nb) if nt.f & (SURNAME | GIVEN) != 0 || nb >= 1 => {
                    best = best.max(nb);
                    if nt.f & SURNAME != 0 {
                        full = true;
                    }
                    b += 1;
                }
                _ => break,
            }
            if b - a >= 2 {
                break;
            }
        }
        i = b + 1;
        if (a..=b).any(|k| ctx.toks[k].f & ENTITY != 0) {
            continue;
        }
        // "Oak class" / "Hedgehogs group": a class name, not a child
        if b + 1 < n && (ctx.is(b + 1, "class") || ctx.is(b + 1, "group")) && !ctx.toks[b].poss {
            continue;
        }
        // anonymised forms like "Pupil A" are handled elsewhere; a name straight after a
        // school suffix, street word or month is part of something else
        if a > 0
            && ctx.toks[a - 1].f & (STREET | SCHOOL_SFX) != 0
            && ctx.toks[a - 1].shape == CAP
            && ctx.toks[a].gap == G_SPACE
        {
            continue;
        }
        if b + 1 < n
            && ctx.toks[b + 1].f & (STREET | SCHOOL_SFX) != 0
            && ctx.toks[b + 1].shape == CAP
            && !ctx.toks[b].poss
            && ctx.toks[b + 1].gap == G_SPACE
        {
            continue;
        }
        if adult_reason(ctx, a, b) {
            continue;
        }
        let (ev, why) = child_evidence(ctx, a, b);
        // subject of a sentence: "Grace has autism", "Will is in Year 4"
        let subject = ctx.toks[a].sent
            && b + 1 < n
            && (ctx.toks[b + 1].f & (BEHAV | BEHAV_STRONG) != 0
                || [
                    "has",
                    "is",
                    "was",
                    "had",
                    "gets",
                    "got",
                    "needs",
                    "can't",
                    "won't",
                    "keeps",
                    "loves",
                    "hates",
                    "did",
                    "does",
                    "will",
                    "would",
                    "struggles",
                    "finds",
                ]
                .iter()
                .any(|w| ctx.is(b + 1, w)));
        let score = i32::from(subject) * 2 + best + if full && b > a { 2 } else { 0 } + ev + post;
        if score >= threshold {
            found.push((a, b, format!("This looks like a pupil's name: {why}.")));
        }
    }
    for (a, b, reason) in found {
        let s = ctx.toks[a].s as usize;
        let e = ctx.toks[b].e as usize;
        ctx.push(s, e, SpanType::ChildName, reason, "");
    }
}

/// Initials with a class: "A.K. in 4C", "JB (Y5)", "J in Year 4".
fn detect_initials(ctx: &mut Ctx<'_>) {
    let n = ctx.toks.len();
    let mut found = Vec::new();
    let mut i = 0;
    while i < n {
        let t = ctx.toks[i];
        let w = ctx.word(i);
        let (a, mut b) = (i, i);
        let ok_start = match t.shape {
            SINGLE => w != "I",
            UPPER => {
                w.len() <= 3
                    && t.f & (ACRONYM | STOP | ROLE | SEN | CLASSWORD) == 0
                    && (w.len() == 2 || t.f & WORD == 0)
            }
            _ => false,
        };
        if !ok_start {
            i += 1;
            continue;
        }
        // A.K. / A. K.
        while t.shape == SINGLE
            && b + 1 < n
            && ctx.toks[b + 1].shape == SINGLE
            && ctx.toks[b + 1].gap & G_DOT != 0
            && ctx.toks[b + 1].gap_len <= 2
            && b - a < 2
        {
            b += 1;
        }
        i = b + 1;
        let dotted = b > a;
        // "Pupil A" and friends are already anonymised
        if a > 0 && ctx.toks[a - 1].f & (ANON | CHILD | TITLE) != 0 && !dotted && t.shape == SINGLE
        {
            continue;
        }
        if a > 0 && ctx.toks[a - 1].f & TITLE != 0 {
            continue;
        }
        // needs a class straight after: "in 4C", "(Y5)", "from Year 3"
        let mut k = b + 1;
        let mut steps = 0;
        let mut hit = false;
        while k < n && steps < 4 {
            let f = ctx.toks[k].f;
            if f & CLASSREF != 0 && (steps > 0 || ctx.toks[k].gap & (G_OPEN | G_COMMA) != 0) {
                hit = true;
                break;
            }
            if steps == 0 && ctx.toks[b].poss && f & FAMILY != 0 {
                hit = true;
                break;
            }
            if f & (IN_PREP | DETERMINER) == 0 {
                break;
            }
            k += 1;
            steps += 1;
        }
        if hit {
            let s = ctx.toks[a].s as usize;
            let mut e = ctx.toks[b].e as usize;
            if dotted && ctx.b.get(e) == Some(&b'.') {
                e += 1;
            }
            found.push((s, e));
        }
    }
    for (s, e) in found {
        ctx.push(
            s,
            e,
            SpanType::ChildName,
            "Initials together with a class can identify a pupil.",
            "",
        );
    }
}
