//! Names the writer was told are a pupil's in their last draft of the same text. A writer who
//! puts "Pupil A" for the first name flagged and leaves the next one has not made the next
//! one any less a pupil's, but "Pupil A" beside it reads like a post about a pupil written
//! with care, and the filter alone then misses about one such name in twenty. Remembered, the
//! name stays flagged until it is changed, or until the writer says who the person is beside
//! it, the way out the hint on a name offers ([`crate::anonymise::NOT_A_PUPIL`]).

use super::super::engine::Ctx;
use super::super::lexicon::{ENTITY, GIVEN, NOT_PUPIL, SURNAME, WORD};
use super::super::tokens::*;
use super::super::SpanType;
use super::adult::role_in_brackets;
use super::{before_a_rewrite, firm_adult_cue, AdultCue};

const REASON: &str =
    "In your last draft this was read as a pupil's name, and nothing beside it now says otherwise.";

/// Could this token be remembered as (part of) a name: a word with letters, not an initial
/// (a single letter would match every "A" that starts a sentence)?
pub(in super::super) fn rememberable(t: &Tok) -> bool {
    matches!(t.shape, LOWER | CAP | UPPER | OTHER) && t.e - t.s >= 2
}

/// Flags every run of remembered words that no finding covers yet and that the post does
/// not now settle as a grown-up's ("Kasia (TA)", "our SENCO Kasia", "Mrs Khan"): one person,
/// one answer, so a name settled once is settled wherever it comes ("Present: Paulette, Femi
/// … Paulette (colleague) raised…").
pub(in super::super) fn recall_remembered(ctx: &mut Ctx<'_>, remembered: &dyn Fn(&str) -> bool) {
    let n = ctx.toks.len();
    // (a word as a slice of the text itself, so it outlives a borrow of `ctx`)
    let text = ctx.text;
    let word = move |ctx: &Ctx<'_>, k: usize| -> &str {
        &text[ctx.toks[k].s as usize..ctx.toks[k].e as usize]
    };
    // (asked only of a word that could be a name here: a capitalised one, or in lower case a
    // given name or surname, a word no dictionary has, or any word from a writer who doesn't
    // capitalise; the common words are most of a post, and each question costs a keyed hash)
    let is_remembered = |ctx: &Ctx<'_>, k: usize| {
        let t = &ctx.toks[k];
        rememberable(t)
            && t.f & (NOT_PUPIL | ENTITY) == 0
            && (t.shape != LOWER
                || t.f & (GIVEN | SURNAME) != 0
                || t.f & WORD == 0
                || ctx.lower_case_writer)
            && remembered(ctx.word(k))
    };
    // the runs of remembered words, and the words of those the post settles as a grown-up's
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut grown_ups: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < n {
        if !is_remembered(ctx, i) {
            i += 1;
            continue;
        }
        // a name of more than one word is one finding, with the initial or the particle
        // written with it: "Amira Khan", "Kerry-Ann", "Sophie B", "Caoimhe Ó Dónaill"
        let mut b = i;
        while b + 1 < n
            && b < i + 3
            && !ctx.toks[b].poss
            && matches!(ctx.toks[b + 1].gap, G_SPACE | G_HYPHEN)
            && ctx.toks[b + 1].gap_len == 1
            && (is_remembered(ctx, b + 1)
                || (ctx.toks[b + 1].shape == SINGLE && !ctx.is_any(b + 1, &["i", "a"])))
        {
            b += 1;
        }
        // (a word the writer kept before their "Pupil A" is no name: "Little Pupil A")
        if !before_a_rewrite(ctx, b) {
            if role_in_brackets(ctx, b) || firm_adult_cue(ctx, i, b) == Some(AdultCue::Settled) {
                for k in (i..=b).filter(|&k| is_remembered(ctx, k)) {
                    let w = word(ctx, k);
                    if grown_ups.len() < 64 && !grown_ups.contains(&w) {
                        grown_ups.push(w);
                    }
                }
            } else {
                runs.push((i, b));
            }
        }
        i = b + 1;
    }
    for (a, b) in runs {
        let (s, e) = (ctx.toks[a].s as usize, ctx.toks[b].e as usize);
        let settled = (a..=b).any(|k| grown_ups.contains(&word(ctx, k)));
        if !settled && !ctx.out.iter().any(|f| f.s < e && s < f.e) {
            ctx.push(s, e, SpanType::ChildName, REASON, "");
        }
    }
}
