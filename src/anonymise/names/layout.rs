//! Where a name stands on the page: the speaker of a line in a chat or a script, after a
//! time stamp, at the start of a line or a bullet.

use super::super::engine::Ctx;
use super::super::lexicon::*;
use super::super::tokens::*;

/// Does token `k` start a line (after a time stamp, if any: "[07:45] Jade:") and end with
/// a colon, like a speaker in a script?
pub(super) fn line_speaker(ctx: &Ctx<'_>, k: usize) -> bool {
    // (a title and a surname speak too: "[14:33] Mr Hale: will do")
    (starts_line(ctx, k) || time_stamped(ctx, k))
        && ctx.toks[k].shape != DIGIT
        && (colon_after(ctx, k)
            || (ctx.toks[k].f & TITLE != 0 && k + 1 < ctx.toks.len() && colon_after(ctx, k + 1)))
}

/// Does token `k` come straight after a time stamp ("[07:45] Jade", "09:15 Tom")?
pub(super) fn time_stamped(ctx: &Ctx<'_>, k: usize) -> bool {
    k >= 2
        && ctx.toks[k - 1].shape == DIGIT
        && ctx.toks[k - 2].shape == DIGIT
        && ctx.toks[k - 1].gap == G_COLON
        && ctx.word(k - 1).len() == 2
        && ctx.toks[k].gap & (G_SPACE | G_CLOSE) != 0
        && ctx.toks[k].gap & (G_COLON | G_DOT | G_COMMA) == 0
}

/// Is the name ending at token `b` followed by a colon on the same line, straight after it or
/// after a surname's initial ("Precious A: yes hun")?
pub(super) fn colon_after(ctx: &Ctx<'_>, b: usize) -> bool {
    // (the rest of a hyphenated name: "Kerry-Ann: deal")
    let mut b = b;
    while b + 1 < ctx.toks.len()
        && ctx.toks[b + 1].gap == G_HYPHEN
        && ctx.toks[b + 1].gap_len == 1
        && ctx.toks[b + 1].shape == CAP
    {
        b += 1;
    }
    let colon_at = |k: usize| {
        k < ctx.toks.len() && ctx.toks[k].gap & G_COLON != 0 && ctx.toks[k].gap & G_NL == 0
    };
    // (nothing but an emoji may follow: "Michelle: 👍")
    ctx.b[ctx.toks[b].e as usize..]
        .iter()
        .find(|&&c| c != b' ')
        .is_some_and(|&c| c == b':')
        || colon_at(b + 1)
        || (b + 1 < ctx.toks.len()
            && ctx.toks[b + 1].shape == SINGLE
            && ctx.toks[b + 1].gap == G_SPACE
            && colon_at(b + 2))
        // ("Sharon (kitchen): need FSM numbers", "Lesley (PTA): we're doing samosas")
        || (b + 1 < ctx.toks.len()
            && ctx.toks[b + 1].gap & G_OPEN != 0
            && (b + 2..(b + 5).min(ctx.toks.len()))
                .find(|&k| ctx.toks[k].gap & (G_CLOSE | G_NL) != 0)
                .is_some_and(|k| ctx.toks[k].gap & G_CLOSE != 0 && colon_at(k)))
}

/// Is the name `a..=b` a speaker in a dialogue, and not the writer or a member of staff?
pub(super) fn speaker(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    (starts_line(ctx, a) || time_stamped(ctx, a))
        && colon_after(ctx, b)
        && ctx.toks[a].f & (ROLE | TITLE | FAMILY) == 0
}

/// Is token `k` the first word of its line, after a time stamp if there is one?
pub(super) fn starts_line(ctx: &Ctx<'_>, k: usize) -> bool {
    let mut j = k;
    while j > 0 && k - j < 3 && ctx.toks[j].gap & G_NL == 0 && ctx.toks[j - 1].shape == DIGIT {
        j -= 1;
    }
    j == 0 || ctx.toks[j].gap & G_NL != 0
}

/// Does the line holding token `k` start with a bullet ("- ", "• ")?
pub(super) fn bulleted(ctx: &Ctx<'_>, k: usize) -> bool {
    ctx.toks[k].gap & G_NL != 0 && ctx.toks[k].gap & (G_HYPHEN | G_OTHER) != 0
}
