//! Postcodes (valid UK format) and home addresses, flagged in a home or family context.

use super::engine::Ctx;
use super::lexicon::*;
use super::tokens::*;
use super::{SpanType, Strictness};

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

/// Welsh street words that come before the street's name: "Heol y Coed", "Maes y Coed",
/// "Llys Derwen".
const WELSH_STREET_FIRST: &[&str] = &["heol", "ffordd", "stryd", "lon", "rhodfa", "maes", "llys"];

/// A Welsh street starting at token `k`, the street word first: "Heol y Coed", or in lower
/// case from a writer who doesn't capitalise, to the comma ("2 heol y dderwen, SA31 1AB").
/// Returns the street's last token.
fn welsh_street(ctx: &Ctx<'_>, k: usize) -> Option<usize> {
    let n = ctx.toks.len();
    if k + 1 >= n || !ctx.is_any(k, WELSH_STREET_FIRST) {
        return None;
    }
    let lower = ctx.toks[k].shape == LOWER && ctx.lower_case_writer;
    if ctx.toks[k].shape != CAP && !lower {
        return None;
    }
    let part = |j: usize| {
        if lower {
            ctx.toks[j].shape == LOWER
        } else {
            ctx.toks[j].shape == CAP || ctx.is_any(j, &["y", "yr", "r"])
        }
    };
    let mut e = k;
    while e + 1 < n && e - k < 3 && ctx.toks[e + 1].gap == G_SPACE && part(e + 1) {
        e += 1;
    }
    let ends = if lower {
        ctx.toks.get(e + 1).is_some_and(|t| t.gap & G_COMMA != 0)
    } else {
        ctx.toks[e].shape == CAP
    };
    (e > k && ends).then_some(e)
}

/// A home's number in a building or on a site and the name after it, from token `i`: "Flat
/// 5, Victoria Mansions", "Apartment 6, The Maltings", "Plot 3, Brickyard Lane". Returns the
/// name's last token. (A street number after the comma is the street address's: "Flat 3, 22
/// Oak Avenue".)
fn dwelling(ctx: &Ctx<'_>, i: usize) -> Option<usize> {
    const UNITS: &[&str] = &["flat", "apartment", "apt", "room", "unit", "plot", "pitch"];
    let n = ctx.toks.len();
    // (the number first: it rules out nearly every token at once)
    if i + 2 >= n
        || !matches!(ctx.toks[i + 1].shape, DIGIT | ALNUM)
        || ctx.toks[i].shape != CAP
        || !ctx.is_any(i, UNITS)
    {
        return None;
    }
    let num = ctx.word(i + 1).as_bytes();
    let numbered = num.len() <= 4 && num[0].is_ascii_digit() && ctx.toks[i + 1].gap == G_SPACE;
    // (not "Room 4, I've put the kettle on", "Room 14, Tues")
    // (or a numbered building: "Flat 3, 17 Coniston House")
    let building = ctx.toks[i + 2].shape == DIGIT
        && ctx.word(i + 2).len() <= 4
        && ctx
            .toks
            .get(i + 3)
            .is_some_and(|t| t.shape == CAP && t.gap == G_SPACE && t.f & STOP == 0)
        && ctx
            .toks
            .get(i + 4)
            .is_some_and(|t| t.shape == CAP && t.gap == G_SPACE && t.f & STREET == 0);
    let named = building
        || ctx.toks[i + 2].shape == CAP && (ctx.toks[i + 2].f & STOP == 0 || ctx.is(i + 2, "the"));
    if !numbered || ctx.toks[i + 2].gap & G_COMMA == 0 || !named {
        return None;
    }
    let mut e = if building { i + 3 } else { i + 2 };
    while e + 1 < n
        && e - (i + 2) < 3
        && ctx.toks[e + 1].gap == G_SPACE
        && ctx.toks[e + 1].shape == CAP
    {
        e += 1;
    }
    Some(e)
}

pub(super) fn detect_postcodes_addresses(ctx: &mut Ctx<'_>) {
    let n = ctx.toks.len();
    let mut posts: Vec<(usize, usize)> = Vec::new();
    let mut addrs: Vec<(usize, usize, bool)> = Vec::new();
    let mut i = 0;
    while i < n {
        let t = ctx.toks[i];
        // "Flat 4B, Oak Tower", "Plot 12, Cottingley Springs", "Room 6, St Anne's Hostel": a
        // home's number in a building or on a site, then the building's or site's name
        if let Some(e) = (t.shape == CAP).then(|| dwelling(ctx, i)).flatten() {
            addrs.push((i, e, false));
            i = e + 1;
            continue;
        }
        // a postcode or house number has a digit; an unnumbered address follows a home cue
        let after_home = i > 0 && ctx.f(i - 1) & HOME != 0 && t.shape == CAP;
        if !matches!(t.shape, DIGIT | ALNUM | UPPER) && !after_home {
            i += 1;
            continue;
        }
        let w = ctx.word(i).as_bytes();
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
        if numbered || after_home {
            let mut k = if numbered { i + 1 } else { i };
            let mut caps = 0;
            // Welsh streets put the street word first: "8 Heol y Coed", "Ffordd yr Afon"
            let mut street_end = if numbered { welsh_street(ctx, k) } else { None };
            while street_end.is_none() && k < n && caps < 4 {
                let tk = ctx.toks[k];
                // (a number ends its line or label: "14 & 21 January 2025\nVenue: Adams Court"
                // is a year and a venue)
                // (nor does a bracket or a dash join a number to a street: "Gate 1 (Kenwood
                // Rd)", "Station 4 – Pudding Lane map work")
                if tk.shape != CAP
                    || tk.gap & (G_DOT | G_EXCL | G_NL | G_COMMA) != 0 && k != i + 1
                    || tk.gap & (G_NL | G_COLON) != 0 && k > i
                    || numbered && k == i + 1 && tk.gap & (G_OPEN | G_HYPHEN | G_OTHER) != 0
                {
                    break;
                }
                caps += 1;
                if tk.f & STREET != 0 && caps >= 2 {
                    street_end = Some(k);
                    break;
                }
                // "41 Kirkgate", "9 Westgate": a northern street in one word
                if numbered
                    && caps == 1
                    && ctx.word(k).len() > 6
                    && ctx.word(k).ends_with("gate")
                    && ctx
                        .toks
                        .get(k + 1)
                        .is_none_or(|t| t.shape != CAP || t.gap != G_SPACE)
                {
                    street_end = Some(k);
                    break;
                }
                k += 1;
            }
            // "22 Holly Bank, M14 6HR", "17 Coniston House, Salford M6 5FX": a number and a
            // name with a postcode after them are an address line, whatever the street word
            // (not a venue or a school: "110 Merrion Centre, Leeds LS2 8BB"; nor a number
            // before a comma, "Year 3, Hawthorn Primary, LE3 9FP")
            if street_end.is_none()
                && numbered
                && caps >= 1
                && k < n
                && ctx.toks[i + 1].gap == G_SPACE
                && ctx.toks[i + 1..k]
                    .iter()
                    .all(|t| t.f & (VENUE | LANDMARK | SCHOOL_SFX | SCHOOL_GENERIC) == 0)
                && ctx.toks[k].gap & G_COMMA != 0
                && (k..(k + 3).min(n - 1)).any(|j| {
                    let (o, x) = (ctx.word(j).as_bytes(), ctx.word(j + 1).as_bytes());
                    is_outward(o) && same_case(o) && is_inward(x) && same_case(x)
                })
            {
                street_end = Some(k - 1);
            }
            // "42 mill lane, pudsey" from a writer who doesn't capitalise
            if street_end.is_none() && numbered && ctx.lower_case_writer {
                let mut k = i + 1;
                while k < n
                    && k <= i + 3
                    && ctx.toks[k].shape == LOWER
                    && ctx.toks[k].gap == G_SPACE
                {
                    if k >= i + 2
                        && ctx.is_any(
                            k,
                            &[
                                "road", "lane", "street", "avenue", "crescent", "drive", "terrace",
                                "grove", "close", "way", "gardens", "court", "place", "mews",
                                "rise", "view", "brow", "row", "walk", "park", "green", "hill",
                                "wynd", "brae", "mount", "vale", "square", "parade", "heights",
                                "meadows", "croft",
                            ],
                        )
                    {
                        street_end = Some(k);
                        break;
                    }
                    k += 1;
                }
            }
            // ("Address: Rose Hill Primary, Ashhurst Way": a school named after its street)
            let school_name = street_end
                .and_then(|e| ctx.toks.get(e + 1))
                .is_some_and(|x| x.shape == CAP && x.gap == G_SPACE && x.f & SCHOOL_SFX != 0);
            if let Some(e) = street_end.filter(|_| !school_name) {
                addrs.push((i, e, after_home));
                i = e + 1;
                continue;
            }
        }
        i += 1;
    }
    // (where the flagged home addresses end: a postcode straight after one is the home's)
    let mut home_ends: Vec<usize> = Vec::new();
    // (and where the others end: a flagged postcode straight after one makes it the home's)
    let mut other_addrs: Vec<(usize, usize)> = Vec::new();
    for (a, e, after_home) in addrs {
        let s = ctx.toks[a].s as usize;
        let end = ctx.toks[e].e as usize;
        let f = ctx.flags_near(s, end, 8, 3);
        let public = public_near(ctx, s, end, 8, 3);
        // ("Friends Meeting House, 6 Mount Street": a house that is a venue)
        let home = after_home
            || f & FAMILY != 0
            || (f & HOME != 0 && (!public || home_word_near(ctx, s, end, 8, 3)));
        if should_flag(ctx, home, public) {
            home_ends.push(end);
            ctx.push(
                s,
                end,
                SpanType::HomeAddress,
                "This looks like a home address.",
                "[address removed]",
            );
        } else {
            other_addrs.push((s, end));
        }
    }
    for (a, e) in posts {
        let s = ctx.toks[a].s as usize;
        let end = ctx.toks[e].e as usize;
        let f = ctx.flags_near(s, end, 10, 3);
        let public = public_near(ctx, s, end, 10, 3);
        // "School address for deliveries is …": the word "address" alone doesn't make a
        // school's or venue's postcode a home's
        // ("14 Marsh Lane, L9 3AB", "14 Fernhill Road, Swindon SN2 5AB": the town between)
        let after_address = home_ends
            .iter()
            .any(|&x| x <= s && s - x <= 24 && !ctx.b[x..s].contains(&b'\n'));
        // ("is the transport team still at the Civic Centre, Pontypool NP4 6YB? Got a parent
        // asking": a venue's postcode, with a family in another sentence, needs a home word;
        // "Jude Fairweather's address … – it's 7 Ivy Cottages, Low Row, DL11 6PL" has one)
        let family = f & FAMILY != 0 && (!public || family_in_sentence(ctx, s, end));
        let home = after_address
            || family
            || home_word_near(ctx, s, end, 12, 3)
            || (f & HOME != 0 && !public);
        if should_flag(ctx, home, public) {
            ctx.push(
                s,
                end,
                SpanType::Postcode,
                "A full postcode in a home context can locate a family.",
                "[postcode removed]",
            );
            // ("a letter to 27 Beech Grove, BD7 3HN about Kai's books": the postcode's home
            // word comes after the address)
            if let Some(&(a_s, a_e)) = other_addrs
                .iter()
                .find(|&&(_, x)| x <= s && s - x <= 24 && !ctx.b[x..s].contains(&b'\n'))
            {
                ctx.push(
                    a_s,
                    a_e,
                    SpanType::HomeAddress,
                    "This looks like a home address.",
                    "[address removed]",
                );
            }
        }
    }
}

/// An address or postcode is flagged in a home context; otherwise by strictness: strict
/// unless it is a school's or venue's, standard only in a post about a child.
fn should_flag(ctx: &Ctx<'_>, home: bool, public: bool) -> bool {
    home || match ctx.strict {
        Strictness::Strict => !public,
        Strictness::Standard => !public && ctx.child_ctx > 0,
        Strictness::Relaxed => false,
    }
}

/// The tokens up to `before` before the byte range `s..e` and up to `after` after it.
fn around(
    ctx: &Ctx<'_>,
    s: usize,
    e: usize,
    before: usize,
    after: usize,
) -> impl Iterator<Item = usize> {
    let a = ctx.tok_at(s);
    let b = ctx.toks.partition_point(|t| (t.s as usize) < e);
    (a.saturating_sub(before)..a).chain(b..(b + after).min(ctx.toks.len()))
}

/// Is a school, venue or public office named near the range? (Not the "la" of
/// "Ashby-de-la-Zouch": a lower-case word inside a hyphenated place name.)
fn public_near(ctx: &Ctx<'_>, s: usize, e: usize, before: usize, after: usize) -> bool {
    around(ctx, s, e, before, after).any(|k| {
        let t = ctx.toks[k];
        t.f & (SCHOOL_SFX | VENUE | PUBLIC) != 0 && !(t.gap == G_HYPHEN && t.shape == LOWER)
    })
}

/// Is a family word near the range ("mum", "parents"), in its sentence?
/// ("a drop-in for parents at Bury Library, … BL9 0DG": a venue named between the family
/// and the postcode owns it)
fn family_in_sentence(ctx: &Ctx<'_>, s: usize, e: usize) -> bool {
    let a = ctx.tok_at(s);
    let sid = ctx.toks[a].sid;
    let public = |k: usize| ctx.toks[k].f & (SCHOOL_SFX | VENUE | PUBLIC) != 0;
    around(ctx, s, e, 10, 3).any(|k| {
        ctx.toks[k].f & FAMILY != 0 && ctx.toks[k].sid == sid && (k > a || !(k + 1..a).any(public))
    })
}

/// Is there a home word near the range ("lives", "house", "home"), or "address" after a
/// name's or a family's possessive ("Liam's address", "their address")?
fn home_word_near(ctx: &Ctx<'_>, s: usize, e: usize, before: usize, after: usize) -> bool {
    around(ctx, s, e, before, after).any(|k| {
        // ("meeting moved to St Luke's Church Hall": a venue, not a house move)
        let moved = ctx.is(k, "moved") || (k > 0 && ctx.is(k, "to") && ctx.is(k - 1, "moved"));
        let owned_address = ctx.is(k, "address")
            && k > 0
            && ((ctx.toks[k - 1].poss && ctx.toks[k - 1].shape == CAP)
                || ctx.is_any(k - 1, &["his", "her", "their", "family's"]));
        // ("Stopford House", "Jubilee House, 3 The Drive": a building's name)
        let building = ctx.toks[k].shape == CAP
            && !ctx.toks[k].sent
            && k > 0
            && ctx.toks[k - 1].shape == CAP
            && ctx.toks[k].gap == G_SPACE;
        ctx.toks[k].f & HOME != 0
            && (owned_address || (!ctx.is(k, "address") && !ctx.is(k, "addresses")))
            && !moved
            && !building
    })
}
