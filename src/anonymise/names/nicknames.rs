//! Nicknames: "T-Bone (real name Tobias, Y5)", "we call him Mini-Me", "only answers to
//! Bubba". A nickname singles a pupil out as surely as the name does, and it usually comes
//! back later in the post with nothing around it ("Mini-Me was a dream on the trip").

use super::super::engine::Ctx;
use super::super::lexicon::*;
use super::super::tokens::*;

const REASON: &str =
    "This looks like a pupil's nickname: the post gives it as what a child is called.";

pub(in super::super) fn detect_nicknames(ctx: &mut Ctx<'_>) {
    let n = ctx.toks.len();
    // (nicknames are rare: most posts leave after this one cheap test)
    if !ctx.nick_or_story && !ctx.quotes {
        return;
    }
    let mut found: Vec<(usize, usize)> = Vec::new();
    for j in 1..n {
        // "T-Bone (real name Tobias, Y5)", "Star (yes that's her actual name!)", "little mo
        // (that's what we all call him, his name's Mohammed)"
        if ctx.toks[j].gap & G_OPEN != 0 {
            if let Some(real) = bracket_gives_name(ctx, j) {
                // (not a grown-up the post has named as one: "a lovely lady called Willow (her
                // actual name!)")
                if let Some(a) = nickname_before(ctx, j - 1).filter(|&a| {
                    super::adult::firm_adult_cue(ctx, a, j - 1)
                        != Some(super::adult::AdultCue::Settled)
                }) {
                    found.push((a, j - 1));
                    if let Some(r) = real {
                        found.push((r, r));
                    }
                }
            }
        }
        // "'Smudge' (Y6) involved in three incidents": a quoted name with a class
        if ctx.toks[j].gap & G_QUOTE != 0
            && j + 1 < n
            && ctx.toks[j + 1].gap & G_QUOTE != 0
            && ctx.toks[j + 1].gap & G_OPEN != 0
            && ctx.toks[j + 1].f & CLASSREF != 0
            && matches!(ctx.toks[j].shape, CAP | LOWER)
            && nickname_word(ctx, j)
        {
            found.push((j, j));
        }
        // "we call him Mini-Me", "everyone calls her Tiggy", "only answers to Bubba",
        // "known as Macca", "goes by Moody", "nicknamed Biggie"
        // (a cue in quotes is named, not used: "the 'known as' field", "'known as' names")
        if ctx.toks[j].f & NICK_OR_STORY == 0 || ctx.toks[j].gap & G_QUOTE != 0 {
            continue;
        }
        let at = if ((ctx.is(j, "call") || ctx.is(j, "calls"))
            && ctx.is_any(j + 1, &["him", "her"]))
            || (ctx.is(j, "answers") && ctx.is(j + 1, "to"))
            || (ctx.is(j, "known") && ctx.is(j + 1, "as"))
            || (ctx.is(j, "goes") && ctx.is(j + 1, "by"))
        {
            Some(j + 2)
        } else if ctx.is(j, "nicknamed") {
            Some(j + 1)
        } else {
            None
        };
        if let Some(k) = at.filter(|&k| k < n && ctx.toks[k].gap & (G_COMMA | G_DOT | G_NL) == 0) {
            if let Some(b) = nickname_from(ctx, k) {
                found.push((k, b));
            }
        }
    }
    if found.is_empty() {
        return;
    }
    // the same nickname again, anywhere in the post (a few distinct ones keep this linear)
    found.truncate(8);
    let seen = found.clone();
    for k in 0..n {
        for &(a, b) in &seen {
            let len = b - a;
            if k != a
                && k + len < n
                && (0..=len).all(|d| {
                    ctx.word(k + d).eq_ignore_ascii_case(ctx.word(a + d))
                        && (d == 0 || ctx.toks[k + d].gap == ctx.toks[a + d].gap)
                })
            {
                found.push((k, k + len));
            }
        }
    }
    for (a, b) in found {
        super::push_pupil_name(ctx, a, b, ctx.toks[b].e as usize, REASON);
    }
}

/// Does the bracket opening before token `j` say the word before it is what a child is
/// called? Returns the real name's token, if the bracket gives one.
fn bracket_gives_name(ctx: &Ctx<'_>, j: usize) -> Option<Option<usize>> {
    let n = ctx.toks.len();
    let mut k = j;
    while k < n && k < j + 10 && (k == j || ctx.toks[k].gap & G_CLOSE == 0) {
        // "real name Tobias", "proper name Antigone", "actual name!", "his name's Mohammed"
        if ctx.is(k, "name") && k > j {
            let before = ctx.word(k - 1);
            let qualified = ["real", "proper", "actual", "full", "given"]
                .iter()
                .any(|w| before.eq_ignore_ascii_case(w));
            let mut r = k + 1;
            if ctx.is(r, "is") {
                r += 1;
            }
            let real =
                (r < n && ctx.toks[r].shape == CAP && ctx.toks[r].gap & G_CLOSE == 0).then_some(r);
            // (but not "Her name isn't Susan.")
            if qualified
                || (real.is_some()
                    && ["his", "her"]
                        .iter()
                        .any(|w| before.eq_ignore_ascii_case(w)))
            {
                return Some(real);
            }
        }
        // "(that's what we all call him…)"
        if (ctx.is(k, "call") || ctx.is(k, "calls")) && ctx.is_any(k + 1, &["him", "her"]) {
            return Some(None);
        }
        k += 1;
    }
    None
}

/// Could a nickname end at token `b`? Returns where it starts: up to three tokens joined by
/// hyphens or capitalised words ("T-Bone", "Tiny Tim"), not past an opening quote.
fn nickname_before(ctx: &Ctx<'_>, b: usize) -> Option<usize> {
    if !nickname_word(ctx, b) {
        return None;
    }
    let mut a = b;
    while a > 0
        && b - a < 2
        && ctx.toks[a].gap & (G_QUOTE | G_OPEN) == 0
        && !ctx.toks[a].sent
        && (ctx.toks[a].gap == G_HYPHEN
            || (ctx.toks[a].gap == G_SPACE
                && ctx.toks[a].shape != LOWER
                && ctx.toks[a - 1].shape == CAP))
        && (ctx.toks[a].gap == G_HYPHEN || nickname_word(ctx, a - 1))
    {
        a -= 1;
    }
    Some(a)
}

/// The nickname starting at token `a` ("Mini-Me", "Tiny T", "Bubba"): where it ends.
fn nickname_from(ctx: &Ctx<'_>, a: usize) -> Option<usize> {
    let t = ctx.toks[a];
    if !nickname_word(ctx, a) || (t.shape == LOWER && t.gap & G_QUOTE == 0) {
        return None;
    }
    let mut b = a;
    while b + 1 < ctx.toks.len()
        && b - a < 2
        && !ctx.toks[b].poss
        && (ctx.toks[b + 1].gap == G_HYPHEN
            || (ctx.toks[b + 1].gap == G_SPACE && matches!(ctx.toks[b + 1].shape, CAP | SINGLE)))
        // (a hyphen holds any word in: "Mini-Me")
        && (ctx.toks[b + 1].gap == G_HYPHEN || nickname_word(ctx, b + 1))
    {
        b += 1;
    }
    Some(b)
}

fn nickname_word(ctx: &Ctx<'_>, k: usize) -> bool {
    let t = ctx.toks[k];
    matches!(t.shape, CAP | UPPER | SINGLE | LOWER)
        && t.f & (STOP | TITLE | ROLE | DETERMINER | PRONOUN | CLASSREF | MONTH) == 0
        && !ctx.is(k, "i")
}
