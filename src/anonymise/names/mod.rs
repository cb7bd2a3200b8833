//! Pupils' names in context: a gazetteer hit is only evidence; the words around it decide
//! whether it is a child (class, age, behaviour, family) or an adult (title, role, author).

mod adult;
mod base;
mod characters;
mod child;
mod initials;
mod layout;
mod model;
mod nicknames;
mod remembered;
mod trees;
mod vectors;

use super::engine::{Ctx, Traced};
use super::lexicon::*;
use super::tokens::*;
use super::{SpanType, Strictness};
use adult::{
    adult_reading, adult_reason, covers_for_the_writer, firm_adult_cue, rota_for_pupils_work,
    settles_adult, AdultCue, DAYS,
};
use base::*;
use characters::*;
pub(crate) use characters::{Works, WorksInPost};
use child::child_evidence;
pub(super) use initials::detect_initials;
use layout::*;
pub(crate) use model::{reader_slots, NameModel};
pub(super) use nicknames::detect_nicknames;
pub(super) use remembered::{recall_remembered, rememberable};

/// Very common English words that are also given names: these need clear context.
pub(super) const HIGHFREQ_WORDS: &[&str] = &[
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
    "liberty", "serenity", "genesis", "lyric", "job", "paddy", "fin", "fern", "pip", "tam", "bay",
];

/// The child evidence (`child_evidence`) a name needs before the model may overrule what
/// the post says the person does or how it addresses them.
const SOFT_ADULT_EV: i32 = 4;

/// The log-odds a name (or initials) needs to count as a pupil's, at each strictness.
fn pupil_cut(strict: Strictness) -> f32 {
    // Below even odds, because a missed pupil costs more than a false alarm the writer can
    // clear (with the post reader, each labelled set left out of training in turn, the
    // corpus and 72 sets: missed names plus half the false alarms are 1,149 at -1.5, 1,142
    // at -2.0 and 1,129 at -2.5, within 2%; -1.5 flags the fewest ordinary posts, 7.3%
    // against 8.5% and 9.5%; with the trees of stop 20, groups of sets left out: 1,407.5
    // at -1.5, 1,435.5 at -1.25, 1,439.5 at -1.0; with adult cues weighed by the model
    // too, stop 21, on the corpus and the 106 sets both models were measured on: names
    // found and ordinary posts flagged 93.80% / 8.18% at -1.5, 93.27% / 7.34% at -1.25,
    // 92.61% / 6.49% at -1.0, against 92.16% / 7.86% before it at -1.5: -1.25 is better on
    // both, where -1.5 would flag more)
    match strict {
        Strictness::Relaxed => -0.5,
        Strictness::Standard => -1.25,
        Strictness::Strict => -2.5,
    }
}

pub(super) fn detect_names(ctx: &mut Ctx<'_>, school_toks: &[(usize, usize)]) {
    let n = ctx.toks.len();
    let cut = pupil_cut(ctx.strict);
    // On a forum for school support staff, a first name with no adult cue is most often a
    // pupil: the post context counts a little even without a child word.
    let post = if ctx.child_ctx > 0 { 2 } else { 1 };
    // schools are in text order, so a binary search finds the one that could hold `i`
    let in_school = |i: usize| {
        let k = school_toks.partition_point(|&(_, e)| e < i);
        school_toks.get(k).is_some_and(|&(s, _)| s <= i)
    };
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
    // lines that start with a speaker and a colon: a scene the writer is in ("Me: 'why is
    // there glue…'", "Tyler: 'miss I done it'") has children speaking; a chat between others
    // ("Sue: cover needed p4", "[07:46] Amber: I've got you") is staff talking
    // (a time stamp makes a line a message even when it is the only one, or when the
    // messages run on in one line: "[09:14] Kerry: is jayden in?? [09:15] Tom: no")
    let (dialogue, chat) = if ctx.lines || ctx.toks.iter().any(|t| t.gap & G_COLON != 0) {
        let mut speakers = 0;
        let mut stamped = false;
        let mut writer = false;
        // (a bulleted "- Kayden: numeracy…" is an item in notes, not a line of talk)
        for k in (0..n)
            .filter(|&k| line_speaker(ctx, k) && !bulleted(ctx, k))
            .take(12)
        {
            speakers += 1;
            stamped |= time_stamped(ctx, k) || stamp_header(ctx, k);
            writer |= ctx.is(k, "me") || ctx.is(k, "i");
        }
        // (notes about pupils, one line each, are no chat: "Transition notes…\nMarcel: works
        // best near the front")
        let notes = !stamped
            && ctx.child_ctx > 0
            && (0..n.min(12)).any(|k| {
                ctx.toks[k].gap & G_NL == 0
                    && ctx.is_any(
                        k,
                        &[
                            "notes",
                            "handover",
                            "transition",
                            "targets",
                            "profiles",
                            "passport",
                        ],
                    )
            });
        // (time stamps make it a messaging app, where even the writer's own lines
        // ("[12:02] me: cos ruby hid…") sit among colleagues' messages, not a scene in class)
        (
            speakers >= 2 && writer && !stamped,
            (stamped || (speakers >= 2 && !writer)) && !notes,
        )
    } else {
        (false, false)
    };
    ctx.chat = chat;
    let staff_jobs = staff_job_list(ctx);
    ctx.rota_for_pupils = ctx.rota && rota_for_pupils_work(ctx);
    let mut last_adult: Option<usize> = None;
    let mut adults: Vec<(usize, usize)> = Vec::new();
    // names found with strong evidence of their own ("our lad Kyrie"), which an adult
    // reading of the same name elsewhere ("Kyrie, you're a star.") does not undo
    let mut sure: Vec<usize> = Vec::new();
    // characters in a story, whatever is said of them later ("Several of the kids cried when
    // Zach died")
    let mut characters: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        let Some(base) = name_base(ctx, i) else {
            // a famous person's first name later is the same person ("Marcus Rashford …
            // a podcast about Marcus")
            let mut e = i;
            if ctx.toks[i].f & (GIVEN | ENTITY) == GIVEN | ENTITY && ctx.toks[i].shape == CAP {
                while e + 1 < n
                    && ctx.toks[e + 1].f & ENTITY != 0
                    && ctx.toks[e + 1].gap == G_SPACE
                    && ctx.toks[e + 1].shape == CAP
                {
                    e += 1;
                }
                if e > i && adults.len() < 16 {
                    adults.push((i, e));
                }
            }
            i = e + 1;
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
            // (not into a street or a place: "Rose Street", "Wordsworth Street")
            if !gap_ok
                || ctx.toks[a].shape != nt.shape
                || in_school(b + 1)
                || nt.f & (STREET | VENUE | LANDMARK | SCHOOL_SFX) != 0
            {
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
        // "Ciarán Ó Súilleabháin", "Saoirse Ní Bhriain": an Irish surname's particle
        if b + 2 < n
            && !ctx.toks[b].poss
            && ctx.toks[b + 1].gap == G_SPACE
            && ctx.toks[b + 2].gap == G_SPACE
            && ctx.toks[b + 2].shape == CAP
            && ctx.toks[a].shape == CAP
            && (ctx.word(b + 1) == "O" || ["Ni", "Nic", "Ui", "Mac"].contains(&ctx.word(b + 1)))
        {
            b += 2;
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
        // (an authority's word for no pupil is final)
        if (a..=b).any(|k| ctx.toks[k].f & NOT_PUPIL != 0) {
            continue;
        }
        // "Case 2: Kaci-Mai Hurst, improving", "Group 3:": a numbered label at the start of a
        // line, not a name
        if a == b
            && b + 2 < n
            && (a == 0 || ctx.toks[a].sent || ctx.toks[a].gap & G_NL != 0)
            && ctx.toks[b + 1].shape == DIGIT
            && ctx.toks[b + 1].gap == G_SPACE
            && ctx.toks[b + 2].gap & G_COLON != 0
        {
            continue;
        }
        // "3 Hermiones and 11 Harrys", "2 Harry Potters", "eleven Elsas": costumes counted,
        // or names counted on a register, no one person
        // (a count, not a time or a class: "12:20 Ilyas fell", "yr 11 precious")
        if a > 0
            && (ctx.toks[a - 1].shape == DIGIT || ctx.toks[a - 1].f & NUMWORD != 0)
            && ctx.toks[a - 1].gap & (G_COLON | G_DOT | G_NL) == 0
            && !(a >= 2 && ctx.toks[a - 2].f & (CLASSWORD | CLASSREF) != 0)
            && ctx.toks[a].gap == G_SPACE
            // (a plural is read as an owner when its name is a first name: "Harrys")
            && !(ctx.toks[b].poss && ctx.f(b + 1) & (FAMILY | CHILD) != 0)
            && ctx.word(b).len() > 3
            && ctx.word(b).ends_with('s')
        {
            continue;
        }
        // "Treacher Collins syndrome", "Perthes disease", "Asperger's syndrome": a condition
        // named after the doctors who described it
        if ctx.is_any(b + 1, &["syndrome", "disease"]) && ctx.toks[b + 1].gap == G_SPACE {
            continue;
        }
        // "Ramadan Kareem": a greeting
        if ctx.is(b, "kareem") && (a..=b).any(|k| k > 0 && ctx.is(k - 1, "ramadan")) {
            continue;
        }
        // "Annie Jr", "Matilda JR": a musical's junior edition, the show's title; "the Chelsea
        // trip", "the Poppy appeal", "Star of the Week", "Summer term": a place, a cause, an
        // award and a season (no pupil's name in the training sets comes before any of these)
        if b + 1 < n
            && ctx.toks[b + 1].gap == G_SPACE
            && !ctx.toks[b].poss
            && (matches!(ctx.word(b + 1), "Jr" | "JR")
                || ctx.is_any(b + 1, &["trip", "appeal"])
                || (ctx.is(b + 1, "of")
                    && ctx.is(b + 2, "the")
                    && ctx.is_any(b + 3, &["week", "day", "month", "term", "year"]))
                || (a == b
                    && ctx.is_any(a, &["autumn", "summer", "spring", "winter"])
                    && (ctx.is(b + 1, "term") || (ctx.is(b + 1, "half") && ctx.is(b + 2, "term")))))
        {
            continue;
        }
        // "Co. Tyrone", "Co Durham": a county; "via Italy", "via Teams": a place or a way
        // (76 names after "via" in the training sets, none a pupil's)
        if a > 0
            && ((ctx.is(a - 1, "co") && ctx.toks[a - 1].shape == CAP)
                || (ctx.is(a - 1, "via") && ctx.toks[a].gap == G_SPACE))
        {
            continue;
        }
        // "Rose, Hazel and Willow classes are merging", "classes are named after trees:
        // Holly, Ivy, Oak and Ash", "Matilda as our class novel": classes and books
        // (and the same word later is the same class: "Holly's teacher is leaving")
        if class_names(ctx, a) || as_a_book(ctx, a, b) {
            characters.push((a, b));
            continue;
        }
        // a cast list: "Mary - Amira; Joseph - Tiago", "Simba – Tendai Moyo": the part, then
        // the pupil playing it
        // (a dash set off by spaces on one line, not a hyphen: "Mary-Jane")
        let dash =
            |g: u16| g & G_HYPHEN != 0 && g & G_SPACE != 0 && g & (G_NL | G_DOT | G_COLON) == 0;
        let dash_after = b + 1 < n && dash(ctx.toks[b + 1].gap);
        // (the part may say which of its actors: "Simba (young) - Ishaan Mehta")
        let part = if a >= 2
            && ctx.toks[a].gap & G_CLOSE != 0
            && ctx.toks[a - 1].gap & G_OPEN != 0
            && ctx.toks[a - 1].shape == LOWER
        {
            a - 2
        } else {
            a.saturating_sub(1)
        };
        let dash_before = a > 0 && dash(ctx.toks[a].gap) && ctx.toks[part].shape == CAP;
        // the parts in a nativity: "Joseph forgot his line"
        if ctx.is_any(a, &["mary", "joseph", "herod", "caspar", "melchior"])
            && a == b
            && ctx.casting
        {
            characters.push((a, b));
            continue;
        }
        // a character after its author's name: "Shirley Hughes' Alfie Gets in First"
        if a > 0 && ctx.toks[a - 1].poss && ctx.toks[a - 1].f & (ENTITY | AUTHOR) != 0 {
            characters.push((a, b));
            continue;
        }
        // (and "Autumn as Mary, Bear as a shepherd": the pupil, then the part)
        let as_after = ctx.is(b + 1, "as") && !ctx.toks[b].poss;
        let as_before = a > 1 && ctx.is(a - 1, "as") && ctx.toks[a - 2].shape == CAP;
        // (a titled adult plays a part too: "Mr Davies as the Dame" in the staff panto, and so
        // does one settled as an adult, "caretaker Bob as the Genie"; a day before the dash is
        // a rota's, no part: "Mon – Bex, Saf")
        let titled = a > 0 && ctx.toks[a - 1].f & TITLE != 0;
        let rota_day = dash_before && ctx.is_any(part, DAYS);
        if (dash_after || dash_before || as_after || as_before)
            && ctx.casting
            && !titled
            && !rota_day
            && firm_adult_cue(ctx, a, b) != Some(AdultCue::Settled)
        {
            if (dash_after && !dash_before) || as_before {
                characters.push((a, b));
            } else {
                found.push((
                    a,
                    b,
                    "This looks like a pupil's name: a pupil cast in a part.",
                ));
            }
            continue;
        }
        // a table's column of pupils ("Group | Staff | Pupils | Time"), the grown-ups' column
        // beside it ("Day | Volunteer | Children": the children are in theirs), and a column
        // of places or times ("School", "Day")
        match table_column(ctx, a, b) {
            Some(Column::Pupils) => {
                found_sure(
                    &mut found,
                    &mut sure,
                    (a, b),
                    "This looks like a pupil's name: it is in a table's column of pupils.",
                );
                continue;
            }
            Some(Column::GrownUps) => {
                last_adult = Some(b);
                adults.push((a, b));
                continue;
            }
            Some(Column::NotPeople) => continue,
            None => {}
        }
        // "forwarding for the team — Mateusz Wiśniewski, DOB 19/10/2011": a name with a date
        // of birth or a pupil's identifier straight after is the pupil's, whatever comes
        // before it ("(meant for my husband) – Connor's ULN is …")
        if record_follows(ctx, b) {
            found_sure(
                &mut found,
                &mut sure,
                (a, b),
                "This looks like a pupil's name: it comes with a date of birth or an identifier.",
            );
            continue;
        }
        if email_header(ctx, a) {
            adults.push((a, b));
            continue;
        }
        // a list of jobs that gives one to the writer or a titled adult gives the others to
        // colleagues: "Mon - Leanne … Fri - me", "Sack race - Tash & Bev … Tug of war - Mr
        // Hughes"
        if staff_jobs && staff_job(ctx, a) {
            last_adult = Some(b);
            adults.push((a, b));
            continue;
        }
        // "Grotto elves – Year 6 volunteers (Maya, Ruby-Mae, Oskar)": a list in brackets
        // after a year group names its pupils
        if listed_after_a_year_group(ctx, a) {
            found.push((
                a,
                b,
                "This looks like a pupil's name: one of a year group's pupils listed.",
            ));
            continue;
        }
        // "Malala in Y5", "King (Y4)": a name given a class is a pupil's, even a famous
        // person's or a word's
        // (not a speaker in a chat, "Dawn (Y2): I'll be late", nor a room, "Sunflower Room
        // (Nursery)")
        if !(a > 0 && ctx.toks[a - 1].f & TITLE != 0)
            && ctx.toks[a].f & (VENUE | LANDMARK | STREET | SCHOOL_SFX) == 0
            && !(a > 0
                && ctx.toks[a - 1].shape == CAP
                && ctx.toks[a].gap == G_SPACE
                && name_base(ctx, a - 1).is_none())
            && class_attached(ctx, b)
            && !colon_after(ctx, b)
            // (a role straight before is a colleague's, "our SENCO Priya (Y5/6)", and so is
            // a list after a role, "new TAs: Amber Walsh (Y2), Ruby Ahmed (Nursery)")
            && !(a > 0
                && ctx.toks[a - 1].f & (ROLE | AUTHOR | ADULT_REL) != 0
                && ctx.toks[a].gap & G_COLON == 0)
            && !(ctx.minutes && adult_reason(ctx, a, b))
            && !covers_for_the_writer(ctx, a, b)
        {
            found_sure(
                &mut found,
                &mut sure,
                (a, b),
                "This looks like a pupil's name: it is given with a class.",
            );
            continue;
        }
        if (a..=b).any(|k| ctx.toks[k].f & ENTITY != 0) {
            continue;
        }
        // "'Supporting Neurodivergent Learners' (Room 2.14)", "'Claude' by Alex T. Smith": a
        // name inside a quoted title
        if in_quoted_title(ctx, a, b) {
            continue;
        }
        // "County Hall, Fishergate, Preston PR1 8XJ": a place in an address
        if ctx.out.iter().any(|r| {
            r.kind == SpanType::Postcode
                && r.s >= ctx.toks[b].e as usize
                && r.s - ctx.toks[b].e as usize <= 2
        }) {
            continue;
        }
        // "Ashby-de-la-Zouch", "Stratford-upon-Avon": a place
        // (and "Pen-y-Bryn", "Bryn-y-Mor")
        if (b + 1 < n
            && ctx.toks[b].shape == CAP
            && ctx.toks[b + 1].gap == G_HYPHEN
            && ctx.toks[b + 1].shape == LOWER)
            || (a >= 2
                && ctx.toks[a].gap == G_HYPHEN
                && ctx.toks[a - 1].shape == LOWER
                && ctx.toks[a - 1].gap == G_HYPHEN)
        {
            continue;
        }
        // "Storm Darragh": weather
        if b > a && ctx.is(a, "storm") {
            // (but "Present: Grace Okafor, Storm Jenkins" lists a colleague)
            if adult_reason(ctx, a, b) {
                adults.push((a, b));
            }
            continue;
        }
        // "Bill's Den", "Ruby's Worry", "Charlotte's Web": a name owning a capitalised
        // word is a club, a place or a title (a pupil's is "Tayo's Mum", "Amira's EHCP")
        if ctx.toks[b].poss && b + 1 < n && !child::record_nearby(ctx, a, b) && {
            let t = ctx.toks[b + 1];
            t.shape == CAP
                && t.gap == G_SPACE
                && t.f & WORD != 0
                && t.f
                    & (FAMILY | CHILD | SEN | CLASSWORD | CLASSREF | TITLE | ROLE | MONTH | BIRTH)
                    == 0
        } {
            i = b + 2;
            continue;
        }
        // "William Beech and Zach are the characters everyone's been talking about", "Faith,
        // Hope and Charity are our school houses"
        if ctx.nick_or_story
            && (a.saturating_sub(6)..(b + 10).min(n)).any(|k| {
                same_sent(ctx, k, b) && ctx.is_any(k, &["character", "characters", "houses"])
            })
        {
            characters.push((a, b));
            continue;
        }
        // "we have a Jordan in Jordan class", "anyone else got a Hope in their class": one of
        // the name, in a class or a group, is a pupil (but "a Jay, a Robin and a Wren in the
        // Year 2 team" are staff)
        // (and the rest of such a list: "a Hope, a Faith and a Grace in the same Y3 class")
        let one_of = |k: usize| {
            k >= 2
                && ctx.toks[k].gap == G_SPACE
                && (ctx.is(k - 1, "a") || ctx.is(k - 1, "an"))
                && (ctx.is_any(k - 2, &["have", "got", "had"])
                    || (ctx.is(k - 2, "and") || ctx.toks[k - 1].gap & G_COMMA != 0)
                        && found.last().is_some_and(|&(_, e, _)| e + 4 >= k))
        };
        if one_of(a) && one_in_a_class(ctx, b) {
            found.push((
                a,
                b,
                "This looks like a pupil's name: a child of that name, in a class or a group.",
            ));
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
        if before_a_rewrite(ctx, b) {
            continue;
        }
        // anonymised forms like "Pupil A" are handled elsewhere; a name straight after a
        // school suffix, street word or month is part of something else
        if a > 0
            && ctx.toks[a - 1].f & (STREET | SCHOOL_SFX) != 0
            && ctx.toks[a - 1].f & TITLE == 0
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
        // an adult cue, as the model reads it (see `adult_reading`; the child evidence, worked
        // out there for such a name, is kept for below)
        let mut evidence = None;
        let cue = firm_adult_cue(ctx, a, b);
        let soft = adult_reading(ctx, a, b, cue.is_some(), &mut evidence);
        // A cue no pupil has had settles it ("Mrs Khan", "Mavis, who is 78", "Graham (retired
        // head)"). Any other adult cue is weighed by the model with everything else: it can
        // be right about most names and still wrong in a note about pupils ("Note for the Y5
        // team: Amirah's nosebleeds"), a list of them or a chat about one. (Groups of sets
        // left out, stop 21: 1.6 points more names found, 0.3 more ordinary posts flagged at
        // the same cut.)
        if settles_adult(ctx, a, b, cue, soft) {
            let e = adult_name_end(ctx, a, b);
            i = e + 1;
            last_adult = Some(e);
            adults.push((a, e));
            continue;
        }
        let claimed = soft < 0;
        // "our midday supervisors Pat and Linda", "My twins Ellie and Jack": the second of a
        // pair is whatever the first was
        let amp = a >= 1
            && last_adult == Some(a - 1)
            && ctx.b[ctx.toks[a - 1].e as usize..ctx.toks[a].s as usize].trim_ascii() == b"&";
        if !claimed
            && (amp
                || (a >= 2
                    && ctx.is(a - 1, "and")
                    && last_adult == Some(a - 2)
                    && ctx.toks[a].gap == G_SPACE))
        {
            last_adult = Some(b);
            adults.push((a, b));
            continue;
        }
        let (ev, why) = evidence.unwrap_or_else(|| child_evidence(ctx, a, b));
        // subject of a sentence: "Grace has autism", "hodan's been…", "Rhys and Cerys have…"
        let subject = b + 1 < n && {
            let verb_at = |k: usize| {
                subject_verb(ctx, k)
                    || (ctx.toks[k - 1].poss && ctx.is_any(k, &["been", "got", "gone", "had"]))
            };
            let clause_start = ctx.toks[a].sent
                || ctx.toks[a].gap & (G_COMMA | G_SEMI) != 0
                || (a > 0 && ctx.toks[a - 1].sent && ctx.toks[a - 1].f & (OPENER | WHEN) != 0)
                || (a > 0 && ctx.toks[a - 1].f & THINK != 0)
                || (a > 0
                    && ctx.is_any(
                        a - 1,
                        &["and", "but", "so", "because", "when", "then", "if", "until"],
                    )
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
        // (the rules below read a name no adult cue has claimed)
        if !claimed {
            // in notes and about courses, a full name with nothing about a child is a grown-up's
            // (notes name pupils by first name or initials: "Jo Slater thanked…", "treasurer
            // Graham Pugh")
            if ev == 0
                && b > a
                && ctx.toks[b].f & SURNAME != 0
                && ((ctx.minutes && ctx.lines) || ctx.training)
            {
                continue;
            }
            // a character in the class reader: "'Kensuke's Kingdom' ch. 7 — Michael and Kensuke",
            // "'Of Mice and Men' ch. 3. Lennie and George discussion went well"
            // (groups' names are no one's, however "called" makes them look)
            if (ev < 4
                && (in_story(ctx, a) || listed_with_famous(ctx, a, b) || given_its_meaning(ctx, b)))
                || names_of_groups(ctx, a)
            {
                characters.push((a, b));
                continue;
            }
            if !dialogue && speaker(ctx, a, b) && ctx.toks[a].f & WORD != 0 {
                // (in a chat, a speaker named by a word is staff too: "Precious A: yes hun")
                if chat && !bulleted(ctx, a) {
                    adults.push((a, b));
                }
                // "Bio: Nursery nurse…", "Update: …": a label, not a name
                continue;
            }
            // "P5 group:\n- Kayden: numeracy with the rekenrek": an item about a pupil in notes
            if bulleted(ctx, a)
                && speaker(ctx, a, b)
                && ctx.child_ctx > 0
                && ctx.toks[a].f & WORD == 0
            {
                found.push((
                    a,
                    b,
                    "This looks like a pupil's name: an item about a child in notes.",
                ));
                continue;
            }
            if chat && speaker(ctx, a, b) {
                adults.push((a, b));
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
        }
        // "Tobi got his first house point", "walk Saoirse to the office when she's collected":
        // someone the post goes on to call he or she, with no adult cue, is most often a pupil
        let score = i32::from(subject) * 2 + best + if full && b > a { 2 } else { 0 } + ev + post;
        // the rules' evidence and the words around the name, weighed by the trained model
        let view = model::RuleView {
            subject,
            best,
            full,
            ev,
            post,
            score,
            adults_before: adults.len(),
            pupils_before: found.len(),
            chat,
            adult: soft,
            work: ev < 4 && in_named_work(ctx, a, b),
            // which kind of person the post named last, and whether on this line
            last: {
                let adult_at = adults.last().map(|&(_, e)| e);
                let pupil_at = found.last().map(|&(_, e, _)| e);
                let kind = match (adult_at, pupil_at) {
                    (None, None) => 0,
                    (Some(x), Some(y)) if y > x => 2,
                    (None, Some(_)) => 2,
                    _ => 1,
                };
                // (and 3 or 4 when that person is a few words back: one list, one kind)
                let near = adult_at.max(pupil_at).is_some_and(|e| a - e <= 4);
                kind + if near { 2 } else { 0 }
            },
            initials: 0,
            initials_rule: false,
        };
        // (a name owning a family member, "Taz's gran", "Oskar's mum", is a child's: not
        // weighed again)
        let family_of = ctx.toks[b].poss && ctx.f(b + 1) & FAMILY != 0;
        // (and what the post says they do still counts against them: half a point of log-odds
        // more, even in groups of sets left out, 13 names fewer of 15,707 found and 11 posts
        // fewer of 10,893 flagged, so that "booked with Kemi for SALT" stays a colleague's)
        let cut = if soft == -2 { cut + 0.5 } else { cut };
        let answer = if family_of {
            Some(false)
        } else {
            is_pupil(ctx, a, b, &view, score, (cut, cut + SURE_MARGIN))
        };
        if let Some(sure_of_it) = answer {
            found.push((a, b, why));
            if (ev >= 4 || sure_of_it) && sure.len() < 64 {
                sure.push(a);
            }
        } else if soft != 0 {
            let e = if claimed {
                adult_name_end(ctx, a, b)
            } else {
                b
            };
            i = e + 1;
            last_adult = Some(e);
            adults.push((a, e));
        }
    }
    // a name written in its own script where a pupil's name is asked for: "Her name is
    // شەونم in Sorani", "she writes her name مروا beautifully"
    if ctx.child_ctx > 0 && !ctx.b.is_ascii() {
        for k in 1..n {
            if own_script(ctx, k)
                && (ctx.is(k - 1, "name")
                    || (k >= 2 && ctx.is_any(k - 1, &["is", "as"]) && ctx.is(k - 2, "name")))
            {
                found.push((
                    k,
                    k,
                    "This looks like a pupil's name: a name written in its own script.",
                ));
            }
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
                if repeatable(ctx.toks[k])
                    && names.len() < 16
                    && !names.iter().any(|(x, _)| x.eq_ignore_ascii_case(w))
                {
                    names.push((w, why));
                }
            }
        }
        let mut again: Vec<(usize, usize, &'static str)> = Vec::new();
        for &(a, b, why) in &found {
            // "Kavin (கவின்)": the pupil's name in its own script, in brackets after it
            if b + 1 < n && ctx.toks[b + 1].gap & G_OPEN != 0 && own_script(ctx, b + 1) {
                let mut e = b + 1;
                while e + 1 < n && ctx.toks[e + 1].gap == G_SPACE && own_script(ctx, e + 1) {
                    e += 1;
                }
                again.push((b + 1, e, why));
            }
            // the rest of a list a pupil is in ("Our Y6 SATs group: Xinyi, Andrei, Temitope,
            // Callum, Harpreet") are pupils too
            let (la, lb, count) = name_list(ctx, a, true);
            if count >= 2 {
                // (not a month after a day: "Agata 3 Jan, Tendai 19 Feb")
                // (in the list's shape, capitalised or lower case, and not in an aside in
                // brackets: "ruby (twice), lewis")
                let mut aside = false;
                for (k, t) in ctx.toks.iter().enumerate().take(lb + 1).skip(la) {
                    if t.gap & G_CLOSE != 0 {
                        aside = false;
                    }
                    if t.gap & G_OPEN != 0 && k > la {
                        aside = true;
                    }
                    // (a lower-case list's "and" and words are no names: "pat, bernie and
                    // sharon")
                    let lower_name = t.f & GIVEN != 0
                        || t.f & (WORD | STOP | PLACE | TITLE | ROLE | ENTITY) == 0;
                    if !aside
                        && !covered[k]
                        && t.shape == ctx.toks[a].shape
                        && (t.shape == CAP || (t.shape == LOWER && lower_name))
                        && (k == 0 || ctx.toks[k - 1].shape != DIGIT)
                        // (a row's other cells are no list: "Mason\tMillbrook\tThu" under
                        // "Pupil\tSchool\tDay")
                        && !matches!(
                            table_column(ctx, k, k),
                            Some(Column::GrownUps | Column::NotPeople)
                        )
                    {
                        again.push((k, k, why));
                    }
                }
            }
            // "Macca (Liam McAllister, 5B)": the nickname before a pupil's name in brackets
            // (lower case too where it is the name shortened: "bless (Blessing) in y3")
            if a >= 1
                && ctx.toks[a].gap & G_OPEN != 0
                && (ctx.toks[a - 1].shape == CAP
                    || (ctx.toks[a - 1].shape == LOWER && shortened(ctx, a - 1, a)))
                && !covered[a - 1]
                && ctx.toks[a - 1].f & (STOP | TITLE | ROLE | CLASSREF) == 0
            {
                again.push((a - 1, a - 1, why));
            }
            // "Wiktoria (Wiki) in Y2", "Gabriella (\"Gabby\")": the name shortened, alone in
            // brackets after it
            if b + 1 < n
                && ctx.toks[b + 1].gap & G_OPEN != 0
                && ctx.toks.get(b + 2).is_none_or(|t| t.gap & G_CLOSE != 0)
                && matches!(ctx.toks[b + 1].shape, CAP | LOWER)
                && !covered[b + 1]
                && ctx.toks[b + 1].f & (STOP | TITLE | ROLE | CLASSREF) == 0
                && shortened(ctx, b + 1, a)
            {
                again.push((b + 1, b + 1, why));
            }
        }
        for (k, &seen) in covered.iter().enumerate() {
            let t = ctx.toks[k];
            // (the same word has the same flags, so only such names can match)
            // (nor a titled adult of the same name: "Mrs S. Begum's group: M. Begum (no
            // relation!)")
            let titled = (k >= 1 && ctx.toks[k - 1].f & TITLE != 0)
                || (k >= 2 && ctx.toks[k - 1].shape == SINGLE && ctx.toks[k - 2].f & TITLE != 0);
            if seen
                || titled
                || !repeatable(t)
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
    // is the same adult elsewhere in the post ("Her name isn't Susan."), and so is the first
    // name alone ("Present: Amber Walsh (HLTA) … Amber to book the hall")
    let text = ctx.text;
    let span =
        |ctx: &Ctx<'_>, a: usize, b: usize| &text[ctx.toks[a].s as usize..ctx.toks[b].e as usize];
    for (a, b, reason) in found {
        let same = |&(x, y): &(usize, usize)| {
            span(ctx, x, y).eq_ignore_ascii_case(span(ctx, a, b))
                || (a == b && ctx.word(x).eq_ignore_ascii_case(ctx.word(a)))
        };
        if characters.iter().take(16).any(same) {
            continue;
        }
        if !sure.contains(&a)
            && adults.iter().take(16).any(|&(x, y)| {
                span(ctx, x, y).eq_ignore_ascii_case(span(ctx, a, b))
                    || (a == b && ctx.word(x).eq_ignore_ascii_case(ctx.word(a)))
            })
        {
            continue;
        }
        push_pupil_name(ctx, a, b, ctx.toks[b].e as usize, reason);
    }
}

/// Is the name ending at `b` given its meaning, a name talked of as a word ("Amal means hope
/// in Arabic", "Rojin = 'bright day'")? (The rest of a list of names goes with it, as with
/// characters.)
fn given_its_meaning(ctx: &Ctx<'_>, b: usize) -> bool {
    ctx.toks.get(b + 1).is_some_and(|t| {
        // (but "Mykyta means well")
        (ctx.is_any(b + 1, &["means", "meant"]) && !ctx.is_any(b + 2, &["well", "to", "it"]))
            || (t.gap & G_QUOTE != 0
                && ctx.b[ctx.toks[b].e as usize..t.s as usize]
                    .trim_ascii_start()
                    .starts_with(b"="))
    })
}

/// Is the name at `a`, or the list it is in, what groups, tables or houses are called: "Our
/// reading groups are called Ruby, Amber and Jade", "Ruby, Amber and Emerald are our maths
/// groups"? (Not "the boy in Y3 is called Ben", nor "two girls in my group are called Ruby":
/// the groups must be the ones called.)
fn names_of_groups(ctx: &Ctx<'_>, a: usize) -> bool {
    const GROUPS: &[&str] = &[
        "groups", "tables", "classes", "houses", "teams", "sets", "rooms", "bands",
    ];
    let n = ctx.toks.len();
    let (first, last, _) = name_list(ctx, a, true);
    let (s, e) = (first.min(a), last.max(a));
    let group = |k: usize| same_sent(ctx, k, a) && ctx.is_any(k, GROUPS);
    (s >= 3
        && ctx.is_any(s - 1, &["called", "named"])
        && ctx.is_any(s - 2, &["are", "were"])
        && (s.saturating_sub(5)..s - 2).any(group))
        || {
            // (past the list's last word, which may be no name: "… and Emerald")
            let mut k = e + 1;
            while k < n && k < e + 4 && (ctx.is(k, "and") || ctx.toks[k].shape == CAP) {
                k += 1;
            }
            k + 1 < n
                && ctx.is_any(k, &["are", "were"])
                && ctx.is_any(k + 1, &["our", "the", "my", "your"])
                && (k + 2..(k + 5).min(n)).any(group)
        }
}

/// Is the word at `short` the name at `name` shortened: shorter, of two letters or more,
/// starting with the same two ("Wiki" of "Wiktoria", "bless" of "Blessing")?
fn shortened(ctx: &Ctx<'_>, short: usize, name: usize) -> bool {
    let (s, w) = (ctx.word(short).as_bytes(), ctx.word(name).as_bytes());
    s.len() >= 2 && s.len() < w.len() && s[..2].eq_ignore_ascii_case(&w[..2])
}

/// Is the word at `k` written wholly in a script other than the Latin alphabet (Arabic,
/// Bengali, Chinese, Cyrillic, Ge'ez, Gurmukhi, Tamil…)?
fn own_script(ctx: &Ctx<'_>, k: usize) -> bool {
    let t = ctx.toks[k];
    t.shape != DIGIT && ctx.b[t.s as usize..t.e as usize].iter().all(|&c| c >= 0x80)
}

/// Records the name at tokens `a..=b` (to byte `e`, which may take in an initial's dot) as a
/// pupil's, unless the writer has said who they are with a role in brackets straight after
/// it, as the hint on a misread name asks ("Ian (colleague)", "JB (TA)"). Every way to a
/// pupil's name (the rules and the model, initials, nicknames) ends here.
fn push_pupil_name(ctx: &mut Ctx<'_>, a: usize, b: usize, e: usize, reason: &'static str) {
    if !adult::role_in_brackets(ctx, b) {
        let s = ctx.toks[a].s as usize;
        ctx.push(s, e, SpanType::ChildName, reason, "");
    }
}

/// The end of an adult's name starting at `a..=b`: the rest of it is theirs too ("Dr Janet
/// Rose and Louise Gilbert", after a middle initial "Alex T. Smith").
fn adult_name_end(ctx: &Ctx<'_>, a: usize, b: usize) -> usize {
    let n = ctx.toks.len();
    let mut b = b;
    while b + 1 < n
        && b - a < 3
        && !ctx.toks[b].poss
        && ctx.toks[b + 1].shape == CAP
        && (ctx.toks[b + 1].gap == G_SPACE
            || (ctx.toks[b].shape == SINGLE && ctx.toks[b + 1].gap == G_DOT | G_SPACE))
        && (ctx.toks[b + 1].f & (GIVEN | SURNAME | HIGHFREQ) != 0
            || ctx.toks[b + 1].f & (WORD | STOP | PLACE) == 0)
    {
        b += 1;
    }
    b
}

/// Is a date of birth or a pupil's identifier (found already) within the four tokens after
/// the name ending at `b`, on the same line: "Mateusz Wiśniewski, DOB 19/10/2011", "Efa
/// (d.o.b. 12.10.2021)", "Callum Henderson – ULN 8930107515", "Connor's ULN is …"?
fn record_follows(ctx: &Ctx<'_>, b: usize) -> bool {
    let n = ctx.toks.len();
    let e = ctx.toks[b].e as usize;
    let Some(limit) = (b + 1..(b + 5).min(n))
        .take_while(|&k| ctx.toks[k].gap & G_NL == 0)
        .last()
    else {
        return false;
    };
    let limit = ctx.toks[limit].s as usize;
    ctx.out
        .iter()
        .any(|r| r.kind.is_record() && r.s >= e && r.s <= limit)
}

/// Is the name ending at `b` followed, in its sentence, by "in" or "on" and a class, a group,
/// a set or a register, and no staff word: "a Hope in their class", "a Bartek in my group",
/// "a King … on the register" (not "a Wren in the Year 2 team")?
fn one_in_a_class(ctx: &Ctx<'_>, b: usize) -> bool {
    const PLACES: &[&str] = &["class", "group", "set", "register", "year", "room"];
    let n = ctx.toks.len();
    let Some(k) = (b + 1..(b + 8).min(n))
        .take_while(|&k| same_sent(ctx, k, b))
        .find(|&k| ctx.is_any(k, &["in", "on"]))
    else {
        return false;
    };
    let phrase = || (k + 1..(k + 6).min(n)).take_while(|&j| same_sent(ctx, j, b));
    phrase().any(|j| ctx.toks[j].f & CLASSREF != 0 || ctx.is_any(j, PLACES))
        && !phrase().any(|j| ctx.toks[j].f & ROLE != 0 || ctx.is_any(j, &["team", "staff"]))
}

/// How far above the cut the model's log-odds must be for a pupil found by it to be sure:
/// an adult of the same name elsewhere in the post ("Grace in the office… grace p in yr 2")
/// then does not undo it (groups of sets left out, stop 22: 94.46% / 6.79% -> 94.63% / 6.78%
/// at 2; at 1, 94.66% / 6.84%, at 3, 94.54% / 6.79%).
const SURE_MARGIN: f32 = 2.0;

/// The model's answer for the name `a..=b`: do the rules' evidence and the words around it
/// make it a pupil's? `None` if not, `Some(true)` if the log-odds reach `sure_cut` too
/// (`cut` + [`SURE_MARGIN`] for names; infinity where no caller asks, and the trees are read
/// no further for it). (Recorded with `rule_score` when tracing, for training.)
pub(super) fn is_pupil(
    ctx: &mut Ctx<'_>,
    a: usize,
    b: usize,
    view: &model::RuleView,
    rule_score: i32,
    (cut, sure_cut): (f32, f32),
) -> Option<bool> {
    let features = model::features(ctx, a, b, view);
    if let Some(trace) = ctx.trace.as_deref_mut() {
        trace.push(Traced {
            s: ctx.toks[a].s as usize,
            e: ctx.toks[b].e as usize,
            features: features.pairs().to_vec(),
            rule_score,
        });
    }
    ctx.model.answer(&features, cut, sure_cut)
}

/// Is the word ending at `b` just before the filter's own rewrite, "Pupil A"? Then it is not
/// that pupil's name, nor their initials ("Little Pupil A in Nursery", "hope Pupil A's ok",
/// "Mae Pupil A a …", "GK Pupil A" on a team sheet): the writer has done as asked.
fn before_a_rewrite(ctx: &Ctx<'_>, b: usize) -> bool {
    b + 2 < ctx.toks.len()
        && ctx.toks[b + 1].gap == G_SPACE
        && ctx.toks[b + 1].shape == CAP
        && ctx.is(b + 1, "pupil")
        && ctx.toks[b + 2].shape == SINGLE
        && ctx.toks[b + 2].gap == G_SPACE
}

/// Can a word found as a pupil's name be recognised again elsewhere in the post: a given
/// name, or a capitalised word that is no English word, place or title ("Taz", "Deano")?
fn repeatable(t: Tok) -> bool {
    t.f & GIVEN != 0
        || (t.shape == CAP && t.f & (WORD | STOP | PLACE | TITLE | ROLE | ENTITY | MONTH) == 0)
}

/// Records `name` as a pupil's with evidence of its own, which an adult reading of the same
/// name elsewhere does not undo (`sure` is kept short, so a pasted list stays linear).
fn found_sure(
    found: &mut Vec<(usize, usize, &'static str)>,
    sure: &mut Vec<usize>,
    name: (usize, usize),
    reason: &'static str,
) {
    found.push((name.0, name.1, reason));
    if sure.len() < 64 {
        sure.push(name.0);
    }
}
