//! Cues that a name is an adult's: titles, roles and relationships before the name, lists
//! of adults after a label (here); what the post says the person does or is (`work`), the
//! school's work they do (`staff`); people the post talks to or signs off as (`forum`); the
//! ways only colleagues are written of, where they work, what they are called, the grown-up
//! life they own (`colleagues`).

mod colleagues;
mod forum;
mod staff;
mod work;
use colleagues::{
    at_their_post, called_after_a_grown_up, from_a_workplace, list_end, owns_a_grown_ups_life,
    said_as_a_colleague,
};
pub(super) use staff::covers_for_the_writer;
pub(super) use work::grown_up_age;
use work::{role_in_apposition, writers_own_name};

use super::super::engine::Ctx;
use super::super::lexicon::*;
use super::super::tokens::*;
use super::*;

/// Is there an adult cue (title, role, author, relationship, greeting, sign-off)?
pub(super) fn adult_reason(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    firm_adult_cue(ctx, a, b).is_some() || soft_adult(ctx, a, b) != 0
}

/// What the post says the person does (1) or how it addresses them (2): cues read from the
/// sentence around the name, right for most adults but also said of pupils ("Callum Rennie
/// has been brilliant with the new boy"), so the name model weighs them where the post
/// also speaks of the person as a child (0: none).
pub(super) fn soft_adult(ctx: &Ctx<'_>, a: usize, b: usize) -> i32 {
    if work::described_as_adult(ctx, a, b) {
        1
    } else if forum::addressed_or_signed(ctx, a, b) {
        2
    } else {
        0
    }
}

/// Is the name `a..=b` the writer's own, as they introduce themselves: "I'm Zoe, a TA in
/// Year 5", "Hi, I'm Ngozi and I've just joined", "My name is Rachel."? (Not "I'm Zoe's mum",
/// nor a pupil passport's "My name is Kofi and I am 9".)
fn introduces_the_writer(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    let said = (a >= 1 && ctx.is_any(a - 1, &["i'm", "im"]))
        || (a >= 2 && ctx.is(a - 2, "i") && ctx.is(a - 1, "am"))
        || (a >= 3 && ctx.is(a - 3, "my") && ctx.is(a - 2, "name") && ctx.is(a - 1, "is"));
    let ends = match ctx.toks.get(b + 1) {
        None => true,
        Some(t) => {
            t.gap & (G_COMMA | G_DOT | G_EXCL | G_NL | G_OPEN | G_HYPHEN) != 0
                || ctx.is_any(b + 1, &["and", "from", "here"])
        }
    };
    if !(said && ends && !ctx.toks[b].poss) {
        return false;
    }
    // (a pupil passport is written in the child's voice: "My name is Kofi and I am 9", "…and
    // I am in Year 5", where a grown-up says what they do: "I'm Zoe, a TA in Year 5")
    let rest = (b + 1..(b + 9).min(ctx.toks.len())).take_while(|&k| same_sent(ctx, k, b));
    let (mut role, mut child) = (false, false);
    for k in rest {
        role |= ctx.toks[k].f & ROLE != 0;
        child |= ctx.toks[k].f & CLASSREF != 0
            || (ctx.toks[k].shape == DIGIT && ctx.is_any(k - 1, &["am", "i'm", "im", "aged"]));
    }
    role || !child
}

/// Is the name ending at `b` followed by nothing but a role in brackets: "Kasia (TA)", "Mo
/// (colleague)", "Oksana (EAL TA)", "Claire (school nurse)"? It is what the hint on a misread
/// name ([`crate::anonymise::NOT_A_PUPIL`]) asks the writer to add, so it settles the name as
/// an adult's wherever it stands: a rota, a cast list, a list of pupils. Not "Jake (Y4)", "Amy
/// (TA's daughter)", "Leo (with TA)".
pub(super) fn role_in_brackets(ctx: &Ctx<'_>, b: usize) -> bool {
    /// A pupil's parent, named with their child's class: "Arjun (Y6 dad)".
    const PARENTS: &[&str] = &[
        "dad", "mum", "mom", "parent", "carer", "grandad", "grandma", "nan", "nana", "stepdad",
        "stepmum",
    ];
    const PUPILS_POSTS: &[&str] = &[
        "rep",
        "representative",
        "councillor",
        "leader",
        "captain",
        "prefect",
        "monitor",
        "ambassador",
        "buddy",
        "helper",
        "mentor",
    ];
    const QUALIFIERS: &[&str] = &[
        "our",
        "new",
        "supply",
        "agency",
        "school",
        "class",
        "cover",
        "eal",
        "student",
        "lunchtime",
        "midday",
        "office",
        "teaching",
        "learning",
        "family",
        "parent",
        "site",
        "both",
    ];
    let n = ctx.toks.len();
    // "Blessing Adebayo and Precious Nwosu (both HLTAs)": the first of a pair the bracket
    // gives both a role
    if b + 3 < n && !ctx.toks[b].poss && ctx.is(b + 1, "and") {
        if let Some(e) = (b + 2..(b + 4).min(n - 1)).find(|&e| {
            ctx.toks[e + 1].gap & G_OPEN != 0
                && ctx.is(e + 1, "both")
                && ctx.toks[b + 2..=e]
                    .iter()
                    .all(|t| t.shape == CAP && t.gap == G_SPACE)
        }) {
            return role_in_brackets(ctx, e);
        }
    }
    if b + 1 >= n || ctx.toks[b].poss || ctx.toks[b + 1].gap & G_OPEN == 0 {
        return false;
    }
    let (mut role, mut class_before) = (false, false);
    for k in b + 1..(b + 4).min(n) {
        let t = ctx.toks[k];
        // (a parent alone in brackets is who collects a pupil: "Ahmed (dad)")
        // (and after a class, a post pupils hold is a pupil's: "Layla (Y6 rep)")
        let is_role = (t.f & ROLE != 0
            && t.f & (CHILD | CLASSREF | ID_SCHEME) == 0
            && !(class_before && ctx.is_any(k, PUPILS_POSTS)))
            || (class_before && ctx.is_any(k, PARENTS));
        // (the class a grown-up works in, before their role: "Marc (Y4 TA)", "Amir (Year 5
        // teacher)"; a class alone, "Jake (Y4)", has no role and stays a pupil's)
        let class = !role
            && (t.f & CLASSREF != 0
                || ctx.is_any(k, &["year", "yr", "reception", "nursery"])
                || (t.shape == DIGIT && k > b + 1 && ctx.is_any(k - 1, &["year", "yr"])));
        class_before |= class;
        if t.poss
            || (k > b + 1 && t.gap != G_SPACE)
            || !(is_role || class || ctx.is_any(k, QUALIFIERS))
        {
            return false;
        }
        role |= is_role;
        // (a role may be followed by more about them: "Olumide (Year 4 dad, also a
        // paramedic)")
        let closes = match ctx.toks.get(k + 1) {
            Some(next) => {
                next.gap & G_CLOSE != 0
                    || (is_role && (next.gap & G_COMMA != 0 || ctx.is_any(k + 1, &["at", "from"])))
            }
            None => ctx.b[t.e as usize..].contains(&b')'),
        };
        if closes {
            return role;
        }
    }
    false
}

/// How far a cue of [`firm_adult_cue`] can be trusted.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum AdultCue {
    /// A cue (almost) no labelled pupil has had: a title ("Mrs Khan"), a role straight before
    /// ("our SENCO Priya"), the writer introducing themselves ("Hi all, I'm Ngozi"), a parent
    /// named as one ("her mum Agnieszka"), someone to ask ("ask Janice"), "a lovely lady
    /// called Willow", an author after "by", a staff rota written on one line, maternity
    /// leave.
    Settled,
    /// A cue right about most names that has been wrong about some pupils (in the labelled
    /// sets, from 1 name in 40 to 1 in 5), which the name model weighs with everything else:
    /// a role, author or grown-up relation further back ("Note for Y5 team: Amirah's
    /// nosebleeds") or before "her name is", a line of a rota, initials first, a list after a
    /// label, thanks, a pet, the writer's cover or a course's trainer.
    Weighed,
}

/// Does the adult cue the name has settle it, without the model: a cue no pupil has had
/// ([`AdultCue::Settled`]), an adult's age or a role in apposition beside any adult cue
/// ("Mavis, who is 78", "Graham (retired head)"), or the writer's own name where little is
/// said of a child ("Hi all, I'm Ngozi")? `soft` is the cue as the name model reads it
/// (`RuleView::adult`: -1 a firm cue, -2 what the post says they do).
pub(super) fn settles_adult(
    ctx: &Ctx<'_>,
    a: usize,
    b: usize,
    cue: Option<AdultCue>,
    soft: i32,
) -> bool {
    cue == Some(AdultCue::Settled)
        || (soft < 0 && (grown_up_age(ctx, b) || role_in_apposition(ctx, b)))
        || (soft == -2 && writers_own_name(ctx, a))
}

/// What the post says of the person at `a..=b` that is most often said of an adult, as the
/// name model reads it (`RuleView::adult`): -1 a firm cue (`firm`, from [`firm_adult_cue`]),
/// what they do or how they are addressed ([`soft_adult`]: 1, 2) where the post also speaks of
/// them as a child, -2 where it says little of a child, 0 nothing. The child evidence, worked
/// out only where it is needed, is left in `evidence` for the caller.
pub(super) fn adult_reading(
    ctx: &Ctx<'_>,
    a: usize,
    b: usize,
    firm: bool,
    evidence: &mut Option<(i32, &'static str)>,
) -> i32 {
    if firm {
        return -1;
    }
    match soft_adult(ctx, a, b) {
        0 => 0,
        k => {
            let e = *evidence.get_or_insert_with(|| child_evidence(ctx, a, b));
            if e.0 >= SOFT_ADULT_EV {
                k
            } else {
                -2
            }
        }
    }
}

/// Which firm cue that the name is an adult's it has, if any: a title, a role or
/// relationship just before, a list of adults after a label… (Some settle it; the name model
/// weighs the others, see [`AdultCue`].)
pub(super) fn firm_adult_cue(ctx: &Ctx<'_>, a: usize, b: usize) -> Option<AdultCue> {
    use AdultCue::*;
    if work::course_trainer(ctx, a, b) || covers_for_the_writer(ctx, a, b) {
        return Some(Weighed);
    }
    // (the last name of a list the name starts: "Tyler and Jayden from the agency")
    let end = list_end(ctx, b);
    if introduces_the_writer(ctx, a, b)
        || role_in_brackets(ctx, b)
        || from_a_workplace(ctx, a, end)
        || at_their_post(ctx, a, end)
        || called_after_a_grown_up(ctx, a)
        || owns_a_grown_ups_life(ctx, b)
        || said_as_a_colleague(ctx, a, b)
    {
        return Some(Settled);
    }
    if introduced_by_role(ctx, a) {
        return Some(Weighed);
    }
    // title before: "Mrs Khan", "Dr. Patel", "Queen Victoria"
    if a > 0 {
        let p = ctx.toks[a - 1];
        // (but "Miss, Tyler said…" is said to the teacher)
        if p.f & TITLE != 0
            && ctx.toks[a].gap & (G_COMMA | G_NL | G_EXCL | G_COLON | G_QUOTE) == 0
            && (p.shape == CAP
                || p.shape == UPPER
                || ctx.is(a - 1, "mr")
                || ctx.is(a - 1, "mrs")
                || ctx.is(a - 1, "ms")
                || ctx.is(a - 1, "dr")
                // ("miss Begum is off til monday": a surname, so no verb's object)
                || (ctx.is(a - 1, "miss")
                    && ctx.toks[a].f & (SURNAME | GIVEN) == SURNAME))
        {
            return Some(Settled);
        }
    }
    // "Dr Will Mandy": a title, then a first name that is also a word, and "Mrs S. Begum",
    // "Mr T Grant", a title and an initial (after a dot, only a surname: "held by Mrs K.
    // Finn – inhaler" may start a list of pupils)
    if a >= 2
        && ctx.toks[a - 2].f & TITLE != 0
        && ctx.toks[a - 2].shape == CAP
        && ((ctx.toks[a - 1].shape == CAP && ctx.toks[a].gap == G_SPACE)
            || (ctx.toks[a - 1].shape == SINGLE
                && (ctx.toks[a].gap == G_SPACE
                    || (ctx.toks[a].gap == G_DOT | G_SPACE
                        && ctx.toks[a].f & (SURNAME | GIVEN) == SURNAME))))
        && ctx.toks[a - 1].gap == G_SPACE
    {
        return Some(Settled);
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
        // (the readers before a colon are no label: "Medical alert for staff: Sophie…", nor
        // a role at the end of an aside: "Booster group (please don't share outside SLT):
        // Kian, …", where "Cover (TA): Amber, Ruby" labels the list)
        let readers = (k + 1 == a && ctx.toks[a].gap & G_COLON != 0 && addressed_to(ctx, k))
            || (ctx.toks[k + 1].gap & (G_COLON | G_CLOSE) == G_COLON | G_CLOSE
                && ctx.toks[k].gap & G_OPEN == 0);
        // ("threw a chair, Liam and Kai ran off": furniture, not the chair of governors)
        let furniture = k > 0 && ctx.is(k, "chair") && ctx.is_any(k - 1, &["a", "his", "her"]);
        // ("Team Red: Arjun, Hao" names a team of pupils)
        let team_name = ctx.is(k, "team")
            && k + 1 < a
            && ctx.toks[k + 1].shape == CAP
            && ctx.toks[k + 1].gap == G_SPACE
            && ctx.toks[k + 1].f & GIVEN == 0;
        if f & (ROLE | AUTHOR | ADULT_REL) != 0
            && f & CHILD == 0
            && !readers
            && !furniture
            && !team_name
        {
            // (a role straight before the name settles it, "our SENCO Priya", "our EAL
            // coordinator, Hodan Abdi, is…"; one further
            // back may head a note to its readers, "Note for Y5 team: Amirah's nosebleeds")
            // (and so does "our new head is called Kai", "the trainer was named Harley")
            let called = k + 3 == a
                && ctx.is_any(k + 1, &["is", "was"])
                && ctx.is_any(k + 2, &["called", "named"]);
            let straight = f & ROLE != 0
                && (k + 1 == a || called)
                && (ctx.toks[a].gap == G_SPACE || apposition(ctx, a, b));
            return Some(if straight { Settled } else { Weighed });
        }
        // "a book by Julia…", "The Explosive Child by Ross Greene": a title in capitals
        // then "by" names its author (but "kicked by Amira" does not)
        if ctx.is(k, "by")
            && k > 0
            && (ctx.toks[k - 1].f & (AUTHOR | BOOKCUE) != 0
                || (ctx.toks[k - 1].shape == CAP && !ctx.toks[k - 1].sent))
        {
            return Some(Settled);
        }
        // "our deputy (ours is called Gareth)": pass over "is called" to the role, and
        // "our Unison rep is Gary Doyle" over "is"
        let passable = f & (CONNECT | DETERMINER | NAME_SLOT) != 0
            || ((k + 1 == a || (k + 2 == a && ctx.is_any(k + 1, &["called", "named"])))
                && ctx.is_any(k, &["is", "was"]))
            || ctx.is(k, "and")
            || ctx.is(k, "ours")
            || (f & (GIVEN | SURNAME | HIGHFREQ) != 0 && matches!(ctx.toks[k].shape, CAP))
            // "the trainer, Big Dave"
            || (k + 1 == a && ctx.toks[k].shape == CAP && !ctx.toks[k].sent && f & WORD != 0);
        if !passable {
            break;
        }
    }
    if (b + 1..(b + 7).min(ctx.toks.len())).any(|k| {
        same_sent(ctx, k, b)
            && ctx.is(k, "leave")
            && ctx.is_any(k - 1, &["maternity", "paternity", "adoption", "sick"])
    }) {
        return Some(Settled);
    }
    // a pupil's parent named: "Her mum Agnieszka is lovely", "Mum (Gemma) 07700 900 372"
    const PARENT: &[&str] = &[
        "mum", "mam", "mother", "dad", "father", "stepmum", "stepdad", "carer", "nan", "gran",
        "grandma", "grandad", "auntie", "aunty", "uncle",
    ];
    if a >= 1
        && ctx.is_any(a - 1, PARENT)
        && ((ctx.toks[a].gap & G_OPEN != 0
            && b + 1 < ctx.toks.len()
            && ctx.toks[b + 1].gap & G_CLOSE != 0)
            || (a >= 2
                && ctx.toks[a].gap == G_SPACE
                && (ctx.is_any(a - 2, &["her", "his", "their"]) || ctx.toks[a - 2].poss)))
    {
        return Some(Settled);
    }
    // a staff rota: "Lunchtime rota wk 3\nMon – Shirley, Kam\nTue – Debbie, Tariq"
    if ctx.lines && ctx.rota && on_a_rota_line(ctx, a) {
        return Some(Weighed);
    }
    // and written on one line: "Playground rota: Mon Ioana, Tue Chidi, Wed Magda"
    if ctx.rota && after_a_day_of_a_rota(ctx, a) {
        return Some(Settled);
    }
    // a list of staff under its heading: "Staff birthday list for the social committee:\nJanet
    // – 2 Feb", "Termly meetup attendance (Oldham TA network):\n1. Aisha Patel – Beever
    // Primary"
    if under_a_staff_heading(ctx, a) {
        return Some(Weighed);
    }
    // "Supervising: L. Murphy, A. Szabo": staff are written initial first (pupils' records
    // put the initial after: "Ruby L")
    if a >= 1
        && ctx.toks[a - 1].shape == SINGLE
        && ctx.toks[a].gap == G_DOT | G_SPACE
        && ctx.toks[a].f & SURNAME != 0
        // (not in a list about pupils: "Y2 phonics retakes: L. Hussain, M. Kaur")
        && !(a.saturating_sub(12)..(b + 4).min(ctx.toks.len())).any(|k| {
            same_sent(ctx, k, a)
                && ctx.toks[k].f & (CLASSREF | CHILD | BIRTH | ID_SCHEME | SEN | SCHOOLWORK) != 0
        })
        && !under_a_pupil_heading(ctx, a)
    {
        return Some(Weighed);
    }
    // "office has spares, ask Janice", "check with Michelle": someone to ask, where the
    // sentence ends with them (but "ask Tyler to read" asks a pupil)
    if a >= 1
        && (ctx.is(a - 1, "ask") || (a >= 2 && ctx.is(a - 1, "with") && ctx.is(a - 2, "check")))
        && (b + 1 >= ctx.toks.len()
            || ctx.toks[b + 1].gap & (G_DOT | G_EXCL | G_NL | G_CLOSE) != 0
            || ctx.toks[b + 1].sent)
    {
        return Some(Settled);
    }
    // "booked with Kemi for SALT", "EAL assessment booked with Kasia from the EAL service":
    // a session is booked with the one who gives it
    if a >= 2 && ctx.is(a - 1, "with") && ctx.is(a - 2, "booked") {
        return Some(Settled);
    }
    // "Thanks to Sue", "Welcome (back) to Jo" (but "Congratulations to Amelia Nowicka (Year
    // 6)": the rest of the sentence can say pupil)
    let greeting = a >= 3 && ctx.is(a - 2, "back") && ctx.toks[a - 3].f & GREETING != 0
        || a >= 2 && ctx.toks[a - 2].f & GREETING != 0;
    if greeting
        && ctx.is(a - 1, "to")
        && !(b + 1..(b + 12).min(ctx.toks.len()))
            .any(|k| same_sent(ctx, k, b) && ctx.toks[k].f & (CLASSREF | CHILD) != 0)
    {
        return Some(Weighed);
    }
    if a >= 2
        && ctx.is(a - 1, "by")
        && ctx.is_any(
            a - 2,
            &[
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
                "provided",
                "donated",
                "sponsored",
                "shared",
            ],
        )
    {
        return Some(Settled);
    }
    // the writer's own grown-up family: "my husband Dave", "named after my gran, Hope" (a
    // son or a niece is a child, `CHILD`, unless the post gives an adult's age)
    if a >= 2
        && ctx.toks[a - 1].f & OWN_FAMILY != 0
        && ctx.toks[a - 1].f & CHILD == 0
        && (ctx.is(a - 2, "my") || ctx.is(a - 2, "our"))
        && ctx.toks[a].gap & !(G_SPACE | G_COMMA) == 0
    {
        // (a grandparent, a spouse, an uncle or an aunt is grown up whatever the post is
        // about: "My grandad Eamon brought in his tin soldiers" to a Year 1 topic, "My uncle
        // Abdirahman was visiting from Hargeisa")
        let elder = ctx.is_any(
            a - 1,
            &[
                "nan",
                "nana",
                "nanna",
                "gran",
                "granny",
                "grandma",
                "grandad",
                "grandpa",
                "grandmother",
                "grandfather",
                "husband",
                "wife",
                "uncle",
                "aunt",
                "auntie",
                "aunty",
            ],
        );
        return Some(if elder { Settled } else { Weighed });
    }
    // "a lovely lady called Willow": a grown-up
    if a >= 2
        && ctx.toks[a - 1].f & NAME_SLOT != 0
        && ctx.is_any(
            a - 2,
            &["lady", "man", "woman", "gentleman", "bloke", "fella"],
        )
    {
        return Some(Settled);
    }
    // "a very spoilt spaniel called Bailey", "our cat Mabel": a pet
    if a >= 1
        && (a.saturating_sub(4)..a)
            .any(|k| (k + 1 == a || ctx.toks[a - 1].f & NAME_SLOT != 0) && ctx.toks[k].f & PET != 0)
    {
        return Some(Weighed);
    }
    // "'Wonder' by R.J. Palacio": initials and a surname after "by" are an author
    let mut k = a;
    while k > 0 && ctx.toks[k - 1].shape == SINGLE && a - k < 3 {
        k -= 1;
    }
    if k < a && k > 0 && ctx.is(k - 1, "by") {
        return Some(Settled);
    }
    // a list of adults after a label: "Apologies: Dawn, Kelly W", "Present: Hayley (room
    // leader), Jas, Toni", "Welcome to our new TAs: Amber Walsh (Y2), …", from the label to
    // the end of the sentence or line (only posts with such a label pay for the walk back)
    if ctx.minutes {
        // (a role as the label needs a plain list of names after it, so "Q for SENCOs: if a
        // parent refuses…" is a question, not a list)
        let mut listy = true;
        let mut k = a;
        loop {
            let t = ctx.toks[k];
            // (the readers are no list: "Medical alert for staff: Sophie in 7K…")
            if k < a
                && ctx.toks[k + 1].gap & G_COLON != 0
                && t.f & (MINUTES | ROLE) != 0
                && !addressed_to(ctx, k)
                // ("Arabic speakers: Yousef Al-Khatib (Y4), Rahaf (Y2)": people by language)
                && !(ctx.is(k, "speakers") && k > 0 && ctx.toks[k - 1].shape == CAP)
            {
                // (a role as a label is plural: "our new TAs:", not "update for class teacher:")
                let staff = t.f & CHILD == 0
                    && (t.f & MINUTES != 0 || (listy && ctx.word(k).ends_with(['s', 'S'])));
                // (the label decides a list straight after it, "(TA: Mrs K): Oskar, Grace H";
                // a sentence after it, "to all TAs: the template from Jess in the central
                // team", leaves the name to the other cues)
                if staff || listy {
                    return staff.then_some(Weighed);
                }
                break;
            }
            // (a full stop ends the list, but not one after an initial: "L. Moran, K. Pryce")
            let stop =
                t.sent || (t.gap & G_DOT != 0 && (k == 0 || ctx.toks[k - 1].shape != SINGLE));
            if k == 0 || a - k >= 24 || (stop && t.gap & G_COLON == 0) {
                break;
            }
            listy &= t.shape != LOWER || t.f & ROLE != 0 || t.gap & G_OPEN != 0 || is_and(ctx, k);
            k -= 1;
        }
    }
    None
}

/// Is the name at `a`, written initial first, one of a list of such names, a line each,
/// under a heading about pupils' groups ("Intervention groups – Spring 1\nFFT Lightning Squad
/// (Tue/Thu, Mrs Lal):\nE. Kowalski\nM. Begum", "Maths catch-up – Mrs S. Begum's
/// group\nM. Begum")? The two lines above the list are read. (The caller reads the
/// sentence of a list written on one line.)
fn under_a_pupil_heading(ctx: &Ctx<'_>, a: usize) -> bool {
    const GROUPS: &[&str] = &[
        "group",
        "groups",
        "squad",
        "intervention",
        "interventions",
        "catch-up",
        "booster",
        "boosters",
    ];
    let about_pupils = |k: usize| {
        ctx.toks[k].f & (CLASSREF | CHILD | SEN | SCHOOLWORK) != 0 || ctx.is_any(k, GROUPS)
    };
    // (a line each: the initial starts the line)
    let mut k = a - 1;
    if k == 0 || ctx.toks[k].gap & G_NL == 0 {
        return false;
    }
    let mut headings = 0;
    let mut lines = 0;
    while k > 0 && headings < 2 && lines < 16 {
        // the line above starts at `j`
        let mut j = k - 1;
        while j > 0 && ctx.toks[j].gap & G_NL == 0 {
            j -= 1;
        }
        let item = ctx.toks[j].shape == SINGLE
            && ctx
                .toks
                .get(j + 1)
                .is_some_and(|t| t.shape == CAP && t.gap == G_DOT | G_SPACE);
        if !item {
            if (j..k).any(about_pupils) {
                return true;
            }
            headings += 1;
        }
        lines += 1;
        k = j;
    }
    false
}

/// Does a pupil come up at token `k`, for [`staff_heading_end`] and [`under_a_staff_heading`]?
fn about_pupils(ctx: &Ctx<'_>, k: usize) -> bool {
    const PUPILS: &[&str] = &[
        "group",
        "groups",
        "intervention",
        "interventions",
        "pupils",
        "children",
        "kids",
        "class",
        "register",
        "provision",
    ];
    ctx.toks[k].f & (CHILD | CLASSREF | SEN | SCHOOLWORK | BEHAV | BEHAV_STRONG | FAMILY) != 0
        || ctx.is_any(k, PUPILS)
}

/// Where the post's first line ends, when that line is a heading about staff (a role,
/// "staff", an INSET day, a meetup's agenda or attendance, a team's rota, first aiders'
/// certificates) with no pupil spoken of in it. Worked out once a post, when a name first
/// asks.
fn staff_heading_end(ctx: &Ctx<'_>) -> Option<usize> {
    const STAFF: &[&str] = &[
        "inset",
        "meetup",
        "agenda",
        "sign-in",
        "twilight",
        "attendance",
        "cluster",
        "staffroom",
        "staff",
        "team",
        "rota",
        "marshals",
        "aiders",
        "helpers",
        "volunteers",
        "hosts",
        "mentor",
        "mentors",
        "trainee",
        "trainees",
        "panto",
        "bringing",
        "retirement",
        "certs",
        "certificates",
        "dbs",
    ];
    // (a heading is short: a chat's first message is no heading)
    let heading_end = ctx
        .toks
        .iter()
        .take(15)
        .position(|t| t.gap & G_NL != 0)
        .unwrap_or(0);
    if ctx.chat || heading_end == 0 {
        return None;
    }
    // (a role the list is for is its reader: "Dinner hall seating plan, copied for the new MSA:")
    let reader = |k: usize| (k.saturating_sub(3)..k).any(|j| ctx.is(j, "for"));
    let staff =
        (0..heading_end).any(|k| (ctx.toks[k].f & ROLE != 0 && !reader(k)) || ctx.is_any(k, STAFF));
    (staff && !(0..heading_end).any(|k| about_pupils(ctx, k))).then_some(heading_end)
}

/// Is the name at `a` on a line below a heading about staff ([`staff_heading_end`]), with no
/// pupil spoken of on the name's line?
fn under_a_staff_heading(ctx: &Ctx<'_>, a: usize) -> bool {
    if !ctx.lines {
        return false;
    }
    let Some(heading_end) = *ctx.staff_heading_end.get_or_init(|| staff_heading_end(ctx)) else {
        return false;
    };
    if a < heading_end {
        return false;
    }
    let mut s = a;
    while s > heading_end && ctx.toks[s].gap & G_NL == 0 {
        s -= 1;
    }
    let mut e = a;
    while e + 1 < ctx.toks.len() && ctx.toks[e + 1].gap & G_NL == 0 && e - s < 16 {
        e += 1;
    }
    !(s..=e).any(|k| about_pupils(ctx, k))
}

/// Is the role at `k` who a notice is for ("Medical alert for staff:", "To all TAs:"), not
/// the label of a list ("Rota for TAs: Jenny Tues…")?
fn addressed_to(ctx: &Ctx<'_>, k: usize) -> bool {
    // ("Parents' evening update for the ALNCo:")
    let j = if k > 1 && ctx.is_any(k - 1, &["the", "our"]) {
        k - 1
    } else {
        k
    };
    k > 0
        && (ctx.is(k - 1, "all")
            || (j > 1
                && ctx.is(j - 1, "for")
                && ctx.is_any(
                    j - 2,
                    &[
                        "alert",
                        "notice",
                        "reminder",
                        "update",
                        "note",
                        "message",
                        "attention",
                    ],
                )))
}

/// Is token `a` an item of a rota written on one line, straight after its day ("Mon Ioana,
/// Tue Chidi"), with two days in the sentence and no child named in the item?
fn after_a_day_of_a_rota(ctx: &Ctx<'_>, a: usize) -> bool {
    if a == 0 || !ctx.is_any(a - 1, DAYS) || ctx.toks[a].gap & G_NL != 0 {
        return false;
    }
    let d = a - 1;
    let item_start = d == 0 || ctx.toks[d].gap & (G_COMMA | G_COLON | G_NL) != 0;
    let sid = ctx.toks[a].sid;
    // (looked for within a window, to stay linear in a long post)
    let lo = a.saturating_sub(40);
    let hi = (a + 40).min(ctx.toks.len());
    let days = (lo..hi)
        .filter(|&k| ctx.toks[k].sid == sid && ctx.is_any(k, DAYS))
        .count();
    let mut e = a;
    while e + 1 < ctx.toks.len()
        && ctx.toks[e + 1].gap & (G_COMMA | G_NL) == 0
        && ctx.toks[e + 1].sid == sid
        && e - a < 6
    {
        e += 1;
    }
    let child_in_item = (a..=e).any(|k| ctx.toks[k].f & CHILD_ON_A_ROTA != 0);
    // (nor a rota of pupils: "Reading volunteers for Y2: Mon Jayden, Tue Kacper")
    let pupils_rota = ctx.toks[lo..d]
        .iter()
        .any(|t| t.sid == sid && t.f & PUPILS_ROTA != 0)
        || ctx.rota_for_pupils;
    item_start && days >= 2 && !child_in_item && !pupils_rota
}

/// Words that make a rota's line or item a pupil's ("Thu: Jacob – new book").
const CHILD_ON_A_ROTA: u64 = CHILD | SCHOOLWORK | CLASSREF | BEHAV | BEHAV_STRONG | SEN;
/// Words in a rota's label that make it a rota of pupils ("Playground Pals rota (Y5)").
const PUPILS_ROTA: u64 = CHILD | CLASSREF;

/// Does the post's first rota say what it is for, and is that pupils' work: "a rota for 1:1
/// reading:", "rota for phonics catch-up"? ("Reading volunteers rota" is the volunteers'.)
pub(super) fn rota_for_pupils_work(ctx: &Ctx<'_>) -> bool {
    let n = ctx.toks.len().min(200);
    let Some(r) = (0..n).find(|&k| ctx.toks[k].f & ROTA != 0) else {
        return false;
    };
    ctx.is(r + 1, "for")
        && (r + 2..(r + 8).min(n))
            .take_while(|&k| ctx.toks[k].gap & G_NL == 0)
            .any(|k| ctx.is_any(k, &["reading", "readers", "phonics", "intervention", "1:1"]))
}

/// The days a rota's lines and items start with.
pub(super) const DAYS: &[&str] = &[
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "weds",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
];

/// Is token `a` on a line of a rota, one that starts with a day ("Mon – Shirley, Kam",
/// "Thu: Gosia, Nkechi"), with no child named on the line?
fn on_a_rota_line(ctx: &Ctx<'_>, a: usize) -> bool {
    let mut s = a;
    while s > 0 && ctx.toks[s].gap & G_NL == 0 && a - s < 12 {
        s -= 1;
    }
    if !(ctx.toks[s].gap & G_NL != 0 || s == 0) || !ctx.is_any(s, DAYS) || s == a {
        return false;
    }
    // (a pupil's line on a reading rota says so: "Thu: Jacob – new book")
    let mut e = a;
    while e + 1 < ctx.toks.len() && ctx.toks[e + 1].gap & G_NL == 0 && e - a < 12 {
        e += 1;
    }
    let child_on_line = (s..=e).any(|k| ctx.toks[k].f & CHILD_ON_A_ROTA != 0);
    // (nor a rota of pupils: "Playground Pals rota – Summer 1 (Y5 volunteers)")
    let pupils_rota = ctx
        .toks
        .iter()
        .take_while(|t| t.gap & G_NL == 0)
        .any(|t| t.f & PUPILS_ROTA != 0)
        || ctx.rota_for_pupils;
    !child_on_line && !pupils_rota
}

/// "the new midday supervisor starts monday, her name's Bogdana", "Our new HLTA starts after
/// half term, her name is Temi": someone named after a role earlier in the sentence, with no
/// child spoken of in between, is the grown-up in that role. (Not "PGCE student in Year 4…":
/// "student" is a child's word too.)
fn introduced_by_role(ctx: &Ctx<'_>, a: usize) -> bool {
    // "her name is", "his name's"
    let slot = match a.checked_sub(1) {
        Some(k) if ctx.is(k, "is") && k >= 2 && ctx.is(k - 1, "name") => k - 1,
        Some(k) if ctx.toks[k].poss && ctx.is(k, "name") && k >= 1 => k,
        _ => return false,
    };
    let pronoun = slot - 1;
    if ctx.toks[pronoun].f & PRONOUN == 0 || !same_sent(ctx, pronoun, a) {
        return false;
    }
    grown_up_before_any_child(ctx, a, pronoun, 12, |k| ctx.toks[k].f & ROLE != 0)
}

/// Reading back from just before `from`, at most `reach` words and within the sentence of
/// `a`, does a word `grown_up` takes come before any word about a child?
fn grown_up_before_any_child(
    ctx: &Ctx<'_>,
    a: usize,
    from: usize,
    reach: usize,
    grown_up: impl Fn(usize) -> bool,
) -> bool {
    for k in (from.saturating_sub(reach)..from).rev() {
        if !same_sent(ctx, k, a) || ctx.toks[k].f & CHILD != 0 {
            return false;
        }
        if grown_up(k) {
            return true;
        }
    }
    false
}

/// Is the name at `a..=b` set off by commas after the word before it, "our RE lead, Mr
/// Hussain, is…", "the class teacher, Mr Farouk."? (Not "the SENCO, Aleksandra's mum…",
/// nor a list going on, "with the nurse, Musa with me".)
fn apposition(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    ctx.toks[a].gap == G_COMMA | G_SPACE
        && !ctx.toks[b].poss
        && ctx
            .toks
            .get(b + 1)
            .is_none_or(|t| t.gap & (G_COMMA | G_DOT | G_CLOSE | G_EXCL) != 0)
}
