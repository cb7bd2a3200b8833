//! Detectors for identifiers, phone numbers, emails, dates of birth, postcodes, home
//! addresses and quasi-identifiers. All work on the normalised text and its tokens.

use super::checks;
use super::engine::Ctx;
use super::lexicon::{CHILD, CLASSREF, FAMILY, GIVEN, ROLE, SURNAME, TITLE};
use super::tokens::{Tok, ALNUM, CAP, G_AT};
use super::{SpanType, Strictness};

#[inline]
fn is_sep(c: u8) -> bool {
    c == b' ' || c == b'-' || c == b'.'
}

/// Does the text in the `len` bytes before `s` contain one of `words` (any case)?
fn before_has(ctx: &Ctx<'_>, s: usize, len: usize, words: &[&str]) -> bool {
    window_has(ctx, s.saturating_sub(len), s, words)
}

/// Does the text in the `len` bytes after `e` contain one of `words` (any case)?
fn after_has(ctx: &Ctx<'_>, e: usize, len: usize, words: &[&str]) -> bool {
    window_has(ctx, e, (e + len).min(ctx.b.len()), words)
}

/// Does `text[lo..hi]` (at most 128 bytes of it, nearest `hi`) contain one of `words` (any case)?
fn window_has(ctx: &Ctx<'_>, lo: usize, hi: usize, words: &[&str]) -> bool {
    let mut buf = [0u8; 128];
    let window = lower_window(ctx, lo, hi, &mut buf);
    last_word_start(window, words, |_, _| true).is_some()
}

/// Where the last of `words` (lower case) in `hay` (lower case) that `keep` takes starts, as
/// a word, or the word with a plural or possessive ending ("gran" is in "my gran's", not in
/// "Mr Grant"; "mum" not in "minimum"). One pass from the back, every word tried at each
/// word start, where a search for each word in turn would read the window once a word.
fn last_word_start(
    hay: &[u8],
    words: &[&str],
    mut keep: impl FnMut(usize, &[u8]) -> bool,
) -> Option<usize> {
    let letter = |i: usize| hay.get(i).is_some_and(u8::is_ascii_alphabetic);
    for i in (0..hay.len()).rev() {
        if i > 0 && letter(i - 1) {
            continue;
        }
        for w in words.iter().map(|w| w.as_bytes()) {
            let Some(&last) = w.last() else {
                continue;
            };
            if w[0] != hay[i] || !hay[i..].starts_with(w) {
                continue;
            }
            let e = i + w.len();
            let ends =
                !letter(e) || (hay[e] == b's' && !letter(e + 1)) || !last.is_ascii_alphabetic();
            if ends && keep(i, w) {
                return Some(i);
            }
        }
    }
    None
}

/// How far before `s` the nearest of `words` in the `len` bytes before it starts, if any.
fn distance_before(ctx: &Ctx<'_>, s: usize, len: usize, words: &[&str]) -> Option<usize> {
    let mut buf = [0u8; 128];
    let window = lower_window(ctx, s.saturating_sub(len), s, &mut buf);
    last_word_start(window, words, |_, _| true).map(|i| window.len() - i)
}

/// `text[lo..hi]` (at most the 128 bytes nearest `hi`), lower-cased into `buf`.
fn lower_window<'a>(ctx: &Ctx<'_>, lo: usize, hi: usize, buf: &'a mut [u8; 128]) -> &'a [u8] {
    let lo = lo.max(hi.saturating_sub(buf.len())).min(hi);
    let window = &mut buf[..hi - lo];
    window.copy_from_slice(&ctx.b[lo..hi]);
    window.make_ascii_lowercase();
    window
}

fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    if needle.is_empty() || hay.len() < needle.len() {
        return false;
    }
    hay.windows(needle.len())
        .any(|win| win.eq_ignore_ascii_case(needle))
}

/// A school's own phones, named before or after the number: "Site emergency mobile:
/// 07700…", "the trip mobile", "Mr Barker 07700 900331 (trip leader's work mobile)".
const SCHOOL_PHONES: &[&str] = &[
    "site mobile",
    "school mobile",
    "work mobile",
    "trip mobile",
    "office mobile",
    "duty mobile",
    "emergency mobile",
    "staff mobile",
    "on-call mobile",
    "class mobile",
    "pastoral mobile",
    "club phone",
    "club mobile",
];

/// Words that make a number or address a family's: family members, and a few more.
/// ("mobile" and "family" are checked apart: a school's mobile, a family hub's number)
const PARENT_CUES: &[&str] = &[
    "aunt",
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
    "guardian",
    "stepdad",
    "stepmum",
    "mam",
    "mummy",
    "daddy",
    "home",
    "personal",
    "his number",
    "her number",
    "their number",
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
    "enquiry",
    "enquiries",
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
    let mut found: Vec<(usize, usize, SpanType)> = Vec::new();
    let mut phones: Vec<(usize, usize, bool)> = Vec::new();
    let mut groups: Vec<(usize, usize)> = Vec::new();
    // Every identifier and phone number starts at a token, so only tokens are visited; bytes
    // before `resume` already belong to something found.
    let mut resume = 0;
    for t in &ctx.toks {
        let s = t.s as usize;
        if s < resume {
            continue;
        }
        let c = b[s];
        if c.is_ascii_alphabetic() {
            // UPN: a letter then 12 more characters, separators allowed ("A123…" or "A 123…")
            if t.shape == ALNUM || t.e as usize - s == 1 {
                if let Some(e) = try_upn(b, s) {
                    found.push((s, e, SpanType::Upn));
                    resume = e;
                }
            }
            continue;
        }
        if !c.is_ascii_digit() {
            continue;
        }
        // a '+' straight before the digits is part of the number ("+44 …"), unless it is
        // glued to a word
        let i = if s > 0 && b[s - 1] == b'+' && (s < 2 || !b[s - 2].is_ascii_alphanumeric()) {
            s - 1
        } else {
            s
        };
        let c = b[i];
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
            // separators: " ", "-", ".", " - ", "(0)", and the bracket that closes an area
            // code opened before the number, "(0161) 496 0000"
            let mut k = j;
            let mut seps = 0;
            if groups.len() == 1 && start > 0 && b[start - 1] == b'(' && k < n && b[k] == b')' {
                k += 1;
            }
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
        let end = groups.last().map_or(j, |g| g.1);
        if groups.is_empty() {
            continue;
        }
        // don't treat dates or times as numbers
        // (a colon only between digits, "12:30": "SCN 145 216 001: reader & scribe" ends a
        // number, and "SCN:145216001" starts one)
        let slash_next = end < n
            && (b[end] == b'/'
                || (b[end] == b':' && b.get(end + 1).is_some_and(u8::is_ascii_digit)));
        let slash_prev = start > 0
            && (b[start - 1] == b'/'
                || (b[start - 1] == b':' && start > 1 && b[start - 2].is_ascii_digit()));
        let digits: usize = groups.iter().map(|g| g.1 - g.0).sum();
        let first = b[groups[0].0];
        let is_phone = !slash_next
            && !slash_prev
            && ((plus && b[groups[0].0..].starts_with(b"44") && (11..=13).contains(&digits))
                // a family's number abroad: "Dad rang from +40 742 118 903"
                || (plus
                    && !b[groups[0].0..].starts_with(b"44")
                    && groups.len() >= 2
                    && (9..=14).contains(&digits))
                || (first == b'0'
                    && b[groups[0].0..].starts_with(b"00")
                    && (12..=14).contains(&digits))
                || (first == b'0'
                    && !plus
                    && (digits == 11
                        // ten digits: an older landline ("01xxx xxxxx"); no mobile has ten
                        || (digits == 10
                            && groups.len() >= 2
                            && groups[0].1 - groups[0].0 >= 4
                            && matches!(b[groups[0].0 + 1], b'1' | b'2')))
                    && (b[groups[0].0 + 1] != b'0')));
        let _ = paren_zero;
        // ten digits starting with 0 could be a landline or a CHI/NHS number ("CHI number
        // on the form is 020917 4404"): a valid check with an identifier named just before
        // makes it the identifier
        let identifier = is_phone && digits == 10 && !plus && {
            let (buf, m) = gather_digits(b, &groups);
            // (a tracking number can pass the check too, so the cue is needed, unless it is
            // written as a CHI is, a date and four digits: "it's 020914 3525". No ten-digit
            // landline reads as a date: after its 01 comes an area code, 13 or more, no month)
            let chi_shape = match groups.as_slice() {
                [(s, e)] => e - s == 10,
                [(s1, e1), (s2, e2)] => e1 - s1 == 6 && e2 - s2 == 4,
                _ => false,
            };
            match classify(ctx, &buf[..m], start) {
                Some(SpanType::ChiNumber) if chi_shape => true,
                Some(_) => before_has(ctx, start, 40, &["nhs", "chi", "uln", "upn"]),
                None => false,
            }
        };
        if is_phone && !identifier {
            // "(0113) 496 0000" keeps its bracket; "Fiona (07700 900318)" keeps both of hers
            let s = if start > 0 && b[start - 1] == b'(' && b[start..end].contains(&b')') {
                start - 1
            } else {
                start
            };
            let mobile = {
                let g = &b[groups[0].0..];
                g.starts_with(b"07")
                    || g.starts_with(b"447")
                    || (plus && g.starts_with(b"44") && paren_zero)
                    || (plus && !g.starts_with(b"44"))
            };
            phones.push((s, end, mobile));
            resume = end;
            continue;
        }
        // a book's number is not a pupil's: "ISBN 978-1-80035-112-4"
        // (only numbers long enough to hold an identifier pay for the look-behind)
        let isbn = digits >= 9
            && ((digits == 13
                && (b[groups[0].0..].starts_with(b"978") || b[groups[0].0..].starts_with(b"979")))
            || before_has(ctx, start, 12, &["isbn"])
            // nor is an order's, an invoice's or a payroll reference ("PO number 4500218873"),
            // unless an identifier is named ("ref: NHS 943 476 5919")
            || (before_has(ctx, start, 16, &["po number", "po no", "order", "invoice", "payroll", "ref"])
                && !before_has(ctx, start, 40, &["nhs", "chi", "uln", "upn", "scn", "unique"])));
        if !isbn {
            // try every run of whole groups with 9 or 10 digits, longest first; a date's year
            // leading the chain or its day ending it is the date's ("12/01/2020 – 909 726
            // 2941" on a flu list holds an NHS number)
            let to = groups.len() - usize::from(slash_next);
            let mut gi = usize::from(slash_prev);
            while gi < to {
                let mut tot = 0;
                let mut hit = None;
                for gj in gi..to {
                    tot += groups[gj].1 - groups[gj].0;
                    if tot > 10 {
                        break;
                    }
                    if tot == 10 || tot == 9 {
                        let (buf, m) = gather_digits(b, &groups[gi..=gj]);
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
        resume = end;
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
        // "…use 0117 496 0582 now instead of mum's number" names the family after the number
        // ("the number on the contact sheet is wrong, it should be …")
        // ("Site emergency mobile: 07700…", "the trip mobile" belong to the school)
        let school_mobile = before_has(ctx, s, 40, SCHOOL_PHONES);
        // the writer's own, where the post names no family ("I'm Claire, CA at Holy Cross…
        // My mobile if easier: 07700…"; but a parent's letter pasted in, "…my son Chidi in 7R…
        // My number is 07700…", is a family's)
        let writers_mobile = || {
            before_has(
                ctx,
                s,
                30,
                &[
                    "my mobile",
                    "my number",
                    "my phone",
                    "text me",
                    "ring me",
                    "call me",
                ],
            ) && !(0..ctx.tok_at(s))
                .any(|k| ctx.toks[k].f & FAMILY != 0 || ctx.is_any(k, &["son", "daughter"]))
        };
        // ("drop-ins at the Family Hub (0117…)": a service for families, not a family)
        let family_service = before_has(
            ctx,
            s,
            40,
            &[
                "family hub",
                "family centre",
                "family support",
                "family services",
                "families team",
                // (and the school's own worker for families: "Shabnam Hussain, Family
                // Liaison, 0113…")
                "family liaison",
                "family worker",
                "family link",
            ],
        );
        // ("Mr Barker 07700 900331 (trip leader's work mobile)")
        let own_mobile = school_mobile || writers_mobile() || after_has(ctx, e, 40, SCHOOL_PHONES);
        // ("if parents ring with questions the school office is on 01970 612345": the
        // office, named after the parents, owns the landline)
        // (a mobile with a family named is the family's, though the office rings it)
        // (a mobile is no office's, though the office keeps it: "mum's number is on the office
        // system but in case it's not it's 07700…", so a family named earlier in the sentence
        // owns it)
        let parent = (if mobile {
            parent_named_before(ctx, s).is_some()
                || (!own_mobile && spoken_of_before(ctx, s, 0, FAMILY))
        } else {
            parent_cue_nearest(ctx, s)
        }) || (!own_mobile
            && before_has(ctx, s, 60, &["mobile"])
            // (a school's mobile named on the line before is no family's: "Trip mobile (with
            // Mrs Okafor): 07700…\nCoach firm: 0161…")
            && !before_has(ctx, s, 60, SCHOOL_PHONES))
            || (!family_service && before_has(ctx, s, 60, &["family"]))
            || before_has(
                ctx,
                s,
                60,
                &["contact sheet", "emergency contact", "contact number"],
            )
            || after_has(
                ctx,
                e,
                40,
                &[
                    "mum's", "dad's", "mam's", "nan's", "gran's", "carer's", "aunt",
                ],
            );
        let public = own_mobile
            || before_has(ctx, s, 50, PUBLIC_CUES)
            || b[s..e].starts_with(b"08")
            || b[s..e].starts_with(b"03")
            || b[s..e].starts_with(b"(08")
            || b[s..e].starts_with(b"(03");
        // "Young Minds parents helpline 0808 802 5544": a family has no freephone number
        let service = ["08", "03", "(08", "(03"]
            .iter()
            .any(|p| b[s..e].starts_with(p.as_bytes()));
        let flag = (parent && !service)
            || match ctx.strict {
                Strictness::Strict => !public || mobile,
                Strictness::Standard => mobile && !public && !named_adults(ctx, s),
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

/// Does the number at `s` follow a grown-up's name, asked for ("ring Bernie on 07700…"),
/// titled ("Mr Tunde Balogun on …") or after a job in its sentence ("Union rep … is Winston
/// Clarke, 07700…"), with no pupil or family word in the sixteen words before the number? (A
/// family's number named with a parent's word is flagged by the caller whatever this says.)
fn named_adults(ctx: &Ctx<'_>, s: usize) -> bool {
    let at = ctx.tok_at(s);
    // (a family's number names the family or a pupil somewhere near: "Contact: grandmother
    // Mrs Kamińska, 07700…", "Ruby – 07700…" under "Parent phone tree")
    if ctx.toks[at.saturating_sub(16)..at]
        .iter()
        .any(|t| t.f & (CHILD | FAMILY) != 0)
    {
        return false;
    }
    // a name and its job between the name and the number, in one sentence: "Marcia
    // Thompson, UNISON Branch Rep, 07956…", "Fiona (trainer) has said to text her on 07700…"
    let sid = ctx.toks.get(at).map_or(u32::MAX, |t| t.sid);
    let near = &ctx.toks[at.saturating_sub(8)..at];
    let in_sentence = |t: &&Tok| t.sid == sid;
    if near
        .iter()
        .filter(in_sentence)
        .any(|t| t.shape == CAP && t.f & (GIVEN | SURNAME) != 0)
        && near.iter().filter(in_sentence).any(|t| t.f & ROLE != 0)
    {
        return true;
    }
    let on = at > 0 && ctx.is(at - 1, "on");
    let mut j = if on || (at > 0 && ctx.is_any(at - 1, &["is", "was"])) {
        at - 1
    } else {
        at
    };
    // the name: a capitalised given name or surname, one or two words
    let name_end = j;
    while j > 0 && name_end - j < 2 && {
        let t = &ctx.toks[j - 1];
        t.shape == CAP && t.f & (GIVEN | SURNAME) != 0
    } {
        j -= 1;
    }
    if j == name_end || j == 0 {
        return false;
    }
    let before = j - 1;
    let sid = ctx.toks[name_end - 1].sid;
    let asked = ctx.is_any(
        before,
        &[
            "ring", "call", "text", "phone", "contact", "ask", "for", "message",
        ],
    ) && ctx.toks[before].sid == sid;
    let titled = on && ctx.f(before) & TITLE != 0;
    let job = ctx.toks[before.saturating_sub(7)..=before]
        .iter()
        .any(|t| t.sid == sid && t.f & ROLE != 0);
    asked || titled || job
}

/// Is a token with any of `flags` before `s`, at most 128 bytes back, in its sentence or up
/// to `sentences_back` before it?
fn spoken_of_before(ctx: &Ctx<'_>, s: usize, sentences_back: u32, flags: u64) -> bool {
    let at = ctx.tok_at(s);
    let Some(sid) = ctx.toks.get(at).or(ctx.toks.last()).map(|t| t.sid) else {
        return false;
    };
    ctx.toks[..at]
        .iter()
        .rev()
        .take_while(|t| t.sid + sentences_back >= sid && t.s as usize + 128 >= s)
        .any(|t| t.f & flags != 0)
}

/// How far before `s` (within 60 bytes) the nearest family word starts, leaving out the
/// parents who are only who a number or address is for: "our school office line for
/// parents is 020…", "translated letters for parents – email me at …" (but "three numbers
/// for mum" and "the number for parents of the Y5 twins" are theirs).
fn parent_named_before(ctx: &Ctx<'_>, s: usize) -> Option<usize> {
    let mut buf = [0u8; 128];
    let window = lower_window(ctx, s.saturating_sub(60), s, &mut buf);
    // ("her number", "their number" are a family's only where a child or a family is spoken
    // of: "Mrs Wood … Her number was 01422…", "Rowan Bank Special School … Their number is…")
    let about_a_child = std::cell::OnceCell::new();
    let about_a_child =
        || *about_a_child.get_or_init(|| spoken_of_before(ctx, s, 2, CHILD | FAMILY | CLASSREF));
    last_word_start(window, PARENT_CUES, |i, cue| {
        let rest = &window[i..];
        let callers = (rest.starts_with(b"parents") || rest.starts_with(b"carers"))
            && !rest.starts_with(b"parents of")
            && !rest.starts_with(b"carers of");
        (!cue.ends_with(b" number") || about_a_child())
            && !(window[..i].ends_with(b"for ") && callers)
    })
    .map(|i| window.len() - i)
}

/// Is a family named in the 60 bytes before `s` (a parent's number or address), with no
/// school or office named after it and before `s`?
fn parent_cue_nearest(ctx: &Ctx<'_>, s: usize) -> bool {
    parent_named_before(ctx, s)
        .is_some_and(|p| distance_before(ctx, s, 60, PUBLIC_CUES).is_none_or(|o| o > p))
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

/// The digits of a run of digit groups (at most ten), side by side.
fn gather_digits(b: &[u8], groups: &[(usize, usize)]) -> ([u8; 10], usize) {
    let mut buf = [0u8; 10];
    let mut m = 0;
    for &d in groups.iter().flat_map(|g| &b[g.0..g.1]).take(10) {
        buf[m] = d;
        m += 1;
    }
    (buf, m)
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
        // (the scheme named nearest before decides: "NHS number for the medical plan:
        // Ibrahim Yusuf 190-977-6211" is an NHS number, though 190977 reads as a date)
        let cues = |len| {
            (
                before_has(ctx, s, len, &["chi"]),
                before_has(ctx, s, len, &["nhs"]),
            )
        };
        let (chi_cue, nhs_cue) = match cues(40) {
            (false, false) => cues(100),
            near => near,
        };
        // (but a CHI that starts with a pupil's birth date, in a post that names the CHI, is
        // one even with the NHS named nearer: "the CHI on the health plan against the NHS
        // letter for Isla in P1: 0902192019")
        let pupils_chi = chi && d[4..6] <= b"25"[..] && before_has(ctx, s, 100, &["chi"]);
        return Some(if chi && (chi_cue || !nhs_cue) || pupils_chi {
            SpanType::ChiNumber
        } else {
            SpanType::NhsNumber
        });
    }
    None
}

/// The trades of grown-ups who give a work address on the forum, as a part of it of their own.
/// ("ta" is left out: the labelled corpus counts "lisa.ta.1984@gmail.com", a TA's own, as
/// personal)
const TRADES: &[&str] = &[
    "hlta",
    "tutor",
    "trainer",
    "training",
    "makaton",
    "interpreting",
    "interpreter",
    "translator",
    "slt",
    "salt",
    "senco",
    "elsa",
    "therapy",
    "therapist",
];
/// Words in the local part of a group's shared address, wherever they stand.
const GROUP_LOCALS: &[&str] = &["network", "meetup", "commonroom", "cluster", "committee"];
const ROLE_LOCALS: &[&str] = &[
    "office",
    "swyddfa",
    "manager",
    "eyfs",
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
    "apprenticeships",
    "apprenticeship",
    "bookings",
    "booking",
    "courses",
    "careers",
    "jobs",
    "recruitment",
    "payroll",
    "partnerships",
    "outreach",
    "wellbeing",
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
    // an address's '@' lies in the gap before the token that starts its domain
    for t in &ctx.toks {
        if t.gap & G_AT == 0 {
            continue;
        }
        let gs = t.s as usize - t.gap_len as usize;
        let Some(off) = b[gs..t.s as usize].iter().rposition(|&c| c == b'@') else {
            continue;
        };
        let at = gs + off;
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
        // (a group's shared inbox names the group anywhere in it: "westyorks.commonroom@…",
        // "calderdaleTAnetwork@…", "hlta.meetups.bristolsouth@…")
        let group_inbox = GROUP_LOCALS
            .iter()
            .any(|g| contains_ci(local, g.as_bytes()));
        // (and one that names a trade in a part of its own is kept for work:
        // "helen.carver.makaton@…", "sarah.hlta.leeds@…", "steve@teamteach-trainer.co.uk")
        let trade = local
            .split(|&c| matches!(c, b'.' | b'_' | b'-'))
            .chain(domain.split(|&c| matches!(c, b'.' | b'-')))
            .any(|part| {
                TRADES
                    .iter()
                    .any(|t| part.eq_ignore_ascii_case(t.as_bytes()))
            });
        let role = group_inbox
            || trade
            || ROLE_LOCALS
                .iter()
                .any(|r| local.eq_ignore_ascii_case(r.as_bytes()))
            || ROLE_LOCALS.iter().any(|r| {
                local.len() > r.len() + 1
                    && local[..r.len()].eq_ignore_ascii_case(r.as_bytes())
                    && matches!(local[r.len()], b'.' | b'_' | b'-')
            });
        let institutional = [
            ".sch.uk",
            ".gov.uk",
            ".ac.uk",
            ".nhs.uk",
            ".nhs.net",
            ".edu",
            ".org.uk",
            ".org",
            "school",
            "academy",
            "council",
            "college",
            "nursery",
            "trust",
            "ysgol",
            "primary",
            "infant",
            "junior",
            "federation",
            // (a union's officers: "his email is k.morris@unison.co.uk")
            "unison",
            "nasuwt",
            "gmb.org",
        ]
        .iter()
        .any(|d| contains_ci(domain, d.as_bytes()));
        // ("the number on the contact sheet is wrong, it should be …")
        // ("parents can write to the school office at office@…": the office's, as a role's
        // address says)
        let parent = (if role {
            parent_cue_nearest(ctx, s)
        } else {
            parent_named_before(ctx, s).is_some()
        }) || before_has(ctx, s, 60, &["family", "mobile"])
            || before_has(
                ctx,
                s,
                60,
                &["contact sheet", "emergency contact", "contact number"],
            );
        // "email me on tasha…@gmail.com": the writer's own address
        let own = before_has(ctx, s, 12, &["me on ", "me at ", "my email", "me: "]);
        // a school's accounts for its pupils: "jakub.w2016@pupils.example.sch.uk"
        // (or one given as a child's: "her school email pmensah27@…sch.uk isn't working"; a
        // colleague's is their "work email")
        let pupils = ["pupil", "student", "learner"]
            .iter()
            .any(|d| contains_ci(domain, d.as_bytes()))
            || before_has(
                ctx,
                s,
                24,
                &["her school email", "his school email", "their school email"],
            );
        // (an office's address at a school's or council's domain is the office's, whatever
        // the words around it: "queries about the family learning session: office@…sch.uk")
        let flag = if role && institutional && !pupils {
            ctx.strict == Strictness::Strict
        } else if (role || own) && !parent {
            false
        } else if parent || personal || pupils {
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
