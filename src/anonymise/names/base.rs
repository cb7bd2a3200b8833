//! Is a word a personal name at all, and the sentence shapes names sit in: subject of a
//! verb, member of a list, a pronoun that refers back.

use super::super::engine::Ctx;
use super::super::lexicon::*;
use super::super::tokens::*;

/// Base evidence (in half-points) that token `i` is a personal name at all.
#[inline(always)]
pub(super) fn name_base(ctx: &Ctx<'_>, i: usize) -> Option<i32> {
    // most tokens: a lower-case word that is no given name (the same answer as below, sooner,
    // and tested where it is asked: the detectors ask it of every word)
    let t = &ctx.toks[i];
    if matches!(t.shape, LOWER | UPPER) && t.f & (GIVEN | HIGHFREQ) == 0 {
        return None;
    }
    name_base_of_a_candidate(ctx, i)
}

/// [`name_base`] of a word that is capitalised or could be a given name.
fn name_base_of_a_candidate(ctx: &Ctx<'_>, i: usize) -> Option<i32> {
    let t = ctx.toks[i];
    let f = t.f;
    if f & (STOP | TITLE | ACRONYM | ENTITY | MONTH | CLASSREF | NUMWORD | RARE | MINUTES) != 0 {
        // "Will in Y3 asked…", "Will finally wrote his name", "King in Y1 punched the door":
        // a first name that is also a modal, a title or a month, read as a name when what
        // follows could not follow the modal, the title or the month
        return (modal_title_or_month_as_name(ctx, i)
            || (f & GIVEN != 0
                && t.shape == CAP
                && f & (STOP | TITLE | MONTH | CLASSREF | NUMWORD) == 0
                && class_attached(ctx, i)))
        .then_some(2);
    }
    if matches!(t.shape, DIGIT | ALNUM | OTHER | SINGLE) {
        return None;
    }
    // "Leyton's mum", "Chelsea's dad": whatever else the word is, it names a child here
    if t.shape == CAP && t.poss && ctx.f(i + 1) & FAMILY != 0 && f & (PLACE | WORD) != 0 {
        return Some(4);
    }
    let w = ctx.word(i);
    let len = w.len();
    // "Holocaust Memorial Day", "World Book Week": an event
    if t.shape == CAP
        && i > 0
        && ctx.toks[i - 1].shape == CAP
        && ctx.toks[i].gap == G_SPACE
        && ["day", "week", "night"]
            .iter()
            .any(|m| w.eq_ignore_ascii_case(m))
    {
        return None;
    }
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
            || ctx.is_any(i - 1, &["to", "near", "at", "around", "outside"]))
    {
        // "in Kent", "a trip to Chester": a place
        return None;
    }
    if i > 0
        && f & (VENUE | LANDMARK | STREET | SCHOOL_SFX) != 0
        && ctx.toks[i - 1].shape == CAP
        && t.gap == G_SPACE
    {
        // "Horsforth Civic Hall": the end of a place's name
        return None;
    }
    if i > 0 && ctx.is(i - 1, "in") && t.shape == CAP && !t.poss && ctx.toks[i].gap == G_SPACE {
        // "at Beechwood Juniors in Leigh": a child is in a class or a group, not in a Leigh
        return None;
    }
    if noun_compound(ctx, i) {
        // "Rose petals and conkers on the nature table", "Lily pads": the thing, not a girl
        return None;
    }
    // "Summer term", "in the autumn", "Spring 2": a season, unless it reads as a name
    if len == 6
        && f & HIGHFREQ != 0
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
            } else if given && f & HIGHFREQ == 0 && !cue {
                Some(if t.sent { 2 } else { 4 })
            } else if given {
                Some(if !t.sent {
                    3
                } else if bare_count_noun(ctx, i) {
                    // "Storm has been amazing this week": a noun would need "the"
                    4
                } else if ((subject_verb(ctx, i + 1)
                    || (t.poss && ctx.is_any(i + 1, &["been", "got", "gone", "had"])))
                    && (acts_up(ctx, i + 1) || pronoun_later(ctx, i)))
                    || in_subject_list(ctx, i)
                    || in_a_class(ctx, i)
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
            let highfreq = f & HIGHFREQ != 0;
            // HIGHFREQ words ("river", "grace") are given names too
            // (a surname that is a word, "day", "page", needs a capital: "non-pupil day")
            if t.shape == LOWER
                && given
                && len >= 3
                && (after_child_slot(ctx, i)
                    || (ctx.lower_case_writer
                        && (leads_name_list(ctx, i)
                            // (but "my little guy in nursery" is a noun)
                            || (in_a_class(ctx, i)
                                && !(i > 0
                                    && (ctx.toks[i - 1].f & DETERMINER != 0
                                        || ctx.is(i - 1, "little")))))))
            {
                // "my 1:1 ruby has …", "a boy called will": the slot says it is a name
                Some(2)
            } else if ctx.lower_case_writer
                && t.shape == LOWER
                && (given || highfreq)
                && len >= 3
                && subject_verb(ctx, i + 1)
                && (acts_up(ctx, i + 1) || pronoun_later(ctx, i))
            {
                // "today faith asked if she could…", "hunter kicked off in assembly"
                Some(2)
            } else if given && !word && !place && !cue && len >= 3 && !highfreq {
                // someone who types in lower case loses nothing by it
                Some(if ctx.lower_case_writer { 4 } else { 0 })
            } else if ctx.lower_case_writer
                && t.shape == LOWER
                && given
                && len >= 3
                // (after "a", "the", "my little" it is the word: "such a blessing")
                && !(i > 0 && (ctx.toks[i - 1].f & DETERMINER != 0 || ctx.is(i - 1, "little")))
            {
                // "summer whispered hiya to me today", "keep blessing in ur thoughts": a word
                // that is also a name, from someone who writes names in lower case, is for
                // the model to weigh by the words around it
                Some(-1)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Word-names that are countable nouns: as nouns they take an article ("a miracle", "the
/// storm"), so with none, at the start of a sentence and before a verb, they are names
/// ("Miracle has had three nosebleeds", "Storm was an absolute tornado").
const COUNT_NOUN_NAMES: &[&str] = &[
    "miracle", "blessing", "star", "angel", "legend", "promise", "journey", "treasure", "gift",
    "storm", "hunter", "mason", "cooper", "bear", "fox", "wolf", "robin", "wren", "ruby", "pearl",
    "daisy", "poppy", "lily", "rose", "holly", "iris", "violet", "reign", "ocean", "river",
];

/// Is token `i` such a word, capitalised because it starts a sentence?
fn count_noun_starting(ctx: &Ctx<'_>, i: usize) -> bool {
    let t = ctx.toks[i];
    t.sent && t.shape == CAP && COUNT_NOUN_NAMES.iter().any(|w| ctx.is(i, w))
}

/// Is token `i` such a word, capitalised at the start of a sentence, with a verb straight
/// after (a listed one or a past tense, not a word that could be a plural noun)?
fn bare_count_noun(ctx: &Ctx<'_>, i: usize) -> bool {
    if !count_noun_starting(ctx, i) {
        return false;
    }
    let k = after_adverb(ctx, i + 1);
    k < ctx.toks.len()
        && ctx.toks[k].shape == LOWER
        && ctx.toks[k].gap == G_SPACE
        && (ctx.toks[k].f & (SUBJECT_VERB | BEHAV | BEHAV_STRONG) != 0 || {
            let w = ctx.word(k).as_bytes();
            w.len() >= 5 && w.ends_with(b"ed")
        })
}

/// Is token `i` such a word starting a sentence as the first half of a plural noun: straight
/// before a lower-case word in -s that is no verb the rules know ("Rose petals", "Lily pads",
/// but "Lily kicks off", "Storm gets…" stay to be weighed)?
fn noun_compound(ctx: &Ctx<'_>, i: usize) -> bool {
    if ctx.toks[i].poss || !count_noun_starting(ctx, i) {
        return false;
    }
    let Some(&next) = ctx.toks.get(i + 1) else {
        return false;
    };
    let w = ctx.word(i + 1).as_bytes();
    next.shape == LOWER
        && next.gap == G_SPACE
        && !next.poss
        && next.f & WORD != 0
        && next.f & (SUBJECT_VERB | BEHAV | BEHAV_STRONG | CARE_VERB) == 0
        && w.len() >= 4
        && w.ends_with(b"s")
        && !w.ends_with(b"ss")
}

/// Is token `i` followed by "in" and a class: "Autumn in my phonics group", "Will in Y3"?
fn in_a_class(ctx: &Ctx<'_>, i: usize) -> bool {
    ctx.is(i + 1, "in")
        && (i + 2..(i + 5).min(ctx.toks.len())).any(|k| ctx.toks[k].f & CLASSREF != 0)
}

/// Is the name ending at token `b` given its class straight after, and not a job: "Brook in
/// Y5", "King (Y4)", "Malala in my Y5 group" (but not "Jane (Y5 teacher)")?
pub(super) fn class_attached(ctx: &Ctx<'_>, b: usize) -> bool {
    let n = ctx.toks.len();
    let class = in_a_class(ctx, b)
        || (b + 1 < n && ctx.toks[b + 1].gap & G_OPEN != 0 && ctx.toks[b + 1].f & CLASSREF != 0);
    class && !(b + 2..(b + 5).min(n)).any(|k| ctx.toks[k].f & ROLE != 0)
}

/// Is the modal, title or month at `i` a name? "Will" is a boy's name when capitalised and
/// followed by a class ("Will in Y3"), a possessive, a verb in the past ("Will finally
/// wrote…"), a comma or a dash, or paired with another name ("Will and Hope"), where the
/// modal takes a plain verb or a subject ("Will you…", "Will someone…"). "King", "Prince"
/// and "Princess" are names by the same signs; "May" only with a class, "called" or another
/// name, so the month stays a month.
fn modal_title_or_month_as_name(ctx: &Ctx<'_>, i: usize) -> bool {
    let t = ctx.toks[i];
    // ("will in 6T has lost his PE kit", from a writer who doesn't capitalise: a sentence
    // opened by the modal is a question, and none goes on with a class)
    if t.shape == LOWER && t.sent && ctx.is(i, "will") && class_attached(ctx, i) {
        return true;
    }
    if t.shape != CAP || !ctx.is_any(i, &["will", "king", "prince", "princess", "may"]) {
        return false;
    }
    let n = ctx.toks.len();
    let given = |k: usize| k < n && ctx.toks[k].shape == CAP && ctx.toks[k].f & GIVEN != 0;
    let (will, may) = (ctx.is(i, "will"), ctx.is(i, "may"));
    if t.poss
        || class_attached(ctx, i)
        // "(he likes to be called Will)"
        || (i > 0 && ctx.is_any(i - 1, &["called", "named"]))
        // "Will and Hope both need readers", "Sunny and May in the baby room": a pair of names
        || ((will || may)
            && ((ctx.is(i + 1, "and") && given(i + 2))
                || (i >= 2 && ctx.is(i - 1, "and") && given(i - 2))))
    {
        return true;
    }
    // (the month is left there: "May 12th", "in May", "May half term")
    if may {
        return false;
    }
    // "Will, Hope, Sonny", "update on Will — he managed", "Will H and Will P": no modal is
    // followed by a comma, a dash or an initial
    if will
        && i + 1 < n
        && (ctx.toks[i + 1].gap & (G_COMMA | G_OPEN) != 0
            || ctx.toks[i + 1].gap & (G_HYPHEN | G_SPACE) == G_HYPHEN | G_SPACE
            || (ctx.toks[i + 1].shape == SINGLE && ctx.toks[i + 1].gap == G_SPACE))
    {
        return true;
    }
    // "keep an eye on Will at lunch", "Mrs Dunn wants Grace and Will": after these, a
    // capitalised Will is no modal
    if will
        && !t.sent
        && i > 0
        && ctx.is_any(
            i - 1,
            &[
                "on", "with", "to", "and", "know", "by", "for", "tell", "ask",
            ],
        )
    {
        return true;
    }
    let k = after_adverb(ctx, i + 1);
    k < n && ctx.toks[k].shape == LOWER && {
        let w = ctx.word(k).as_bytes();
        (w.len() >= 5 && w.ends_with(b"ed"))
            || [
                "wrote", "was", "has", "had", "got", "came", "went", "ran", "said", "told",
                "threw", "hit", "bit", "won", "is", "keeps", "needs", "wants", "loves", "hates",
                "refuses",
            ]
            .iter()
            .any(|v| ctx.is(k, v))
            // "Will didn't want to go out", "Will will need his cushion", "Will from 10R"
            || (will
                && [
                    "didn't", "wasn't", "isn't", "doesn't", "lost", "will", "from", "in",
                ]
                .iter()
                .any(|v| ctx.is(k, v)))
    }
}

/// A season word used as a name: capitalised, not after "this", "in", "the" and the like,
/// and followed by what follows a name ("Summer's dad", "Autumn in my group", "Summer and
/// Rain", "Summer has…"), not by a noun or a number ("Summer term", "Autumn 2").
pub(super) fn season_as_name(ctx: &Ctx<'_>, i: usize) -> bool {
    let t = ctx.toks[i];
    if i > 0 && ctx.toks[i - 1].f & TITLE != 0 {
        // "Mrs Summer Patel"
        return true;
    }
    if t.shape != CAP
        || (i > 0
            && ctx.is_any(
                i - 1,
                &[
                    "this", "last", "next", "in", "over", "the", "during", "since", "until", "all",
                    "every", "by", "early", "late", "of", "through", "for", "a", "an", "our", "or",
                    "to", "from", "each", "whole", "into", "till", "hot", "cold",
                ],
            ))
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
pub(super) fn after_child_slot(ctx: &Ctx<'_>, i: usize) -> bool {
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
pub(super) fn leads_name_list(ctx: &Ctx<'_>, i: usize) -> bool {
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
pub(super) fn subject_verb(ctx: &Ctx<'_>, k: usize) -> bool {
    if k >= ctx.toks.len() {
        return false;
    }
    // one adverb may come first: "freddie just told", "Gruffydd and Carys both moved"
    let k = after_adverb(ctx, k);
    k < ctx.toks.len() && verb_shaped(ctx, k)
}

/// Token `k`, or the one after it if `k` is an adverb that can stand between a name and
/// its verb ("Kairo finally sat", "Will even wrote").
pub(super) fn after_adverb(ctx: &Ctx<'_>, k: usize) -> usize {
    const ADVERBS: &[&str] = &[
        "just", "both", "really", "still", "always", "never", "finally", "actually", "also", "all",
        "even",
    ];
    if ctx.is_any(k, ADVERBS) {
        k + 1
    } else {
        k
    }
}

/// Is token `k` (or the one after an adverb) a verb of behaviour: "kicked", "refused"?
/// Nobody writes "Hunter kicked off" about a hunter.
pub(super) fn acts_up(ctx: &Ctx<'_>, k: usize) -> bool {
    ctx.f(after_adverb(ctx, k)) & (BEHAV | BEHAV_STRONG) != 0
}

/// A listed verb, or a lower-case word shaped like a verb in the present ("draws") or past
/// ("finished") that isn't a function word or a noun we know.
pub(super) fn verb_shaped(ctx: &Ctx<'_>, k: usize) -> bool {
    let t = ctx.toks[k];
    if t.f & (BEHAV | BEHAV_STRONG | SUBJECT_VERB) != 0 {
        return true;
    }
    let w = ctx.word(k).as_bytes();
    // (a long "-ings" is a plural noun: "Storm warnings mean…", not "Storm brings…")
    let plural_ings = w.len() >= 7 && w.ends_with(b"ings");
    let present = w.len() >= 4
        && !plural_ings
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
pub(super) fn pronoun_later(ctx: &Ctx<'_>, i: usize) -> bool {
    let sid = ctx.toks[i].sid;
    ctx.toks[i + 1..(i + 28).min(ctx.toks.len())]
        .iter()
        .take_while(|t| t.sid <= sid + 1)
        .any(|t| t.f & PRONOUN != 0)
}

/// The list of capitalised given names that token `k` belongs to ("Hunter, Mason and
/// Archer"), as (first, last, how many names).
/// With `loose`, a capitalised word that is no English word counts too ("Harpreet").
pub(super) fn name_list(ctx: &Ctx<'_>, k: usize, loose: bool) -> (usize, usize, usize) {
    // (a writer who doesn't capitalise lists names in lower case: "ruby, lewis, haoyu")
    let shape = if ctx.toks[k].shape == LOWER && ctx.lower_case_writer {
        LOWER
    } else {
        CAP
    };
    let member = |j: usize| {
        j < ctx.toks.len()
            && ctx.toks[j].shape == shape
            && (ctx.toks[j].f & GIVEN != 0
                || (loose && ctx.toks[j].f & (WORD | STOP | PLACE | TITLE | ROLE | ENTITY) == 0))
    };
    // (a comma joins names in a list, and so does a plus or an ampersand: "Selam + Kofi")
    let joined = |j: usize| {
        ctx.toks[j].gap & G_COMMA != 0
            || matches!(
                ctx.b[ctx.toks[j - 1].e as usize..ctx.toks[j].s as usize].trim_ascii(),
                b"+" | b"&"
            )
    };
    let (mut a, mut b, mut count) = (k, k, 1);
    // (a list is walked a dozen names each way at most, so a pasted register stays linear)
    while count < 12 {
        if a >= 1 && ctx.toks[a].gap == G_HYPHEN && ctx.toks[a - 1].shape == CAP {
            // "Lily-Rose" is one name
            a -= 1;
            continue;
        }
        let p = aside_start(ctx, a);
        if p >= 1 && joined(a) && member(p - 1) && !ctx.toks[a].sent {
            a = p - 1;
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
        if b + 1 < ctx.toks.len() && ctx.toks[b + 1].gap == G_HYPHEN && ctx.toks[b + 1].shape == CAP
        {
            b += 1;
            continue;
        }
        let j = past_aside(ctx, b + 1);
        if member(j) && joined(j) && !ctx.toks[j].sent {
            b = j;
        } else if is_and(ctx, b + 1) && member(b + 2) {
            b += 2;
        } else {
            break;
        }
        count += 1;
    }
    (a, b, count)
}

/// The token after an aside in brackets that starts at token `j` ("ruby (twice), lewis":
/// from "twice", "lewis"), or `j` when no bracket opens there; asides are a few words.
fn past_aside(ctx: &Ctx<'_>, mut j: usize) -> usize {
    let n = ctx.toks.len();
    if j < n && ctx.toks[j].gap & G_OPEN != 0 {
        let start = j;
        while j < n && j - start < 7 && ctx.toks[j].gap & G_CLOSE == 0 {
            j += 1;
        }
    }
    j
}

/// Where the aside in brackets before token `a` starts, `a` closing it ("ruby (twice),
/// lewis": from "lewis", "twice"), or `a` when no bracket closes there.
fn aside_start(ctx: &Ctx<'_>, a: usize) -> usize {
    if a < 2 || ctx.toks[a].gap & G_CLOSE == 0 {
        return a;
    }
    let mut p = a;
    while p > 1 && a - p < 8 && ctx.toks[p - 1].gap & G_OPEN == 0 {
        p -= 1;
    }
    if ctx.toks[p - 1].gap & G_OPEN == 0 {
        a
    } else {
        p - 1
    }
}

/// Is token `k` one of a list of names that is the subject of a verb: "Hunter, Mason and
/// Archer are a nightmare", "Blessing and Precious have been so kind"?
pub(super) fn in_subject_list(ctx: &Ctx<'_>, k: usize) -> bool {
    let (a, b, count) = name_list(ctx, k, false);
    count >= 2 && ctx.toks[a].sent && subject_verb(ctx, b + 1)
}

/// "and" or "&" joining two names.
pub(super) fn is_and(ctx: &Ctx<'_>, j: usize) -> bool {
    ctx.is(j, "and") || ctx.is(j, "&")
}

/// Is the name `a..=b` listed with a famous person or character ("Walter Tull, Noor Inayat
/// Khan and Khudadad Khan are going on our display"), or with places? One list, one kind of
/// name.
pub(super) fn listed_with_famous(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    let n = ctx.toks.len();
    // (words of a list are joined by a space, or a comma and a space)
    let joined = |k: usize| {
        let g = ctx.toks[k].gap;
        !ctx.toks[k].sent && g & !(G_COMMA | G_SPACE) == 0 && g & G_SPACE != 0
    };
    // (or a place that is no one's name, an item of the list by a comma or an "and": "Jordan,
    // Egypt and Morocco", "Islay, Skye, Iona", not "Mikołaj's Salford results")
    let item = |k: usize| {
        ctx.toks[k].gap & G_COMMA != 0
            || is_and(ctx, k - 1)
            || (k + 1 < n && (ctx.toks[k + 1].gap & G_COMMA != 0 || is_and(ctx, k + 1)))
    };
    let famous = |k: usize| {
        ctx.toks[k].shape == CAP
            && (ctx.toks[k].f & ENTITY != 0
                || (ctx.toks[k].f & (PLACE | GIVEN) == PLACE && k > 0 && item(k)))
    };
    let step = |k: usize| ctx.toks[k].shape == CAP || is_and(ctx, k);
    let mut k = a;
    while k > 0 && a - k < 12 && joined(k) && step(k - 1) {
        k -= 1;
        if famous(k) {
            return true;
        }
    }
    let mut k = b;
    while k + 1 < n && k - b < 12 && joined(k + 1) && step(k + 1) {
        k += 1;
        if famous(k) {
            return true;
        }
    }
    false
}

pub(super) fn same_sent(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    ctx.toks[a].sid == ctx.toks[b].sid
}

/// Is the name at `a` what a TA works with, plans for or worries about ("with Arjun",
/// "for Ewan", "about Summer"), directly or as part of a list that starts there ("with ruby,
/// kai and noah"), or alongside the writer ("me and ioana")?
pub(super) fn work_object(ctx: &Ctx<'_>, a: usize) -> bool {
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
        && ctx.is_any(p, &["with", "for", "about", "on"])
        && ctx.toks[k].gap == G_SPACE)
        || (ctx.is(p, "and") && p > 0 && ctx.is(p - 1, "me"))
}

/// "… and Cerys have": a second name joined by "and", then the verb.
pub(super) fn coordinated_verb(ctx: &Ctx<'_>, k: usize) -> bool {
    ctx.is(k, "and") && k + 2 < ctx.toks.len() && name_base(ctx, k + 1).is_some() && {
        let v = if ctx.toks[k + 2].shape == CAP {
            k + 3
        } else {
            k + 2
        };
        subject_verb(ctx, v)
    }
}
