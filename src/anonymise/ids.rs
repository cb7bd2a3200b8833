//! Detectors for identifiers, phone numbers, emails, dates of birth, postcodes, home
//! addresses and quasi-identifiers. All work on the normalised text and its tokens.

use super::checks;
use super::engine::*;
use super::lexicon::*;
use super::{SpanType, Strictness};

#[inline]
fn is_sep(c: u8) -> bool {
    c == b' ' || c == b'-' || c == b'.'
}

/// Lower-case ASCII window of text before `s` (up to `len` bytes), for cue words.
fn before_has(ctx: &Ctx<'_>, s: usize, len: usize, words: &[&str]) -> bool {
    let lo = s.saturating_sub(len);
    let mut lo2 = lo;
    while lo2 < s && !ctx.text.is_char_boundary(lo2) {
        lo2 += 1;
    }
    let w = &ctx.b[lo2..s];
    words.iter().any(|p| contains_ci(w, p.as_bytes()))
}

fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    if needle.is_empty() || hay.len() < needle.len() {
        return false;
    }
    hay.windows(needle.len())
        .any(|win| win.eq_ignore_ascii_case(needle))
}

const PARENT_CUES: &[&str] = &[
    "mum",
    "dad",
    "mother",
    "father",
    "parent",
    "carer",
    "nan",
    "gran",
    "grandma",
    "grandad",
    "auntie",
    "uncle",
    "foster",
    "home",
    "mobile",
    "personal",
    "his number",
    "her number",
    "their number",
    "family",
    "guardian",
    "stepdad",
    "stepmum",
    "mam",
    "mummy",
    "daddy",
];
const PUBLIC_CUES: &[&str] = &[
    "office",
    "school",
    "reception",
    "switchboard",
    "helpline",
    "council",
    "authority",
    "line",
    "enquir",
    "admission",
    "freephone",
    "call us",
    "trust",
    "team",
    "service",
    "clinic",
    "surgery",
    "hospital",
    "childline",
    "nspcc",
    "samaritans",
    "website",
    "centre",
    "center",
    "academy",
    "main number",
    "hub",
    "desk",
    "la ",
    "ofsted",
    "dfe",
];

/// Identifiers (UPN, ULN, NHS, CHI, SCN) and phone numbers.
pub(super) fn detect_numbers(ctx: &mut Ctx<'_>) {
    let b = ctx.b;
    let n = b.len();
    let mut i = 0;
    let mut found: Vec<(usize, usize, SpanType)> = Vec::new();
    let mut phones: Vec<(usize, usize, bool)> = Vec::new();
    let mut groups: Vec<(usize, usize)> = Vec::with_capacity(8);
    while i < n {
        let c = b[i];
        // UPN: a letter then 12 more characters, separators allowed
        if c.is_ascii_alphabetic() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            if let Some(e) = try_upn(b, i) {
                found.push((i, e, SpanType::Upn));
                i = e;
                continue;
            }
        }
        if !c.is_ascii_digit() && c != b'+' {
            i += 1;
            continue;
        }
        if i > 0 && (b[i - 1].is_ascii_alphanumeric()) {
            // part of a word like "Y3" or "4C"; skip the rest of the run
            while i < n && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            continue;
        }
        // collect a chain of digit groups separated by single separators
        let start = i;
        groups.clear();
        let mut j = i;
        let plus = c == b'+';
        if plus {
            j += 1;
        }
        let mut paren_zero = false;
        loop {
            let gs = j;
            while j < n && b[j].is_ascii_digit() {
                j += 1;
            }
            if j > gs {
                groups.push((gs, j));
            } else {
                break;
            }
            // separators: " ", "-", ".", " - ", "(0)"
            let mut k = j;
            let mut seps = 0;
            while k < n && is_sep(b[k]) && seps < 3 {
                k += 1;
                seps += 1;
            }
            if k + 2 < n && b[k] == b'(' && b[k + 1] == b'0' && b[k + 2] == b')' {
                paren_zero = true;
                k += 3;
                while k < n && b[k] == b' ' {
                    k += 1;
                }
            }
            if k < n && b[k] == b'(' && groups.len() == 1 && k + 1 < n && b[k + 1].is_ascii_digit()
            {
                k += 1;
            }
            if k > j
                && k < n
                && b[k].is_ascii_digit()
                && !(seps == 1 && b[j] == b'.' && j + 1 < n && groups.len() >= 2 && b[j] == b'/')
            {
                j = k;
                continue;
            }
            break;
        }
        // a closing bracket inside "(0161) 496 0000"
        let end = groups.last().map_or(j, |g| g.1);
        if groups.is_empty() {
            i = j.max(i + 1);
            continue;
        }
        // don't treat dates or times as numbers
        let slash_next = end < n && (b[end] == b'/' || b[end] == b':');
        let slash_prev = start > 0 && (b[start - 1] == b'/' || b[start - 1] == b':');
        let digits: usize = groups.iter().map(|g| g.1 - g.0).sum();
        let first = b[groups[0].0];
        let is_phone = !slash_next
            && !slash_prev
            && ((plus && b[groups[0].0..].starts_with(b"44") && (11..=13).contains(&digits))
                || (first == b'0'
                    && b[groups[0].0..].starts_with(b"00")
                    && (12..=14).contains(&digits))
                || (first == b'0'
                    && !plus
                    && (digits == 11
                        || (digits == 10 && groups.len() >= 2 && groups[0].1 - groups[0].0 >= 4))
                    && (b[groups[0].0 + 1] != b'0')));
        let _ = paren_zero;
        if is_phone {
            let s = if start > 0 && b[start - 1] == b'(' {
                start - 1
            } else {
                start
            };
            let mobile = {
                let g = &b[groups[0].0..];
                g.starts_with(b"07")
                    || g.starts_with(b"447")
                    || (plus && g.starts_with(b"44") && paren_zero)
            };
            phones.push((s, end, mobile));
            i = end;
            continue;
        }
        if !slash_next && !slash_prev {
            // try every run of whole groups with 9 or 10 digits, longest first
            let mut gi = 0;
            while gi < groups.len() {
                let mut tot = 0;
                let mut hit = None;
                for gj in gi..groups.len() {
                    tot += groups[gj].1 - groups[gj].0;
                    if tot > 10 {
                        break;
                    }
                    if tot == 10 || tot == 9 {
                        let mut buf = [0u8; 10];
                        let mut m = 0;
                        for g in &groups[gi..=gj] {
                            for &d in &b[g.0..g.1] {
                                buf[m] = d;
                                m += 1;
                            }
                        }
                        let s = groups[gi].0;
                        let e = groups[gj].1;
                        if let Some(kind) = classify(ctx, &buf[..m], s) {
                            hit = Some((gj, s, e, kind));
                        }
                    }
                }
                if let Some((gj, s, e, kind)) = hit {
                    found.push((s, e, kind));
                    gi = gj + 1;
                } else {
                    gi += 1;
                }
            }
        }
        i = end.max(i + 1);
    }
    for (s, e, kind) in found {
        let (reason, sugg) = match kind {
            SpanType::Upn => (
                "This is a Unique Pupil Number (its check letter is valid).",
                "[UPN removed]",
            ),
            SpanType::Uln => (
                "This is a Unique Learner Number (its check digit is valid).",
                "[ULN removed]",
            ),
            SpanType::NhsNumber => (
                "This is an NHS number (its check digit is valid).",
                "[NHS number removed]",
            ),
            SpanType::ChiNumber => (
                "This is a CHI number (a date of birth with a valid check digit).",
                "[CHI number removed]",
            ),
            _ => (
                "This is a Scottish Candidate Number (its check digit is valid).",
                "[SCN removed]",
            ),
        };
        ctx.push(s, e, kind, reason, sugg);
    }
    for (s, e, mobile) in phones {
        let parent = before_has(ctx, s, 60, PARENT_CUES);
        let public = before_has(ctx, s, 50, PUBLIC_CUES)
            || b[s..e].starts_with(b"08")
            || b[s..e].starts_with(b"03")
            || b[s..e].starts_with(b"(08")
            || b[s..e].starts_with(b"(03");
        let flag = parent
            || match ctx.strict {
                Strictness::Strict => !public || mobile,
                Strictness::Standard => mobile && !public,
                Strictness::Relaxed => false,
            };
        if flag {
            ctx.push(
                s,
                e,
                SpanType::Phone,
                if parent {
                    "This looks like a parent's or family phone number."
                } else {
                    "This looks like a personal phone number (not a published school or office number)."
                },
                "[phone number removed]",
            );
        }
    }
}

fn try_upn(b: &[u8], i: usize) -> Option<usize> {
    let n = b.len();
    // quick reject: the next significant character must be a digit
    let mut k = i + 1;
    if k < n && (b[k] == b' ' || b[k] == b'-') {
        k += 1;
    }
    if k >= n || !b[k].is_ascii_digit() {
        return None;
    }
    let mut buf = [0u8; 13];
    let mut m = 0;
    let mut j = i;
    while j < n && m < 13 {
        let c = b[j];
        if c.is_ascii_alphanumeric() {
            buf[m] = c;
            m += 1;
            j += 1;
        } else if (c == b' ' || c == b'-') && m > 0 && j + 1 < n && b[j + 1].is_ascii_alphanumeric()
        {
            j += 1;
        } else {
            break;
        }
    }
    if m == 13 && (j >= n || !b[j].is_ascii_alphanumeric()) && checks::is_valid_upn(&buf) {
        Some(j)
    } else {
        None
    }
}

fn classify(ctx: &Ctx<'_>, d: &[u8], s: usize) -> Option<SpanType> {
    if d.len() == 9 {
        return checks::is_valid_scn(d).then_some(SpanType::Scn);
    }
    if checks::is_valid_uln(d) {
        return Some(SpanType::Uln);
    }
    if checks::is_valid_nhs(d) {
        let chi = checks::is_valid_chi(d);
        let nhs_cue = before_has(ctx, s, 40, &["nhs"]);
        let chi_cue = before_has(ctx, s, 40, &["chi"]);
        return Some(if chi && (chi_cue || !nhs_cue) {
            SpanType::ChiNumber
        } else {
            SpanType::NhsNumber
        });
    }
    None
}

const ROLE_LOCALS: &[&str] = &[
    "office",
    "admin",
    "info",
    "enquiries",
    "enquiry",
    "head",
    "headteacher",
    "senco",
    "sendco",
    "reception",
    "bursar",
    "admissions",
    "contact",
    "hello",
    "support",
    "safeguarding",
    "finance",
    "hr",
    "governors",
    "clerk",
    "send",
    "inclusion",
    "attendance",
    "team",
    "training",
    "cpd",
    "events",
    "noreply",
    "no-reply",
    "help",
    "helpdesk",
    "webmaster",
    "press",
    "media",
    "business",
    "accounts",
    "schooloffice",
    "mail",
    "general",
    "dsl",
    "pastoral",
    "school",
    "sen",
    "la",
    "localoffer",
    "bookings",
    "booking",
    "courses",
    "membership",
    "editor",
];
const PERSONAL_DOMAINS: &[&str] = &[
    "gmail.",
    "googlemail.",
    "hotmail.",
    "outlook.",
    "live.",
    "yahoo.",
    "icloud.",
    "me.com",
    "aol.",
    "btinternet.",
    "sky.com",
    "virginmedia.",
    "talktalk.",
    "protonmail.",
    "proton.me",
    "ymail.",
    "msn.",
    "mail.com",
    "gmx.",
    "tiscali.",
    "ntlworld.",
    "blueyonder.",
    "mac.com",
];

pub(super) fn detect_emails(ctx: &mut Ctx<'_>) {
    let b = ctx.b;
    let n = b.len();
    let mut found = Vec::new();
    let mut i = 0;
    while i < n {
        let Some(off) = b[i..].iter().position(|&c| c == b'@') else {
            break;
        };
        let at = i + off;
        i = at + 1;
        let mut s = at;
        while s > 0
            && (b[s - 1].is_ascii_alphanumeric()
                || matches!(b[s - 1], b'.' | b'_' | b'%' | b'+' | b'-'))
        {
            s -= 1;
        }
        while s < at && b[s] == b'.' {
            s += 1;
        }
        let mut e = at + 1;
        while e < n && (b[e].is_ascii_alphanumeric() || b[e] == b'.' || b[e] == b'-') {
            e += 1;
        }
        while e > at + 1 && (b[e - 1] == b'.' || b[e - 1] == b'-') {
            e -= 1;
        }
        if s == at || e <= at + 3 {
            continue;
        }
        let domain = &b[at + 1..e];
        let Some(dot) = domain.iter().rposition(|&c| c == b'.') else {
            continue;
        };
        if domain.len() - dot - 1 < 2 {
            continue;
        }
        let local = &b[s..at];
        let personal = PERSONAL_DOMAINS
            .iter()
            .any(|d| contains_ci(domain, d.as_bytes()));
        let role = ROLE_LOCALS
            .iter()
            .any(|r| local.eq_ignore_ascii_case(r.as_bytes()))
            || ROLE_LOCALS.iter().any(|r| {
                local.len() > r.len() + 1
                    && local[..r.len()].eq_ignore_ascii_case(r.as_bytes())
                    && matches!(local[r.len()], b'.' | b'_' | b'-')
            });
        let institutional = [
            ".sch.uk", ".gov.uk", ".ac.uk", ".nhs.uk", ".nhs.net", ".edu", ".org.uk", ".org",
            "school", "academy", "council",
        ]
        .iter()
        .any(|d| contains_ci(domain, d.as_bytes()));
        let parent = before_has(ctx, s, 60, PARENT_CUES);
        let flag = if role && !parent {
            false
        } else if parent || personal {
            true
        } else if institutional {
            ctx.strict == Strictness::Strict
        } else {
            ctx.strict != Strictness::Relaxed
        };
        if flag {
            found.push((s, e, parent));
        }
    }
    for (s, e, parent) in found {
        ctx.push(
            s,
            e,
            SpanType::Email,
            if parent {
                "This looks like a parent's or family email address."
            } else {
                "This looks like a personal email address (not a published school or office address)."
            },
            "[email removed]",
        );
    }
}

// ---------------------------------------------------------------------------------------
// Dates of birth

fn small_num(w: &[u8]) -> Option<u32> {
    if w.is_empty() || w.len() > 4 || !w.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(w.iter().fold(0, |a, c| a * 10 + u32::from(c - b'0')))
}

/// A day written as "12", "12th", "1st", "2nd", "3rd".
fn day_num(w: &[u8]) -> Option<u32> {
    let digits = w.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = &w[digits..];
    if !rest.is_empty()
        && !matches!(
            rest.to_ascii_lowercase().as_slice(),
            b"st" | b"nd" | b"rd" | b"th"
        )
    {
        return None;
    }
    let v = small_num(&w[..digits])?;
    (1..=31).contains(&v).then_some(v)
}

fn year_num(w: &[u8]) -> Option<u32> {
    let v = small_num(w)?;
    if (w.len() == 4 && (1900..=2099).contains(&v)) || w.len() == 2 {
        Some(v)
    } else {
        None
    }
}

pub(super) fn detect_dates(ctx: &mut Ctx<'_>) {
    let n = ctx.toks.len();
    let mut found: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        let t = ctx.toks[i];
        let w = ctx.word(i).as_bytes();
        let mut span: Option<(usize, usize)> = None;
        // numeric: 12/03/2015, 12-3-15, 12.03.2015, 2015-03-12
        if t.shape == DIGIT && i + 2 < n {
            let t1 = ctx.toks[i + 1];
            let t2 = ctx.toks[i + 2];
            let sep1 = t1.gap;
            let sep2 = t2.gap;
            if t1.shape == DIGIT
                && t2.shape == DIGIT
                && t1.gap_len == 1
                && t2.gap_len == 1
                && sep1 == sep2
                && matches!(sep1, G_SLASH | G_HYPHEN | G_DOT)
            {
                let a = small_num(w);
                let m = small_num(ctx.word(i + 1).as_bytes());
                let c = ctx.word(i + 2).as_bytes();
                if let (Some(a), Some(m)) = (a, m) {
                    let dmy = w.len() <= 2
                        && (1..=31).contains(&a)
                        && (1..=31).contains(&m)
                        && (a <= 12 || m <= 12)
                        && year_num(c).is_some();
                    let ymd = w.len() == 4
                        && (1..=12).contains(&m)
                        && small_num(c).is_some_and(|d| (1..=31).contains(&d))
                        && c.len() <= 2;
                    if dmy || ymd {
                        span = Some((i, i + 2));
                    }
                }
            } else if t1.shape == DIGIT
                && t1.gap_len == 1
                && matches!(sep1, G_SLASH | G_DOT)
                && day_num(w).is_some()
            {
                // 12/03 (no year): only counts right after a birth cue
                let m = small_num(ctx.word(i + 1).as_bytes());
                if m.is_some_and(|m| (1..=12).contains(&m)) && i > 0 && ctx.f(i - 1) & BIRTH != 0 {
                    span = Some((i, i + 1));
                }
            }
        }
        // written: 12th (of) March (,) 2015 | March 12th(,) 2015 | March 2015
        if span.is_none() {
            if let Some(_d) = day_num(w) {
                let mut k = i + 1;
                if ctx.is(k, "of") {
                    k += 1;
                }
                if k < n && ctx.f(k) & MONTH != 0 && (ctx.toks[k].shape == CAP || !ctx.is(k, "may"))
                {
                    let mut e = k;
                    if k + 1 < n
                        && year_num(ctx.word(k + 1).as_bytes()).is_some()
                        && ctx.toks[k + 1].shape == DIGIT
                    {
                        e = k + 1;
                    }
                    span = Some((i, e));
                }
            } else if t.f & MONTH != 0 && (t.shape == CAP || !ctx.is(i, "may")) && i + 1 < n {
                let w1 = ctx.word(i + 1).as_bytes();
                if day_num(w1).is_some() && ctx.toks[i + 1].gap & (G_DOT | G_EXCL) == 0 {
                    let mut e = i + 1;
                    if i + 2 < n
                        && ctx.toks[i + 2].shape == DIGIT
                        && ctx.word(i + 2).len() == 4
                        && year_num(ctx.word(i + 2).as_bytes()).is_some()
                    {
                        e = i + 2;
                    }
                    span = Some((i, e));
                } else if w1.len() == 4 && year_num(w1).is_some() && ctx.toks[i + 1].shape == DIGIT
                {
                    span = Some((i, i + 1));
                }
            }
        }
        if let Some((a, e)) = span {
            // a birth cue nearby: "born", "DOB", "birthday", "date of birth"
            let mut cue = false;
            let lo = a.saturating_sub(8);
            for k in lo..a {
                if ctx.toks[k].f & BIRTH != 0 && (ctx.toks[k].sid + 1 >= ctx.toks[a].sid) {
                    cue = true;
                }
            }
            for k in (e + 1)..(e + 4).min(n) {
                if ctx.toks[k].f & BIRTH != 0 && ctx.toks[k].sid == ctx.toks[e].sid {
                    cue = true;
                }
            }
            if cue {
                found.push((ctx.toks[a].s as usize, ctx.toks[e].e as usize));
            }
            i = e + 1;
        } else {
            i += 1;
        }
    }
    for (s, e) in found {
        ctx.push(
            s,
            e,
            SpanType::DateOfBirth,
            "This looks like a child's date of birth.",
            "[date removed]",
        );
    }
}

// ---------------------------------------------------------------------------------------
// Postcodes and home addresses

fn is_outward(w: &[u8]) -> bool {
    // A9, A99, AA9, AA99, A9A, AA9A
    let l = w.len();
    if !(2..=4).contains(&l) || !w[0].is_ascii_alphabetic() {
        return false;
    }
    let letters = w.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if letters > 2 {
        return false;
    }
    let rest = &w[letters..];
    match rest.len() {
        1 => rest[0].is_ascii_digit(),
        2 => rest[0].is_ascii_digit() && rest[1].is_ascii_alphanumeric(),
        _ => false,
    }
}

fn is_inward(w: &[u8]) -> bool {
    w.len() == 3
        && w[0].is_ascii_digit()
        && w[1..].iter().all(|c| {
            c.is_ascii_alphabetic()
                && !matches!(
                    c.to_ascii_uppercase(),
                    b'C' | b'I' | b'K' | b'M' | b'O' | b'V'
                )
        })
}

fn same_case(w: &[u8]) -> bool {
    let up = w.iter().any(u8::is_ascii_uppercase);
    let lo = w.iter().any(u8::is_ascii_lowercase);
    !(up && lo)
}

pub(super) fn detect_postcodes_addresses(ctx: &mut Ctx<'_>) {
    let n = ctx.toks.len();
    let mut posts: Vec<(usize, usize)> = Vec::new();
    let mut addrs: Vec<(usize, usize, bool)> = Vec::new();
    let mut i = 0;
    while i < n {
        let w = ctx.word(i).as_bytes();
        let t = ctx.toks[i];
        if t.shape == ALNUM || t.shape == UPPER {
            if is_outward(w)
                && i + 1 < n
                && ctx.toks[i + 1].gap == G_SPACE
                && ctx.toks[i + 1].gap_len <= 2
                && is_inward(ctx.word(i + 1).as_bytes())
                && same_case(w)
                && same_case(ctx.word(i + 1).as_bytes())
            {
                posts.push((i, i + 1));
                i += 2;
                continue;
            }
            if (5..=7).contains(&w.len())
                && same_case(w)
                && is_outward(&w[..w.len() - 3])
                && is_inward(&w[w.len() - 3..])
            {
                posts.push((i, i));
                i += 1;
                continue;
            }
        }
        // address: "12 Elm Road", "14a Church Lane", "Flat 3, 22 Oak Avenue",
        // or "lives on Elm Road"
        let numbered = (t.shape == DIGIT && w.len() <= 4)
            || (t.shape == ALNUM
                && w.len() <= 4
                && w[0].is_ascii_digit()
                && w[w.len() - 1].is_ascii_alphabetic()
                && w.iter().filter(|c| c.is_ascii_alphabetic()).count() == 1);
        let after_home = i > 0 && ctx.f(i - 1) & HOME != 0 && ctx.toks[i].shape == CAP;
        if numbered || after_home {
            let mut k = if numbered { i + 1 } else { i };
            let mut caps = 0;
            let mut street_end = None;
            while k < n && caps < 4 {
                let tk = ctx.toks[k];
                if tk.shape != CAP || tk.gap & (G_DOT | G_EXCL | G_NL | G_COMMA) != 0 && k != i + 1
                {
                    break;
                }
                caps += 1;
                if tk.f & STREET != 0 && caps >= 2 {
                    street_end = Some(k);
                    break;
                }
                k += 1;
            }
            if let Some(e) = street_end {
                addrs.push((i, e, after_home));
                i = e + 1;
                continue;
            }
        }
        i += 1;
    }
    for (a, e, after_home) in addrs {
        let s = ctx.toks[a].s as usize;
        let end = ctx.toks[e].e as usize;
        let f = ctx.flags_near(s, end, 8, 3);
        let home = after_home || f & (HOME | FAMILY) != 0;
        let public = f & (SCHOOL_SFX | VENUE | PUBLIC) != 0;
        let flag = home
            || match ctx.strict {
                Strictness::Strict => !public,
                Strictness::Standard => !public && ctx.child_ctx > 0,
                Strictness::Relaxed => false,
            };
        if flag {
            ctx.push(
                s,
                end,
                SpanType::HomeAddress,
                "This looks like a home address.",
                "[address removed]",
            );
        }
    }
    for (a, e) in posts {
        let s = ctx.toks[a].s as usize;
        let end = ctx.toks[e].e as usize;
        let f = ctx.flags_near(s, end, 10, 3);
        let home = f & (HOME | FAMILY) != 0;
        let public = f & (SCHOOL_SFX | VENUE | PUBLIC) != 0;
        let flag = home
            || match ctx.strict {
                Strictness::Strict => !public,
                Strictness::Standard => !public && ctx.child_ctx > 0,
                Strictness::Relaxed => false,
            };
        if flag {
            ctx.push(
                s,
                end,
                SpanType::Postcode,
                "A full postcode in a home context can locate a family.",
                "[postcode removed]",
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Quasi-identifiers: a named school + a year group or class + a rare detail

/// Finds named schools (returned as token ranges, so names inside them are not taken for
/// pupils) and raises QUASI findings when a named school, a class and a rare detail meet.
pub(super) fn detect_quasi(ctx: &mut Ctx<'_>) -> Vec<(usize, usize)> {
    let n = ctx.toks.len();
    let mut schools: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        let t = ctx.toks[i];
        if t.f & SCHOOL_SFX == 0 || i == 0 {
            i += 1;
            continue;
        }
        // extend the suffix: "Primary School", "CE Primary", "Junior Academy"
        let mut e = i;
        while e + 1 < n
            && ctx.toks[e + 1].f & SCHOOL_SFX != 0
            && ctx.toks[e + 1].gap == G_SPACE
            && matches!(ctx.toks[e + 1].shape, CAP | UPPER)
        {
            e += 1;
        }
        // walk back over the capitalised name: "St Mary's", "Oakfield", "Our Lady of Lourdes"
        let mut a = i;
        let mut named = false;
        while a > 0 && i - a < 6 {
            let p = ctx.toks[a - 1];
            let pw = ctx.word(a - 1);
            let joins = ctx.toks[a].gap == G_SPACE
                || ctx.toks[a].gap == G_HYPHEN
                || (ctx.toks[a].gap == G_DOT | G_SPACE && p.f & TITLE != 0);
            if !joins {
                break;
            }
            let capital = matches!(p.shape, CAP | UPPER) || pw == "of" || pw == "and" || pw == "&";
            if !capital {
                break;
            }
            let nameish = p.f & (SCHOOL_SFX | SCHOOL_GENERIC | STOP) == 0
                || (p.f & (GIVEN | SURNAME | PLACE) != 0 && p.f & SCHOOL_GENERIC == 0);
            if nameish && (p.shape == CAP || p.shape == UPPER) {
                named = true;
            }
            a -= 1;
            if p.sent {
                break;
            }
        }
        // drop leading generic words ("The", "Our")
        while a < i
            && ctx.toks[a].f & (SCHOOL_GENERIC | STOP) != 0
            && ctx.toks[a].f & (GIVEN | SURNAME | PLACE) == 0
        {
            a += 1;
        }
        if named && a < i && (ctx.toks[i].shape != LOWER || ctx.toks[a].shape == CAP) {
            schools.push((a, e));
        }
        i = e + 1;
    }
    if schools.is_empty() {
        return schools;
    }
    let has_class = ctx.toks.iter().any(|t| t.f & CLASSREF != 0);
    let rare: Vec<usize> = (0..n).filter(|&k| ctx.toks[k].f & RARE != 0).collect();
    let fire = match ctx.strict {
        Strictness::Strict => has_class || !rare.is_empty(),
        _ => has_class && !rare.is_empty(),
    };
    if fire {
        let reason = "A named school, a year group or class and a rare detail together could single out a pupil.";
        for &(a, e) in &schools {
            let s = ctx.toks[a].s as usize;
            let end = ctx.toks[e].e as usize;
            ctx.push(s, end, SpanType::Quasi, reason, "[a local school]");
        }
        // the rare detail itself (merged run of rare tokens)
        let mut k = 0;
        while k < rare.len() {
            let a = rare[k];
            let mut e = a;
            while k + 1 < rare.len() && rare[k + 1] == e + 1 {
                k += 1;
                e = rare[k];
            }
            let s = ctx.toks[a].s as usize;
            let end = ctx.toks[e].e as usize;
            ctx.push(s, end, SpanType::Quasi, reason, "[detail generalised]");
            k += 1;
        }
    }
    schools
}
