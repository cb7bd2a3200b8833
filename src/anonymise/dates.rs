//! Dates of birth: numeric and written dates, counted only near a birth cue.

use super::engine::Ctx;
use super::lexicon::*;
use super::tokens::*;
use super::SpanType;

fn small_num(w: &[u8]) -> Option<u32> {
    if w.is_empty() || w.len() > 4 || !w.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(w.iter().fold(0, |a, c| a * 10 + u32::from(c - b'0')))
}

/// A day written as "12", "12th", "1st", "2nd", "3rd".
fn day_num(w: &[u8]) -> Option<u32> {
    let digits = w.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = &w[digits..];
    if !rest.is_empty()
        && !matches!(
            rest.to_ascii_lowercase().as_slice(),
            b"st" | b"nd" | b"rd" | b"th"
        )
    {
        return None;
    }
    let v = small_num(&w[..digits])?;
    (1..=31).contains(&v).then_some(v)
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
    let mut i = 0;
    while i < n {
        let t = ctx.toks[i];
        // every date has a number or a month name in its first token
        if !matches!(t.shape, DIGIT | ALNUM) && t.f & MONTH == 0 {
            i += 1;
            continue;
        }
        let w = ctx.word(i).as_bytes();
        let mut span: Option<(usize, usize)> = None;
        // numeric: 12/03/2015, 12-3-15, 12.03.2015, 2015-03-12
        if t.shape == DIGIT && i + 2 < n {
            let t1 = ctx.toks[i + 1];
            let t2 = ctx.toks[i + 2];
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
                // 12/03 (no year): only counts right after a birth cue
                let m = small_num(ctx.word(i + 1).as_bytes());
                if m.is_some_and(|m| (1..=12).contains(&m)) && i > 0 && ctx.f(i - 1) & BIRTH != 0 {
                    span = Some((i, i + 1));
                }
            }
        }
        // written: 12th (of) March (,) 2015 | March 12th(,) 2015 | March 2015
        if span.is_none() {
            if let Some(_d) = day_num(w) {
                let mut k = i + 1;
                if ctx.is(k, "of") {
                    k += 1;
                }
                if k < n && ctx.f(k) & MONTH != 0 && (ctx.toks[k].shape == CAP || !ctx.is(k, "may"))
                {
                    let mut e = k;
                    if k + 1 < n
                        && year_num(ctx.word(k + 1).as_bytes()).is_some()
                        && ctx.toks[k + 1].shape == DIGIT
                    {
                        e = k + 1;
                    }
                    span = Some((i, e));
                }
            } else if t.f & MONTH != 0 && (t.shape == CAP || !ctx.is(i, "may")) && i + 1 < n {
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
            // a birth cue nearby: "born", "DOB", "birthday", "date of birth"
            let mut cue = false;
            let lo = a.saturating_sub(8);
            for k in lo..a {
                if ctx.toks[k].f & BIRTH != 0 && (ctx.toks[k].sid + 1 >= ctx.toks[a].sid) {
                    cue = true;
                }
            }
            for k in (e + 1)..(e + 4).min(n) {
                if ctx.toks[k].f & BIRTH != 0 && ctx.toks[k].sid == ctx.toks[e].sid {
                    cue = true;
                }
            }
            if cue {
                found.push((ctx.toks[a].s as usize, ctx.toks[e].e as usize));
            }
            i = e + 1;
        } else {
            i += 1;
        }
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
