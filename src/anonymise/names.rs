//! Pupils' names in context: a gazetteer hit is only evidence; the words around it decide
//! whether it is a child (class, age, behaviour, family) or an adult (title, role, author).

use super::engine::Ctx;
use super::lexicon::*;
use super::tokens::*;
use super::{SpanType, Strictness};

/// Very common English words that are also given names: these need clear context.
pub(super) const HIGHFREQ: &[&str] = &[
    "will", "may", "hope", "grace", "mark", "bill", "rose", "summer", "june", "april", "august",
    "faith", "joy", "art", "sky", "rain", "river", "guy", "frank", "dawn", "eve", "max", "ray",
    "rob", "pat", "sue", "don", "dean", "drew", "chase", "hunter", "penny", "sandy", "victor",
    "carol", "robin", "sunny", "star", "storm", "angel", "baker", "cook", "cooper", "carter",
    "mason", "miles", "king", "young", "long", "white", "brown", "green", "black", "hill", "wood",
    "park", "lane", "price", "bell", "rich", "jack", "nick", "ben", "tom", "kit", "joy", "happy",
    "honey", "lucky", "amber", "ruby", "jade", "holly", "ivy", "lily", "daisy", "poppy", "iris",
    "heather", "hazel", "violet", "olive", "pearl", "crystal", "blessing", "precious", "patience",
    "mercy", "charity", "destiny", "harmony", "melody", "autumn", "winter", "spring", "sage",
    "peace", "justice", "noble", "earl", "duke", "prince", "major", "rocky", "sonny", "buddy",
    "jay", "wren", "lark", "fox", "wolf", "bear", "hart", "stone", "ford", "field", "marsh",
    "reading", "doctor", "page", "parsons", "day", "best", "bright", "gay", "mo", "ali", "eden",
    "rowan", "brook", "glen", "cliff", "dale", "heath", "misty", "candy", "bunny", "cherry",
    "ginger", "coco", "kitty", "dolly", "polly", "bob", "billy", "jimmy", "harry", "bobby",
    "peter", "john", "jenny", "tiger", "jet", "ash", "bo", "ha", "rick", "terry", "lance", "neil",
    "ken", "chad", "chip", "biff", "floppy", "kipper", "sam", "abbey", "millie", "gift", "reign",
    "paisley", "miracle", "favour", "treasure", "promise", "heaven", "journey", "legend", "ocean",
    "liberty", "serenity", "genesis", "lyric",
];

/// Base evidence (in half-points) that token `i` is a personal name at all.
fn name_base(ctx: &Ctx<'_>, i: usize) -> Option<i32> {
    let t = ctx.toks[i];
    let f = t.f;
    if f & (STOP | TITLE | ACRONYM | ENTITY | MONTH | CLASSREF | NUMWORD | RARE) != 0 {
        return None;
    }
    if matches!(t.shape, DIGIT | ALNUM | OTHER | SINGLE) {
        return None;
    }
    let w = ctx.word(i);
    let len = w.len();
    let given = f & GIVEN != 0;
    let surname = f & SURNAME != 0;
    let word = f & WORD != 0;
    let place = f & PLACE != 0;
    let cue = f
        & (ROLE
            | CHILD
            | FAMILY
            | SEN
            | BIRTH
            | HOME
            | SCHOOL_SFX
            | STREET
            | GREETING
            | AUTHOR
            | PRONOUN
            | DETERMINER
            | IN_PREP
            | BEHAV
            | BEHAV_STRONG
            | CLASSWORD
            | VENUE
            | PUBLIC)
        != 0;
    if place
        && i > 0
        && (ctx.toks[i - 1].f & IN_PREP != 0
            || ["to", "near", "at", "around", "outside"]
                .iter()
                .any(|w| ctx.is(i - 1, w)))
    {
        // "in Kent", "a trip to Chester": a place
        return None;
    }
    if i > 0 && f & (VENUE | LANDMARK) != 0 && ctx.toks[i - 1].shape == CAP && t.gap == G_SPACE {
        // "Horsforth Civic Hall": the end of a place's name
        return None;
    }
    if i > 0 && ctx.is(i - 1, "in") && t.shape == CAP && !t.poss && ctx.toks[i].gap == G_SPACE {
        // "at Beechwood Juniors in Leigh": a child is in a class or a group, not in a Leigh
        return None;
    }
    // "Summer term", "in the autumn", "Spring 2": a season, unless it reads as a name
    if len == 6
        && f & super::lexicon::HIGHFREQ != 0
        && ["summer", "autumn", "spring", "winter"]
            .iter()
            .any(|s| w.eq_ignore_ascii_case(s))
        && !season_as_name(ctx, i)
    {
        return None;
    }
    match t.shape {
        CAP => {
            if given && !word && !place {
                Some(4)
            } else if given && f & super::lexicon::HIGHFREQ == 0 && !cue {
                Some(if t.sent { 2 } else { 4 })
            } else if given {
                Some(if !t.sent {
                    3
                } else if ((subject_verb(ctx, i + 1)
                    || (t.poss
                        && ["been", "got", "gone", "had"]
                            .iter()
                            .any(|w| ctx.is(i + 1, w))))
                    && pronoun_later(ctx, i))
                    || in_subject_list(ctx, i)
                {
                    // "Hunter refused to line up … with him": a name, not a noun
                    2
                } else {
                    0
                })
            } else if surname && !word && !place && !cue {
                Some(if t.sent { 1 } else { 2 })
            } else if surname
                || (!word
                    && !place
                    && !cue
                    && len >= 3
                    && w.bytes().all(|c| c.is_ascii_alphabetic() || c == b'\'')
                    && (!w.contains('\'')
                        || (w.as_bytes()[1] == b'\'' && w.as_bytes()[2].is_ascii_uppercase())))
            {
                Some(if t.sent { -2 } else { 1 })
            } else {
                None
            }
        }
        LOWER | UPPER => {
            let highfreq = f & super::lexicon::HIGHFREQ != 0;
            // HIGHFREQ words ("river", "grace") are given names too
            if t.shape == LOWER
                && (given || highfreq)
                && len >= 3
                && (after_child_slot(ctx, i) || (ctx.lower_case_writer && leads_name_list(ctx, i)))
            {
                // "my 1:1 ruby has …", "a boy called will": the slot says it is a name
                Some(2)
            } else if ctx.lower_case_writer
                && t.shape == LOWER
                && (given || highfreq)
                && len >= 3
                && subject_verb(ctx, i + 1)
                && pronoun_later(ctx, i)
            {
                // "today faith asked if she could…"
                Some(2)
            } else if given && !word && !place && !cue && len >= 3 && !highfreq {
                // someone who types in lower case loses nothing by it
                Some(if ctx.lower_case_writer { 4 } else { 0 })
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A season word used as a name: capitalised, not after "this", "in", "the" and the like,
/// and followed by what follows a name ("Summer's dad", "Autumn in my group", "Summer and
/// Rain", "Summer has…"), not by a noun or a number ("Summer term", "Autumn 2").
fn season_as_name(ctx: &Ctx<'_>, i: usize) -> bool {
    let t = ctx.toks[i];
    if i > 0 && ctx.toks[i - 1].f & TITLE != 0 {
        // "Mrs Summer Patel"
        return true;
    }
    if t.shape != CAP
        || (i > 0
            && [
                "this", "last", "next", "in", "over", "the", "during", "since", "until", "all",
                "every", "by", "early", "late", "of", "through", "for", "a", "an", "our", "or",
                "to", "from", "each", "whole", "into", "till", "hot", "cold",
            ]
            .iter()
            .any(|w| ctx.is(i - 1, w)))
    {
        return false;
    }
    let n = ctx.toks.len();
    t.poss
        || i + 1 >= n
        || ctx.toks[i + 1].gap & (G_COMMA | G_OPEN) != 0
        || ctx.is(i + 1, "and")
        || ctx.is(i + 1, "in")
        || ctx.f(i + 1) & SUBJECT_VERB != 0
}

/// Is token `i` straight after a word that introduces a child ("my 1:1", "pupil", "called")
/// and followed by what a name would be followed by (a verb, a possessive, punctuation)?
fn after_child_slot(ctx: &Ctx<'_>, i: usize) -> bool {
    i > 0
        && ctx.toks[i - 1].f & (CHILD | NAME_SLOT) != 0
        && ctx.toks[i].gap == G_SPACE
        && (ctx.toks[i].poss
            || i + 1 >= ctx.toks.len()
            || ctx.toks[i + 1].gap & (G_COMMA | G_DOT | G_EXCL | G_OPEN) != 0
            || subject_verb(ctx, i + 1)
            || ctx.is(i + 1, "who")
            || ctx.toks[i + 1].f & WHEN != 0)
}

/// Is token `i` the first of a list of names ("ruby, kai and noah")?
fn leads_name_list(ctx: &Ctx<'_>, i: usize) -> bool {
    let n = ctx.toks.len();
    if i + 1 >= n {
        return false;
    }
    let next = if ctx.toks[i + 1].gap & G_COMMA != 0 {
        i + 1
    } else if ctx.is(i + 1, "and") && i + 2 < n {
        i + 2
    } else {
        return false;
    };
    let t = ctx.toks[next];
    t.f & GIVEN != 0 && t.f & (WORD | STOP) == 0 && t.shape == ctx.toks[i].shape
}

/// Does token `k` read as the verb after a child's name as subject: "Grace has autism",
/// "Will is in Year 4", "Chen draws comics"?
fn subject_verb(ctx: &Ctx<'_>, k: usize) -> bool {
    if k >= ctx.toks.len() {
        return false;
    }
    // one adverb may come first: "freddie just told", "Gruffydd and Carys both moved"
    if [
        "just", "both", "really", "still", "always", "never", "finally", "actually", "also", "all",
    ]
    .iter()
    .any(|w| ctx.is(k, w))
    {
        return k + 1 < ctx.toks.len() && verb_shaped(ctx, k + 1);
    }
    verb_shaped(ctx, k)
}

/// A listed verb, or a lower-case word shaped like a verb in the present ("draws") or past
/// ("finished") that isn't a function word or a noun we know.
fn verb_shaped(ctx: &Ctx<'_>, k: usize) -> bool {
    let t = ctx.toks[k];
    if t.f & (BEHAV | BEHAV_STRONG | SUBJECT_VERB) != 0 {
        return true;
    }
    let w = ctx.word(k).as_bytes();
    let present = w.len() >= 4
        && w.ends_with(b"s")
        && !w.ends_with(b"ss")
        && !w.ends_with(b"us")
        && !w.ends_with(b"is");
    let past = w.len() >= 5 && w.ends_with(b"ed") && !w.ends_with(b"eed");
    t.shape == LOWER
        && (present || past)
        && t.f & (STOP | DETERMINER | IN_PREP | CONNECT | PRONOUN | CHILD | FAMILY | AUTHOR) == 0
}

/// Is there a "he", "she", "him" or "her" a little later, in the same sentence or the next
/// ("Faith had the best day today!! wrote 3 sentences on her own")?
fn pronoun_later(ctx: &Ctx<'_>, i: usize) -> bool {
    let sid = ctx.toks[i].sid;
    ctx.toks[i + 1..(i + 28).min(ctx.toks.len())]
        .iter()
        .take_while(|t| t.sid <= sid + 1)
        .any(|t| t.f & PRONOUN != 0)
}

/// The list of capitalised given names that token `k` belongs to ("Hunter, Mason and
/// Archer"), as (first, last, how many names).
/// With `loose`, a capitalised word that is no English word counts too ("Harpreet").
fn name_list(ctx: &Ctx<'_>, k: usize, loose: bool) -> (usize, usize, usize) {
    let member = |j: usize| {
        j < ctx.toks.len()
            && ctx.toks[j].shape == CAP
            && (ctx.toks[j].f & GIVEN != 0
                || (loose && ctx.toks[j].f & (WORD | STOP | PLACE | TITLE | ROLE | ENTITY) == 0))
    };
    let (mut a, mut b, mut count) = (k, k, 1);
    // (a list is walked a dozen names each way at most, so a pasted register stays linear)
    while count < 12 {
        if a >= 1 && ctx.toks[a].gap & G_COMMA != 0 && member(a - 1) && !ctx.toks[a].sent {
            a -= 1;
        } else if a >= 2 && is_and(ctx, a - 1) && member(a - 2) && !ctx.toks[a - 1].sent {
            a -= 2;
        } else {
            break;
        }
        count += 1;
    }
    let mut steps = 0;
    while count < 24 && steps < 48 {
        steps += 1;
        if ctx.toks[b].poss {
            break;
        }
        if member(b + 1)
            && ctx.toks[b + 1].gap == G_SPACE
            && ctx.toks[b + 1].f & SURNAME != 0
            && !ctx.toks[b].poss
        {
            // "Jordan Kelly and Brandon": a surname is part of the same name
            b += 1;
            continue;
        }
        if member(b + 1) && ctx.toks[b + 1].gap & G_COMMA != 0 && !ctx.toks[b + 1].sent {
            b += 1;
        } else if is_and(ctx, b + 1) && member(b + 2) {
            b += 2;
        } else {
            break;
        }
        count += 1;
    }
    (a, b, count)
}

/// Is token `k` one of a list of names that is the subject of a verb: "Hunter, Mason and
/// Archer are a nightmare", "Blessing and Precious have been so kind"?
fn in_subject_list(ctx: &Ctx<'_>, k: usize) -> bool {
    let (a, b, count) = name_list(ctx, k, false);
    count >= 2 && ctx.toks[a].sent && subject_verb(ctx, b + 1)
}

/// "and" or "&" joining two names.
fn is_and(ctx: &Ctx<'_>, j: usize) -> bool {
    ctx.is(j, "and") || ctx.is(j, "&")
}

fn same_sent(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    ctx.toks[a].sid == ctx.toks[b].sid
}

/// Is there an adult cue (title, role, author, relationship, greeting, sign-off)?
fn adult_reason(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    let n = ctx.toks.len();
    // title before: "Mrs Khan", "Dr. Patel", "Queen Victoria"
    if a > 0 {
        let p = ctx.toks[a - 1];
        if p.f & TITLE != 0
            && (p.shape == CAP
                || p.shape == UPPER
                || ctx.is(a - 1, "mr")
                || ctx.is(a - 1, "mrs")
                || ctx.is(a - 1, "ms")
                || ctx.is(a - 1, "dr"))
        {
            return true;
        }
    }
    // role, author or adult relationship just before: "our SENCO Priya", "colleague Sam",
    // "author Julia", "my husband Dave"
    let mut k = a;
    let mut steps = 0;
    while k > 0 && steps < 4 {
        k -= 1;
        steps += 1;
        if !(same_sent(ctx, k, a) || (ctx.toks[a].gap & G_COLON != 0 && k + 1 == a)) {
            break;
        }
        let f = ctx.toks[k].f;
        if f & (ROLE | AUTHOR | ADULT_REL) != 0 && f & CHILD == 0 {
            return true;
        }
        // "a book by Julia…", "The Explosive Child by Ross Greene": a title in capitals
        // then "by" names its author (but "kicked by Amira" does not)
        if ctx.is(k, "by")
            && k > 0
            && (ctx.toks[k - 1].f & (AUTHOR | BOOKCUE) != 0
                || (ctx.toks[k - 1].shape == CAP && !ctx.toks[k - 1].sent))
        {
            return true;
        }
        // "our deputy (ours is called Gareth)": pass over "is called" to the role
        let passable = f & (CONNECT | DETERMINER | NAME_SLOT) != 0
            || ctx.is(k, "and")
            || ctx.is(k, "ours")
            || (f & (GIVEN | SURNAME | super::lexicon::HIGHFREQ) != 0
                && matches!(ctx.toks[k].shape, CAP));
        if !passable {
            break;
        }
    }
    if a >= 2 && ctx.is(a - 1, "to") && ctx.toks[a - 2].f & GREETING != 0 {
        return true;
    }
    if a >= 2
        && ctx.is(a - 1, "by")
        && [
            "led",
            "run",
            "delivered",
            "presented",
            "written",
            "illustrated",
            "hosted",
            "organised",
            "organized",
            "given",
            "taught",
            "funded",
            "chaired",
            "read",
            "narrated",
            "recommended",
        ]
        .iter()
        .any(|w| ctx.is(a - 2, w))
    {
        return true;
    }
    // the writer's own family: "my son Jack", "My daughter Ella", "my nephew Aiden"
    if a >= 2
        && ctx.toks[a - 1].f & OWN_FAMILY != 0
        && (ctx.is(a - 2, "my") || ctx.is(a - 2, "our"))
    {
        return true;
    }
    // "a very spoilt spaniel called Bailey", "our cat Mabel": a pet
    if a >= 1
        && (a.saturating_sub(4)..a)
            .any(|k| (k + 1 == a || ctx.toks[a - 1].f & NAME_SLOT != 0) && ctx.toks[k].f & PET != 0)
    {
        return true;
    }
    // "'Wonder' by R.J. Palacio": initials and a surname after "by" are an author
    let mut k = a;
    while k > 0 && ctx.toks[k - 1].shape == SINGLE && a - k < 3 {
        k -= 1;
    }
    if k < a && k > 0 && ctx.is(k - 1, "by") {
        return true;
    }
    // a line of minutes that lists the adults: "Apologies: Dawn, Kelly W", "Present: …"
    // (only posts with such a label pay for the walk back)
    if ctx.minutes {
        let mut k = a;
        while k > 0 && a - k < 24 && ctx.toks[k].gap & G_NL == 0 {
            k -= 1;
        }
        if k + 1 < n
            && ctx.toks[k + 1].gap & G_COLON != 0
            && ctx.toks[k].f & MINUTES != 0
            && (k + 1..=a).all(|j| ctx.toks[j].gap & G_DOT == 0 || ctx.toks[j].gap & G_COLON != 0)
        {
            return true;
        }
    }
    // "Team Teach with Mark Ellison", "training from Dave at the local special school": the
    // person a course is with is its trainer (but "tried it with Kai" is a pupil)
    if ctx.training
        && a > 0
        && ["with", "from", "by"].iter().any(|w| ctx.is(a - 1, w))
        && (b > a || ctx.is(b + 1, "at"))
    {
        return true;
    }
    // "my little one, Noah", "my youngest, Isla": the writer's own child
    if a >= 3
        && ctx.is(a - 1, "one")
        && ["little", "youngest", "eldest", "oldest", "middle"]
            .iter()
            .any(|w| ctx.is(a - 2, w))
        && ctx.is(a - 3, "my")
        || a >= 2
            && ["youngest", "eldest", "oldest"]
                .iter()
                .any(|w| ctx.is(a - 1, w))
            && ctx.is(a - 2, "my")
    {
        return true;
    }
    // other forum members: "Replying to Olu:", "what Dwayne said above", "Joanne here"
    if a >= 2 && ctx.is(a - 1, "to") && (ctx.is(a - 2, "replying") || ctx.is(a - 2, "reply")) {
        return true;
    }
    if b + 2 < n
        && ["said", "says", "mentioned", "posted", "wrote", "suggested"]
            .iter()
            .any(|w| ctx.is(b + 1, w))
        && ["above", "upthread", "earlier"]
            .iter()
            .any(|w| ctx.is(b + 2, w))
    {
        return true;
    }
    if b + 1 < n && ctx.is(b + 1, "here") && ctx.toks[b + 1].gap == G_SPACE && {
        let g = ctx.toks.get(b + 2).map_or(G_DOT, |t| t.gap);
        g & (G_COMMA | G_DOT | G_EXCL | G_NL) != 0
    } {
        return true;
    }
    // famous people: "want to be Bukayo Saka", or a full name in a post about TV or sport
    // with no child word beside it ("Watched EastEnders last night, Lacey Turner is …")
    if a >= 2 && ctx.is(a - 1, "be") && ctx.is(a - 2, "to") {
        return true;
    }
    if b > a && ctx.media && {
        // no child word in the same sentence (looked for within a window, to stay linear)
        let sid = ctx.toks[a].sid;
        let lo = a.saturating_sub(24);
        let hi = (b + 24).min(n);
        !ctx.toks[lo..hi]
            .iter()
            .any(|t| t.sid == sid && t.f & (CHILD | CLASSREF | SEN | FAMILY | BEHAV_STRONG) != 0)
    } {
        return true;
    }
    // "Kelly who runs our breakfast club", "Kacper, who runs the Saturday school"
    if b + 2 < n && ctx.is(b + 1, "who") && ctx.toks[b + 2].f & ADULT_VERB != 0 {
        return true;
    }
    // forum members: "as Tomasz said", "Priya's idea", "Ifeoma (she posted last week…)"
    if a > 0
        && ctx.is(a - 1, "as")
        && b + 1 < n
        && ["said", "says", "mentioned", "suggested", "posted", "wrote"]
            .iter()
            .any(|w| ctx.is(b + 1, w))
    {
        return true;
    }
    if ctx.toks[b].poss && b + 1 < n && ctx.toks[b + 1].f & FORUM != 0 {
        return true;
    }
    if (b + 1..(b + 4).min(n)).any(|k| {
        ["posted", "wrote", "replied", "shared", "commented"]
            .iter()
            .any(|w| ctx.is(k, w))
    }) {
        return true;
    }
    // "Hamza from IT", "Sue from the office"
    if b + 1 < n && ctx.is(b + 1, "from") && b + 2 < n && {
        let k = if ctx.toks[b + 2].f & DETERMINER != 0 {
            b + 3
        } else {
            b + 2
        };
        k < n
            && (ctx.toks[k].f & (ROLE | PUBLIC | VENUE) != 0
                || (ctx.toks[k].shape == UPPER && ctx.word(k).len() <= 3))
    } {
        return true;
    }
    // "Matilda the Musical", "Alfred the Great": a title, not a child
    // and "Fred the frog", "Kipper the dog": a character
    if b + 2 < n
        && ctx.is(b + 1, "the")
        && ctx.toks[b + 1].gap == G_SPACE
        && matches!(ctx.toks[b + 2].shape, CAP | LOWER)
        && ctx.toks[b + 2].f & (STOP | CHILD | CLASSWORD | WHEN) == 0
        && ![
            "following",
            "whole",
            "rest",
            "other",
            "same",
            "first",
            "day",
        ]
        .iter()
        .any(|w| ctx.is(b + 2, w))
        && !ctx.toks[b].poss
    {
        // (but "with Kai the next morning" is a time, not a title)
        return true;
    }
    // "Sarah and I job share": a colleague
    if b + 2 < n && ctx.is(b + 1, "and") && (ctx.is(b + 2, "i") || ctx.is(b + 2, "myself")) {
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
    // "I'm Sam", "my name is Sam"
    if a >= 1 && (ctx.is(a - 1, "i'm") || ctx.is(a - 1, "im")) {
        return true;
    }
    if a >= 2 && ctx.is(a - 1, "am") && ctx.is(a - 2, "i") {
        return true;
    }
    if a >= 3 && ctx.is(a - 1, "is") && ctx.is(a - 2, "name") && ctx.is(a - 3, "my") {
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
            if f & (ROLE | AUTHOR) != 0 && f & CHILD == 0 {
                return true;
            }
            if f & ADULT_VERB != 0 && (steps == 0 || after_place) {
                // "Debbie on the next table swears by …"
                return true;
            }
            // "ask Siobhan in the office"
            if after_prep_word
                && ["office", "staffroom", "kitchen"]
                    .iter()
                    .any(|w| ctx.is(k, w))
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
    // greeting to a forum member: "Hi Priya," at the start of a line, or "Priya, thanks"
    let line_start = ctx.toks[a].gap & G_NL != 0 || a == 0;
    if a > 0
        && ctx.toks[a - 1].f & GREETING != 0
        && (ctx.toks[a - 1].gap & G_NL != 0 || a == 1 || ctx.toks[a - 1].sent)
    {
        return true;
    }
    if line_start
        && b + 1 < n
        && ctx.toks[b + 1].gap & (G_COMMA | G_EXCL) != 0
        && ctx.toks[b + 1].gap & G_NL == 0
    {
        // "Priya, ..." opening a post: addressing someone
        let next = ctx.toks[b + 1].f;
        if next & (GREETING | PRONOUN) != 0
            || ctx.is(b + 1, "i")
            || ctx.is(b + 1, "thanks")
            || ctx.is(b + 1, "that")
            || ctx.is(b + 1, "this")
            || ctx.is(b + 1, "great")
            || ctx.is(b + 1, "yes")
            || ctx.is(b + 1, "we")
        {
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
        // (but not the last of a list: "Xinyi, Andrei, Callum, Harpreet.")
        && name_list(ctx, a, false).2 < 3
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
    let ends_clause = ends_at(b)
        || (b + 2 < n && ctx.is(b + 1, "and") && name_base(ctx, b + 2).is_some() && ends_at(b + 2));
    if a > 0
        && a - 1 == first
        && ctx.toks[first].f & OPENER != 0
        && !ctx.toks[b].poss
        && !subject_verb(ctx, b + 1)
    {
        // "Aw Mandeep that sounds hard", "Sorry Niamh I missed your question"
        return true;
    }
    if b + 1 < n
        && !ctx.toks[b].poss
        && ["you", "you're", "you've", "you'll", "youre"]
            .iter()
            .any(|w| ctx.is(b + 1, w))
    {
        // "Kirsty you're a star": talking to someone
        return true;
    }
    if first < a
        && a - first <= 6
        && ends_clause
        && !ctx.toks[b].poss
        && ctx.toks[first].f & (GREETING | OPENER) != 0
        && ctx.toks[a - 1].f & (IN_PREP | OBJECT_PREP) == 0
        && ctx.toks[first..a]
            .iter()
            .all(|t| t.f & (CHILD | FAMILY | CLASSREF | SEN | BEHAV_STRONG | NAME_SLOT) == 0)
    {
        return true;
    }
    // sign-off: the name ends the post ("Thanks, Jo x")
    let mut tail = b + 1;
    while tail < n && tail - b < 8 && ctx.toks[tail].f & SIGNOFF != 0 {
        tail += 1;
    }
    if tail >= n
        && (ctx.toks[a].gap & (G_NL | G_COMMA) != 0
            || (a > 0 && ctx.toks[a - 1].f & SIGNOFF != 0)
            || ctx.toks[a].gap & G_HYPHEN != 0)
    {
        return true;
    }
    false
}

/// Evidence (in half-points) from context that the name is a child's, and the reason shown.
fn child_evidence(ctx: &Ctx<'_>, a: usize, b: usize) -> (i32, &'static str) {
    let n = ctx.toks.len();
    let mut strong = 0;
    let mut medium = 0;
    let mut why: &'static str = "";
    // before the name
    let mut k = a;
    let mut steps = 0;
    while k > 0 && steps < 3 {
        k -= 1;
        steps += 1;
        if !same_sent(ctx, k, a) {
            break;
        }
        let f = ctx.toks[k].f;
        if f & NAME_SLOT != 0 {
            strong += 1;
            why = "This looks like a pupil's name: it follows \u{201c}called\u{201d} or \u{201c}named\u{201d}.";
        } else if f & CHILD != 0 {
            strong += 1;
            why = "This looks like a pupil's name: it is next to a word for a child or pupil.";
        } else if f & CLASSREF != 0 && steps == 1 {
            strong += 1;
            why = "This looks like a pupil's name: it is next to a year group or class.";
        } else if f & FAMILY != 0 && steps == 1 && k > 0 && ctx.toks[k - 1].f & PRONOUN != 0 {
            // "her brother Favour", "his cousin Patsy": a child's family, so a child
            strong += 1;
            why = "This looks like a pupil's name: it is next to a word for a child or pupil.";
        } else if f & (FAMILY | SEN) != 0 && steps <= 2 {
            medium += 1;
        }
    }
    // "Name: Ibrahim Hassan", "d.o.b 12.9.15 for Shay Donnelly", "CHI number … for wee
    // Ruairidh": a record about a child
    if a > 0 && ctx.is(a - 1, "name") && ctx.toks[a].gap & G_COLON != 0 {
        strong += 1;
        why = "This looks like a pupil's name: it is the name on a record.";
    } else if (a.saturating_sub(8)..a)
        .chain(b + 1..(b + 4).min(n))
        .any(|k| same_sent(ctx, k, a) && ctx.toks[k].f & (BIRTH | ID_SCHEME) != 0)
    {
        strong += 1;
        why = "This looks like a pupil's name: it comes with a date of birth or an identifier.";
    }
    // "Ruby L", "Oskar W": a first name and a surname's initial is how pupils are listed
    if b > a && ctx.toks[b].shape == SINGLE {
        strong += 1;
        why = "This looks like a pupil's name: a first name and an initial.";
    }
    // "doing Lego with Layla and Omar", "ideas for Xinyi?", "worried about Summer": on this
    // forum the people a TA works with, plans for and worries about are pupils
    if work_object(ctx, a) || (a > 0 && ctx.toks[a - 1].f & CARE_VERB != 0) {
        medium += 1;
    }
    // after the name
    let t = ctx.toks[b];
    if t.poss && b + 1 < n {
        let f = ctx.toks[b + 1].f;
        if f & (FAMILY | CHILD | SEN | ROLE | BEHAV_STRONG | CLASSWORD | ID_SCHEME) != 0 {
            // "Tayo's mum", "Amira's EHCP": hardly anything else reads like this
            strong += 2;
            why = "This looks like a pupil's name: it is a possessive before a family, class or support word.";
        } else {
            medium += 1;
        }
    }
    let mut k = b + 1;
    let mut steps = 0;
    let mut saw_in = false;
    while k < n && steps < 6 && same_sent(ctx, k, b) {
        let tk = ctx.toks[k];
        let f = tk.f;
        if f & IN_PREP != 0 {
            saw_in = true;
        }
        if f & CLASSREF != 0 && (saw_in || tk.gap & (G_OPEN | G_COMMA) != 0 || steps == 0) {
            // straight after the name ("Delroy in Y5", "Tyler 5M", "Jo (Y4)") it is decisive
            strong += if steps <= 1 { 2 } else { 1 };
            why = "This looks like a pupil's name: it comes with a year group or class.";
            break;
        }
        if f & BIRTH != 0 && steps <= 2 {
            strong += 2;
            why = "This looks like a pupil's name: it comes with a date of birth.";
            break;
        }
        if f & BEHAV_STRONG != 0 && steps <= 3 {
            strong += 1;
            why = "This looks like a pupil's name: it comes with a description of a child's behaviour.";
        } else if f & BEHAV != 0 && steps <= 2 {
            medium += 1;
        }
        if f & CHILD != 0 && steps <= 3 {
            medium += 1;
        }
        if steps == 0
            && a > 0
            && ctx.is(a - 1, "the")
            && [
                "twins", "triplets", "brothers", "sisters", "kids", "children", "siblings",
            ]
            .iter()
            .any(|w| ctx.is(k, w))
        {
            strong += 2;
            why = "This looks like a pupil's name: it names children in a family.";
        }
        if f & PRONOUN != 0 && steps <= 1 && tk.gap & G_COMMA != 0 {
            medium += 1;
        }
        if f & HOME != 0 && steps == 0 {
            medium += 1;
        }
        if f & NUMWORD != 0 && steps <= 3 && ctx.f(k - 1) & AGE != 0 {
            strong += 1;
            why = "This looks like a pupil's name: it comes with a child's age.";
        }
        // age: "Sam (7)", "Sam, 7,", "Sam is 7", "Sam aged 7"
        if tk.shape == DIGIT && steps <= 2 {
            let w = ctx.word(k).as_bytes();
            if w.len() <= 2 {
                let v: u32 = w.iter().fold(0, |a, c| a * 10 + u32::from(c - b'0'));
                let prev_age = ctx.toks[k - 1].f & AGE != 0
                    || ctx.is(k - 1, "is")
                    || ctx.is(k - 1, "turned")
                    || ctx.is(k - 1, "turns");
                if (2..=18).contains(&v) && (tk.gap & (G_OPEN | G_COMMA) != 0 || prev_age) {
                    strong += 1;
                    why = "This looks like a pupil's name: it comes with a child's age.";
                }
            }
        }
        k += 1;
        steps += 1;
    }
    // wider window in the same sentence
    if medium == 0 && strong == 0 {
        let lo = a.saturating_sub(6);
        let hi = (b + 7).min(n);
        for k in lo..hi {
            if (k < a || k > b)
                && same_sent(ctx, k, a)
                && ctx.toks[k].f & (CHILD | FAMILY | SEN | CLASSREF | BEHAV_STRONG) != 0
            {
                medium += 1;
                break;
            }
        }
    }
    // "tips for Lily? She's in Year 1": the next sentence is about the same child
    if medium == 0 && strong == 0 {
        let mut k = b + 1;
        while k < n && k - b < 40 && same_sent(ctx, k, b) {
            k += 1;
        }
        if k < n && !same_sent(ctx, k, b) && ctx.toks[k].f & PRONOUN != 0 {
            let sid = ctx.toks[k].sid;
            let mut j = k + 1;
            while j < n && ctx.toks[j].sid == sid && j < k + 8 {
                if ctx.toks[j].f & (CHILD | FAMILY | SEN | CLASSREF | BEHAV_STRONG | BEHAV) != 0 {
                    medium += 1;
                    break;
                }
                j += 1;
            }
        }
    }
    let score = match strong {
        0 => 0,
        1 => 4,
        _ => 6,
    } + if medium > 0 { 2 } else { 0 };
    if why.is_empty() {
        why = if medium > 0 {
            "This looks like a pupil's name: it appears alongside words about a child."
        } else {
            "This looks like a pupil's name: it appears in a post about pupils."
        };
    }
    (score, why)
}

pub(super) fn detect_names(ctx: &mut Ctx<'_>, school_toks: &[(usize, usize)]) {
    let n = ctx.toks.len();
    let threshold = match ctx.strict {
        Strictness::Relaxed => 8,
        Strictness::Standard => 6,
        Strictness::Strict => 4,
    };
    // On a forum for school support staff, a first name with no adult cue is most often a
    // pupil: the post context counts a little even without a child word.
    let post = if ctx.child_ctx > 0 { 2 } else { 1 };
    // schools are in text order, so a binary search finds the one that could hold `i`
    let in_school = |i: usize| {
        let k = school_toks.partition_point(|&(_, e)| e < i);
        school_toks.get(k).is_some_and(|&(s, _)| s <= i)
    };
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
    // a scene written as dialogue ("Me: 'why is there glue…'", "Tyler: 'miss I done it'"):
    // two or more lines that start with a speaker and a colon
    let dialogue =
        ctx.b.contains(&b'\n') && (0..n).filter(|&k| line_speaker(ctx, k)).take(2).count() == 2;
    let mut last_adult: Option<usize> = None;
    let mut adults: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        let Some(base) = name_base(ctx, i) else {
            i += 1;
            continue;
        };
        if in_school(i) {
            i += 1;
            continue;
        }
        // extend over a following surname or second name: "Amelia Kowalska", "Mary-Jane"
        let a = i;
        let mut b = i;
        let mut best = base;
        let mut full = false;
        while b + 1 < n && !ctx.toks[b].poss {
            let nt = ctx.toks[b + 1];
            let gap_ok = (nt.gap == G_SPACE || nt.gap == G_HYPHEN) && nt.gap_len == 1;
            if !gap_ok || ctx.toks[a].shape != nt.shape || in_school(b + 1) {
                break;
            }
            match name_base(ctx, b + 1) {
                Some(nb) if nt.f & (SURNAME | GIVEN) != 0 || nb >= 1 => {
                    best = best.max(nb);
                    if nt.f & SURNAME != 0 {
                        full = true;
                    }
                    b += 1;
                }
                _ => break,
            }
            if b - a >= 2 {
                break;
            }
        }
        // "Ruby L has…": the initial of a surname belongs to the name
        if b + 1 < n
            && !ctx.toks[b].poss
            && ctx.toks[b + 1].shape == SINGLE
            && ctx.toks[b + 1].gap == G_SPACE
            && !ctx.is(b + 1, "i")
            && !ctx.is(b + 1, "a")
            && ctx.word(b + 1).as_bytes()[0].is_ascii_uppercase()
            && (b + 2 >= n || ctx.toks[b + 2].gap & G_DOT == 0 || ctx.toks[b + 2].gap_len > 1)
            && ctx.toks[a].f & GIVEN != 0
        {
            b += 1;
        }
        i = b + 1;
        if (a..=b).any(|k| ctx.toks[k].f & ENTITY != 0) {
            continue;
        }
        // "a Roman day", "the Eden Project": an article makes it a thing, not a child (but
        // "the Popescu twins" are children)
        if a > 0
            && ctx.toks[a].gap == G_SPACE
            && (ctx.is(a - 1, "a") || ctx.is(a - 1, "an") || ctx.is(a - 1, "the"))
            && ctx.f(b + 1) & (CHILD | FAMILY) == 0
        {
            continue;
        }
        // "Eden Camp", "Alton Towers": a name joined to a place word names the place
        if b + 1 < n
            && ctx.toks[b + 1].f & (LANDMARK | VENUE) != 0
            && ctx.toks[b + 1].shape == CAP
            && ctx.toks[b + 1].gap == G_SPACE
            && !ctx.toks[b].poss
        {
            continue;
        }
        // "Carlton Hall", "Horsforth Civic Hall", "42 Park Lane": a run of capitalised words
        // that ends in a venue or landmark word, or a street after a house number, is a place
        let mut e = a + 1;
        while e < n && e <= b + 3 && ctx.toks[e].shape == CAP && ctx.toks[e].gap == G_SPACE {
            let f = ctx.toks[e].f;
            if f & (VENUE | LANDMARK) != 0
                || (f & STREET != 0
                    && a > 0
                    && (ctx.toks[a - 1].shape == DIGIT
                        || ctx.is(a - 1, "at")
                        || ctx.is(a - 1, "near")))
            {
                break;
            }
            e += 1;
        }
        if e < n && e <= b + 3 && e > a && ctx.toks[e].shape == CAP && ctx.toks[e].gap == G_SPACE {
            continue;
        }
        // "Oak class" / "Hedgehogs group": a class name, not a child
        if b + 1 < n && (ctx.is(b + 1, "class") || ctx.is(b + 1, "group")) && !ctx.toks[b].poss {
            continue;
        }
        // anonymised forms like "Pupil A" are handled elsewhere; a name straight after a
        // school suffix, street word or month is part of something else
        if a > 0
            && ctx.toks[a - 1].f & (STREET | SCHOOL_SFX) != 0
            && ctx.toks[a - 1].shape == CAP
            && ctx.toks[a].gap == G_SPACE
        {
            continue;
        }
        if b + 1 < n
            && ctx.toks[b + 1].f & (STREET | SCHOOL_SFX) != 0
            && ctx.toks[b + 1].shape == CAP
            && !ctx.toks[b].poss
            && ctx.toks[b + 1].gap == G_SPACE
        {
            continue;
        }
        if adult_reason(ctx, a, b) {
            last_adult = Some(b);
            adults.push((a, b));
            continue;
        }
        // "our midday supervisors Pat and Linda", "My twins Ellie and Jack": the second of a
        // pair is whatever the first was
        if a >= 2 && ctx.is(a - 1, "and") && last_adult == Some(a - 2) && ctx.toks[a].gap == G_SPACE
        {
            last_adult = Some(b);
            continue;
        }
        let (ev, why) = child_evidence(ctx, a, b);
        // subject of a sentence: "Grace has autism", "hodan's been…", "Rhys and Cerys have…"
        let subject = b + 1 < n && {
            let verb_at = |k: usize| {
                subject_verb(ctx, k)
                    || (ctx.toks[k - 1].poss
                        && ["been", "got", "gone", "had"].iter().any(|w| ctx.is(k, w)))
            };
            let clause_start = ctx.toks[a].sent
                || ctx.toks[a].gap & (G_COMMA | G_SEMI) != 0
                || (a > 0 && ctx.toks[a - 1].sent && ctx.toks[a - 1].f & (OPENER | WHEN) != 0)
                || (a > 0 && ctx.toks[a - 1].f & THINK != 0)
                || (a > 0
                    && ["and", "but", "so", "because", "when", "then", "if", "until"]
                        .iter()
                        .any(|w| ctx.is(a - 1, w))
                    && !(a >= 2 && name_base(ctx, a - 2).is_some()));
            (clause_start && (verb_at(b + 1) || coordinated_verb(ctx, b + 1)))
                || ((ctx.toks[a].sent
                    || ctx.toks[a].gap & G_COMMA != 0
                    || (a > 0 && is_and(ctx, a - 1)))
                    && in_subject_list(ctx, a))
                || (a >= 2
                    && ctx.is(a - 1, "and")
                    && ctx.toks[a - 2].sent
                    && name_base(ctx, a - 2).is_some()
                    && verb_at(b + 1))
        };
        if !dialogue && speaker(ctx, a, b) && ctx.toks[a].f & WORD != 0 {
            // "Bio: Nursery nurse…", "Update: …": a label, not a name
            continue;
        }
        if dialogue && speaker(ctx, a, b) {
            found.push((
                a,
                b,
                "This looks like a pupil's name: a child speaking in a scene you describe.",
            ));
            continue;
        }
        // "Tobi got his first house point", "walk Saoirse to the office when she's collected":
        // someone the post goes on to call he or she, with no adult cue, is most often a pupil
        let score = i32::from(subject) * 2 + best + if full && b > a { 2 } else { 0 } + ev + post;
        // (the pronoun search only runs when it can decide)
        if score >= threshold || (score + 1 == threshold && best >= 2 && pronoun_later(ctx, b)) {
            found.push((a, b, why));
        }
    }
    // one person, one answer: the pupil named once is the same pupil when the name comes
    // again with less around it ("Moved Hope to sit next to Grace… Hope still needs…")
    if !found.is_empty() {
        let mut covered = vec![false; n];
        // the distinct given names found (a few are enough: a long paste names many pupils
        // once each, and this stays linear)
        let mut names: Vec<(&str, &'static str)> = Vec::new();
        for &(a, b, why) in &found {
            covered[a..=b].fill(true);
            for k in a..=b {
                let w = ctx.word(k);
                if ctx.toks[k].f & GIVEN != 0
                    && names.len() < 16
                    && !names.iter().any(|(x, _)| x.eq_ignore_ascii_case(w))
                {
                    names.push((w, why));
                }
            }
        }
        let mut again: Vec<(usize, usize, &'static str)> = Vec::new();
        for &(a, _, why) in &found {
            // the rest of a list a pupil is in ("Our Y6 SATs group: Xinyi, Andrei, Temitope,
            // Callum, Harpreet") are pupils too
            let (la, lb, count) = name_list(ctx, a, true);
            if count >= 2 {
                for k in (la..=lb).filter(|&k| ctx.toks[k].shape == CAP) {
                    if !covered[k] {
                        again.push((k, k, why));
                    }
                }
            }
            // "Macca (Liam McAllister, 5B)": the nickname before a pupil's name in brackets
            if a >= 1
                && ctx.toks[a].gap & G_OPEN != 0
                && ctx.toks[a - 1].shape == CAP
                && !covered[a - 1]
                && ctx.toks[a - 1].f & (STOP | TITLE | ROLE | CLASSREF) == 0
            {
                again.push((a - 1, a - 1, why));
            }
        }
        for (k, &seen) in covered.iter().enumerate() {
            let t = ctx.toks[k];
            // (the same word has the same flags, so only given names can match)
            if seen
                || t.f & GIVEN == 0
                || !matches!(t.shape, CAP | LOWER | UPPER)
                || t.f & (STOP | TITLE | ROLE) != 0
            {
                continue;
            }
            let w = ctx.word(k);
            if let Some(&(_, why)) = names
                .iter()
                .find(|(x, _)| x.len() == w.len() && x.eq_ignore_ascii_case(w))
            {
                again.push((k, k, why));
            }
        }
        found.extend(again);
    }
    // one person, one answer: a name already seen as an adult ("I have a degree, Susan.")
    // is the same adult elsewhere in the post ("Her name isn't Susan.")
    let text = ctx.text;
    let span =
        |ctx: &Ctx<'_>, a: usize, b: usize| &text[ctx.toks[a].s as usize..ctx.toks[b].e as usize];
    for (a, b, reason) in found {
        if adults
            .iter()
            .take(16)
            .any(|&(x, y)| span(ctx, x, y).eq_ignore_ascii_case(span(ctx, a, b)))
        {
            continue;
        }
        let s = ctx.toks[a].s as usize;
        let e = ctx.toks[b].e as usize;
        ctx.push(s, e, SpanType::ChildName, reason, "");
    }
}

/// Does token `k` start a line and end with a colon, like a speaker in a script?
fn line_speaker(ctx: &Ctx<'_>, k: usize) -> bool {
    (k == 0 || ctx.toks[k].gap & G_NL != 0)
        && k + 1 < ctx.toks.len()
        && ctx.toks[k + 1].gap & G_COLON != 0
        && ctx.toks[k + 1].gap & G_NL == 0
}

/// Is the name `a..=b` a speaker in a dialogue, and not the writer or a member of staff?
fn speaker(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    (a == 0 || ctx.toks[a].gap & G_NL != 0)
        && b + 1 < ctx.toks.len()
        && ctx.toks[b + 1].gap & G_COLON != 0
        && ctx.toks[a].f & (ROLE | TITLE | FAMILY) == 0
}

/// Is the name at `a` what a TA works with, plans for or worries about ("with Arjun",
/// "for Ewan", "about Summer"), directly or as part of a list that starts there ("with ruby,
/// kai and noah"), or alongside the writer ("me and ioana")?
fn work_object(ctx: &Ctx<'_>, a: usize) -> bool {
    let mut k = a;
    // walk back over earlier names in a list: "X, Y and <a>"
    while k >= 2
        && a - k < 12
        && (ctx.toks[k].gap & G_COMMA != 0 || ctx.is(k - 1, "and"))
        && name_base(ctx, if ctx.is(k - 1, "and") { k - 2 } else { k - 1 }).is_some()
    {
        k -= if ctx.is(k - 1, "and") { 2 } else { 1 };
    }
    if k == 0 {
        return false;
    }
    let p = k - 1;
    (ctx.toks[p].f & OBJECT_PREP != 0
        && ["with", "for", "about", "on"].iter().any(|w| ctx.is(p, w))
        && ctx.toks[k].gap == G_SPACE)
        || (ctx.is(p, "and") && p > 0 && ctx.is(p - 1, "me"))
}

/// "… and Cerys have": a second name joined by "and", then the verb.
fn coordinated_verb(ctx: &Ctx<'_>, k: usize) -> bool {
    ctx.is(k, "and") && k + 2 < ctx.toks.len() && name_base(ctx, k + 1).is_some() && {
        let v = if ctx.toks[k + 2].shape == CAP {
            k + 3
        } else {
            k + 2
        };
        subject_verb(ctx, v)
    }
}

/// Initials with a class: "A.K. in 4C", "JB (Y5)", "J in Year 4".
pub(super) fn detect_initials(ctx: &mut Ctx<'_>) {
    let n = ctx.toks.len();
    let mut found = Vec::new();
    let mut i = 0;
    while i < n {
        let t = ctx.toks[i];
        let w = ctx.word(i);
        let (a, mut b) = (i, i);
        let ok_start = match t.shape {
            SINGLE => w != "I",
            UPPER => {
                w.len() <= 3
                    && t.f & (ACRONYM | STOP | ROLE | SEN | CLASSWORD) == 0
                    && (w.len() == 2 || t.f & WORD == 0)
            }
            _ => false,
        };
        if !ok_start {
            i += 1;
            continue;
        }
        // A.K. / A. K.
        while t.shape == SINGLE
            && b + 1 < n
            && ctx.toks[b + 1].shape == SINGLE
            && ctx.toks[b + 1].gap & G_DOT != 0
            && ctx.toks[b + 1].gap_len <= 2
            && b - a < 2
        {
            b += 1;
        }
        i = b + 1;
        let dotted = b > a;
        // "Pupil A" and friends are already anonymised
        if a > 0 && ctx.toks[a - 1].f & (ANON | CHILD | TITLE) != 0 && !dotted && t.shape == SINGLE
        {
            continue;
        }
        if a > 0 && ctx.toks[a - 1].f & TITLE != 0 {
            continue;
        }
        // needs a class straight after: "in 4C", "(Y5)", "from Year 3"
        let mut k = b + 1;
        let mut steps = 0;
        let mut hit = false;
        while k < n && steps < 4 {
            let f = ctx.toks[k].f;
            if f & CLASSREF != 0 && (steps > 0 || ctx.toks[k].gap & (G_OPEN | G_COMMA) != 0) {
                hit = true;
                break;
            }
            if steps == 0 && ctx.toks[b].poss && f & (FAMILY | SEN | BEHAV_STRONG) != 0 {
                hit = true;
                break;
            }
            if f & (IN_PREP | DETERMINER) == 0 || (steps == 0 && f & IN_PREP == 0) {
                break;
            }
            k += 1;
            steps += 1;
        }
        // "T.O. – he's settled into the unit": dotted initials the post calls he or she
        if dotted && !hit {
            let sid = ctx.toks[b].sid;
            hit = ctx.toks[b + 1..(b + 5).min(n)]
                .iter()
                .take_while(|t| t.sid == sid)
                .any(|t| t.f & PRONOUN != 0);
        }
        if hit {
            found.push((a, b, dotted));
        }
    }
    if found.is_empty() {
        return;
    }
    // the same initials elsewhere in the post, and initials paired with them ("AJ and KB had
    // a fight… KB's mum"), are the same pupils (a bitmap and a few distinct initials keep a
    // pasted list linear, as in `detect_names`)
    let mut covered = vec![false; n];
    let mut initials: Vec<&str> = Vec::new();
    for &(a, b, dotted) in &found {
        covered[a..=b].fill(true);
        if !dotted && a == b && initials.len() < 16 && !initials.contains(&ctx.word(a)) {
            initials.push(ctx.word(a));
        }
    }
    let mut more = Vec::new();
    for (k, seen) in covered.iter_mut().enumerate() {
        if !*seen && ctx.toks[k].shape == UPPER && initials.contains(&ctx.word(k)) {
            *seen = true;
            more.push((k, k, false));
        }
    }
    found.extend(more);
    let pairable = |k: usize| {
        ctx.toks[k].shape == UPPER
            && ctx.word(k).len() <= 3
            && ctx.toks[k].f & (ACRONYM | STOP | ROLE | SEN | CLASSWORD | WORD) == 0
    };
    let mut paired = Vec::new();
    for &(a, b, _) in &found {
        let after = (b + 2 < n && is_and(ctx, b + 1)).then_some(b + 2);
        let before = (a >= 2 && is_and(ctx, a - 1)).then(|| a - 2);
        for k in after.into_iter().chain(before) {
            if !covered[k] && pairable(k) {
                covered[k] = true;
                paired.push((k, k, false));
            }
        }
    }
    found.extend(paired);
    let found: Vec<(usize, usize)> = found
        .into_iter()
        .map(|(a, b, dotted)| {
            let s = ctx.toks[a].s as usize;
            let mut e = ctx.toks[b].e as usize;
            if dotted && ctx.b.get(e) == Some(&b'.') {
                e += 1;
            }
            (s, e)
        })
        .collect();
    for (s, e) in found {
        ctx.push(
            s,
            e,
            SpanType::ChildName,
            "Initials together with a class can identify a pupil.",
            "",
        );
    }
}
