//! Quasi-identifiers: a named school, a year group or class and a rare detail together.

use super::engine::Ctx;
use super::lexicon::*;
use super::tokens::*;
use super::{SpanType, Strictness};

/// Finds named schools (returned as token ranges, so names inside them are not taken for
/// pupils) and raises QUASI findings when a named school, a class and a rare detail meet.
pub(super) fn detect_quasi(ctx: &mut Ctx<'_>) -> Vec<(usize, usize)> {
    let n = ctx.toks.len();
    let mut schools: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        let t = ctx.toks[i];
        // (a school named in lower case, by someone who writes in lower case)
        let lower = t.shape == LOWER && ctx.lower_case_writer;
        // Welsh and Irish names put "school" first: "Ysgol Cwm Glas", "Gaelscoil na Cille"
        // (or "ysgol bryn hafod")
        if t.f & SCHOOL_PREFIX != 0 && (matches!(t.shape, CAP | UPPER) || lower) {
            let mut e = i;
            while e + 1 < n
                && e - i < 4
                && ctx.toks[e + 1].gap == G_SPACE
                && (matches!(ctx.toks[e + 1].shape, CAP | UPPER)
                    || (lower
                        && ctx.toks[e + 1].shape == LOWER
                        && ctx.toks[e + 1].f & (STOP | DETERMINER | PRONOUN | IN_PREP | CLASSREF)
                            == 0)
                    || ctx.is_any(e + 1, &["y", "yr", "na", "an", "of", "st"]))
            {
                e += 1;
            }
            while e > i && ctx.toks[e].shape == LOWER && !lower {
                e -= 1;
            }
            if e > i {
                schools.push((i, e));
            }
            i = e + 1;
            continue;
        }
        // "Greenhill C of E" (or "st anne's c of e", in lower case)
        let single = |k: usize| {
            ctx.toks[k].shape == SINGLE || (ctx.lower_case_writer && ctx.toks[k].shape == LOWER)
        };
        let c_of_e = i + 2 < n
            && single(i)
            && ctx.is(i, "c")
            && ctx.is(i + 1, "of")
            && ctx.is(i + 2, "e")
            && single(i + 2);
        if let Some(e) = school_by_place(ctx, i) {
            schools.push((i, e));
            i = e + 1;
            continue;
        }
        if (t.f & SCHOOL_SFX == 0 && !c_of_e) || i == 0 {
            i += 1;
            continue;
        }
        // extend the suffix: "Primary School", "CE Primary", "Junior Academy"
        let mut e = if c_of_e { i + 2 } else { i };
        while e + 1 < n
            && ctx.toks[e + 1].f & SCHOOL_SFX != 0
            && ctx.toks[e + 1].gap == G_SPACE
            && (matches!(ctx.toks[e + 1].shape, CAP | UPPER) || lower)
        {
            e += 1;
        }
        // walk back over the capitalised name: "St Mary's", "Oakfield", "Our Lady of Lourdes"
        // (or the lower-case one, "greenbank primary", "holy family rc primary", where the
        // writer writes in lower case)
        let mut a = i;
        let mut named = false;
        let prev_end = schools.last().map(|&(_, e)| e);
        while a > 0 && i - a < 6 && prev_end.is_none_or(|pe| a - 1 > pe) {
            let p = ctx.toks[a - 1];
            let pw = ctx.word(a - 1);
            // initials join with dots: "St. Mary's", "Llanfair C.P. School", "C.E."
            let joins = ctx.toks[a].gap == G_SPACE
                || ctx.toks[a].gap == G_HYPHEN
                || (ctx.toks[a].gap == G_DOT | G_SPACE && (p.f & TITLE != 0 || p.shape == SINGLE))
                || (ctx.toks[a].gap == G_DOT && p.shape == SINGLE);
            if !joins {
                break;
            }
            // "St Mary's", "Holy Trinity C of E", "Our Lady of Lourdes"
            // (an everyday word ends a lower-case name: "blessing mensah's new school")
            let lower_part = lower && lower_name_word(ctx, a - 1);
            let capital = matches!(p.shape, CAP | UPPER | SINGLE)
                || lower_part
                || pw == "of"
                || pw == "and"
                || pw == "&";
            if !capital {
                break;
            }
            let nameish = p.f & (SCHOOL_SFX | SCHOOL_GENERIC | STOP) == 0
                || (p.f & (GIVEN | SURNAME | PLACE) != 0 && p.f & SCHOOL_GENERIC == 0);
            if nameish && (p.shape == CAP || p.shape == UPPER || lower_part) {
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
        // ("Forest School Level 3", "Beach School": a way of teaching outdoors)
        let outdoors = a + 1 == i && ctx.is_any(a, &["forest", "beach"]);
        if named
            && !outdoors
            && a < i
            && (ctx.toks[i].shape != LOWER || ctx.toks[a].shape == CAP || lower)
        {
            schools.push((a, e));
        }
        i = e + 1;
    }
    described_child(ctx, &schools);
    if schools.is_empty() {
        return schools;
    }
    let rare: Vec<usize> = (0..n).filter(|&k| is_rare(ctx, k)).collect();
    // a year group or class, or a child in the same sentence as the rare detail ("one of our
    // pre-schoolers has…"): in a named school either narrows it to a few pupils
    let has_class = ctx.toks.iter().any(|t| t.f & CLASSREF != 0) || {
        // sentence ids are in order, so one merge-like pass finds a shared sentence
        let mut child_sids = ctx.toks.iter().filter(|t| t.f & CHILD != 0).map(|t| t.sid);
        let mut next_child = child_sids.next();
        rare.iter().any(|&r| {
            let sid = ctx.toks[r].sid;
            while next_child.is_some_and(|c| c < sid) {
                next_child = child_sids.next();
            }
            next_child == Some(sid)
        })
    };
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

/// Could this lower-case word be part of a school's name: a name or a place, a word the
/// lexicon doesn't know ("greenbank", "hafod") or a saint's ("st", "holy"), not an everyday
/// word ("local", "new")?
fn lower_name_word(ctx: &Ctx<'_>, k: usize) -> bool {
    let t = ctx.toks[k];
    t.shape == LOWER
        && t.f & (STOP | DETERMINER | PRONOUN | IN_PREP | CLASSREF | SCHOOL_GENERIC) == 0
        && (t.f & WORD == 0
            || t.f & (GIVEN | SURNAME | PLACE) != 0
            || ctx.is_any(k, &["st", "saint", "holy", "sacred"]))
}

/// A school named without "school" or "primary", by where it stands: after a class and
/// "at" ("the girl in Year 4 at Pen-y-Bryn who…"), or between "the" and a year group ("the
/// Moorside Year 6 lad"). Returns the last token of the name.
fn school_by_place(ctx: &Ctx<'_>, i: usize) -> Option<usize> {
    let n = ctx.toks.len();
    let t = ctx.toks[i];
    if i < 2 || t.shape != CAP || t.sent || t.f & (MONTH | WHEN | STOP | CLASSREF | TITLE) != 0 {
        return None;
    }
    if ctx.is(i - 1, "the")
        && ctx
            .toks
            .get(i + 1)
            .is_some_and(|x| x.f & CLASSREF != 0 && x.gap == G_SPACE)
    {
        return Some(i);
    }
    // (also "the Year 6 boy at Gorsey Bank", "the Ladybird room at Little Acorns")
    let p = i - 2;
    let placed = ctx.toks[p].f & CLASSREF != 0
        || (ctx.toks[p].f & CHILD != 0 && p >= 1 && ctx.toks[p - 1].f & CLASSREF != 0)
        || (ctx.is_any(p, &["room", "class"]) && p >= 1 && ctx.toks[p - 1].shape == CAP);
    if !(ctx.is(i - 1, "at") && placed) {
        return None;
    }
    // capitalised words, and lower-case ones inside a hyphenated name ("Pen-y-Bryn")
    let mut e = i;
    while e + 1 < n && e - i < 5 {
        let x = ctx.toks[e + 1];
        let joined =
            (x.gap == G_SPACE && x.shape == CAP) || (x.gap == G_HYPHEN && x.shape != DIGIT);
        if !joined {
            break;
        }
        e += 1;
    }
    while ctx.toks[e].shape == LOWER {
        e -= 1;
    }
    // (one plain word could be anything: "in Year 4 at Christmas"; a suffix is found anyway)
    let suffixed = (i..=e).any(|k| ctx.toks[k].f & SCHOOL_SFX != 0);
    (!suffixed && (e > i || t.f & WORD == 0)).then_some(e)
}

/// Is token `k` a rare detail: a listed condition or event, or a word shaped like the name
/// of a rare medical condition ("fibrodysplasia", "ichthyosis", "progeria")?
fn is_rare(ctx: &Ctx<'_>, k: usize) -> bool {
    let t = ctx.toks[k];
    if t.f & RARE != 0 {
        // "runs the Rainbows bereavement group", "refugee support": a service, not an event
        return !ctx.is_any(
            k + 1,
            &[
                "group",
                "groups",
                "support",
                "training",
                "policy",
                "counselling",
                "service",
                "services",
                "lead",
                "champion",
                "course",
                "charity",
                "week",
            ],
        );
    }
    if t.shape != LOWER && t.shape != CAP {
        return false;
    }
    let w = ctx.word(k).as_bytes();
    // (every suffix below needs 7 letters and ends in a, s or y: most words stop here)
    if w.len() < 7 || !matches!(w[w.len() - 1].to_ascii_lowercase(), b'a' | b's' | b'y') {
        return false;
    }
    let ends = |sfx: &str| {
        w.len() >= sfx.len() && w[w.len() - sfx.len()..].eq_ignore_ascii_case(sfx.as_bytes())
    };
    const SUFFIXES: &[(&str, usize)] = &[
        ("plasia", 7),
        ("osis", 7),
        ("itis", 7),
        ("aemia", 7),
        ("emia", 7),
        ("oma", 7),
        ("trophy", 8),
        ("pathy", 8),
        ("plegia", 7),
        ("ectomy", 7),
        ("ostomy", 7),
        ("eria", 7),
        ("ssiva", 7),
    ];
    const COMMON: &[&str] = &[
        "diagnosis",
        "prognosis",
        "hypnosis",
        "osmosis",
        "academia",
        "diploma",
        "empathy",
        "sympathy",
        "telepathy",
        "cafeteria",
        "bacteria",
        "criteria",
        "hysteria",
        "wisteria",
        "pizzeria",
    ];
    SUFFIXES
        .iter()
        .any(|&(sfx, min)| w.len() >= min && ends(sfx))
        && !COMMON.iter().any(|c| w.eq_ignore_ascii_case(c.as_bytes()))
}

/// "the Year 2 girl at Ysgol Cwm Glas who was in the Daily Post", "your Y1 lad with the
/// ventilator": one child of a year group, at a named place, picked out by what happened to
/// them. Together these single a pupil out even when no detail is on the rare list.
fn described_child(ctx: &mut Ctx<'_>, schools: &[(usize, usize)]) {
    let n = ctx.toks.len();
    let mut k = 0;
    while k < n {
        let t = ctx.toks[k];
        let twins = t.f & FAMILY != 0 && (ctx.is(k, "twins") || ctx.is(k, "triplets"));
        // "the Year 11 at Thornleigh Salesian who…": the year group stands for the child
        let class_child = t.f & CLASSREF != 0 && ctx.is(k + 1, "at");
        if (t.f & CHILD == 0 && !twins && !class_child) || (k == 0 && !class_child) {
            k += 1;
            continue;
        }
        // a year group or class just before the child word: "the Year 2 girl", "Y5 twins"
        // ("Class 6M at St Cuthbert's — the boy who…")
        let class_at = (k.saturating_sub(10)..=k).rev().find(|&j| {
            (ctx.toks[j].f & CLASSREF != 0
                || (ctx.toks[j].f & CLASSWORD != 0
                    && (ctx.is(j, "nursery") || ctx.is(j, "reception"))))
                && ctx.toks[j].sid == t.sid
        });
        let Some(c) = class_at else {
            k += 1;
            continue;
        };
        let sid = t.sid;
        let end = (k + 24).min(n);
        // what picks the child out: "who…", "whose…", "with the…"
        let rel = (k + 1..end)
            .take_while(|&j| ctx.toks[j].sid == sid)
            .find(|&j| {
                // (one byte test first: most words start with neither letter)
                matches!(ctx.b[ctx.toks[j].s as usize] | 0x20, b'w' | b'o')
                    && (ctx.is(j, "who")
                        || ctx.is(j, "whose")
                        || ctx.is(j, "whos")
                        || ctx.is(j, "with")
                        || (ctx.is(j, "on") && ctx.is(j + 1, "the")))
            });
        // and a named place: a school we found, or "at/from" a capitalised name, in the
        // sentence or the one before
        let named = || {
            schools
                .iter()
                .any(|&(a, _)| ctx.toks[a].sid + 1 >= sid && ctx.toks[a].sid <= sid)
                || (c.saturating_sub(12)..end).any(|j| {
                    (ctx.is(j, "at") || ctx.is(j, "from"))
                        && j + 1 < n
                        && ((ctx.toks[j + 1].shape == CAP
                            && ctx.toks[j + 1].f & (STOP | MONTH) == 0)
                            || ctx.is(j + 1, "st")
                            || named_in_lower_case(ctx, j + 1))
                        && ctx.toks[j].sid + 1 >= sid
                        && ctx.toks[j].sid <= sid
                })
        };
        if let Some(r) = rel.filter(|_| named()) {
            let mut e = r;
            while e + 1 < n && ctx.toks[e + 1].sid == sid && e + 1 - r < 14 {
                e += 1;
            }
            let s = ctx.toks[c].s as usize;
            let end = ctx.toks[e].e as usize;
            ctx.push(
                s,
                end,
                SpanType::Quasi,
                "A year group, a named school and what happened to one child could single them out.",
                "[details generalised]",
            );
            k = e + 1;
        } else {
            k += 1;
        }
    }
}

/// Does a place's or school's name start at token `k`, typed in lower case ("at balfron
/// primary", "at ysgol bro teifi", "at holy cross belfast")? A word no
/// dictionary knows, or a place, a school word or a surname within three words, with no
/// "the" or other small word first ("at the park", "at lunch" are not names).
fn named_in_lower_case(ctx: &Ctx<'_>, k: usize) -> bool {
    let n = ctx.toks.len();
    if ctx.toks[k].f & (STOP | DETERMINER | MONTH | WHEN) != 0 {
        return false;
    }
    (k..(k + 3).min(n))
        .take_while(|&j| j == k || ctx.toks[j].gap & (G_SPACE | G_HYPHEN) != 0)
        .filter(|&j| !ctx.is_any(j, &["who", "whos", "whose", "with"]))
        .any(|j| {
            let t = ctx.toks[j];
            t.shape == LOWER
                && (t.f & (PLACE | SCHOOL_SFX | SCHOOL_PREFIX | SURNAME) != 0 || t.f & WORD == 0)
        })
}
