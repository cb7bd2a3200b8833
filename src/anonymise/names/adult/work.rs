//! Adults described by what they do or are: trainers, roles named before or after the name,
//! ages, authors of programmes, famous people.

use super::super::super::engine::Ctx;
use super::super::super::lexicon::*;
use super::super::super::tokens::*;
use super::super::*;
use super::staff::{adult_verb, doing_staff_work, from_a_role, named_as_staff, taken_on_as_staff};

/// "Team Teach with Mark Ellison", "training from Dave at the local special school": the
/// person a course is with is its trainer (but "tried it with Kai" is a pupil)
/// ("Team Teach with Dave": a course's name before "with")
pub(super) fn course_trainer(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    // "a session with Mark Finnis", "chair yoga with Mei Ling Chow": an event's full-named
    // host, with no child in the sentence
    if b > a
        && a >= 2
        && ctx.toks[b].gap == G_SPACE
        && ctx.is_any(a - 1, &["with", "by"])
        && ctx.is_any(
            a - 2,
            &[
                "session",
                "sessions",
                "day",
                "talk",
                "talks",
                "yoga",
                "workshop",
                "evening",
                "webinar",
                "keynote",
                "presentation",
                "seminar",
                "masterclass",
                "lecture",
            ],
        )
        && !child_word_in_sentence(ctx, a, b, 12)
    {
        return true;
    }
    ctx.training
        && a > 0
        && ctx.is_any(a - 1, &["with", "from", "by"])
        && ((b > a && ctx.toks[b].gap == G_SPACE)
            || ctx.is(b + 1, "at")
            || (a >= 2
                && ctx.toks[a - 2].shape == CAP
                && !ctx.toks[a - 2].sent
                && ctx.toks[a - 2].f & (STOP | MONTH) == 0))
}

/// Is there a word about a child in the sentence of the name `a..=b`, within `reach` words
/// of it (a window, to stay linear in a long post)?
fn child_word_in_sentence(ctx: &Ctx<'_>, a: usize, b: usize, reach: usize) -> bool {
    let sid = ctx.toks[a].sid;
    ctx.toks[a.saturating_sub(reach)..(b + reach).min(ctx.toks.len())]
        .iter()
        .any(|t| t.sid == sid && t.f & (CHILD | CLASSREF | SEN | FAMILY | BEHAV_STRONG) != 0)
}

/// Is the name `a..=b` described as a grown-up (a role, a job, a course, an age, a work)?
/// (A course's trainer is a firm cue first, by `firm_adult_cue`, which the model weighs.)
pub(super) fn described_as_adult(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    let n = ctx.toks.len();
    // famous people: "want to be Bukayo Saka", or a full name in a post about TV or sport
    // with no child word beside it ("Watched EastEnders last night, Lacey Turner is …")
    if a >= 2 && ctx.is(a - 1, "be") && ctx.is(a - 2, "to") {
        return true;
    }
    if b > a
        && ctx.media
        && !super::super::child::record_nearby(ctx, a, b)
        && !child_word_in_sentence(ctx, a, b, 24)
    {
        return true;
    }
    // a role given in a relative clause: "Agata, who's been our Polish-speaking TA for 8
    // years" (but not "Amira, who is our head girl")
    if b + 2 < n && ctx.is_any(b + 1, &["who", "who's", "whos"]) {
        let role = (b + 2..(b + 9).min(n))
            .take_while(|&k| same_sent(ctx, k, b))
            .find(|&k| ctx.toks[k].f & (ROLE | CHILD | CLASSREF) != 0);
        if role.is_some_and(|k| {
            ctx.toks[k].f & (CHILD | CLASSREF) == 0
                && ctx
                    .toks
                    .get(k + 1)
                    .is_none_or(|t| t.f & (CHILD | CLASSREF) == 0)
                && (k.saturating_sub(3)..k).any(|j| ctx.is_any(j, &["our", "my", "a", "the"]))
        }) {
            return true;
        }
    }
    if grown_up_age(ctx, b) || has_a_family_of_their_own(ctx, b) {
        return true;
    }
    // "It's Marie's birthday – she's our longest serving TA": what the post then says she is
    if ctx.roles
        && (b + 1..(b + 10).min(n)).any(|k| {
            (ctx.is(k, "she") || ctx.is(k, "he"))
                && (ctx.toks[k].poss || ctx.is(k + 1, "is"))
                && (k + 1..(k + 5).min(n)).any(|j| {
                    ctx.toks[j].f & ROLE != 0
                        && ctx.toks[j].f & (CHILD | ID_SCHEME) == 0
                        && (k + 1..j).any(|d| ctx.is_any(d, &["our", "the", "a", "an"]))
                })
        })
    {
        return true;
    }
    // "Feeling a bit lost since Orla moved to the high school. She ran all our nurture
    // groups": what the next sentence says she did is a grown-up's work
    if (b + 1..(b + 16).min(n)).any(|k| {
        ctx.toks[k].sent
            && ctx.toks[k].sid == ctx.toks[b].sid + 1
            && ctx.is_any(k, &["she", "he"])
            && k + 2 < n
            && adult_verb(ctx, k + 1)
            && ctx.is_any(k + 2, &["our", "all", "the", "a", "an", "this", "their"])
    }) && !child_word_in_sentence(ctx, a, b, 16)
    {
        return true;
    }
    // "Can anyone give Priya a lift to the cluster meeting?": staff share cars
    if a >= 1
        && b + 2 < n
        && ctx.is_any(a - 1, &["give", "giving", "gave"])
        && ctx.is(b + 1, "a")
        && ctx.is(b + 2, "lift")
        && !child_word_in_sentence(ctx, a, b, 16)
    {
        return true;
    }
    // names in brackets after a programme or a quoted title are its authors ("the 'Word
    // Aware' approach (Stephen Parsons & Anna Branagan)"), after "us" the writer's
    // colleagues ("could the four of us (Janice, Pauline, Shabana) be released")
    {
        let mut k = a;
        while k > 0 && a - k < 8 && ctx.toks[k].gap & G_OPEN == 0 {
            let t = ctx.toks[k];
            if t.gap & !(G_SPACE | G_COMMA | G_HYPHEN) != 0 || !(t.shape == CAP || is_and(ctx, k)) {
                break;
            }
            k -= 1;
        }
        if k > 0 && ctx.toks[k].gap & G_OPEN != 0 {
            let g = ctx.toks[k].gap;
            // (or a full name alone in brackets after a capitalised name of a programme:
            // "Tried Dough Disco (Shonette Bason-Wood)", not "Macca (Liam McAllister, 5B)")
            let alone = b > a && ctx.toks.get(b + 1).is_none_or(|t| t.gap & G_CLOSE != 0);
            if g & G_QUOTE != 0
                || (alone
                    && k >= 2
                    && ctx.toks[k - 1].shape == CAP
                    && ctx.toks[k - 2].shape == CAP
                    && !ctx.toks[k - 1].sent)
                || ctx.is_any(
                    k - 1,
                    &[
                        "approach",
                        "programme",
                        "program",
                        "scheme",
                        "series",
                        "us",
                        "we",
                    ],
                )
            {
                return true;
            }
        }
    }
    // initials and a surname alone in brackets after a title: "Wonder (R.J. Palacio)", "Holes
    // (L. Sachar)" (pupils' records put the initial after the name: "Ruby L")
    {
        let mut k = a;
        while k > 0 && a - k < 3 && ctx.toks[k - 1].shape == SINGLE && ctx.toks[k].gap & G_DOT != 0
        {
            k -= 1;
        }
        if k < a
            && k > 0
            && ctx.toks[k].gap & G_OPEN != 0
            && ctx.toks[k - 1].shape == CAP
            && ctx.toks.get(b + 1).is_none_or(|t| t.gap & G_CLOSE != 0)
        {
            return true;
        }
    }
    // "Amira is our new EYFS lead", "Bethan, Rhodri and Carys are the new TAs": named as
    // holding a job
    if named_as_staff(ctx, a, b) || taken_on_as_staff(ctx, b) || doing_staff_work(ctx, a, b) {
        return true;
    }
    // "Kelly who runs our breakfast club", "Kacper, who runs the Saturday school"
    if b + 2 < n && ctx.is(b + 1, "who") && adult_verb(ctx, b + 2) {
        return true;
    }
    // "Hamza from IT", "Sue from the office", "Sarah Wild from the LA", and both of "Jo and
    // Mel from physio"
    if from_a_role(ctx, b)
        || (ctx
            .toks
            .get(b + 1)
            .is_some_and(|t| t.shape == CAP && t.gap == G_SPACE)
            && from_a_role(ctx, b + 1))
        || (b + 2 < n
            && is_and(ctx, b + 1)
            && ctx.toks[b + 2].shape == ctx.toks[a].shape
            && from_a_role(ctx, b + 2))
    {
        return true;
    }
    // staff cover for each other: "Can Alison cover my lunch duty?", "Lucy Marsh has agreed
    // to cover my group", "I've swapped my lunch duty with Carol"
    if (b + 1..(b + 7).min(n)).any(|k| {
        same_sent(ctx, k, b)
            && ctx.is_any(k, &["cover", "covering"])
            && k + 1 < n
            && ctx.toks[k + 1].f & (DETERMINER | OBJECT_PREP) != 0
    }) || (a >= 2
        && ctx.is(a - 1, "with")
        && (ctx.is_any(a - 2, &["duty", "shift", "arranged", "cover", "job-share"])
            // "swap my PPA cover on Monday 9th with Kelly"
            || (a.saturating_sub(9)..a - 1).any(|k| {
                same_sent(ctx, k, a) && (ctx.is(k, "swap") || ctx.is(k, "swapped"))
            })))
    {
        return true;
    }
    // "covering for Jodie on the gate", "handed over to Carys at 12" (but "Cover for Kayden
    // pm" is a pupil's 1:1 cover)
    if (a >= 2 && ctx.is(a - 1, "for") && ctx.is(a - 2, "covering"))
        || (a >= 3
            && ctx.is(a - 1, "to")
            && ctx.is(a - 2, "over")
            && ctx.is_any(a - 3, &["handed", "handing", "hand", "handover"]))
    {
        return true;
    }
    // "Gonna miss Sandra so much, 22 years as our lunchtime supervisor": the role the
    // person had, later in the sentence
    if ctx.roles
        && (b + 1..(b + 12).min(n)).any(|k| {
            same_sent(ctx, k, b)
                && ctx.is(k, "as")
                && (k + 1..(k + 4).min(n))
                    .any(|j| ctx.toks[j].f & ROLE != 0 && ctx.toks[j].f & (CHILD | ID_SCHEME) == 0)
        })
    {
        return true;
    }
    // "Alison Bryan's Colourful Semantics": a full name owning a capitalised title is the
    // author of a programme or a book
    // ("Alison Bryan's stuff is brilliant", "Charlie Mackesy's drawings")
    // (and "Leah Kuypers' framework")
    let owns = ctx.toks[b].poss
        || (ctx.b.get(ctx.toks[b].e as usize) == Some(&b'\'')
            && ctx.word(b).ends_with(['s', 'S'])
            && ctx.toks.get(b + 1).is_some_and(|t| t.gap_len == 2));
    // ("Carol Gray's social stories": a word may come between)
    let work_at = if b + 2 < n && ctx.toks[b + 1].shape == LOWER && ctx.toks[b + 1].f & CHILD == 0 {
        [b + 1, b + 2]
    } else {
        [b + 1, b + 1]
    };
    if b > a
        && owns
        && work_at.iter().any(|&k| {
            ctx.is_any(
                k,
                &[
                    "stuff",
                    "novels",
                    "poems",
                    "poetry",
                    "stories",
                    "songs",
                    "videos",
                    "materials",
                    "model",
                    "theory",
                    "ideas",
                    "drawings",
                    "illustrations",
                    "framework",
                    "approach",
                    "resources",
                    "programme",
                    "work",
                    "books",
                    "method",
                    "research",
                    "podcast",
                    "blog",
                ],
            )
        })
    {
        return true;
    }
    // ("Anna Ephgrave's 'In the Moment Planning'")
    if b > a
        && ctx.toks[b].poss
        && b + 1 < n
        && ctx.toks[b + 1].gap & G_QUOTE != 0
        && ctx.toks[b + 1].shape == CAP
    {
        return true;
    }
    if b > a
        && ctx.toks[b].poss
        && b + 2 < n
        && !super::super::child::record_nearby(ctx, a, b)
        && [b + 1, b + 2].iter().all(|&k| {
            ctx.toks[k].shape == CAP
                && ctx.toks[k].gap == G_SPACE
                && ctx.toks[k].f & (FAMILY | CHILD | SEN | CLASSWORD | TITLE | ROLE) == 0
        })
    {
        return true;
    }
    // "Matilda the Musical", "Alfred the Great": a title, not a child
    // and "Fred the frog", "Kipper the dog": a character
    if b + 2 < n
        && ctx.is(b + 1, "the")
        && ctx.toks[b + 1].gap == G_SPACE
        && matches!(ctx.toks[b + 2].shape, CAP | LOWER)
        && ctx.toks[b + 2].f & (STOP | CHILD | CLASSWORD | WHEN) == 0
        && !ctx.is_any(
            b + 2,
            &[
                "following",
                "whole",
                "rest",
                "other",
                "same",
                "first",
                "day",
            ],
        )
        && !ctx.toks[b].poss
    {
        // (but "with Kai the next morning" is a time, not a title)
        return true;
    }
    // "Sarah and I job share", "Emma, Tunde and I are out on Friday": a colleague (but "Ava,
    // Kai and I made a volcano in Y2" are the writer's pupils)
    let end = if b + 1 < n && ctx.toks[b + 1].gap & G_COMMA != 0 {
        let end = name_list(ctx, a, false).1.max(b);
        let sid = ctx.toks[a].sid;
        if ctx.toks[a.saturating_sub(16)..(end + 16).min(n)]
            .iter()
            .any(|t| t.sid == sid && t.f & (CHILD | CLASSREF) != 0)
        {
            b
        } else {
            end
        }
    } else {
        b
    };
    if end + 2 < n
        && !ctx.toks[b].poss
        && ctx.is(end + 1, "and")
        && ctx.toks[end + 1].gap == G_SPACE
        && (ctx.is(end + 2, "i") || ctx.is(end + 2, "myself"))
    {
        return true;
    }
    // "The new TA in our year group, Jade, is brilliant": a role earlier in the clause
    if a >= 2 && ctx.toks[a].gap & G_COMMA != 0 && b + 1 < n && ctx.toks[b + 1].gap & G_COMMA != 0 {
        let lo = a.saturating_sub(7);
        if (lo..a).any(|k| {
            same_sent(ctx, k, a) && ctx.toks[k].f & ROLE != 0 && ctx.toks[k].f & CHILD == 0
        }) {
            return true;
        }
    }
    if writers_own_name(ctx, a) {
        return true;
    }
    // the writer's own preferred name: "I'm Eyerusalem (Ruth) Tesfaye"
    if a >= 2
        && ctx.toks[a].gap & G_OPEN != 0
        && ctx.toks[a - 1].shape == CAP
        && (ctx.is_any(a - 2, &["i'm", "im"])
            || (ctx.is(a - 2, "am") && ctx.is(a.saturating_sub(3), "i"))
            || (ctx.is(a - 2, "is") && ctx.is(a.saturating_sub(3), "name")))
    {
        return true;
    }
    // "Ask for Leanne Brooks, she runs it": the person to ask for at a setting (but "asking
    // for Bay in nursery" asks on a child's behalf)
    if a >= 2 && ctx.is(a - 1, "for") && ctx.is(a - 2, "ask") {
        return true;
    }
    // role after: "Sarah, our SENCO", "Gareth at the local authority office", "Jo (ELSA)"
    if !ctx.toks[b].poss {
        let mut k = b + 1;
        let mut steps = 0;
        let apposition = k < n && ctx.toks[k].gap & (G_COMMA | G_OPEN) != 0;
        let mut after_prep = false;
        let mut after_prep_word = false;
        let mut after_place = false;
        while k < n && steps < 5 && same_sent(ctx, k, b) {
            let tk = ctx.toks[k];
            let f = tk.f;
            if f & (IN_PREP | OBJECT_PREP) != 0 {
                after_prep_word = true;
            } else if after_prep_word && f & DETERMINER == 0 && f & STOP == 0 {
                after_place = true;
            }
            // (but "Theo, NHS 628-194-8211" is a record: the scheme names an identifier, and
            // "take Ollie to the nurse" takes a child to the adult)
            if f & (ROLE | AUTHOR) != 0
                && f & (CHILD | ID_SCHEME) == 0
                && !(ctx.is(b + 1, "to") && ctx.toks[b + 1].gap == G_SPACE)
            {
                return true;
            }
            // "Siân, our Year 6 teacher, can…"
            if apposition
                && f & CLASSREF != 0
                && (k + 1..(k + 3).min(n))
                    .any(|j| ctx.toks[j].f & ROLE != 0 && ctx.toks[j].f & (CHILD | ID_SCHEME) == 0)
            {
                return true;
            }
            // (and "Hannah has suggested …", "Jo kindly ran …")
            if adult_verb(ctx, k)
                && (steps == 0
                    || after_place
                    || (steps == 1 && ctx.is_any(k - 1, &["has", "had", "also", "kindly"])))
            {
                // "Debbie on the next table swears by …"
                return true;
            }
            // "ask Siobhan in the office", "Cameron in HR" (but "walk Saoirse to the office")
            if after_prep_word
                && !(k - b <= 3 && (b + 1..k).any(|j| ctx.is(j, "to")))
                && ctx.is_any(
                    k,
                    &["office", "staffroom", "kitchen", "hr", "payroll", "finance"],
                )
            {
                return true;
            }
            // "Matilda by Roald Dahl": a title followed by its author
            if steps == 0
                && ctx.is(k, "by")
                && k + 1 < n
                && (ctx.toks[k + 1].f & ENTITY != 0
                    || ctx.toks[k + 1].shape == CAP && ctx.toks[k + 2.min(n - k - 1)].shape == CAP)
            {
                return true;
            }
            if ctx.is(k, "from") || ctx.is(k, "at") {
                after_prep = true;
            }
            let passable = f & (CONNECT | DETERMINER | IN_PREP) != 0
                || (steps < 4 && ctx.is(k, "on"))
                || (after_prep_word && tk.shape == LOWER && f & (CHILD | FAMILY | CLASSREF) == 0)
                || apposition
                || (after_prep && matches!(tk.shape, CAP | UPPER) && f & CLASSREF == 0);
            // "…, and the supply teacher": a new clause about someone else
            if !passable || f & CLASSREF != 0 || ctx.is(k, "and") || ctx.is(k, "but") {
                break;
            }
            k += 1;
            steps += 1;
        }
    } else if b + 1 < n
        && ctx.toks[b + 1].f & (AUTHOR | BOOKCUE) != 0
        && ctx.toks[b + 1].f & CHILD == 0
    {
        // "Julia Donaldson's books"
        let w = ctx.word(b + 1).to_ascii_lowercase();
        if w != "reading" {
            return true;
        }
    }
    false
}

/// Does the post give the person named up to `b` an age or a span of years no pupil has:
/// "Mavis, who is 78,", "Dennis (67)", "Bernie's 60th", "Sue turns 50 on Friday", "Happy
/// birthday Ifeoma! 50 today", "Stan worked at Kingsmead for 22 years"?
pub(in super::super) fn grown_up_age(ctx: &Ctx<'_>, b: usize) -> bool {
    let n = ctx.toks.len();
    // (the writer's own son or daughter is grown up at 18: "my daughter Chloe is 19 and wants
    // to become a TA"; anyone else at 20, as a college may have pupils of 18 or 19)
    let own = b >= 1 && ctx.toks[b - 1].f & OWN_FAMILY != 0;
    let adult_years = |k: usize| {
        let w = ctx.word(k).as_bytes();
        ctx.toks[k].shape == DIGIT
            && (super::super::super::dates::a_grown_up_age(w)
                || (own && matches!(w, b"18" | b"19")))
    };
    // a grown-up's age: "Mavis, who is 78,", "Dennis (67)"
    if (b + 1..(b + 5).min(n)).any(|k| {
        adult_years(k)
            && same_sent(ctx, k, b)
            && ((ctx.is(k - 1, "is") && (k == b + 2 || ctx.is(k - 2, "who")))
                || ctx.is(k - 1, "aged")
                || ctx.is_any(k - 1, &["shes", "hes"])
                // "My two (Amelia, 26, and Finlay, 23)", "my son Jake, 31, a plumber"
                // (a comma, not a table's tab: "Mustafa\t22\t33")
                || (k == b + 1
                    && ctx.b[ctx.toks[b].e as usize..ctx.toks[k].s as usize].trim_ascii() == b","
                    && ctx
                        .toks
                        .get(k + 1)
                        // (a figure is no age: "Harley Doyle, 71%, letter sent")
                        .is_none_or(|t| {
                            t.gap & (G_COMMA | G_CLOSE | G_DOT) != 0 && t.gap & G_OTHER == 0
                        }))
                // "Daniel, now 29 and a PE teacher"
                || (ctx.is(k - 1, "now") && k == b + 2 && ctx.toks[b + 1].gap & G_COMMA != 0)
                // "Kieran (my eldest, 25)"
                || (ctx.toks[b + 1].gap & G_OPEN != 0
                    && ctx.is_any(b + 1, &["my", "our"])
                    && ctx.toks[k].gap & G_COMMA != 0
                    && ctx.toks.get(k + 1).is_some_and(|t| t.gap & G_CLOSE != 0))
                // "Dennis (67)", "Olivia (29, a paediatric nurse now!)", "Chloe (34 and a TA
                // herself now!!)", "Saoirse (19 now, at uni)"
                || (ctx.toks[k].gap & G_OPEN != 0
                    && ctx.toks.get(k + 1).is_some_and(|t| {
                        t.gap & (G_CLOSE | G_COMMA) != 0
                            || (t.gap == G_SPACE && ctx.is_any(k + 1, &["and", "now"]))
                    })))
    }) {
        return true;
    }
    // "Jack, who did his work experience here in Y10 and is now a 19-year-old plumbing
    // apprentice": a grown-up's age later in the sentence, with no one else named on the way
    if (b + 1..(b + 24).min(n))
        .take_while(|&k| same_sent(ctx, k, b) && !names_someone(&ctx.toks[k]))
        .any(|k| {
            ctx.is(k, "a")
                && k + 3 < n
                && adult_years(k + 1)
                && ctx.is(k + 2, "year")
                && ctx.toks[k + 2].gap == G_HYPHEN
                && ctx.is(k + 3, "old")
        })
    {
        return true;
    }
    // "Keeley (she's 27 now!)", "my son Tom passed out at Sandhurst today, he's 24": what the
    // rest of the sentence says of them, with no one else named on the way ("abdi asked Miss
    // Price if she was old. she's 26", "Shannon's brother Connor (he's 22)")
    // (or the next sentence, starting with them: "… my son Callum's passing-out parade. He's
    // 19 and …")
    let sid = ctx.toks[b].sid;
    let within = |k: usize| {
        let t = ctx.toks[k];
        t.sid == sid || (t.sid == sid + 1 && (t.sent || ctx.toks[k - 1].sid == sid + 1))
    };
    if let Some(k) = (b + 1..(b + 20).min(n))
        .take_while(|&k| within(k) && !names_someone(&ctx.toks[k]))
        .find(|&k| ctx.toks[k].poss && ctx.is_any(k, &["she", "he"]))
    {
        if k + 1 < n && adult_years(k + 1) && (ctx.toks[k].sid == sid || ctx.toks[k].sent) {
            return true;
        }
    }
    // "Bernie's 60th", "Sue turns 50 on Friday": a birthday no pupil has
    if (b + 1..(b + 4).min(n)).any(|k| {
        let w = ctx.word(k).as_bytes();
        let digits = w.iter().take_while(|c| c.is_ascii_digit()).count();
        let age = w[..digits].iter().fold(0u32, |v, c| {
            v.saturating_mul(10).saturating_add(u32::from(c - b'0'))
        });
        let ordinal = matches!(&w[digits..], b"th" | b"st" | b"nd" | b"rd");
        (18..=110).contains(&age)
            && digits == 2
            && ((ordinal && k == b + 1 && ctx.toks[b].poss)
                || (digits == w.len() && ctx.is_any(k - 1, &["turns", "turned", "turning"])))
    }) {
        return true;
    }
    // "Happy birthday Ifeoma! 50 today", "Carys's birthday is 18th April, she'll be 30",
    // "Stan worked at Kingsmead for 22 years": an age or a span of years no pupil has
    super::super::super::dates::grown_up_years_after(ctx, b)
}

/// Does the token name or title someone, or give a family member or a role: where what the
/// words after a name say stops being about that name?
fn names_someone(t: &Tok) -> bool {
    t.f & (TITLE | FAMILY | ROLE) != 0 || (t.shape == CAP && t.f & GIVEN != 0)
}

/// Does the post give the person named up to `b` a family of their own, in the rest of the
/// sentence or the next, with no one else named on the way: "Ciara won't be in today — her
/// wee one's off with chickenpox", "Dev's on a course, his husband's picking up the keys"? (A
/// pupil has a baby brother, not a baby.)
fn has_a_family_of_their_own(ctx: &Ctx<'_>, b: usize) -> bool {
    const OWN: &[&str] = &[
        "son",
        "sons",
        "daughter",
        "daughters",
        "kids",
        "husband",
        "wife",
        "partner",
        "baby",
        "grandchildren",
        "grandson",
        "granddaughter",
    ];
    let n = ctx.toks.len();
    let sid = ctx.toks[b].sid;
    let possessive = |k: usize| ctx.toks[k].f & PRONOUN != 0 && ctx.is_any(k, &["her", "his"]);
    // (the first "her" or "his" on the way, unless someone else is named first)
    let Some(k) = (b + 1..(b + 16).min(n))
        .take_while(|&k| ctx.toks[k].sid <= sid + 1)
        .find(|&k| names_someone(&ctx.toks[k]) || possessive(k))
        .filter(|&k| possessive(k) && k + 1 < n)
    else {
        return false;
    };
    let own = ctx.is_any(k + 1, OWN)
        || (k + 2 < n
            && ctx.is_any(k + 1, &["wee", "little", "youngest", "eldest"])
            && ctx.is(k + 2, "one"));
    own && !ctx.is_any(k + 2, &["brother", "sister"])
}

/// Is the person named up to `b` given a role straight after, set off by a comma or a
/// bracket: "Graham (retired head, St Luke's)", "Sarah, our SENCO", "Jo (ELSA)"?
pub(super) fn role_in_apposition(ctx: &Ctx<'_>, b: usize) -> bool {
    let n = ctx.toks.len();
    b + 1 < n
        && !ctx.toks[b].poss
        && ctx.toks[b + 1].gap & (G_COMMA | G_OPEN) != 0
        && (b + 1..(b + 4).min(n)).any(|k| {
            same_sent(ctx, k, b)
                && ctx.toks[k].f & ROLE != 0
                && ctx.toks[k].f & (CHILD | ID_SCHEME) == 0
        })
}

/// Does the writer give the name at `a` as their own: "I'm Sam", "I am Sam", "my name is
/// Sam"?
pub(super) fn writers_own_name(ctx: &Ctx<'_>, a: usize) -> bool {
    (a >= 1 && (ctx.is(a - 1, "i'm") || ctx.is(a - 1, "im")))
        || (a >= 2 && ctx.is(a - 1, "am") && ctx.is(a - 2, "i"))
        || (a >= 3 && ctx.is(a - 1, "is") && ctx.is(a - 2, "name") && ctx.is(a - 3, "my"))
}
