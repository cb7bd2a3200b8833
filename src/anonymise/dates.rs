//! Dates of birth: numeric and written dates, counted only near a birth cue.

use super::engine::Ctx;
use super::lexicon::*;
use super::tables::header_above;
use super::tokens::*;
use super::SpanType;

fn small_num(w: &[u8]) -> Option<u32> {
    if w.is_empty() || w.len() > 4 || !w.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(w.iter().fold(0, |a, c| a * 10 + u32::from(c - b'0')))
}

/// A day written as "12", "12th", "1st", "2nd", "3rd", or with a Welsh ordinal's ending:
/// "1af", "2il", "3ydd", "5ed", "7fed", "11eg", "21ain".
fn day_num(w: &[u8]) -> Option<u32> {
    let digits = w.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    const ENDINGS: &[&[u8]] = &[
        b"st", b"nd", b"rd", b"th", b"af", b"il", b"ydd", b"ed", b"fed", b"eg", b"ain",
    ];
    let rest = &w[digits..];
    if !rest.is_empty() && !ENDINGS.iter().any(|e| rest.eq_ignore_ascii_case(e)) {
        return None;
    }
    let v = small_num(&w[..digits])?;
    (1..=31).contains(&v).then_some(v)
}

/// This year, from the clock (pupils are born within the last twenty or so).
fn current_year() -> u32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    1970 + (secs / 31_556_952) as u32
}

fn year_num(w: &[u8]) -> Option<u32> {
    let v = small_num(w)?;
    if (w.len() == 4 && (1900..=2099).contains(&v)) || w.len() == 2 {
        Some(v)
    } else {
        None
    }
}

pub(super) fn detect_dates(ctx: &mut Ctx<'_>) {
    let n = ctx.toks.len();
    let mut found: Vec<(usize, usize)> = Vec::new();
    let mut last_dob: Option<(usize, usize)> = None;
    // (the end of a range of dates: "between 1 April and 31 August")
    let mut range_end: Option<usize> = None;
    // (read from the clock once a scan, and only if a date has a four-digit year)
    let this_year = std::cell::OnceCell::new();
    let this_year = || *this_year.get_or_init(current_year);
    // (where the lines under a heading about birthdays start, read once a scan if needed)
    let heading_end = std::cell::OnceCell::new();
    let heading_end = || *heading_end.get_or_init(|| birthday_heading_end(ctx));
    let mut i = 0;
    while i < n {
        let t = ctx.toks[i];
        // every date has a number or a month name in its first token, or is a holiday with
        // its year
        let holiday = t.shape == CAP && a_holiday_and_year(ctx, i);
        if !matches!(t.shape, DIGIT | ALNUM) && t.f & MONTH == 0 && !holiday {
            i += 1;
            continue;
        }
        let w = ctx.word(i).as_bytes();
        let mut span: Option<(usize, usize)> = None;
        // numeric: 12/03/2015, 12-3-15, 12.03.2015, 2015-03-12
        if t.shape == DIGIT && i + 1 < n {
            let t1 = ctx.toks[i + 1];
            // (a day and month may end the post: "…Aisha 19 May, Ffion 27.05")
            let t2 = ctx.toks.get(i + 2).copied().unwrap_or_default();
            let sep1 = t1.gap;
            let sep2 = t2.gap;
            if t1.shape == DIGIT
                && t2.shape == DIGIT
                && t1.gap_len == 1
                && t2.gap_len == 1
                && sep1 == sep2
                && matches!(sep1, G_SLASH | G_HYPHEN | G_DOT)
            {
                let a = small_num(w);
                let m = small_num(ctx.word(i + 1).as_bytes());
                let c = ctx.word(i + 2).as_bytes();
                if let (Some(a), Some(m)) = (a, m) {
                    let dmy = w.len() <= 2
                        && (1..=31).contains(&a)
                        && (1..=31).contains(&m)
                        && (a <= 12 || m <= 12)
                        && year_num(c).is_some();
                    let ymd = w.len() == 4
                        && (1..=12).contains(&m)
                        && small_num(c).is_some_and(|d| (1..=31).contains(&d))
                        && c.len() <= 2;
                    if dmy || ymd {
                        span = Some((i, i + 2));
                    }
                }
            } else if t1.shape == DIGIT
                && t1.gap_len == 1
                && matches!(sep1, G_SLASH | G_DOT)
                && day_num(w).is_some()
            {
                // 12/03 (no year): only counts right after a birth cue, or as the day a child
                // reaches an age ("turns 4 on 21/04")
                let m = small_num(ctx.word(i + 1).as_bytes());
                // (or after a name, further along a list of birthdays: "May birthdays: Oliver
                // 3rd May, Aisha 19 May, Ffion 27.05")
                let listed = i > 0
                    && ctx.toks[i - 1].shape == CAP
                    && ctx.toks[i - 1].f & GIVEN != 0
                    && ctx.toks[i - 1].f & (TITLE | MONTH | WHEN) == 0
                    && last_dob
                        .is_some_and(|(_, pe)| ctx.toks[pe].sid == ctx.toks[i].sid && i - pe <= 6);
                // (or a line of a name and the day under a heading about birthdays: "Fatima –
                // 14/11")
                let under_heading =
                    || heading_end().is_some_and(|h| i >= h) && name_line(ctx, i, i + 1);
                if m.is_some_and(|m| (1..=12).contains(&m))
                    && i > 0
                    && (ctx.f(i - 1) & BIRTH != 0
                        || turns_an_age_on(ctx, i)
                        || an_age_today_before(ctx, i)
                        || listed
                        || under_heading())
                {
                    span = Some((i, i + 1));
                }
            }
        }
        // written: 12th (of) March (,) 2015 | March 12th(,) 2015 | March 2015
        // ("may" in lower case is a month only with a year after it: "born 3rd may 2016")
        let year_after = |k: usize| {
            k + 1 < n
                && ctx.toks[k + 1].shape == DIGIT
                && ctx.word(k + 1).len() == 4
                && year_num(ctx.word(k + 1).as_bytes()).is_some()
        };
        if holiday {
            span = Some((i, i + 2));
        }
        if span.is_none() {
            if let Some(_d) = day_num(w) {
                let mut k = i + 1;
                if ctx.is(k, "of") {
                    k += 1;
                }
                // (the month in the same phrase: not "Class 2 (Jan–Mar)"; the Welsh May and
                // September, "Mai" and "Medi", are also names, so a month only between a day
                // and a year: "3ydd Mai 2021")
                if k < n
                    && ((ctx.f(k) & MONTH != 0
                        && (ctx.toks[k].shape == CAP || !ctx.is(k, "may") || year_after(k)))
                        || (ctx.is_any(k, &["mai", "medi"]) && year_after(k)))
                    && ctx.toks[k].gap & (G_OPEN | G_CLOSE | G_NL) == 0
                {
                    let mut e = k;
                    // (not past a bracket or a line: "MINE today (3rd Feb) 🎂 42" is an age)
                    if k + 1 < n
                        && year_num(ctx.word(k + 1).as_bytes()).is_some()
                        && ctx.toks[k + 1].shape == DIGIT
                        && ctx.toks[k + 1].gap & (G_CLOSE | G_OPEN | G_NL) == 0
                    {
                        e = k + 1;
                    }
                    span = Some((i, e));
                }
            } else if t.f & MONTH != 0
                && (t.shape == CAP || !ctx.is(i, "may") || year_after(i))
                && i + 1 < n
            {
                let w1 = ctx.word(i + 1).as_bytes();
                if day_num(w1).is_some() && ctx.toks[i + 1].gap & (G_DOT | G_EXCL) == 0 {
                    let mut e = i + 1;
                    if i + 2 < n
                        && ctx.toks[i + 2].shape == DIGIT
                        && ctx.word(i + 2).len() == 4
                        && year_num(ctx.word(i + 2).as_bytes()).is_some()
                    {
                        e = i + 2;
                    }
                    span = Some((i, e));
                } else if w1.len() == 4 && year_num(w1).is_some() && ctx.toks[i + 1].shape == DIGIT
                {
                    span = Some((i, i + 1));
                }
            }
        }
        if let Some((a, e)) = span {
            // a birth cue nearby: "born", "DOB", "birthday", "date of birth"; but "my
            // birthday (is)" is the writer's own, and "summer-born" is a kind of child
            let mut cue = false;
            // (the year, first or last, "9 Feb 2013", "2016-09-14", born 2 to `age` years ago)
            let born_within = |age: u32| born_between(ctx, a, e, this_year(), 2, age);
            // (a writer in the sentence was not born in the last sixteen years: "born 01.05.24
            // in the Jessop Wing 💕 I am a nana of 5 now!" is the twins' birthday)
            let born_lately = born_between(ctx, a, e, this_year(), 0, 16)
                || born_between_yy(ctx, a, e, this_year(), 0, 16);
            let birth = |k: usize| birth_cue(ctx, k, !born_lately);
            // (a birthday the writer gives as theirs with a pupil's year is a pupil writing:
            // "My birthday is 19 August 2015" in a pupil passport)
            let young = born_within(16);
            // (a written-out year reaches further: "birthday to my little superstar Jaxon
            // who turned 6 today!!! (14.05.2018)")
            // (a two-digit year read as this century)
            let pupil_year_yy = born_between_yy(ctx, a, e, this_year(), 3, 19);
            // (and so does a two-digit one of a pupil's birth year: "date of birth for Mariam
            // Yusuf in Reception for the flu spray list – is it 4.7.19?")
            let lo = a.saturating_sub(if ctx.word(e).len() == 4 || pupil_year_yy {
                16
            } else {
                8
            });
            // (a child's age said after it makes even "my birthday" a child's: "Noah told the
            // class 'my birthday is 9 April, I'll be 7'")
            let child_age_after = std::cell::OnceCell::new();
            let child_age_after = || *child_age_after.get_or_init(|| child_years_after(ctx, e));
            // ("it's his birthday. It isn't. (It's actually 19 November.)": the date the
            // birthday is said to be, a sentence or two on)
            let it_is = {
                let mut j = a;
                if j >= 1 && ctx.is_any(j - 1, &["actually", "really", "definitely"]) {
                    j -= 1;
                }
                // ("it's" is read as "it" with a possessive's 's)
                j >= 1 && (ctx.is(j - 1, "its") || (ctx.is(j - 1, "it") && ctx.toks[j - 1].poss))
            };
            for k in lo..a {
                // (a pupil's birth year reaches past a short exclamation: "Happy Birthday
                // Amara! 8 today! 🎂 14/06/2016")
                if (birth(k) && ctx.toks[k].sid + 1 + u32::from(it_is) >= ctx.toks[a].sid)
                    || (young
                        && ctx.toks[k].f & BIRTH != 0
                        && ctx.toks[k].sid + 2 >= ctx.toks[a].sid)
                    || (ctx.toks[k].f & BIRTH != 0
                        && ctx.toks[k].sid == ctx.toks[a].sid
                        && child_age_after())
                {
                    cue = true;
                }
            }
            // "Darius is 16 on the 4th of May", "Maya turns 7 on 3rd March": the day a child
            // reaches an age is their birthday
            cue = cue
                || turns_an_age_on(ctx, a)
                || an_age_today_before(ctx, a)
                || a_baby_arrived(ctx, a);
            for k in (e + 1)..(e + 4).min(n) {
                if birth(k) && ctx.toks[k].sid == ctx.toks[e].sid {
                    cue = true;
                }
            }
            // a second date in the sentence of a date of birth is one too: "it says 7 Nov
            // 2018 but it should be 17 Nov 2018"
            if let Some((_, pe)) = last_dob {
                if ctx.toks[pe].sid == ctx.toks[a].sid && a - pe <= 12 {
                    cue = true;
                }
            }
            cue = cue || table_row_with_class(ctx, a, e);
            // a table with a "DOB" column: the dates in that column are dates of birth, and
            // a date in another one ("Date arrived") is not
            if let Some(in_birth_column) = birth_column(ctx, a) {
                cue = in_birth_column;
            }
            let pupil_year = born_within(19);
            // "Transition – Zofia Kamińska, 9 Feb 2013, moving to…", "Alfie Turner –
            // 2016-09-14": a full date of a pupil's age straight after a person's name is
            // their date of birth
            // (or a first name alone, "Ianto – 21/08/2018 – eczema", "Efa (12.10.2021)", a
            // table's cells, "Rowan Fleming | 15/01/2013", and a two-digit year of a pupil's
            // birth, "Medical plan update: Seren Howells, 22.03.17, type 1 diabetes")
            let set_off = a >= 1
                && ctx.toks[a].gap & G_NL == 0
                && (ctx.toks[a].gap & (G_COMMA | G_HYPHEN | G_OPEN) != 0 || bar_before(ctx, a));
            let first_name = |k: usize| {
                ctx.toks[k].shape == CAP
                    && ctx.toks[k].f & GIVEN != 0
                    && ctx.toks[k].f & (TITLE | MONTH | WHEN) == 0
                    && !(k > 0 && ctx.toks[k - 1].f & TITLE != 0)
            };
            // (or a first name and an initial: "Theo B  22.03.17  ASD  SALT")
            let full_name = a >= 2
                && matches!(ctx.toks[a - 1].shape, CAP | SINGLE)
                && ctx.toks[a - 1].gap == G_SPACE
                && first_name(a - 2);
            let named = full_name || (a >= 1 && first_name(a - 1));
            if !cue
                && set_off
                && (pupil_year || pupil_year_yy)
                && (named || row_of_a_named_record(ctx, a))
            {
                cue = true;
            }
            // "Hassan Ali 15.08.16 Flat 3, …": a record's fields side by side, a full name and
            // then a full date of a pupil's birth year (a two-digit year read as this century)
            // (or a first name alone starting its line, as notes are typed, in lower case too:
            // "seren 5/9/17 lives w her nain")
            let line_starts_with_name = a >= 1
                && (a == 1 || ctx.toks[a - 1].gap & G_NL != 0)
                && (first_name(a - 1)
                    || (ctx.lower_case_writer
                        && ctx.toks[a - 1].shape == LOWER
                        && ctx.toks[a - 1].f & GIVEN != 0
                        && ctx.toks[a - 1].f & (TITLE | MONTH | WHEN) == 0));
            if !cue
                && ctx.toks[a].gap == G_SPACE
                && (full_name || line_starts_with_name)
                && pupil_year_yy
            {
                cue = true;
            }
            // "DOBs for the trip paperwork I'm finishing before my course: Tobiah 17.06.15,
            // Nia 02.11.15": dates of a pupil's birth year in what a birth cue heads with a colon
            // (the writer may be in the heading: a pupil's year says whose dates they are)
            if !cue && (pupil_year || pupil_year_yy) {
                let sid = ctx.toks[a].sid;
                let colon = (a.saturating_sub(30)..=a)
                    .rev()
                    .take_while(|&k| ctx.toks[k].sid + 8 >= sid)
                    .find(|&k| ctx.toks[k].gap & G_COLON != 0);
                if let Some(c) = colon.filter(|&c| c > 0) {
                    let head = ctx.toks[c - 1].sid;
                    cue = (c.saturating_sub(16)..c).any(|k| {
                        ctx.toks[k].sid == head
                            && ctx.toks[k].f & BIRTH != 0
                            && !(k > 0 && ctx.is_any(k - 1, &["my", "staff", "team", "famous"]))
                    });
                }
            }
            // "Birthday display for Class 2:\nOscar – 4 Jan\nLeyla – 19 Feb": a list of names
            // and dates under a heading about birthdays (the date set off, or ending its line:
            // "class birthday list… It's got:\nEvie Stokes 4th Jan\nYasmin 17th Jan")
            let ends_line = ctx.toks.get(e + 1).is_none_or(|t| t.gap & G_NL != 0);
            // (or a line that is only a name and the date, whatever the name: "Mo 3rd Feb")
            let name_line = name_line(ctx, a, e);
            if !cue && (set_off || ends_line) && (named || name_line) && ctx.lines {
                cue = (0..a.min(12))
                    .take_while(|&k| k == 0 || ctx.toks[k].gap & G_NL == 0)
                    .any(birth)
                    // (a heading that names the writer still heads the lines below it:
                    // "Birthday list for the class calendar, Jen asked me to check:\nOlly – 3rd
                    // Oct")
                    || heading_end().is_some_and(|h| a >= h);
            }
            // "Form says 03.02.2017 but SEEMiS has 02.03.2017 for Aarav": a full date of a
            // pupil's birth year (3 to 19 years ago) is a date of birth unless it is given
            // as the day something happened ("issued on 14/02/2019", "started 01.09.2019")
            if !cue
                && e >= a + 2
                && born_between(ctx, a, e, this_year(), 3, 19)
                && !happened_on(ctx, a)
            {
                cue = true;
            }
            // "2 Feb 1975, a vintage year": born too long ago to be a pupil (and "12 May
            // 1820", a year before any this filter reads as one)
            if ctx.word(e).len() == 4
                && year_num(ctx.word(e).as_bytes()).is_some_and(|y| y + 20 < this_year())
                || ctx.toks.get(e + 1).is_some_and(|t| {
                    t.shape == DIGIT
                        && t.gap == G_SPACE
                        && t.e - t.s == 4
                        && year_num(ctx.word(e + 1).as_bytes()).is_none()
                })
            {
                cue = false;
            }
            // "Malala Yousafzai (12 July)": a famous person's birthday
            if a > 0 && ctx.toks[a].gap & G_OPEN != 0 && ctx.toks[a - 1].f & ENTITY != 0 {
                cue = false;
            }
            // "(b. 7.4.15)": born, abbreviated
            if a > 0 && ctx.is(a - 1, "b") && ctx.toks[a].gap & G_DOT != 0 {
                cue = true;
            }
            // "Opened 5 September 2015": a building's birthday
            if a > 0 && ctx.is_any(a - 1, BEGAN) {
                cue = false;
            }
            // "Carys's birthday is 18th April, she'll be 30": a grown-up's birthday (a date
            // with no year; a pupil's year would say otherwise)
            if cue && ctx.word(e).len() != 4 && grown_up_years_after(ctx, e) {
                cue = false;
            }
            // ... or before it, or in the place of its year: "Joint birthday drinks for me (45
            // on 9th Feb)", "my 50th birthday (12 January", "14th November, 41 today"
            if cue && !young && (grown_up_years_before(ctx, a) || an_age_for_a_year(ctx, a, e)) {
                cue = false;
            }
            // and the writer's own: "Mine's 22nd March", "mine is 3 May", "MINE today (3rd
            // Feb)"
            let owner = if a >= 2 && ctx.is_any(a - 1, &["is", "today"]) {
                a - 2
            } else {
                a.saturating_sub(1)
            };
            if cue && !young && a >= 1 && ctx.is(owner, "mine") {
                cue = false;
            }
            // "children born between 1 April and 31 August": a range of dates, no one's
            // birthday
            let range_from = a > 0 && ctx.is(a - 1, "between") && ctx.is(e + 1, "and");
            let range_to = a >= 2 && ctx.is(a - 1, "and") && range_end == Some(a - 2);
            if range_from || range_to {
                cue = false;
            }
            if range_from {
                range_end = Some(e);
            }
            if cue {
                last_dob = Some((a, e));
                found.push((ctx.toks[a].s as usize, ctx.toks[e].e as usize));
            }
            i = e + 1;
        } else {
            i += 1;
        }
    }
    if !found.is_empty() {
        excel_serials_beside(ctx, &mut found, this_year());
    }
    for (s, e) in found {
        ctx.push(
            s,
            e,
            SpanType::DateOfBirth,
            "This looks like a child's date of birth.",
            "[date removed]",
        );
    }
}

/// A column of dates of birth pasted from a spreadsheet can hold a date as Excel stores it, a
/// count of days ("Shreya Patel\t42501" for 12 May 2016). Where a post already has a date of
/// birth, a five-digit number that ends a row after a tab or a bar, and is a day of the last
/// twenty years so counted, is one too.
fn excel_serials_beside(ctx: &Ctx<'_>, found: &mut Vec<(usize, usize)>, this_year: u32) {
    // (day 1 is 1 January 1900, and a year is 365.25 days on average)
    let day_of = |year: u32| ((year - 1900) as f64 * 365.25) as u32 + 2;
    let (first, last) = (
        day_of(this_year.saturating_sub(20).max(1900)),
        day_of(this_year + 1),
    );
    for k in 1..ctx.toks.len() {
        let t = ctx.toks[k];
        let w = ctx.word(k).as_bytes();
        if t.shape == DIGIT
            && w.len() == 5
            && ctx.toks.get(k + 1).is_none_or(|u| u.gap & G_NL != 0)
            && cell_break_before(ctx, k)
            && (first..last).contains(&w.iter().fold(0, |a, c| a * 10 + u32::from(c - b'0')))
        {
            found.push((t.s as usize, t.e as usize));
        }
    }
}

/// Does the date `a..=e` have a four-digit year, first or last, `youngest` to `oldest`
/// years ago?
fn born_between(
    ctx: &Ctx<'_>,
    a: usize,
    e: usize,
    this_year: u32,
    youngest: u32,
    oldest: u32,
) -> bool {
    [a, e].iter().any(|&k| {
        ctx.word(k).len() == 4
            && year_num(ctx.word(k).as_bytes())
                .is_some_and(|y| years_ago_between(y, this_year, youngest, oldest))
    })
}

/// Is `year` `youngest` to `oldest` years before `this_year`?
fn years_ago_between(year: u32, this_year: u32, youngest: u32, oldest: u32) -> bool {
    year + oldest >= this_year && year + youngest <= this_year
}

/// The same for a date whose year, last, has two digits ("22.03.17"), read as this
/// century's.
fn born_between_yy(
    ctx: &Ctx<'_>,
    a: usize,
    e: usize,
    this_year: u32,
    youngest: u32,
    oldest: u32,
) -> bool {
    e >= a + 2
        && ctx.word(e).len() == 2
        && small_num(ctx.word(e).as_bytes())
            .is_some_and(|y| years_ago_between(y + 2000, this_year, youngest, oldest))
}

/// What happened on a date that is no birthday, said just before it: "Opened 5 September
/// 2015", "joined 03/09/2012".
const BEGAN: &[&str] = &[
    "opened",
    "founded",
    "established",
    "built",
    "started",
    "joined",
];

/// Is the date at token `a` introduced as the day something happened or is due: "on",
/// "since", "started", "issued", "expires", "closing date", "w/c"?
fn happened_on(ctx: &Ctx<'_>, a: usize) -> bool {
    const EVENT: &[&str] = &[
        "on",
        "from",
        "since",
        "until",
        "till",
        "by",
        "before",
        "after",
        "in",
        "of",
        "at",
        "starts",
        "start",
        "starting",
        "issued",
        "expired",
        "expires",
        "expiry",
        "dated",
        "date",
        "deadline",
        "closing",
        "renewed",
        "completed",
        "updated",
        "signed",
        "sent",
        "received",
        "reviewed",
        "held",
        "diagnosed",
        "arrived",
        "left",
        "moved",
        "c",
        "commencing",
        "ending",
        "due",
        "effective",
        "meeting",
        "inset",
        "training",
    ];
    (a.saturating_sub(2)..a).any(|k| ctx.is_any(k, BEGAN) || ctx.is_any(k, EVENT))
}

/// Is the date at token `a` the day someone reaches an age: "is 16 on the 4th of May",
/// "turns 7 on 3rd March", "will be 5 on 12/09", "turns five on 12 June", "was 3 on the 8th
/// of November"?
fn turns_an_age_on(ctx: &Ctx<'_>, a: usize) -> bool {
    let mut k = a;
    if k >= 1 && ctx.is(k - 1, "the") {
        k -= 1;
    }
    k >= 3
        && ctx.is(k - 1, "on")
        && ((ctx.toks[k - 2].shape == DIGIT
            && small_num(ctx.word(k - 2).as_bytes()).is_some_and(|n| (1..=19).contains(&n)))
            || ctx.toks[k - 2].f & NUMWORD != 0)
        && (ctx.is_any(k - 3, &["is", "turns", "turn", "turning", "be", "was", "turned"])
            // ("He's seven on the 12th of March", "Little Aylin's 7 on 12th June")
            || (ctx.toks[k - 3].poss
                && (ctx.is_any(k - 3, &["he", "she"])
                    || (ctx.toks[k - 3].shape == CAP && ctx.toks[k - 3].f & GIVEN != 0)))
            // (the tokens split "he's" into "he" and its 's; typed without the apostrophe, "hes")
            || ctx.is_any(k - 3, &["hes", "shes"]))
        || child_birthday_on(ctx, k)
}

/// Is the date at token `k` (after "on") a child's birthday named by its ordinal: "Nia's 5th
/// is on 3rd October", "his 7th is on the 12th"? (A grown-up's is "her 40th".)
fn child_birthday_on(ctx: &Ctx<'_>, k: usize) -> bool {
    k >= 4
        && ctx.is(k - 1, "on")
        && ctx.is(k - 2, "is")
        && ctx.word(k - 3).bytes().any(|c| c.is_ascii_alphabetic())
        && day_num(ctx.word(k - 3).as_bytes()).is_some_and(|n| n <= 17)
        && (ctx.toks[k - 4].poss || ctx.is_any(k - 4, &["his", "her"]))
}

/// Is token `i` a holiday named with its year, a day no one need write as a number: "born on
/// Christmas Day 2022", "Boxing Day 2019"?
fn a_holiday_and_year(ctx: &Ctx<'_>, i: usize) -> bool {
    ctx.is_any(i, &["christmas", "boxing"])
        && ctx.is_any(i + 1, &["day", "eve"])
        && ctx
            .toks
            .get(i + 2)
            .is_some_and(|t| t.shape == DIGIT && t.e - t.s == 4)
        && year_num(ctx.word(i + 2).as_bytes()).is_some()
}

/// Does a child's age today come just before the date at token `a`: "Kwabena in Year 3 who's
/// 8 today (22/10)"? (Not a grown-up's 40, nor "Year 8 today".)
fn an_age_today_before(ctx: &Ctx<'_>, a: usize) -> bool {
    a >= 3
        && ctx.is(a - 1, "today")
        && (small_num(ctx.word(a - 2).as_bytes()).is_some_and(|n| (1..=17).contains(&n))
            || ctx.toks[a - 2].f & NUMWORD != 0)
        && ctx.toks[a - 3].f & CLASSREF == 0
}

/// Is the date at token `a` the day a baby arrived: "Sian had baby Mali at 3.12am on Sunday
/// 9th June", "First grandchild!! Ava Grace arrived on Sunday 3rd November"?
fn a_baby_arrived(ctx: &Ctx<'_>, a: usize) -> bool {
    const WEEKDAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    // (back over "Sunday" or "the" to the "on" before the date)
    let mut k = a;
    while k >= 1 && a - k < 2 && (ctx.is_any(k - 1, WEEKDAYS) || ctx.is(k - 1, "the")) {
        k -= 1;
    }
    k >= 2
        && ctx.is(k - 1, "on")
        && (k.saturating_sub(10)..k).any(|j| {
            ctx.toks[j].sid == ctx.toks[a].sid
                && (ctx.is_any(j, &["arrived", "welcomed", "delivered"])
                    // ("had baby Mali", "had a baby girl", not "had a baby shower")
                    || (ctx.is(j, "had") && {
                        let b = if ctx.is_any(j + 1, &["a", "her", "their"]) {
                            j + 2
                        } else {
                            j + 1
                        };
                        ctx.is(b, "baby") && !ctx.is_any(b + 1, &["shower", "group", "massage"])
                    }))
        })
        && (k.saturating_sub(16)..k).any(|j| {
            ctx.is_any(
                j,
                &["baby", "newborn", "grandchild", "granddaughter", "grandson"],
            )
        })
}

/// Is there a table's bar between token `k` and the one before it ("Rowan Fleming |
/// 15/01/2013")? (`k` > 0; the token gaps record a bar only as "other".)
fn bar_before(ctx: &Ctx<'_>, k: usize) -> bool {
    gap_holds(ctx, k, b"|")
}

/// Is there a table's bar or tab between token `k` and the one before it (`k` > 0)?
fn cell_break_before(ctx: &Ctx<'_>, k: usize) -> bool {
    gap_holds(ctx, k, b"|\t")
}

/// Does the text between token `k` and the one before it hold one of `bytes` (`k` > 0)?
fn gap_holds(ctx: &Ctx<'_>, k: usize, bytes: &[u8]) -> bool {
    ctx.b[ctx.toks[k - 1].e as usize..ctx.toks[k].s as usize]
        .iter()
        .any(|c| bytes.contains(c))
}

/// Is token `k` a birth cue ("born", "DOB", "birthday", "date of birth") said of a child? Not
/// "my birthday", "my own", "I was born", a staff or famous people's birthday list or a
/// role's ("our head's birthday"), nor, with `writer_counts`, a birthday in a sentence where
/// the writer speaks of themselves ("Birthday 22 Aug (yes, I'm the one who brings the
/// cake)", a bio's line).
fn birth_cue(ctx: &Ctx<'_>, k: usize, writer_counts: bool) -> bool {
    let mut j = k;
    while j > 0 && ctx.toks[j - 1].f & BIRTH != 0 && ctx.toks[j].gap == G_SPACE {
        j -= 1;
    }
    // (in someone else's quoted words, "I" and "my" are theirs: she said "when I was born,
    // 21st June")
    let writers = !quoted_from_another(ctx, j);
    ctx.toks[k].f & BIRTH != 0
        && !(writers && j > 0 && (ctx.is(j - 1, "my") || ctx.is(j - 1, "i")))
        && !(writers && writer_counts && ctx.toks[j].sent && writer_in_sentence(ctx, j))
        && !(writers && j > 1 && ctx.is(j - 1, "own") && ctx.is(j - 2, "my"))
        && !(writers && j > 1 && ctx.is(j - 1, "was") && ctx.is(j - 2, "i"))
        && !(j > 0 && ctx.is_any(j - 1, &["staff", "famous", "team", "colleagues"]))
        && !(j > 0 && ctx.toks[j - 1].poss && ctx.toks[j - 1].f & ROLE != 0)
        // (joined by a hyphen, not set off by a dash: "DOB – 02.11.2015" counts)
        && !(ctx.toks[j].gap == G_HYPHEN && ctx.toks[j].gap_len == 1)
}

/// Is token `k` inside a quotation that someone other than the writer is said to speak, on
/// its line and at most a dozen words in: `she said "when I was born`, `Amir told me "my`?
fn quoted_from_another(ctx: &Ctx<'_>, k: usize) -> bool {
    const SPEECH: &[&str] = &[
        "said", "says", "asked", "asks", "told", "tells", "replied", "goes", "went", "wrote",
    ];
    let Some(q) = (k.saturating_sub(12)..=k)
        .rev()
        .take_while(|&t| t == k || ctx.toks[t + 1].gap & G_NL == 0)
        .find(|&t| ctx.toks[t].gap & G_QUOTE != 0)
    else {
        return false;
    };
    let verb = match q {
        0 => return false,
        _ if ctx.is_any(q - 1, &["me", "us"]) => q - 1,
        _ => q,
    };
    verb >= 2 && ctx.is_any(verb - 1, SPEECH) && !ctx.is_any(verb - 2, &["i", "we"])
}

/// If the post's first line (at most forty words) speaks of children's birthdays, the token
/// that starts the next line: the lines below are under that heading.
fn birthday_heading_end(ctx: &Ctx<'_>) -> Option<usize> {
    let next_line = (1..ctx.toks.len().min(41)).find(|&k| ctx.toks[k].gap & G_NL != 0)?;
    (0..next_line)
        .any(|k| birth_cue(ctx, k, false))
        .then_some(next_line)
}

/// Is the date `a..=e` alone at the end of a line after only a name, one to three
/// capitalised words ("Mo 3rd Feb", "Fatima – 14/11")?
fn name_line(ctx: &Ctx<'_>, a: usize, e: usize) -> bool {
    ctx.toks.get(e + 1).is_none_or(|t| t.gap & G_NL != 0)
        && (1..=3).any(|len| {
            a >= len
                && ctx.toks[a - len].gap & G_NL != 0
                && (a - len..a)
                    .all(|k| ctx.toks[k].shape == CAP && ctx.toks[k].f & (TITLE | MONTH) == 0)
        })
}

/// Is the date at token `a` the last field of a record whose first field is a person's
/// name, fields set off by dashes or bars, on one line or inside one quotation ("Kacper Nowak
/// – SpLD – SEN support – 02.11.2014")?
fn row_of_a_named_record(ctx: &Ctx<'_>, a: usize) -> bool {
    let field_edge = |k: usize| {
        let g = ctx.toks[k].gap;
        (g & G_HYPHEN != 0 && g & G_SPACE != 0) || bar_before(ctx, k)
    };
    if a < 3 || !field_edge(a) {
        return false;
    }
    let mut k = a - 1;
    let mut fields = 1;
    while k > 0 && a - k < 16 && ctx.toks[k].gap & (G_NL | G_QUOTE) == 0 {
        fields += usize::from(field_edge(k));
        k -= 1;
    }
    let first = ctx.toks[k];
    (k == 0 || first.gap & (G_NL | G_QUOTE) != 0)
        && fields >= 3
        && first.shape == CAP
        && first.f & GIVEN != 0
        && first.f & (TITLE | MONTH | WHEN) == 0
}

/// A date with a year in its own cell of a pasted table row that also has a year group or
/// class: "Kofi Mensah | 2016-11-04 | Y4" is a pupil record, so the date is a date of birth.
fn table_row_with_class(ctx: &Ctx<'_>, a: usize, e: usize) -> bool {
    let n = ctx.toks.len();
    let before = a > 0 && cell_break_before(ctx, a);
    let after = e + 1 < n && cell_break_before(ctx, e + 1);
    if !(before && after) || ctx.word(e).len() != 4 && ctx.word(a).len() != 4 {
        return false;
    }
    // the same line, either side
    let line = |k: usize| ctx.toks[k].gap & G_NL == 0;
    let mut k = a;
    while k > 0 && line(k) {
        k -= 1;
    }
    let mut class = false;
    while k < n && (k <= e || line(k)) {
        class |= ctx.toks[k].f & CLASSREF != 0;
        k += 1;
    }
    class
}

/// For a date in a row of a table pasted as text (cells split by `|`, tabs, `;` or `,`), whose
/// header line above has a birth cue: is the date in the cue's column?
fn birth_column(ctx: &Ctx<'_>, a: usize) -> Option<bool> {
    let birth = |k: usize| ctx.toks[k].f & BIRTH != 0 && ctx.toks[k].shape != DIGIT;
    header_above(ctx, ctx.toks[a].s as usize, birth).map(|h| h.heads_the_cell(ctx, h.first))
}

/// Does the writer speak of themselves ("I'm", "I", "me", "mine") in the sentence that
/// starts at token `j`?
fn writer_in_sentence(ctx: &Ctx<'_>, j: usize) -> bool {
    let sid = ctx.toks[j].sid;
    ctx.toks[j..(j + 16).min(ctx.toks.len())]
        .iter()
        .enumerate()
        .take_while(|(_, t)| t.sid == sid)
        .any(|(d, _)| ctx.is_any(j + d, &["i'm", "im", "i", "me", "mine"]))
}

/// Is a child's age said a few words after the date ending at `e`, in its sentence or the
/// next: "9 April, I'll be 7", "12 June – she'll be turning 5"?
fn child_years_after(ctx: &Ctx<'_>, e: usize) -> bool {
    let sid = ctx.toks[e].sid;
    (e + 2..(e + 9).min(ctx.toks.len())).any(|k| {
        ctx.toks[k].sid <= sid + 1
            && ctx.toks[k].shape == DIGIT
            && small_num(ctx.word(k).as_bytes()).is_some_and(|v| (2..=17).contains(&v))
            && ctx.is_any(k - 1, &["be", "turning", "turns"])
            && ctx.f(k + 1) & MONTH == 0
    })
}

/// Is `w` a two-digit number of 20 or more, an age only a grown-up has?
pub(super) fn a_grown_up_age(w: &[u8]) -> bool {
    w.len() == 2 && small_num(w).is_some_and(|n| n >= 20)
}

/// Is a grown-up's age just before the date at `a`: "45 on 9th Feb", "60 on the 14th", or
/// "50th" (20th to 99th) earlier in its sentence ("my 50th birthday (12 January")?
fn grown_up_years_before(ctx: &Ctx<'_>, a: usize) -> bool {
    let mut k = a;
    if k >= 1 && ctx.is(k - 1, "the") {
        k -= 1;
    }
    let n_on = k >= 2
        && ctx.is(k - 1, "on")
        && ctx.toks[k - 2].shape == DIGIT
        && a_grown_up_age(ctx.word(k - 2).as_bytes());
    let sid = ctx.toks[a].sid;
    let ordinal = (a.saturating_sub(8)..a).any(|j| {
        let w = ctx.word(j).as_bytes();
        ctx.toks[j].sid == sid
            && ctx.toks[j].shape == ALNUM
            && w.len() == 4
            && matches!(&w[2..], b"th" | b"st" | b"nd" | b"rd")
            && a_grown_up_age(&w[..2])
    });
    n_on || ordinal
}

/// Is the "year" of the date `a..=e` a grown-up's age: "14th November, 41 today", or is one
/// said after it, "(14th March …, 41 this year)"?
fn an_age_for_a_year(ctx: &Ctx<'_>, a: usize, e: usize) -> bool {
    let age_at = |k: usize| {
        ctx.toks.get(k).is_some_and(|t| t.shape == DIGIT)
            && a_grown_up_age(ctx.word(k).as_bytes())
            && (ctx.is_any(k + 1, &["today", "tomorrow"])
                || (ctx.is(k + 1, "this") && ctx.is(k + 2, "year")))
    };
    (e > a && age_at(e))
        || (e + 1..(e + 8).min(ctx.toks.len()))
            .take_while(|&k| ctx.toks[k].sid <= ctx.toks[e].sid + 1)
            .any(age_at)
}

/// Is a number of 20 to 99 said of the person named (or dated) at `b` a few words on, as
/// an age ("60 today", "she'll be 30", "aged 78", "turns 40", "Jack is 20 now") or a span
/// of years ("25 years at Kingsmead")? Only in the name's sentence or the next, with no other
/// person between.
pub(super) fn grown_up_years_after(ctx: &Ctx<'_>, b: usize) -> bool {
    let n = ctx.toks.len();
    let sid = ctx.toks[b].sid;
    for k in b + 1..(b + 13).min(n) {
        let t = ctx.toks[k];
        if t.sid > sid + 1 {
            return false;
        }
        // (someone else between: "Jayden's mum is 25", "Sue and Kai, 30 today")
        if t.f & (FAMILY | ADULT_REL | OWN_FAMILY) != 0 || (t.shape == CAP && t.f & GIVEN != 0) {
            return false;
        }
        if t.shape != DIGIT {
            continue;
        }
        if !a_grown_up_age(ctx.word(k).as_bytes()) {
            continue;
        }
        // ("my son Jack is 20 now", "Ethan is 26 and qualified": the name's own age)
        let name_is = k == b + 2
            && ctx.is(k - 1, "is")
            && (k + 1 == n
                || ctx.toks[k + 1].sent
                || ctx.toks[k + 1].gap & (G_COMMA | G_OPEN) != 0
                || ctx.is_any(
                    k + 1,
                    &["now", "and", "but", "so", "next", "this", "in", "on"],
                ));
        let age_word = name_is
            || ctx.is_any(k - 1, &["be", "turns", "turned", "turning", "aged"])
            || ctx.is_any(k + 1, &["today", "tomorrow", "years", "yrs"]);
        if age_word && ctx.f(k + 1) & MONTH == 0 {
            return true;
        }
    }
    false
}
