//! The ways only colleagues are written of on this forum: "from the" team they work in, the
//! post they are at ("Joy in the kitchen"), what a grown-up or a pet "is called", the
//! grown-up life a name owns ("Hiba's leaving do"), a handle, "not our Grace", a parent's line
//! on a form. Each is a cue no pupil in the training sets has had, so it settles the name
//! (`AdultCue::Settled`).

use super::super::super::engine::Ctx;
use super::super::super::lexicon::*;
use super::super::super::tokens::*;
use super::super::*;
use super::grown_up_before_any_child;

/// Does the person named up to `b` come "from the" place they work, a team, an office or a
/// service: "Sophie, Ben and Oscar from the site team", "Tyler and Jayden from the agency",
/// "Andreea Popescu from the EAL hub"? (A pupil comes from a class or a school, or is
/// fetched from the office: "collect Bilal from the office", "pick up nas from the office".)
/// (`end` is the list's last name, from [`list_end`].)
pub(super) fn from_a_workplace(ctx: &Ctx<'_>, a: usize, end: usize) -> bool {
    const FETCHED: &[&str] = &["collect", "fetch", "get", "bring", "take", "pick", "up"];
    const WORKPLACES: &[&str] = &[
        "team",
        "office",
        "agency",
        "hub",
        "service",
        "council",
        "authority",
        "trust",
        "kitchen",
        "charity",
        "union",
        "network",
        "clinic",
        "surgery",
    ];
    let n = ctx.toks.len();
    let b = end;
    ctx.is(b + 1, "from")
        && ctx.is(b + 2, "the")
        && !(a >= 1 && ctx.is_any(a - 1, FETCHED))
        && (b + 3..(b + 7).min(n))
            .take_while(|&k| same_sent(ctx, k, b) && ctx.toks[k].f & (CHILD | CLASSWORD) == 0)
            .any(|k| ctx.is_any(k, WORKPLACES))
}

/// The last name of the list that the name ending at `b` starts, if it starts one closed by
/// "and" ("Tyler and Jayden", "Sophie, Ben and Oscar"), else `b`. (A list of commas alone can
/// run on past the one it ends with: "Dexter, Ameera, Sam from the site team, Florin…".)
pub(super) fn list_end(ctx: &Ctx<'_>, b: usize) -> usize {
    let n = ctx.toks.len();
    let next_cap = |k: usize| ctx.toks.get(k).is_some_and(|t| t.shape == CAP);
    let (mut end, mut closed) = (b, b);
    for _ in 0..8 {
        if next_cap(end + 1) && ctx.toks[end + 1].gap & (G_COMMA | G_SPACE) == ctx.toks[end + 1].gap
        {
            end += 1;
        } else if end + 2 < n && is_and(ctx, end + 1) && next_cap(end + 2) {
            end += 2;
            closed = end;
        } else {
            break;
        }
    }
    closed
}

/// Is the person named up to `b` at the post they work at, named straight after them: "Faith
/// and Joy in the kitchen", "Will and Victoria in admin", "Esther on the gate", "Karen on
/// reception", "Kerry on duty"? (A pupil is "in Reception", the class, is kept "in the
/// office" till a parent comes, or is had or put on the gate: "i had precious on the gate".)
/// (`end` is the list's last name, from [`list_end`].)
pub(super) fn at_their_post(ctx: &Ctx<'_>, a: usize, end: usize) -> bool {
    const PUT: &[&str] = &[
        "had", "have", "has", "with", "keep", "kept", "put", "take", "took", "send", "sent",
        "leave", "left",
    ];
    if a >= 1 && ctx.is_any(a - 1, PUT) {
        return false;
    }
    let b = end;
    let at = |k: usize, w: &str| ctx.is(b + k, w) && ctx.toks[b + k].gap == G_SPACE;
    (at(1, "in")
        && (ctx.is_any(b + 2, &["admin", "finance", "payroll", "hr"])
            || (ctx.is(b + 2, "the") && ctx.is(b + 3, "kitchen"))))
        || (at(1, "on")
            && (ctx.is_any(b + 2, &["reception", "duty"])
                || (ctx.is(b + 2, "the") && ctx.is_any(b + 3, &["gate", "door"]))))
}

/// Is the name at `a` what a grown-up or a pet "is called", the slot coming after them with
/// no child spoken of on the way: "Supply teacher in 4M today is called Grace", "a ta called
/// maryam", "my mum's called Joy", "the alpaca is called Alfie", "my first name is Destiny"?
/// (Not "the new boy in 4M is called Kai", nor "Mrs Hill called Tayo over": a verb.)
pub(super) fn called_after_a_grown_up(ctx: &Ctx<'_>, a: usize) -> bool {
    const ELDERS: &[&str] = &[
        "mum", "mam", "mother", "dad", "father", "husband", "hubby", "wife", "partner", "nan",
        "gran", "grandma", "grandad", "aunt", "auntie", "uncle",
    ];
    if a < 3 {
        return false;
    }
    let k = a - 1;
    let slot = if ctx.is_any(k, &["called", "named"]) {
        let j = k - 1;
        let said = ctx.is_any(j, &["is", "are", "was", "were", "both", "all"]) || ctx.toks[j].poss;
        let one_of = ctx.toks[j].f & (ROLE | PET) != 0 && ctx.is_any(j - 1, &["a", "an"]);
        if !(said || one_of) {
            return false;
        }
        k
    } else if ctx.is(k, "is") && ctx.is(k - 1, "name") || ctx.toks[k].poss && ctx.is(k, "name") {
        // (a name is someone's: "my dog's name is Tyson", "our head's first name is Jay", and
        // "my first name is Destiny", the writer's; "his real name is Joseph" and "My name is
        // Kofi" are left to the other cues)
        let name = if ctx.is(k, "name") { k } else { k - 1 };
        let mut owner = name - 1;
        if owner >= 1 && ctx.is_any(owner, &["first", "real", "actual", "full", "middle"]) {
            owner -= 1;
        }
        // (but "My name is Kofi and I am 9" is a pupil's passport)
        if ctx.is(owner, "my") {
            return owner + 1 < name;
        }
        if !(ctx.toks[owner].poss && ctx.toks[owner].f & PRONOUN == 0) {
            return false;
        }
        owner + 1
    } else {
        return false;
    };
    grown_up_before_any_child(ctx, a, slot, 8, |j| {
        ctx.toks[j].f & (ROLE | PET) != 0
            || (ctx.is_any(j, ELDERS) && j >= 1 && ctx.is_any(j - 1, &["my", "our"]))
    })
}

/// Does the name up to `b` own what only a grown-up has: "Hiba's leaving do", "Bev's
/// retirement", "Hannah's baby arrived!!!", "Dev's husband", "my cousin Aoife's wedding",
/// "Ellie's getting married", "Kemi's son"? (A pupil has a baby brother, and leaves without a
/// do.)
pub(super) fn owns_a_grown_ups_life(ctx: &Ctx<'_>, b: usize) -> bool {
    const OWNED: &[&str] = &[
        "wedding",
        "hen",
        "stag",
        "retirement",
        "husband",
        "hubby",
        "wife",
        "fiance",
        "fiancé",
        "fiancee",
        "maternity",
        "paternity",
        "mortgage",
        "pension",
        // (a child of their own: "Kemi's son Dayo is joining our Reception")
        "son",
        "sons",
        "daughter",
        "daughters",
        "grandson",
        "granddaughter",
        "stepson",
        "stepdaughter",
    ];
    ctx.toks[b].poss
        && (ctx.is_any(b + 1, OWNED)
            || ctx.is(b + 1, "engaged")
            || (ctx.is(b + 1, "getting") && ctx.is(b + 2, "married"))
            || (ctx.is(b + 1, "baby") && !ctx.is_any(b + 2, &["brother", "sister", "cousin"]))
            || (ctx.is(b + 1, "leaving") && ctx.is_any(b + 2, &["do", "drinks", "party"])))
}

/// Is the name at `a..=b` written the way only a colleague is, on this forum: a member's
/// handle ("@Hayley_TA"), "not our Grace!!" (the colleague of the same name), a parent's line
/// ("Mum: Ngozi Okonkwo"), someone posted for ("Posting for Faith who isn't on here yet"), a
/// colleague asked at the start of a clause ("Natalie can you change the register"), or
/// one who raises, mentions or puts something in notes ("Hodan mentioned Ayaan", "Zara has
/// put a how-to guide on the shared drive"), or one spoken to or of at work
/// ([`spoken_of_at_work`])? (In the training sets, 2 of some 265 names written the first of
/// these ways are pupils', neither in the forms read here, and no name after "@" is.)
pub(super) fn said_as_a_colleague(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    let s = ctx.toks[a].s as usize;
    // (one word: "@DeeLSA Rhys did brilliantly" is a handle, then a pupil)
    let handle = a == b && s > 0 && ctx.b[s - 1] == b'@';
    let not_our = a >= 2 && ctx.is(a - 1, "our") && ctx.is(a - 2, "not");
    // (a form's line: not a note quoted from a parent, "Note from dad: 'Aleksander not to…'",
    // nor a parent's group on a list, "Mr Dhami (parent): Jasleen, Teddy")
    let parents_line = a >= 1
        && ctx.toks[a].gap & G_COLON != 0
        && ctx.toks[a].gap & (G_QUOTE | G_CLOSE) == 0
        && (a == 1 || ctx.toks[a - 1].sent || ctx.toks[a - 1].gap & G_NL != 0)
        && ctx.is_any(
            a - 1,
            &["mum", "mam", "dad", "mother", "father", "carer", "parent"],
        );
    let posted_for = a >= 2 && ctx.is(a - 1, "for") && ctx.is(a - 2, "posting");
    let clause_start =
        a == 0 || ctx.toks[a].sent || ctx.toks[a].gap & (G_NL | G_COMMA | G_SEMI | G_OPEN) != 0;
    // (in one sentence: "…, Caoimhe Byrne. Can you put a note in bags?" asks the reader)
    // (or, typed the way members text each other, "ioana did u get the cards"; a pupil may
    // be asked "did you bring your book?" in what the writer reports)
    let asked = clause_start
        && ((ctx.is_any(b + 1, &["can", "could"]) && ctx.is_any(b + 2, &["you", "u"]))
            || (ctx.is_any(b + 1, &["did", "have", "are"]) && ctx.is(b + 2, "u")))
        && ctx.toks[b + 1].gap & !(G_SPACE | G_COMMA) == 0;
    let noted = (ctx.is_any(b + 1, &["mentioned", "raised"])
        && !ctx.is_any(b + 2, &["his", "her", "their"]))
        || (ctx.is(b + 1, "has") && ctx.is(b + 2, "put"));
    handle
        || not_our
        || parents_line
        || posted_for
        || asked
        || noted
        || spoken_of_at_work(ctx, a, b)
}

/// Is the name at `a..=b` one covering ("Ifeoma covering 3M reading"), a student or a rota's
/// duty in brackets ("Ffion (student)", "Ellie (snack)"), one thanked, agreed with or quoted
/// ("Thanks Orla —", "Agree with Priya", "as Jo said"), or one in a list the writer ends
/// ("Lou and me")? (None of some 320 names written so in the training sets is a pupil's.)
fn spoken_of_at_work(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    let covering = ctx.is(b + 1, "covering") && ctx.toks[b + 1].gap == G_SPACE;
    // (one word in brackets: "Ffion (student)", "Ellie (snack), Blessing (garden)")
    let in_brackets = |words: &[&str]| {
        ctx.toks
            .get(b + 1)
            .is_some_and(|t| t.gap == G_SPACE | G_OPEN)
            && ctx.is_any(b + 1, words)
            && ctx.toks.get(b + 2).is_none_or(|t| t.gap & G_CLOSE != 0)
    };
    let trainee = in_brackets(&["student", "trainee", "apprentice", "pgce"]);
    let on_duty = in_brackets(&[
        "snack", "garden", "gate", "yard", "door", "field", "bus", "cover", "duty",
    ]);
    // ("Thanks Orla — Roisin in P4 loved your bug hotel", "Thank you Nikolai for covering!")
    let thanked = a >= 1
        && (ctx.is_any(a - 1, &["thanks", "cheers"])
            || (a >= 2 && ctx.is(a - 1, "you") && ctx.is(a - 2, "thank")))
        && ctx.toks[a].gap == G_SPACE
        && ctx.toks.get(b + 1).is_some_and(|t| {
            (t.gap & (G_COMMA | G_HYPHEN | G_EXCL) != 0 && t.gap & G_NL == 0)
                || (t.gap == G_SPACE && ctx.is(b + 1, "for"))
        });
    // ("Agree with Priya —", "as Jo said", and a list the writer ends: "Lou and me
    // afternoons", "for Ioana, Farida and me", but not "did it with Stanley and me")
    let replied_to = a >= 2
        && ((ctx.is(a - 1, "with") && ctx.is(a - 2, "agree"))
            || (ctx.is(a - 1, "as")
                && ctx.is_any(b + 1, &["said", "says", "mentioned", "suggested"])));
    let with_the_writer = {
        let mut end = b;
        while end + 2 < ctx.toks.len()
            && ctx.toks[end + 1].gap & G_COMMA != 0
            && ctx.toks[end + 1].shape == CAP
        {
            end += 1;
        }
        !(a >= 1 && ctx.is(a - 1, "with"))
            && end + 2 < ctx.toks.len()
            && is_and(ctx, end + 1)
            && ctx.is(end + 2, "me")
    };
    covering || trainee || on_duty || thanked || replied_to || with_the_writer
}
