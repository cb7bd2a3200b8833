//! Tokens: the normalised text split once into words and numbers, each with its shape, what
//! separates it from the one before, and the gazetteer and cue flags the detectors read.

use super::engine::Ctx;
use super::lexicon::*;
use super::{CompiledRules, Filter};

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
    /// The word's fingerprint (its ASCII letters and digits, case folded), for the name model.
    pub fp: u64,
    /// The phrase list of the word, if it starts any (see `Lexicon::phrase_at`).
    pub list: u16,
    pub gap: u16,
    pub gap_len: u16,
    pub shape: u8,
    pub poss: bool,
    /// Starts a sentence.
    pub sent: bool,
    pub sid: u32,
}

#[inline]
pub(super) fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric()
}

// Byte classes for the tokeniser, looked up in one table instead of a chain of tests.
const K_GAP: u8 = 0;
const K_DIGIT: u8 = 1;
const K_LOWER: u8 = 2;
const K_UPPER: u8 = 3;
const K_APOS: u8 = 4;
const K_HIGH: u8 = 5;

const fn byte_kinds() -> [u8; 256] {
    let mut k = [K_GAP; 256];
    let mut c = 0;
    while c < 256 {
        k[c] = match c as u8 {
            b'0'..=b'9' => K_DIGIT,
            b'a'..=b'z' => K_LOWER,
            b'A'..=b'Z' => K_UPPER,
            b'\'' => K_APOS,
            0x80..=0xFF => K_HIGH,
            _ => K_GAP,
        };
        c += 1;
    }
    k
}

const fn gap_bits() -> [u16; 256] {
    let mut g = [G_OTHER; 256];
    let mut c = 0;
    while c < 256 {
        g[c] = match c as u8 {
            b'.' => G_DOT,
            b'!' | b'?' => G_EXCL,
            b'\n' | b'\r' => G_NL,
            b',' => G_COMMA,
            b'(' | b'[' | b'{' => G_OPEN,
            b')' | b']' | b'}' => G_CLOSE,
            b':' => G_COLON,
            b';' => G_SEMI,
            b' ' => G_SPACE,
            // (a tab parts the cells of a pasted table, as a comma parts a list)
            b'\t' => G_COMMA,
            b'-' => G_HYPHEN,
            b'/' => G_SLASH,
            b'"' | b'\'' => G_QUOTE,
            b'@' => G_AT,
            _ => G_OTHER,
        };
        c += 1;
    }
    g
}

static KIND: [u8; 256] = byte_kinds();
static GAP: [u16; 256] = gap_bits();
/// `1 << KIND[c]`, so the tokeniser's busiest loop tests and gathers a byte's kind in one step.
static KIND_BIT: [u8; 256] = {
    let mut k = [0; 256];
    let mut c = 0;
    while c < 256 {
        k[c] = 1 << KIND[c];
        c += 1;
    }
    k
};
const WORD_CHAR: u8 = (1 << K_DIGIT) | (1 << K_LOWER) | (1 << K_UPPER);
const ALPHA: u8 = (1 << K_LOWER) | (1 << K_UPPER);

/// Splits normalised text into word and number tokens, recording what separates them, and
/// looks each word up in the lexicon as it goes (the fingerprint is built from the bytes
/// already in hand, so the text is read once). `Tok::f` holds the word's flags and
/// `Tok::list` its phrase list.
/// Is the word before a name and an s no count, article or title, so the s is an owner's:
/// "kais mum", not "3 archies", "the Williams family" or "Mrs Adams dad"?
fn not_a_count_or_title(prev: Option<&Tok>) -> bool {
    prev.is_none_or(|p| p.shape != DIGIT && p.f & (NUMWORD | DETERMINER | TITLE) == 0)
}

pub(super) fn tokenise(text: &str, lex: &Lexicon, toks: &mut Vec<Tok>) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut gap: u16 = 0;
    let mut gap_start = 0;
    while i < n {
        let c = b[i];
        let k = KIND[c as usize];
        if k == K_GAP || k == K_APOS {
            gap |= GAP[c as usize];
            i += 1;
            continue;
        }
        let mut first_upper = k == K_UPPER;
        if k == K_HIGH {
            let ch = text[i..].chars().next().unwrap_or(' ');
            if !ch.is_alphanumeric() {
                gap |= G_OTHER;
                i += ch.len_utf8();
                continue;
            }
            first_upper = ch.is_uppercase();
        }
        // a token starts: `seen` gathers 1 << kind of every character in it
        let s = i;
        let mut seen: u8 = 0;
        let mut has_lower = false;
        let mut has_upper = false;
        let mut non_ascii = false;
        let mut poss = false;
        // bytes that are not characters of their own: apostrophes inside a word and the
        // continuation bytes of non-ASCII letters
        let mut not_chars = 0usize;
        let mut fp = Fingerprint::new();
        loop {
            // the common case, kept tight: a run of ASCII letters and digits
            while i < n {
                let c = b[i];
                let bit = KIND_BIT[c as usize];
                if bit & WORD_CHAR == 0 {
                    break;
                }
                seen |= bit;
                fp.push(c);
                i += 1;
            }
            if i >= n {
                break;
            }
            let c = b[i];
            match KIND[c as usize] {
                K_APOS => {
                    let alpha_next = i + 1 < n && KIND[b[i + 1] as usize] & !1 == K_LOWER;
                    let has_alpha = non_ascii || seen & ALPHA != 0;
                    if !(alpha_next && has_alpha) {
                        break;
                    }
                    // possessive 's / s' or an apostrophe inside a word (O'Brien, don't)
                    let next = b[i + 1];
                    let after = b.get(i + 2).copied().unwrap_or(b' ');
                    if (next == b's' || next == b'S') && !is_word_byte(after) {
                        poss = true;
                        break;
                    }
                    fp.push(c);
                    i += 1;
                    not_chars += 1;
                }
                K_HIGH => {
                    let ch = text[i..].chars().next().unwrap_or(' ');
                    if !ch.is_alphanumeric() {
                        break;
                    }
                    non_ascii = true;
                    if ch.is_uppercase() {
                        has_upper = true;
                    } else if ch.is_lowercase() {
                        has_lower = true;
                    }
                    i += ch.len_utf8();
                    not_chars += ch.len_utf8() - 1;
                }
                _ => break,
            }
        }
        let e = i;
        let has_digit = seen & (1 << K_DIGIT) != 0;
        let has_alpha = non_ascii || seen & ALPHA != 0;
        has_lower |= seen & (1 << K_LOWER) != 0;
        has_upper |= seen & (1 << K_UPPER) != 0;
        let shape = if has_digit && !has_alpha {
            DIGIT
        } else if has_digit {
            ALNUM
        } else if non_ascii && !has_upper && !has_lower {
            OTHER
        } else if first_upper && e - s - not_chars == 1 {
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
        let word_fp = fp.finish(e - s);
        let (f, list) = if non_ascii || e - s > MAX_WORD {
            (0, 0)
        } else {
            let (f, list) = lex.get(word_fp);
            // a number takes no word flags, only its place at the start of a phrase ("1:1")
            (if shape == DIGIT { f & PHRASE } else { f }, list)
        };
        toks.push(Tok {
            s: s as u32,
            e: e as u32,
            f,
            fp: word_fp,
            list,
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
    // a possessive typed without its apostrophe, a first name and an s (not a count of them,
    // "3 archies"): "kais mum", "ifeomas ULN", an unknown lower-case word (capitalised, such a
    // word is more often a name of its own, "Greggs", "Scots"); and before a family word even
    // a known or capitalised one, "blessings mum", "sunnys dad", "Aaravs mum"
    for j in 0..toks.len() {
        let t = toks[j];
        let (s, e) = (t.s as usize, t.e as usize);
        if t.poss
            || e - s < 4
            || b[e - 1] != b's'
            || !not_a_count_or_title(j.checked_sub(1).map(|i| &toks[i]))
        {
            continue;
        }
        let unknown = t.f == 0 && t.shape == LOWER;
        let before_family = t.f & GIVEN == 0
            && matches!(t.shape, LOWER | CAP)
            && toks
                .get(j + 1)
                .is_some_and(|n| n.f & FAMILY != 0 && n.gap == G_SPACE);
        if !(unknown || before_family) {
            continue;
        }
        let (stem, _) = lex.get(fingerprint(&b[s..e - 1]));
        if stem & GIVEN != 0 && (before_family || stem & WORD == 0) {
            toks[j].f = stem;
            toks[j].poss = true;
        }
    }
}

pub(super) fn attach_flags(filter: &Filter, rules: &CompiledRules, ctx: &mut Ctx<'_>) {
    let lex = &filter.lex;
    let b = ctx.b;
    for i in 0..ctx.toks.len() {
        let t = ctx.toks[i];
        if t.f & PHRASE != 0 {
            if let Some((e, pf)) = lex.phrase_at(b, t.s as usize, t.list) {
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
            mark(ctx, m.start(), m.end(), ENTITY | NOT_PUPIL);
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
        let w = &b[t.s as usize..t.e as usize];
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
                    // "Y9s", "Year 9s": a year group in the plural
                    let num = w[letters..].strip_suffix(b"s").unwrap_or(&w[letters..]);
                    if num.iter().all(|c| c.is_ascii_digit()) && !num.is_empty() && num.len() <= 2 {
                        let v: u32 = num.iter().fold(0, |a, c| a * 10 + u32::from(c - b'0'));
                        let p = prefix.to_ascii_lowercase();
                        cref = match p.as_slice() {
                            b"y" | b"yr" | b"year" => (1..=13).contains(&v),
                            b"p" => (1..=7).contains(&v),
                            // (a lower-case "s1" needs a pupil or a school after it)
                            b"s" => {
                                (1..=6).contains(&v)
                                    && (prefix[0] == b'S'
                                        || ctx.toks.get(i + 1).is_some_and(|x| x.f & CHILD != 0)
                                        || ctx.is(i + 1, "at"))
                            }
                            _ => false,
                        };
                    }
                }
            }
            _ => {
                // "FA (Rec)", "in Rec": Reception, shortened
                if w.len() == 3
                    && (t.gap & G_OPEN != 0 || (i > 0 && ctx.toks[i - 1].f & IN_PREP != 0))
                    && w.eq_ignore_ascii_case(b"rec")
                {
                    cref = true;
                }
                // "Bridie (R)", "Omari (R) – needs food chopped": Reception by its letter, in
                // brackets after a name
                if w == b"R"
                    && t.gap & G_OPEN != 0
                    && b.get(t.e as usize) == Some(&b')')
                    && i > 0
                    && ctx.toks[i - 1].shape == CAP
                {
                    cref = true;
                }
                if t.f & CLASSWORD != 0 {
                    let is_w = |x: &str| w.eq_ignore_ascii_case(x.as_bytes());
                    if is_w("reception") || is_w("nursery") {
                        // "Reception", "reception class", "in reception"
                        cref = t.shape == CAP
                            || ctx.toks.get(i + 1).is_some_and(|n| n.f & CLASSWORD != 0)
                            || (i > 0 && ctx.toks[i - 1].f & IN_PREP != 0);
                    } else if i + 1 < n {
                        let nt = ctx.toks[i + 1];
                        let nw = ctx.word(i + 1).as_bytes();
                        let num_ok = (nt.shape == DIGIT && nw.len() <= 2)
                            || nt.f & NUMWORD != 0
                            || (nt.shape == ALNUM && nw.len() <= 3 && nw[0].is_ascii_digit());
                        if num_ok
                            && ["year", "yr", "class", "yrs", "blwyddyn", "dosbarth"]
                                .iter()
                                .any(|w| is_w(w))
                        {
                            cref = true;
                            ctx.toks[i + 1].f |= CLASSREF;
                        }
                    }
                    // "in my phonics group", "in our nurture class", "in my maths set": the
                    // writer's own group of pupils (but not "in my year group", colleagues)
                    if (is_w("class") || is_w("group") || is_w("set"))
                        && i >= 3
                        && (0..2).any(|d| {
                            let m = i - 1 - d;
                            m >= 1
                                && ["my", "our"].iter().any(|w| {
                                    ctx.text[ctx.toks[m].s as usize..ctx.toks[m].e as usize]
                                        .eq_ignore_ascii_case(w)
                                })
                                && ctx.text[ctx.toks[m - 1].s as usize..ctx.toks[m - 1].e as usize]
                                    .eq_ignore_ascii_case("in")
                                && (d == 0
                                    || (ctx.toks[i - 1].shape == LOWER
                                        && ctx.toks[i - 1].f & CLASSWORD == 0))
                        })
                    {
                        cref = true;
                    }
                    // "Oak class", "Hedgehogs Class" (but a "Support Group" or a "Working
                    // Group" is grown-ups': "the Roma Support Group")
                    const ADULTS_GROUP: &[&str] = &[
                        "support", "working", "steering", "action", "advisory", "interest",
                    ];
                    if (is_w("class") || is_w("group"))
                        && i > 0
                        && ctx.toks[i - 1].shape == CAP
                        && !ctx.toks[i - 1].sent
                        // (a child's class is no class's name: "my granddaughter Lena's class")
                        && !(ctx.toks[i - 1].poss
                            && i >= 2
                            && ctx.toks[i - 2].f & (CHILD | FAMILY) != 0)
                        && ctx.toks[i - 1].f & (STOP | CLASSWORD | MONTH | SCHOOL_GENERIC) == 0
                        && !(is_w("group")
                            && ADULTS_GROUP.iter().any(|w| {
                                ctx.text[ctx.toks[i - 1].s as usize..ctx.toks[i - 1].e as usize]
                                    .eq_ignore_ascii_case(w)
                            }))
                    {
                        cref = true;
                        ctx.toks[i - 1].f |= CLASSREF;
                    }
                }
            }
        }
        if cref {
            // "Reception" the class is not the school's reception desk
            ctx.toks[i].f = (ctx.toks[i].f | CLASSREF) & !PUBLIC;
        }
    }
    // one pass for what the detectors want to know about the whole post: the flags and gaps
    // of all its words OR'd together, and a few counts
    let mut any_f = 0u64;
    let mut any_gap = 0u16;
    let mut child = 0;
    let mut staff_life = 0;
    let mut lower_i = false;
    // sentences or chat lines ("bex: has anyone…") that start in lower case
    let mut lower_starts = 0;
    for t in &ctx.toks {
        any_f |= t.f;
        any_gap |= t.gap;
        lower_starts += usize::from(t.shape == LOWER && (t.sent || t.gap & G_COLON != 0));
        staff_life += u32::from(t.f & STAFF_LIFE != 0);
        child += u32::from(
            t.f & (CHILD | SEN | CLASSREF | BEHAV_STRONG | CLASSWORD | BIRTH | SCHOOLWORK | FAMILY)
                != 0,
        );
        let s = t.s as usize;
        // "i", "i'm", "i've", and "im", "ive" typed without the apostrophe
        lower_i |= b[s] == b'i'
            && (t.e as usize == s + 1
                || b[s + 1] == b'\''
                || (t.e as usize == s + 2 && b[s + 1] == b'm')
                || (t.e as usize == s + 3 && &b[s + 1..s + 3] == b"ve"));
    }
    let minutes_word = any_f & MINUTES != 0;
    let roles = any_f & ROLE != 0;
    ctx.child_ctx = child;
    ctx.staff_life = staff_life;
    ctx.media = any_f & MEDIA != 0;
    ctx.training = any_f & TRAINING != 0;
    ctx.nick_or_story = any_f & NICK_OR_STORY != 0;
    ctx.roles = roles;
    ctx.rota = any_f & ROTA != 0;
    ctx.casting = any_f & CASTING != 0;
    ctx.lines = any_gap & G_NL != 0;
    ctx.quotes = any_gap & G_QUOTE != 0;
    // (a label only counts at a colon: "Staff: LH, PO'N")
    ctx.minutes = (minutes_word || roles)
        && ctx
            .toks
            .windows(2)
            .any(|w| w[0].f & (MINUTES | ROLE) != 0 && w[1].gap & G_COLON != 0);
    ctx.lower_case_writer =
        lower_i || lower_starts >= 2 || ctx.toks.first().is_some_and(|t| t.shape == LOWER);
}
