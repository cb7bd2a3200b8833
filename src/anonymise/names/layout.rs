//! Where a name stands on the page: the speaker of a line in a chat or a script, after a
//! time stamp, at the start of a line or a bullet, an item of a job list, an email's From or
//! To line, a list in brackets.

use super::super::engine::Ctx;
use super::super::lexicon::*;
use super::super::tables::header_above;
use super::super::tokens::*;
use super::base::name_list;

/// Does token `k` start a line (after a time stamp, if any: "[07:45] Jade:") and end with
/// a colon, like a speaker in a script?
pub(super) fn line_speaker(ctx: &Ctx<'_>, k: usize) -> bool {
    // (a title and a surname speak too: "[14:33] Mr Hale: will do")
    // (and a full name: "[Thursday 15:47] Nadia Rahman: reminder…")
    let next_cap = k + 1 < ctx.toks.len()
        && ctx.toks[k + 1].gap == G_SPACE
        && matches!(ctx.toks[k + 1].shape, CAP | UPPER);
    ((starts_line(ctx, k) || time_stamped(ctx, k))
        && ctx.toks[k].shape != DIGIT
        && (colon_after(ctx, k)
            || ((ctx.toks[k].f & TITLE != 0 || next_cap)
                && k + 1 < ctx.toks.len()
                && colon_after(ctx, k + 1))))
        || stamp_header(ctx, k)
}

/// Is token `k` the first word of a line that holds only a name and the time it was sent,
/// as chats are copied from Teams ("Lewis Carr 10:14", "Jo Whitfield 10:15")?
pub(super) fn stamp_header(ctx: &Ctx<'_>, k: usize) -> bool {
    let n = ctx.toks.len();
    // (the name is the line's first word: no time stamp before it)
    if !(k == 0 || ctx.toks[k].gap & G_NL != 0) || !matches!(ctx.toks[k].shape, CAP | UPPER) {
        return false;
    }
    let mut j = k + 1;
    while j < n
        && j - k < 4
        && ctx.toks[j].gap == G_SPACE
        && matches!(ctx.toks[j].shape, CAP | UPPER)
    {
        j += 1;
    }
    j + 1 < n
        && ctx.toks[j].shape == DIGIT
        && ctx.toks[j].gap & G_NL == 0
        && ctx.toks[j + 1].shape == DIGIT
        && ctx.toks[j + 1].gap == G_COLON
        && ctx.word(j + 1).len() == 2
        && ctx.toks.get(j + 2).is_none_or(|t| t.gap & G_NL != 0)
}

/// Does token `k` come straight after a time stamp ("[07:45] Jade", "09:15 Tom")?
pub(super) fn time_stamped(ctx: &Ctx<'_>, k: usize) -> bool {
    k >= 2
        && ctx.toks[k - 1].shape == DIGIT
        && ctx.toks[k - 2].shape == DIGIT
        && ctx.toks[k - 1].gap == G_COLON
        && ctx.word(k - 1).len() == 2
        && ctx.toks[k].gap & (G_SPACE | G_CLOSE) != 0
        && ctx.toks[k].gap & (G_COLON | G_DOT | G_COMMA) == 0
}

/// Is the name ending at token `b` followed by a colon on the same line, straight after it or
/// after a surname's initial ("Precious A: yes hun")?
pub(super) fn colon_after(ctx: &Ctx<'_>, b: usize) -> bool {
    // (the rest of a hyphenated name: "Kerry-Ann: deal")
    let mut b = b;
    while b + 1 < ctx.toks.len()
        && ctx.toks[b + 1].gap == G_HYPHEN
        && ctx.toks[b + 1].gap_len == 1
        && ctx.toks[b + 1].shape == CAP
    {
        b += 1;
    }
    let colon_at = |k: usize| {
        k < ctx.toks.len() && ctx.toks[k].gap & G_COLON != 0 && ctx.toks[k].gap & G_NL == 0
    };
    // (nothing but an emoji may follow: "Michelle: 👍")
    ctx.b[ctx.toks[b].e as usize..]
        .iter()
        .find(|&&c| c != b' ')
        .is_some_and(|&c| c == b':')
        || colon_at(b + 1)
        || (b + 1 < ctx.toks.len()
            && ctx.toks[b + 1].shape == SINGLE
            && ctx.toks[b + 1].gap == G_SPACE
            && colon_at(b + 2))
        // ("Sharon (kitchen): need FSM numbers", "Lesley (PTA): we're doing samosas")
        || (b + 1 < ctx.toks.len()
            && ctx.toks[b + 1].gap & G_OPEN != 0
            && (b + 2..(b + 5).min(ctx.toks.len()))
                .find(|&k| ctx.toks[k].gap & (G_CLOSE | G_NL) != 0)
                .is_some_and(|k| ctx.toks[k].gap & G_CLOSE != 0 && colon_at(k)))
}

/// Is the name `a..=b` a speaker in a dialogue, and not the writer or a member of staff?
pub(super) fn speaker(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    (((starts_line(ctx, a) || time_stamped(ctx, a)) && colon_after(ctx, b)) || stamp_header(ctx, a))
        && ctx.toks[a].f & (ROLE | TITLE | FAMILY) == 0
}

/// Is token `k` the first word of its line, after a time stamp if there is one?
pub(super) fn starts_line(ctx: &Ctx<'_>, k: usize) -> bool {
    let mut j = k;
    while j > 0 && k - j < 3 && ctx.toks[j].gap & G_NL == 0 && ctx.toks[j - 1].shape == DIGIT {
        j -= 1;
    }
    j == 0 || ctx.toks[j].gap & G_NL != 0
}

/// Does the line holding token `k` start with a bullet ("- ", "• ")?
pub(super) fn bulleted(ctx: &Ctx<'_>, k: usize) -> bool {
    ctx.toks[k].gap & G_NL != 0 && ctx.toks[k].gap & (G_HYPHEN | G_OTHER) != 0
}

/// Is the name at token `a` a colleague given a job in a staff job list (`staff_job_list`):
/// the item of its line, with nothing about a child on that line? ("Egg and spoon - Tyler
/// and Amelia (Y2 helpers)" gives the job to pupils.)
pub(super) fn staff_job(ctx: &Ctx<'_>, a: usize) -> bool {
    if !line_item(ctx, a) {
        return false;
    }
    let n = ctx.toks.len();
    let mut s = a;
    while s > 0 && ctx.toks[s].gap & G_NL == 0 {
        s -= 1;
    }
    let mut e = a;
    while e + 1 < n && ctx.toks[e + 1].gap & G_NL == 0 && e - a < 16 {
        e += 1;
    }
    // (the line's grown-up came first, and the names after the next dash are whom they
    // take: "09.10 - phonics - Mrs Okafor - Amira, Kayden, Zofia")
    let after_the_adult = ctx.toks[a].gap & G_HYPHEN != 0
        && (s..a).any(|k| ctx.toks[k].f & TITLE != 0 && ctx.toks[k + 1].shape == CAP);
    !after_the_adult && !(s..=e).any(|k| ctx.toks[k].f & (CHILD | CLASSREF) != 0)
}

/// Is token `k` the item of a "label - item" line ("Sack race - Tash", "Fri - me"): after a
/// dash set off by spaces on its own line, a few words in? (A colon's item is a form's field,
/// "Parent contact: Mrs O'Donnell", and says nothing of the other lines.)
pub(super) fn line_item(ctx: &Ctx<'_>, k: usize) -> bool {
    let g = ctx.toks[k].gap;
    if k == 0 || g & G_NL != 0 || g & (G_HYPHEN | G_SPACE) != G_HYPHEN | G_SPACE || g & G_COLON != 0
    {
        return false;
    }
    let mut s = k - 1;
    while s > 0 && ctx.toks[s].gap & G_NL == 0 && k - s < 6 {
        s -= 1;
    }
    s == 0 || ctx.toks[s].gap & G_NL != 0
}

/// Does some line of a list name the writer or a titled adult as its item ("Fri - me",
/// "Tug of war - Mr Hughes")? Then the list assigns jobs to staff, and its other items
/// ("Mon - Leanne (Y1 phonics)", "Sack race - Tash & Bev") are colleagues.
pub(super) fn staff_job_list(ctx: &Ctx<'_>) -> bool {
    ctx.lines
        && (1..ctx.toks.len()).any(|k| {
            line_item(ctx, k)
                && ((ctx.is_any(k, &["me", "myself"])
                    && ctx.toks.get(k + 1).is_none_or(|t| t.gap & G_NL != 0))
                    || (ctx.toks[k].f & TITLE != 0
                        && ctx.toks.get(k + 1).is_some_and(|t| t.shape == CAP)))
        })
}

/// Is the name at token `a` on the From, To or Cc line of an email pasted in ("From: Owain
/// Pritchard\nTo: Cerys Lloyd; Bethan Hughes\nSubject: …")? Those are the people writing and
/// reading it: staff.
pub(super) fn email_header(ctx: &Ctx<'_>, a: usize) -> bool {
    const FIELDS: &[&str] = &["from", "to", "cc", "bcc", "sent", "subject", "date"];
    let field_line = |s: usize| {
        (s == 0 || ctx.toks[s].gap & G_NL != 0)
            && ctx.is_any(s, FIELDS)
            && ctx.toks.get(s + 1).is_some_and(|t| t.gap & G_COLON != 0)
    };
    let mut s = a;
    while s > 0 && ctx.toks[s].gap & G_NL == 0 && a - s < 16 {
        s -= 1;
    }
    s < a
        && field_line(s)
        && ctx.is_any(s, &["from", "to", "cc", "bcc"])
        // (and another field: "Subject:", "Sent:", one a line)
        && (0..ctx.toks.len().min(200)).any(|k| k != s && field_line(k))
}

/// Is the name at token `a` in a list in brackets after a year group ("Grotto elves – Year 6
/// volunteers (Maya, Ruby-Mae, Oskar)")? The list names that year group's pupils.
pub(super) fn listed_after_a_year_group(ctx: &Ctx<'_>, a: usize) -> bool {
    let (la, _, _) = name_list(ctx, a, true);
    la >= 1
        && ctx.toks[la].gap & G_OPEN != 0
        && ctx.toks[la].gap & G_NL == 0
        && (la.saturating_sub(3)..la).any(|k| {
            ctx.toks[k].f & CLASSREF != 0 && (k + 1..la).all(|j| ctx.toks[j].shape == LOWER)
        })
        // (not its staff or parents: "Year 6 team (Sarah, Jo)", "Y2 TAs (Amber, Ruby)", "Year
        // 6 parents (Sarah, Jo)"; a year group's volunteers and helpers are its pupils)
        && (ctx.toks[la - 1].f & (ROLE | PUBLIC | TITLE | FAMILY) == 0
            || ctx.is_any(
                la - 1,
                &["volunteers", "helpers", "monitors", "prefects", "buddies"],
            ))
        && !ctx.is_any(la - 1, &["staff", "adults"])
}

/// Whose names a column of a table pasted with bars or tabs holds, by its header.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Column {
    /// Headed "Pupils", "Child", "Initials" ("Group | Staff | Pupils | Time").
    Pupils,
    /// Headed "Staff", "Volunteer", "Who delivers" in a table that has a column of pupils
    /// too: the pupils are in theirs.
    GrownUps,
    /// Headed "School", "Venue", "Date", "Day", and the word alone in its cell: a place or a
    /// time, whoever else the table names ("Item | Lent to | School": Millbrook and Hawthorn
    /// are schools; "Pupil | School | Day": Thu is a Thursday).
    NotPeople,
}

/// Which column is the name at tokens `a..=b` in, if it is in a table whose header reads by
/// column? (A "Name" column may hold either: a DBS tracker's volunteers, a class list.)
pub(super) fn table_column(ctx: &Ctx<'_>, a: usize, b: usize) -> Option<Column> {
    const PUPILS: &[&str] = &[
        "pupil", "pupils", "child", "children", "initials", "learner", "learners", "student",
        "students",
    ];
    const ADULTS: &[&str] = &[
        "staff",
        "adult",
        "adults",
        "volunteer",
        "volunteers",
        "lead",
        "teacher",
        "ta",
        "tas",
        "trainer",
        "delivers",
        "keyworker",
    ];
    const NOT_PEOPLE: &[&str] = &[
        "school", "venue", "location", "room", "site", "date", "day", "time", "when",
    ];
    let heads =
        |k: usize| ctx.is_any(k, PUPILS) || ctx.is_any(k, ADULTS) || ctx.is_any(k, NOT_PEOPLE);
    let header = header_above(ctx, ctx.toks[a].s as usize, heads).filter(|h| h.is_grid())?;
    let head = header
        .tokens(ctx)
        .find(|&k| heads(k) && header.heads_the_cell(ctx, k))?;
    if ctx.is_any(head, PUPILS) {
        Some(Column::Pupils)
    } else if ctx.is_any(head, NOT_PEOPLE) {
        // (only a cell that is the word alone: "Baby room, settling Zuri and Amaya" under
        // "Room" names pupils)
        header
            .fills_a_cell(ctx, ctx.toks[a].s as usize, ctx.toks[b].e as usize)
            .then_some(Column::NotPeople)
    } else if header.tokens(ctx).any(|k| ctx.is_any(k, PUPILS)) {
        Some(Column::GrownUps)
    } else {
        None
    }
}
