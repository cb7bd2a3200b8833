//! Pupils' initials ("A.K. in 4C", "KB hit TW at lunch", "jd in 4b"), and the same initials
//! again in the post.

use super::super::engine::Ctx;
use super::super::lexicon::*;
use super::super::tokens::*;
use super::super::SpanType;
use super::adult::{adult_reading, firm_adult_cue};
use super::base::{acts_up, is_and, pronoun_later};
use super::child::child_evidence;
use super::model::RuleView;
use super::{is_pupil, pupil_cut, push_pupil_name};

/// Initials that stand for a pupil: weighed by the name model with what the rules make of
/// them (a class after them, a heading about pupils, what they do), as names are. Notes
/// name staff by initials too ("cover by JT", "ask SB", "-AH"), so no one cue decides.
pub(in super::super) fn detect_initials(ctx: &mut Ctx<'_>) {
    let n = ctx.toks.len();
    let cut = pupil_cut(ctx.strict);
    let pupils_before = ctx
        .out
        .iter()
        .filter(|r| r.kind == SpanType::ChildName)
        .count();
    let mut found = Vec::new();
    let mut i = 0;
    while i < n {
        let t = ctx.toks[i];
        // (read from the bytes: most tokens are turned away by their shape and length alone)
        let w = &ctx.b[t.s as usize..t.e as usize];
        let (a, mut b) = (i, i);
        let ok_start = match t.shape {
            SINGLE => w != b"I",
            UPPER => {
                w.len() <= 3
                    && t.f & (ACRONYM | STOP | ROLE | SEN | CLASSWORD) == 0
                    && (w.len() == 2 || t.f & WORD == 0)
            }
            // "jd in 4b", "kd and lm (both y10)": two lower-case letters that are no word
            LOWER => {
                w.len() == 2
                    && w.iter().all(u8::is_ascii_lowercase)
                    && t.f
                        & (WORD
                            | STOP
                            | GIVEN
                            | SURNAME
                            | HIGHFREQ
                            | ACRONYM
                            | ROLE
                            | SEN
                            | CLASSWORD
                            | CLASSREF
                            | TITLE
                            | NUMWORD
                            | MONTH)
                        == 0
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
        if super::before_a_rewrite(ctx, b) {
            continue;
        }
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
            // (straight after, a class's code will do too: "AK 4C was upset", "OE 3W +5m")
            if f & CLASSREF != 0
                && (steps > 0 || ctx.toks[k].gap & (G_OPEN | G_COMMA) != 0 || class_code(ctx, k))
            {
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
        // initials a post about pupils describes, or that act up: "Pupil updates – AJ now on
        // report; LP absent 8 days", "K.B. hit T.W. at lunch", "Behaviour log: DH x4, MJ x2",
        // "three Year 4 boys — BT is the engineer", "worked with RJ on … his HFW", "care plan
        // for FA, NHS no …"
        if !hit && ((t.shape == UPPER && a == b) || dotted) {
            hit = in_pupil_section(ctx, a)
                || behaviour_count(ctx, b + 1)
                // (not a thing the post names: "our MIS spat out…", "the EA ran…")
                || (acts_up(ctx, b + 1) && (a == 0 || ctx.toks[a - 1].f & DETERMINER == 0))
                // "J.M. DOB 02/09/2022", "KT UPN …": initials on a pupil's record
                || (b + 1 < n
                    && (ctx.toks[b + 1].f & BIRTH != 0 || ctx.is_any(b + 1, &["upn", "uln"])))
                || (a > 0
                    && ctx.toks[a - 1].f & CHILD != 0
                    && ctx.toks[a].gap & (G_COLON | G_HYPHEN | G_OTHER) != 0)
                || (!ctx.is(b + 1, "to")
                    && a > 0
                    && ((ctx.is(a - 1, "with") && pronoun_later(ctx, b))
                        || (ctx.is(a - 1, "for") && super::child::record_nearby(ctx, a, b))));
        }
        // "T.O. – he's settled into the unit", "let T.M. go to the toilet on his own": dotted
        // initials the post calls he or she
        if dotted && !hit {
            let sid = ctx.toks[b].sid;
            hit = ctx.toks[b + 1..(b + 9).min(n)]
                .iter()
                .take_while(|t| t.sid == sid)
                .any(|t| t.f & PRONOUN != 0);
        }
        // (a lone letter is a word or a grade as often as a pupil, "K (Y1)", and "e.g.",
        // "P.E." are abbreviations: the rules alone decide those)
        let kind = match t.shape {
            _ if dotted => 2,
            UPPER => 1,
            LOWER => 3,
            _ => 0,
        };
        // ("R.J. Palacio", "J. Mensah (sick)": initials before a surname are the name's,
        // which the name rules read)
        let before_surname = b + 1 < n
            && matches!(ctx.toks[b + 1].shape, CAP | UPPER)
            && ctx.toks[b + 1].gap & G_SPACE != 0
            && ctx.toks[b + 1].gap & (G_NL | G_COMMA | G_HYPHEN | G_OPEN | G_COLON) == 0;
        let pupil =
            if kind == 0 || (dotted && (before_surname || (b == a + 1 && abbreviation(ctx, a)))) {
                hit
            } else {
                weigh(ctx, (a, b), kind, hit, pupils_before, cut)
            };
        if pupil {
            found.push((a, b, dotted));
        }
    }
    if found.is_empty() {
        return;
    }
    // in a list of initials with classes, initials that spell a short word are initials too:
    // "JP 6A, SO 6A, AM 6B", "MS (1R) ✓A✓ TO (1P)"
    for k in 0..n {
        let t = ctx.toks[k];
        if t.shape == UPPER
            && ctx.word(k).len() == 2
            && t.f & (STOP | TITLE) != 0
            && t.f & (ACRONYM | ROLE | SEN | CLASSWORD) == 0
            && k + 1 < n
            && class_code(ctx, k + 1)
            && (k == 0 || class_code(ctx, k - 1) || ctx.toks[k].gap & (G_NL | G_COLON) != 0)
            && !found.iter().any(|&(a, b, _)| (a..=b).contains(&k))
        {
            found.push((k, k, false));
        }
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
    // and the rest of a list of initials, each with a figure ("Reading ages after the booster:
    // JB 7y2m, KO 8y0m, FS 6y11m", "Spellings: TM 14/20, RB 18/20"): the list is of one kind
    let figure = |k: usize| k < n && matches!(ctx.toks[k].shape, DIGIT | ALNUM);
    // (a figure's parts are joined by a slash or a point: "14/20", "9.5")
    let joined = |k: usize| figure(k) && ctx.toks[k].gap & (G_SPACE | G_COMMA | G_NL) == 0;
    let figure_after = |a: usize| {
        let mut e = a + 1;
        if !figure(e) {
            return None;
        }
        while joined(e + 1) {
            e += 1;
        }
        Some(e)
    };
    // (the next item of such a list, and the one before: initials, then a figure)
    let next_item = |a: usize| {
        figure_after(a)
            .map(|e| e + 1)
            .filter(|&k| k < n && ctx.toks[k].gap & G_COMMA != 0 && figure_after(k).is_some())
    };
    let item_before = |a: usize| {
        if ctx.toks[a].gap & G_COMMA == 0 {
            return None;
        }
        let mut s = a.checked_sub(1)?;
        while s > 0 && joined(s) {
            s -= 1;
        }
        (figure(s) && s > 0).then(|| s - 1)
    };
    let mut listed: Vec<usize> = found
        .iter()
        .filter(|&&(a, b, _)| a == b && figure_after(a).is_some())
        .map(|&(a, _, _)| a)
        .collect();
    while let Some(a) = listed.pop() {
        for k in next_item(a).into_iter().chain(item_before(a)) {
            if !covered[k] && pairable(k) {
                covered[k] = true;
                found.push((k, k, false));
                listed.push(k);
            }
        }
    }
    for (a, b, dotted) in found {
        let mut e = ctx.toks[b].e as usize;
        if dotted && ctx.b.get(e) == Some(&b'.') {
            e += 1;
        }
        push_pupil_name(
            ctx,
            a,
            b,
            e,
            "Initials together with a class can identify a pupil.",
        );
    }
}

/// The name model's answer for the initials `a..=b` of kind `kind` (see
/// `RuleView::initials`), with the rules' answer `rule` among its features.
fn weigh(
    ctx: &mut Ctx<'_>,
    (a, b): (usize, usize),
    kind: i32,
    rule: bool,
    pupils_before: usize,
    cut: f32,
) -> bool {
    let mut evidence = None;
    let adult = adult_reading(
        ctx,
        a,
        b,
        firm_adult_cue(ctx, a, b).is_some(),
        &mut evidence,
    );
    let ev = evidence.unwrap_or_else(|| child_evidence(ctx, a, b)).0;
    let subject = acts_up(ctx, b + 1);
    let post = if ctx.child_ctx > 0 { 2 } else { 1 };
    let score = i32::from(subject) * 2 + ev + post;
    let view = RuleView {
        subject,
        best: 0,
        full: false,
        ev,
        post,
        score,
        adults_before: 0,
        pupils_before,
        chat: ctx.chat,
        adult,
        work: false,
        last: 0,
        initials: kind,
        initials_rule: rule,
    };
    // (whether the model is sure of them is not asked: no rule reads it for initials)
    let cuts = (cut, f32::INFINITY);
    is_pupil(ctx, a, b, &view, if rule { 6 } else { 0 }, cuts).is_some()
}

/// "e.g.", "i.e.", "a.m.", "P.S.", "P.E.": two letters with dots that are an abbreviation.
fn abbreviation(ctx: &Ctx<'_>, a: usize) -> bool {
    const ABBREVIATIONS: &[&[u8; 2]] = &[
        b"eg", b"ie", b"am", b"pm", b"nb", b"ps", b"cf", b"vs", b"uk", b"us", b"bc", b"ad", b"ok",
        b"pe", b"re", b"dt", b"it", b"rs", b"mr", b"ms", b"dr", b"st", b"tv", b"pc",
    ];
    let pair = [
        ctx.word(a).as_bytes()[0].to_ascii_lowercase(),
        ctx.word(a + 1).as_bytes()[0].to_ascii_lowercase(),
    ];
    ABBREVIATIONS.iter().any(|x| **x == pair)
}

/// Does token `k` start an item under a heading about pupils ("Pupil updates –", "Behaviour
/// log summary wk 3:", "Nurture group review (Autumn 2):", "Group:"), before any heading for adults
/// ("Action:", "Staff:")? Items start a line, a sentence or a clause.
pub(super) fn in_pupil_section(ctx: &Ctx<'_>, k: usize) -> bool {
    let t = ctx.toks[k];
    if k == 0 || (t.gap & (G_NL | G_DOT | G_SEMI | G_COLON | G_COMMA | G_HYPHEN | G_OTHER) == 0) {
        return false;
    }
    // (an action owner outside such a heading is staff: "KP to chase…")
    let mut j = k;
    while j > 0 && k - j < 40 {
        j -= 1;
        // (a label's colon or dash has a space after it: not the colon in "1:1")
        let sep = ctx.toks[j + 1].gap;
        if sep & (G_COLON | G_HYPHEN | G_OTHER) != 0 && sep & (G_SPACE | G_NL) != 0 {
            // a heading ends at `j`: look at its few words on the same line
            let mut h = j;
            let mut pupils = false;
            let mut group = false;
            let mut adults = false;
            loop {
                let f = ctx.toks[h].f;
                pupils |= f & (CHILD | BEHAV | BEHAV_STRONG) != 0
                    || ctx.is(h, "caseload")
                    || ctx.is(h, "nurture")
                    || ctx.is(h, "behaviour");
                // ("Group: AK, JB, Rylee-Jo", "P5 group:", but only before a colon)
                // (not the Welsh "yr", "the")
                group |= f & CLASSREF != 0 || ctx.is(h, "group") || ctx.is(h, "class");
                adults |= f & (MINUTES | ROLE | TITLE) != 0
                    || ctx.is(h, "action")
                    || ctx.is(h, "actions");
                if h == 0 || j - h >= 6 || ctx.toks[h].gap & (G_NL | G_DOT | G_COLON) != 0 {
                    break;
                }
                h -= 1;
            }
            // (a heading starts a line or a sentence: "Autumn leaves art with Reception –
            // tissue paper, PVA" has none)
            let starts = h == 0 || ctx.toks[h].gap & G_NL != 0 || ctx.toks[h].sent;
            if adults {
                return false;
            }
            if starts && (pupils || (group && sep & G_COLON != 0)) {
                return true;
            }
        }
    }
    false
}

/// "DH x4", "MJ x2": a count of incidents after initials, as in a behaviour log.
fn behaviour_count(ctx: &Ctx<'_>, k: usize) -> bool {
    k < ctx.toks.len() && ctx.child_ctx > 0 && {
        let w = ctx.word(k).as_bytes();
        w.len() >= 2 && (w[0] == b'x' || w[0] == b'X') && w[1..].iter().all(u8::is_ascii_digit)
    }
}

/// Is token `k` a class's code: a year and a letter or two ("4C", "10B", "(1R)")?
fn class_code(ctx: &Ctx<'_>, k: usize) -> bool {
    let w = ctx.word(k).as_bytes();
    ctx.toks[k].f & CLASSREF != 0
        && (2..=4).contains(&w.len())
        && w[0].is_ascii_digit()
        && w[w.len() - 1].is_ascii_alphabetic()
}
