//! The school's staff at work: who covers the writer, who is named to a job or doing the
//! school's work, who comes from a role or a place of work, and the verbs of that work.

use super::super::super::engine::Ctx;
use super::super::super::lexicon::*;
use super::super::super::tokens::*;
use super::super::*;

/// Does the name `a..=b` cover the writer's work: "Sara in Y2 has agreed to cover my
/// interventions", "Cover could be provided by Joanne in Y2", "I have arranged for Natalia to
/// cover breakfast club"? A release-time request names its cover, a colleague, and the class
/// they work in is no child's ("Natalia to cover" with nothing of the writer's stays soft).
pub(in super::super) fn covers_for_the_writer(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    let n = ctx.toks.len();
    let cover = |k: usize| ctx.is_any(k, &["cover", "covering", "covers"]);
    // "X … cover my / our …"
    let after = (b + 1..(b + 8).min(n)).any(|k| {
        same_sent(ctx, k, b)
            && cover(k)
            && k + 1 < n
            && (ctx.is_any(k + 1, &["my", "our"]) || (ctx.is(k + 1, "for") && ctx.is(k + 2, "me")))
    });
    // "cover … provided by X", "arranged for X to cover"
    let by = a >= 2
        && ctx.is(a - 1, "by")
        && ctx.is_any(a - 2, &["provided", "covered", "done", "arranged"])
        && (a.saturating_sub(8)..a - 1).any(|k| same_sent(ctx, k, a) && cover(k));
    // "Cover: Siobhan to take my Y5 maths booster", "Femi takes my Monday"
    let takes = (b + 1..(b + 4).min(n)).any(|k| {
        matches!(ctx.toks[k].shape, LOWER | UPPER)
            && same_sent(ctx, k, b)
            && ctx.is_any(k, &["take", "takes", "taking"])
            && ctx.is(k + 1, "my")
            && (k + 2..(k + 5).min(n)).any(|j| ctx.is_any(j, WRITERS_WORK))
    });
    let arranged = a >= 2
        && ctx.is(a - 1, "for")
        && ctx.is(a - 2, "arranged")
        && b + 2 < n
        && ctx.is(b + 1, "to")
        && cover(b + 2);
    !ctx.toks[b].poss && (after || by || arranged || takes)
}

/// What of the writer's a colleague takes on: "take my Y5 maths booster", "takes my Monday".
const WRITERS_WORK: &[&str] = &[
    "group",
    "groups",
    "class",
    "booster",
    "boosters",
    "intervention",
    "interventions",
    "duty",
    "session",
    "sessions",
    "lunch",
    "ppa",
    "phonics",
    "reading",
    "maths",
    "club",
    "shift",
    "slot",
    "morning",
    "afternoon",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "mon",
    "tues",
    "wed",
    "weds",
    "thurs",
    "fri",
];

/// Is the name `a..=b` (or the list it ends) the subject of "is" or "are" with a staff role
/// a few words on, "(our|the|a) (new) … lead": "Amira is our new EYFS lead", "Bethan,
/// Rhodri and Carys are the new TAs"? (A pupil "is our new starter", "is a Year 2 helper".)
pub(super) fn named_as_staff(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    let n = ctx.toks.len();
    // (the list is walked only when one follows: most names have "is" next or nothing)
    let v = if b + 1 < n && (ctx.toks[b + 1].gap & G_COMMA != 0 || is_and(ctx, b + 1)) {
        name_list(ctx, a, false).1.max(b) + 1
    } else {
        b + 1
    };
    if v + 2 >= n || !ctx.is_any(v, &["is", "are"]) || ctx.toks[v].gap != G_SPACE {
        return false;
    }
    let mut k = v + 1;
    if ctx.is_any(k, &["our", "the", "a", "an", "my"]) {
        k += 1;
    }
    if ctx.is_any(k, &["new", "lovely", "amazing"]) {
        k += 1;
    }
    (k..(k + 3).min(n))
        .take_while(|&j| {
            ctx.toks[j].gap == G_SPACE && ctx.toks[j].f & (CHILD | CLASSREF | CLASSWORD) == 0
        })
        .any(|j| ctx.toks[j].f & ROLE != 0)
}

/// Is the name ending at `b` taken on in a staff role: "Farhan has started as our family liaison
/// TA", "Kasia joined us as an HLTA", "Sam works as a midday supervisor", "Ellie just qualified
/// as a primary teacher"? (A pupil is "a
/// peer mentor", "a play leader" or "head girl", and a part in a play is "Sam as Joseph":
/// the role must follow "as" and a determiner, with no child or class word on the way.)
pub(super) fn taken_on_as_staff(ctx: &Ctx<'_>, b: usize) -> bool {
    const ON: &[&str] = &[
        "has",
        "have",
        "had",
        "just",
        "started",
        "starts",
        "starting",
        "joined",
        "joins",
        "joining",
        "works",
        "worked",
        "working",
        "been",
        "appointed",
        "employed",
        "us",
        "now",
        "back",
        "here",
        "today",
        "officially",
        "is",
        "qualified",
        "qualifies",
        "trained",
        "training",
        "retrained",
    ];
    let n = ctx.toks.len();
    let mut k = b + 1;
    while k < n && k < b + 5 && ctx.toks[k].gap == G_SPACE && ctx.is_any(k, ON) {
        k += 1;
    }
    if k == b + 1
        || k + 2 >= n
        || !ctx.is(k, "as")
        || ctx.toks[k].gap != G_SPACE
        || !ctx.is_any(k + 1, &["our", "the", "a", "an", "their", "my"])
    {
        return false;
    }
    (k + 2..(k + 7).min(n))
        .take_while(|&j| {
            same_sent(ctx, j, b)
                && ctx.toks[j].f & (CHILD | CLASSREF | CLASSWORD) == 0
                && !ctx.is_any(j, &["peer", "play", "sports", "junior", "young", "head"])
        })
        .any(|j| {
            ctx.toks[j].f & ROLE != 0
                && ctx.toks[j].f & ID_SCHEME == 0
                && ctx
                    .toks
                    .get(j + 1)
                    .is_none_or(|t| t.f & (CHILD | CLASSREF) == 0)
        })
}

/// Is the name `a..=b` (or the list it ends) doing a grown-up's work in the school: "Adaeze is
/// organising the collection", "Hope is chairing the next termly meeting", "Tunde is covering
/// Y1", "Zainab and Imran are both on the Elklan course", "Tomek who's driving over", "thank
/// you to Ffion and Alun for organising the rehearsals"? (A pupil may drive a teacher mad, be
/// booked in for speech therapy or take a class's register: the words after the verb are
/// checked; and pupils run the school radio, so running is not work here.)
pub(super) fn doing_staff_work(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    const LINKS: &[&str] = &[
        "is",
        "was",
        "has",
        "had",
        "are",
        "were",
        "have",
        "will",
        "who",
        "who's",
        "been",
        "also",
        "just",
        "kindly",
        "both",
        "now",
        "currently",
        "for",
    ];
    const WORK: &[&str] = &[
        "organising",
        "organizing",
        "organised",
        "organized",
        "chairing",
        "chaired",
        "marking",
        "moderating",
        "invigilating",
        "interviewing",
        "interviewed",
        "presenting",
        "hosting",
        "hosted",
        "coordinating",
        "supervising",
        "mentoring",
        "ordering",
        "ordered",
        "booking",
        "delivering",
    ];
    let n = ctx.toks.len();
    let mut k = if b + 1 < n && (ctx.toks[b + 1].gap & G_COMMA != 0 || is_and(ctx, b + 1)) {
        name_list(ctx, a, false).1.max(b) + 1
    } else {
        b + 1
    };
    // ("Amara's starting a chess club": the 's is "is" or "has")
    let mut linked = k == b + 1 && ctx.toks[b].poss;
    for _ in 0..3 {
        if k < n
            && ctx.toks[k].gap == G_SPACE
            && matches!(ctx.toks[k].shape, LOWER | UPPER)
            && ctx.is_any(k, LINKS)
        {
            k += 1;
            linked = true;
        } else {
            break;
        }
    }
    // (every verb and preposition read here is a lower-case word, or one in capitals)
    // ("Ellis and Bethan are organising." may end the post)
    if !linked
        || k >= n
        || ctx.toks[k].gap != G_SPACE
        || !matches!(ctx.toks[k].shape, LOWER | UPPER)
    {
        return false;
    }
    let next = |words: &[&str]| ctx.is_any(k + 1, words);
    let class_next = ctx.toks.get(k + 1).is_some_and(|t| t.f & CLASSREF != 0);
    // the words a few steps on: "doing the lunch rota", "on the Elklan course"
    let soon = |f: u64, words: &[&str]| {
        (k + 1..(k + 5).min(n))
            .take_while(|&j| same_sent(ctx, j, k) && ctx.toks[j].f & CHILD == 0)
            .any(|j| ctx.toks[j].f & f != 0 || ctx.is_any(j, words))
    };
    // (but a pupil "has emailed me her homework", "has taught me more than any course")
    if ctx.is_any(k, WORK) || (adult_verb(ctx, k) && !next(&["me", "us"])) {
        return true;
    }
    let is = |w: &str| ctx.is(k, w);
    if is("covering") {
        class_next || next(&["for", "the", "ppa", "lunch", "break", "a"])
    } else if is("taking") {
        class_next
    } else if is("driving") {
        !next(&[
            "me",
            "us",
            "him",
            "her",
            "them",
            "everyone",
            "everybody",
            "staff",
        ])
    } else if is("booked") {
        next(&["on", "onto"])
    } else if is("starting") || is("setting") {
        next(&["up"]) || soon(0, &["club", "group", "whatsapp", "rota"])
    } else if is("stepping") {
        next(&["down"])
    } else if is("doing") {
        soon(ROTA, &["training", "course"])
    } else if is("on") {
        // ("Precious and Blessing are both on lunch duty"; a pupil on a rota is "on the
        // buddy rota", not on duty)
        soon(
            0,
            &["course", "leave", "training", "jury", "secondment", "duty"],
        )
    } else if is("in") {
        soon(
            0,
            &["meeting", "interview", "interviews", "training", "briefing"],
        )
    } else {
        false
    }
}

/// "Hamza from IT", "Sue from the office", "Zoe at the agency", "Jess in the central team":
/// the name at `b` followed by where an adult works.
pub(super) fn from_a_role(ctx: &Ctx<'_>, b: usize) -> bool {
    let n = ctx.toks.len();
    if b + 2 >= n {
        return false;
    }
    let k = if ctx.toks[b + 2].f & DETERMINER != 0 {
        b + 3
    } else {
        b + 2
    };
    // a child can be at school, at the hospital or at the hub, and in the football team, so
    // "at" and "in" need a place only grown-ups work: an employer ("at the supply agency")
    // or a team named by its work ("in the central team")
    if ctx.is(b + 1, "at") {
        const EMPLOYER: &[&str] = &[
            "agency",
            "council",
            "authority",
            "trust",
            "consortium",
            "charity",
            "union",
            "federation",
            "partnership",
            "cluster",
            "diocese",
            "company",
            "firm",
        ];
        return ctx.is_any(k, EMPLOYER) || (k + 1 < n && ctx.is_any(k + 1, EMPLOYER));
    }
    if ctx.is(b + 1, "in") {
        const WORK: &[&str] = &[
            "central",
            "send",
            "inclusion",
            "admin",
            "office",
            "leadership",
            "safeguarding",
            "outreach",
            "finance",
            "hr",
            "la",
            "ep",
            "slt",
            "pastoral",
            "attendance",
        ];
        return k + 1 < n
            && ctx.is_any(k, WORK)
            && ctx.is_any(k + 1, &["team", "service", "services"]);
    }
    ctx.is(b + 1, "from") && {
        // ("Jo from Preschool", "Blessing from the Croydon cluster", "Danny from Barnardo's",
        // "Halima from the Somali Community Association"; not a club, a college or an
        // academy, which pupils come from too)
        const ORGANISATION: &[&str] = &[
            "cluster",
            "network",
            "team",
            "council",
            "trust",
            "charity",
            "hub",
            "service",
            "services",
            "preschool",
            "pre-school",
            "agency",
            "union",
            "federation",
            "partnership",
            "consortium",
            "association",
            "society",
            "committee",
            "pta",
            "rotary",
            "diocese",
            "company",
            "firm",
            "mosque",
            "church",
            "gurdwara",
            "temple",
            "synagogue",
            "surgery",
            "clinic",
            "kitchen",
            "library",
            "museum",
            "university",
            "allotments",
            // ("Rhys from the course is starting his HLTA")
            "course",
        ];
        // (and a team named in a few words: "from the family support team", but not a
        // pupils' team: "from the football team")
        k < n
            && (ctx.toks[k].f & (ROLE | PUBLIC | VENUE | ENTITY) != 0
                || (ctx.toks[k].shape == UPPER && ctx.word(k).len() <= 5)
                || ctx.is_any(k, ORGANISATION)
                || (ctx.toks[k].shape == CAP && ctx.is_any(k + 1, ORGANISATION))
                || (k + 2 < n
                    && ctx.toks[k + 1].gap == G_SPACE
                    && ctx.toks[k + 2].gap == G_SPACE
                    && ctx.is_any(k + 2, ORGANISATION)
                    && !(k..k + 2).any(|j| {
                        ctx.toks[j].f & (CHILD | CLASSREF | CLASSWORD) != 0
                            || ctx.is_any(j, &["football", "netball", "rugby", "sports", "school"])
                    })))
    }
}

/// Is token `k` a verb of a grown-up's work ("emailed", "delivered", "runs our breakfast
/// club")? Some read as a child's with what follows: "ran out of class", "works hard",
/// "covers his ears", "swears at staff".
pub(super) fn adult_verb(ctx: &Ctx<'_>, k: usize) -> bool {
    if ctx.toks[k].f & ADULT_VERB == 0 {
        return false;
    }
    let next = |words: &[&str]| ctx.is_any(k + 1, words);
    const OBJECT: &[&str] = &["the", "our", "a", "an", "my", "this", "their", "staff"];
    if ctx.is_any(k, &["ran", "runs", "trains"]) {
        // (a child runs off, out, away; an adult runs a club, drop-ins, the session)
        !next(&[
            "off", "out", "away", "around", "round", "into", "across", "up", "down", "back", "to",
            "from", "after", "in", "over", "through", "about", "past", "towards", "hard", "fast",
        ])
    } else if ctx.is_any(k, &["led", "leads"]) {
        next(OBJECT) || next(&["on"])
    } else if ctx.is(k, "works") {
        next(&[
            "at",
            "for",
            "as",
            "part",
            "full",
            "alongside",
            "across",
            "closely",
        ])
    } else if ctx.is(k, "covers") {
        next(OBJECT) || next(&["ppa", "for"])
    } else if ctx.is(k, "swears") {
        next(&["by"])
    } else {
        true
    }
}
