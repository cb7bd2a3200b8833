//! Cues that a name is a child's: class, age, behaviour, family, support.

use super::super::engine::Ctx;
use super::super::lexicon::*;
use super::super::tokens::*;
use super::*;

/// Evidence (in half-points) from context that the name is a child's, and the reason shown.
pub(super) fn child_evidence(ctx: &Ctx<'_>, a: usize, b: usize) -> (i32, &'static str) {
    let n = ctx.toks.len();
    let mut strong = 0;
    let mut medium = 0;
    let mut why: &'static str = "";
    // (a birthday is not a child's when the post gives the person a grown-up's age:
    // "Carys's birthday is 18th April, she'll be 30"; nor is a son or an eldest: "my son
    // Jack is 20 now", "my eldest, Olivia (29, a nurse now!)")
    // (worked out only where a cue asks: most names have none)
    let grown = std::cell::OnceCell::new();
    let grown_up = || *grown.get_or_init(|| super::adult::grown_up_age(ctx, b));
    // ("two grown-up boys, Dylan (26, a carpenter) and Rhodri", "my adult daughter")
    let grown_up_word = |k: usize| {
        k >= 1
            && (ctx.is_any(k - 1, &["grown", "adult"])
                || (k >= 2 && ctx.is(k - 1, "up") && ctx.is(k - 2, "grown")))
    };
    // (the writer's own family, or the writer's own "lad" or "girl", grown up when given a
    // grown-up's age: "my lad Connor (26) has gone self-employed")
    // (the phrase "my lad" marks both its words)
    let own = |k: usize| {
        const LADS: &[&str] = &["lad", "boy", "girl", "lass"];
        ctx.toks[k].f & OWN_FAMILY != 0
            || (k >= 1 && ctx.is_any(k - 1, &["my", "our"]) && ctx.is_any(k, LADS))
            || (ctx.is_any(k, &["my", "our"]) && ctx.is_any(k + 1, LADS))
    };
    // (a former pupil given a grown-up's age has grown up: "a former pupil, Daniel, now 29")
    let former = |k: usize| k >= 1 && ctx.is_any(k - 1, &["former", "ex"]);
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
        // ("called Ruby", "name is Ruby", but not "her name isn't Susan")
        if f & NAME_SLOT != 0
            && (steps == 1 || (steps == 2 && (ctx.is(k + 1, "is") || ctx.is(k + 1, "as"))))
        {
            strong += 1;
            why = "This looks like a pupil's name: it follows \u{201c}called\u{201d} or \u{201c}named\u{201d}.";
        } else if f & CHILD != 0 && !((own(k) || former(k)) && grown_up()) && !grown_up_word(k) {
            strong += 1;
            why = "This looks like a pupil's name: it is next to a word for a child or pupil.";
        } else if f & CLASSREF != 0 && steps == 1 {
            strong += 1;
            why = "This looks like a pupil's name: it is next to a year group or class.";
        } else if steps == 2
            && ctx.is(k + 1, "of")
            && ctx.is_any(
                k,
                &[
                    "mum", "mam", "mom", "dad", "mother", "father", "parent", "parents", "carer",
                    "carers", "guardian", "stepmum", "stepdad", "gran", "nan", "grandad",
                ],
            )
        {
            // "mum of Ava-Grace emailed": a parent named by their child
            strong += 1;
            why = "This looks like a pupil's name: it is next to a word for a child or pupil.";
        } else if f & FAMILY != 0 && steps == 1 && k > 0 && ctx.toks[k - 1].f & PRONOUN != 0 {
            // "her brother Favour", "his cousin Patsy": a child's family, so a child
            strong += 1;
            why = "This looks like a pupil's name: it is next to a word for a child or pupil.";
        } else if f & (FAMILY | SEN) != 0 && steps <= 2 {
            medium += 1;
        }
    }
    let birth_or_id = |f: u64| f & ID_SCHEME != 0 || (f & BIRTH != 0 && !grown_up());
    // "my little one, Noah", "my youngest, Isla": the writer's own child
    if writers_own_child(ctx, a) && !grown_up() {
        strong += 1;
        why = "This looks like a child's name: the writer's own child.";
    }
    // "Name: Ibrahim Hassan", "d.o.b 12.9.15 for Shay Donnelly", "CHI number … for wee
    // Ruairidh": a record about a child
    // ("Case 2: Tyler Crosbie — improvement noted": a case in notes)
    let case = a >= 2
        && ctx.toks[a].gap & G_COLON != 0
        && ctx.toks[a - 1].shape == DIGIT
        && ctx.is(a - 2, "case");
    // ("Pt: Isla Fraser" on a medical summary)
    if case
        || (a > 0
            && ctx.is_any(a - 1, &["name", "pt", "patient"])
            && ctx.toks[a].gap & G_COLON != 0)
    {
        strong += 1;
        why = "This looks like a pupil's name: it is the name on a record.";
    } else if (a.saturating_sub(8)..a)
        .chain(b + 1..(b + 4).min(n))
        .any(|k| same_sent(ctx, k, a) && birth_or_id(ctx.toks[k].f))
    {
        strong += 1;
        why = "This looks like a pupil's name: it comes with a date of birth or an identifier.";
    }
    // "Epipen care plan: Oliwia Nowak, NHS no 186 091 3903", "ULN for Declan's college
    // application is 2459…": a pupil's identifier or date of birth found on the same line
    if record_nearby(ctx, a, b) {
        strong += 1;
        why = "This looks like a pupil's name: it comes with a date of birth or an identifier.";
    }
    // "Group: AK, JB, Rylee-Jo, Mustafa": an item under a heading about pupils
    if super::initials::in_pupil_section(ctx, a) {
        strong += 1;
        why = "This looks like a pupil's name: it is listed under a heading about pupils.";
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
        if f & BIRTH != 0 && steps <= 2 && !grown_up() {
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
            && ctx.is_any(
                k,
                &[
                    "twins", "triplets", "brothers", "sisters", "kids", "children", "siblings",
                ],
            )
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
                // (but "Birmingham NEC, 18 June" and a table's "Millbrook\t14/11" are dates,
                // and "Harvey Milne, 8/10" a score)
                let date_or_score = ctx.toks.get(k + 1).is_some_and(|t| {
                    t.shape == DIGIT
                        && (t.gap & G_SLASH != 0 || (t.gap & G_DOT != 0 && t.gap & G_SPACE == 0))
                });
                if (2..=18).contains(&v)
                    && (tk.gap & (G_OPEN | G_COMMA) != 0 || prev_age)
                    && ctx.f(k + 1) & MONTH == 0
                    && !date_or_score
                {
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

/// Is there a pupil identifier or a date of birth (already found) within a short distance of
/// the name, with no line break between?
pub(super) fn record_nearby(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    const REACH: usize = 60;
    let (s, e) = (ctx.toks[a].s as usize, ctx.toks[b].e as usize);
    ctx.out.iter().any(|r| {
        r.kind.is_record() && {
            let (lo, hi) = if r.s >= e { (e, r.s) } else { (r.e.min(s), s) };
            hi - lo <= REACH && !ctx.b[lo..hi].contains(&b'\n')
        }
    })
}

/// "my little one, Noah", "my youngest, Isla": the writer's own child, who is a pupil
/// somewhere (unless the post gives a grown-up's age).
fn writers_own_child(ctx: &Ctx<'_>, a: usize) -> bool {
    a >= 3
        && ctx.is(a - 1, "one")
        && ctx.is_any(a - 2, &["little", "youngest", "eldest", "oldest", "middle"])
        && ctx.is(a - 3, "my")
        || a >= 2 && ctx.is_any(a - 1, &["youngest", "eldest", "oldest"]) && ctx.is(a - 2, "my")
}
