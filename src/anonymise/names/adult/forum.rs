//! Forum members and people the writer talks to: replies, greetings, sign-offs, "Jo here".

use super::super::super::engine::Ctx;
use super::super::super::lexicon::*;
use super::super::super::tokens::*;
use super::super::*;

/// Is the name `a..=b` someone the post talks to, replies to or signs off as?
pub(super) fn addressed_or_signed(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    let n = ctx.toks.len();
    // a name ending a sentence or the post is said to someone or signs it off, but not the
    // last of a list of names: "Xinyi, Andrei, Callum, Harpreet.", "Wed – Ethan, Alisha"
    let in_a_list = || name_list(ctx, a, true).2 >= 2;
    // other forum members: "Replying to Olu:", "what Dwayne said above", "Joanne here"
    if a >= 2 && ctx.is(a - 1, "to") && (ctx.is(a - 2, "replying") || ctx.is(a - 2, "reply")) {
        return true;
    }
    // "Tagging Shazia and Eilidh because you both asked"
    if a >= 1 && ctx.is_any(a - 1, &["tagging", "paging"]) {
        return true;
    }
    if b + 2 < n
        && ctx.is_any(
            b + 1,
            &["said", "says", "mentioned", "posted", "wrote", "suggested"],
        )
        && ctx.is_any(b + 2, &["above", "upthread", "earlier"])
    {
        return true;
    }
    if b + 1 < n && ctx.is(b + 1, "here") && ctx.toks[b + 1].gap == G_SPACE && {
        let g = ctx.toks.get(b + 2).map_or(G_DOT, |t| t.gap);
        g & (G_COMMA | G_DOT | G_EXCL | G_NL | G_OTHER) != 0
    } {
        return true;
    }
    // forum members: "as Tomasz said", "Priya's idea", "Ifeoma (she posted last week…)"
    if a > 0
        && ctx.is(a - 1, "as")
        && b + 1 < n
        && ctx.is_any(
            b + 1,
            &["said", "says", "mentioned", "suggested", "posted", "wrote"],
        )
    {
        return true;
    }
    if ctx.toks[b].poss && b + 1 < n && ctx.toks[b + 1].f & FORUM != 0 {
        return true;
    }
    // "Tasha posted a link", "Jo wrote above that…" (but a child "wrote her name", "shared
    // his snack")
    if (b + 1..(b + 4).min(n)).any(|k| {
        ctx.is_any(k, &["posted", "replied", "commented"])
            || (ctx.is_any(k, &["wrote", "shared"])
                && (k + 1 >= n
                    || ctx.toks[k + 1].gap & G_COLON != 0
                    || ctx.is_any(
                        k + 1,
                        &[
                            "above", "earlier", "upthread", "that", "this", "here", "about", "on",
                        ],
                    )))
    }) {
        return true;
    }
    // greeting to a forum member: "Hi Priya," at the start of a line, or "Priya, thanks"
    let line_start = ctx.toks[a].gap & G_NL != 0 || a == 0;
    if a > 0
        && ctx.toks[a - 1].f & GREETING != 0
        && (ctx.toks[a - 1].gap & (G_NL | G_COLON) != 0 || a == 1 || ctx.toks[a - 1].sent)
    {
        return true;
    }
    // (or two of them: "Jamal and Precious, thanks for holding the fort")
    let last = if b + 3 < n
        && ctx.is(b + 1, "and")
        && ctx.toks[b + 2].shape == CAP
        && name_base(ctx, b + 2).is_some()
        && ctx.toks[b + 3].gap & G_COMMA != 0
    {
        b + 2
    } else {
        b
    };
    if (line_start || ctx.toks[a].sent)
        && last + 1 < n
        && ctx.toks[last + 1].gap & (G_COMMA | G_EXCL) != 0
        && ctx.toks[last + 1].gap & G_NL == 0
    {
        // "Priya, ..." opening a post or a sentence: addressing someone ("Zainab, we're in
        // Cambridgeshire too", "Morag, if you have it, no questions asked")
        const TO_SOMEONE: &[&str] = &[
            "i",
            "i'm",
            "i've",
            "i'd",
            "i'll",
            "we",
            "we're",
            "we've",
            "we'd",
            "thanks",
            "that",
            "this",
            "great",
            "yes",
            "no",
            "approved",
            "agreed",
            "please",
            "sorry",
            "if",
            "same",
            "totally",
            "absolutely",
            "honestly",
            "congratulations",
            "congrats",
            "welcome",
            "ha",
            "haha",
            "lol",
            "oh",
        ];
        if ctx.toks[last + 1].f & (GREETING | PRONOUN) != 0 || ctx.is_any(last + 1, TO_SOMEONE) {
            return true;
        }
    }
    if ctx.toks[a].gap & G_AT != 0 {
        return true;
    }
    // "I have a degree, Susan.": said to someone, at the end of a sentence
    if a > 0
        && ctx.toks[a].gap & G_COMMA != 0
        && ctx.toks[a].gap & G_NL == 0
        && !ctx.toks[b].poss
        && (b + 1 >= n || ctx.toks[b + 1].gap & (G_DOT | G_EXCL) != 0)
        && !in_a_list()
    {
        return true;
    }
    // addressing a forum member after an opener: "Great idea Fiona, …", "Welcome to the
    // forum Aleksandra!", "Following this thread Bex, …"
    // (every walk here is bounded, so a huge one-sentence text stays linear)
    let mut first = a;
    while first > 0 && a - first < 8 && same_sent(ctx, first - 1, a) {
        first -= 1;
    }
    let ends_at =
        |k: usize| k + 1 >= n || ctx.toks[k + 1].gap & (G_COMMA | G_EXCL | G_DOT | G_NL) != 0;
    // "Welcome to the group Kirsty and Fatima!"
    // (or a longer list: "thank you Lesley, Kwame and Wei Ling, couldn't have done it…")
    let ends_clause = ends_at(b)
        || (b + 2 < n && ctx.is(b + 1, "and") && name_base(ctx, b + 2).is_some() && ends_at(b + 2))
        || {
            let (_, lb, count) = name_list(ctx, a, true);
            count >= 2 && lb > b && ends_at(lb)
        };
    if a > 0
        && a - 1 == first
        && ctx.toks[first].f & OPENER != 0
        && !ctx.toks[b].poss
        && !subject_verb(ctx, b + 1)
    {
        // "Aw Mandeep that sounds hard", "Sorry Niamh I missed your question"
        return true;
    }
    // (and "Paulina, are you up for it?", "Dev, can you…")
    if b + 1 < n
        && !ctx.toks[b].poss
        && (ctx.is_any(b + 1, &["you", "you're", "you've", "you'll", "youre"])
            || (ctx.toks[b + 1].gap & G_COMMA != 0
                && ctx.is_any(
                    b + 1,
                    &["are", "can", "could", "would", "will", "do", "did"],
                )
                && ctx.is(b + 2, "you")))
    {
        // "Kirsty you're a star": talking to someone
        return true;
    }
    if first < a
        && a - first <= 6
        && ends_clause
        && !ctx.toks[b].poss
        && ctx.toks[first].f & (GREETING | OPENER) != 0
        // ("Well done Aarav!" praises a child as often as a colleague: left to the rest)
        && !(ctx.is(first, "well") && ctx.is(first + 1, "done"))
        && ctx.toks[a - 1].f & (IN_PREP | OBJECT_PREP) == 0
        && ctx.toks[first..a]
            .iter()
            .all(|t| t.f & (CHILD | FAMILY | CLASSREF | SEN | BEHAV_STRONG | NAME_SLOT) == 0)
    {
        return true;
    }
    // a signature: the name on its own line after "Kind regards," or above a job title
    // ("Best wishes,\nRachel Ellison\nSENCO & Assistant Head")
    let own_line = ctx.toks[a].gap & G_NL != 0 && (b + 1 >= n || ctx.toks[b + 1].gap & G_NL != 0);
    if own_line
        && ((a > 0 && ctx.toks[a - 1].f & SIGNOFF != 0 && ctx.toks[a - 1].shape == LOWER)
            || (b + 1..(b + 4).min(n)).any(|k| {
                ctx.toks[k].f & ROLE != 0
                    && ctx.toks[k].f & CHILD == 0
                    && ctx.toks[b + 1..k].iter().all(|t| t.gap & G_NL == 0)
            }))
    {
        return true;
    }
    // "Kay (office)", "Jo (kitchen)": where someone works, in brackets
    if b + 2 < n
        && ctx.toks[b + 1].gap & G_OPEN != 0
        && ctx.toks[b + 2].gap & G_CLOSE != 0
        && (ctx.toks[b + 1].f & ROLE != 0
            || ctx.is_any(b + 1, &["office", "kitchen", "admin", "finance", "site"]))
        && ctx.toks[b + 1].f & CLASSREF == 0
    {
        return true;
    }
    // "Sam please sit with Tyson", "Ted can you sort the rota": a request to a colleague
    if (ctx.toks[a].sent || ctx.toks[a].gap & G_COLON != 0)
        && !ctx.toks[b].poss
        && b + 2 < n
        && ctx.toks[b + 1].gap == G_SPACE
        && (ctx.is_any(b + 1, &["please", "pls", "plz"])
            || (ctx.is_any(b + 1, &["can", "could", "would"]) && ctx.is(b + 2, "you")))
    {
        return true;
    }
    // someone to contact: "ring Sarah at Northstar on 0161…", "call Hannah on 01632 960457"
    if a > 0
        && !ctx.toks[b].poss
        && ctx.is_any(
            a - 1,
            &[
                "ring", "call", "phone", "contact", "email", "text", "message",
            ],
        )
        && (b + 1 >= n
            || ctx.is_any(b + 1, &["on", "at", "via", "for", "about", "if"])
            || ctx.toks[b + 1].gap & (G_DOT | G_EXCL | G_COMMA | G_NL) != 0)
    {
        return true;
    }
    // a quoted reply: "> Jo said: 'It's not our job…'"
    if ctx.is_any(b + 1, &["said", "wrote", "posted"])
        && ctx.b[..ctx.toks[a].s as usize]
            .iter()
            .rev()
            .find(|&&c| c != b' ')
            .is_some_and(|&c| c == b'>')
    {
        return true;
    }
    // sign-off: the name ends the post ("Thanks, Jo x")
    let mut tail = b + 1;
    while tail < n && tail - b < 8 && ctx.toks[tail].f & SIGNOFF != 0 {
        tail += 1;
    }
    if tail >= n
        && !in_a_list()
        && (ctx.toks[a].gap & (G_NL | G_COMMA) != 0
            || (a > 0 && ctx.toks[a - 1].f & SIGNOFF != 0)
            || ctx.toks[a].gap & G_HYPHEN != 0)
    {
        return true;
    }
    false
}
