//! Meeting rules as plain functions: who can make a slot given their working pattern and
//! their school's dates, how slots rank, and time out of class.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use serde::Serialize;

use crate::terms::rules::SchoolCalendar;

/// The school day assumed when a member hasn't given their hours.
pub const DEFAULT_HOURS: &str = "08:30-15:30";

/// A member's answer to a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Yes,
    IfNeedBe,
    No,
}

impl Answer {
    pub fn parse(s: &str) -> Option<Answer> {
        match s {
            "yes" => Some(Answer::Yes),
            "if_need_be" => Some(Answer::IfNeedBe),
            "no" => Some(Answer::No),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::IfNeedBe => "if_need_be",
            Answer::No => "no",
        }
    }
}

/// What a slot means for one member before they answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "reason", rename_all = "snake_case")]
pub enum Availability {
    /// An ordinary working day for them.
    Free,
    /// Their school's INSET day: no pupils, so no cover is needed.
    GoodDay,
    /// They can't come: why, in words.
    Unavailable(String),
}

pub fn weekday_code(day: NaiveDate) -> &'static str {
    match day.weekday() {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

pub fn weekday_name(day: NaiveDate) -> &'static str {
    match day.weekday() {
        Weekday::Mon => "Mondays",
        Weekday::Tue => "Tuesdays",
        Weekday::Wed => "Wednesdays",
        Weekday::Thu => "Thursdays",
        Weekday::Fri => "Fridays",
        Weekday::Sat => "Saturdays",
        Weekday::Sun => "Sundays",
    }
}

/// Whether someone with `working_days` ("mon,tue,wed") and their school's calendar can
/// make a slot on `day`. Weekends are outside everyone's working pattern but not refused.
pub fn availability(working_days: &str, school: &SchoolCalendar, day: NaiveDate) -> Availability {
    if school.is_holiday(day) && day.weekday().num_days_from_monday() < 5 {
        return Availability::Unavailable("school holiday".into());
    }
    let code = weekday_code(day);
    let works = working_days.split(',').any(|d| d.trim() == code);
    if !works && day.weekday().num_days_from_monday() < 5 {
        return Availability::Unavailable(format!("doesn't work {}", weekday_name(day)));
    }
    if school.is_inset(day) {
        return Availability::GoodDay;
    }
    Availability::Free
}

/// "08:30" → 08:30.
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()
}

/// "08:30-15:15" (spaces and dash variants allowed) → (08:30, 15:15).
pub fn parse_hours(s: &str) -> Option<(NaiveTime, NaiveTime)> {
    let s = s.replace(['–', '—'], "-");
    let (a, b) = s.split_once('-')?;
    let (a, b) = (parse_time(a)?, parse_time(b)?);
    (a < b).then_some((a, b))
}

/// Minutes of a meeting from `start` to `end` that fall in someone's working hours.
pub fn minutes_in_school_hours(working_hours: &str, start: NaiveTime, end: NaiveTime) -> i64 {
    let (from, to) = parse_hours(working_hours)
        .or_else(|| parse_hours(DEFAULT_HOURS))
        .unwrap_or((start, start));
    let a = start.max(from);
    let b = end.min(to);
    if b > a {
        (b - a).num_minutes()
    } else {
        0
    }
}

/// Cover cost in pence for `minutes` out of class at `rate_pence` an hour.
pub fn cover_cost_pence(minutes: i64, rate_pence: i64) -> i64 {
    (minutes * rate_pence + 30) / 60
}

/// A request is late when it arrives with less notice than the school asks for.
pub fn is_late(requested_on: NaiveDate, meeting_on: NaiveDate, notice_days: i32) -> bool {
    (meeting_on - requested_on).num_days() < i64::from(notice_days)
}

/// One slot's tally for ranking.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Tally {
    pub yes: usize,
    pub if_need_be: usize,
    pub no: usize,
    pub unavailable: usize,
    pub good_day: usize,
}

impl Tally {
    /// Likely attendance: everyone who said yes, half of those who said "if need be".
    pub fn likely(&self) -> f64 {
        self.yes as f64 + 0.5 * self.if_need_be as f64
    }
}

/// Indices of slots, best first: by likely attendance, then fewest unavailable, then
/// the earlier slot.
pub fn rank(tallies: &[Tally]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..tallies.len()).collect();
    order.sort_by(|&a, &b| {
        tallies[b]
            .likely()
            .total_cmp(&tallies[a].likely())
            .then(tallies[a].unavailable.cmp(&tallies[b].unavailable))
            .then(a.cmp(&b))
    });
    order
}

/// A group's meeting this term, from the statuses of its meetings in the term and
/// whether a poll is open: "held", "fixed", "poll open" or "none planned".
pub fn termly_status(statuses_this_term: &[String], poll_open: bool) -> &'static str {
    if statuses_this_term.iter().any(|s| s == "held") {
        "held"
    } else if statuses_this_term.iter().any(|s| s == "scheduled") {
        "fixed"
    } else if poll_open {
        "poll open"
    } else {
        "none planned"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::rules::{ClosureKind, TermDates};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn school() -> SchoolCalendar {
        SchoolCalendar {
            terms: vec![TermDates {
                name: "autumn".into(),
                starts_on: d(2026, 9, 2),
                ends_on: d(2026, 12, 18),
                half_term: Some((d(2026, 10, 26), d(2026, 10, 30))),
            }],
            closures: vec![(d(2026, 11, 16), ClosureKind::Inset)],
        }
    }

    #[test]
    fn a_part_timer_is_unavailable_on_days_they_do_not_work() {
        // 2026-11-19 is a Thursday.
        assert_eq!(
            availability("mon,tue,wed", &school(), d(2026, 11, 19)),
            Availability::Unavailable("doesn't work Thursdays".into())
        );
        assert_eq!(
            availability("mon,tue,wed", &school(), d(2026, 11, 18)),
            Availability::Free
        );
    }

    #[test]
    fn an_inset_day_is_good_and_a_school_holiday_is_not() {
        assert_eq!(
            availability("mon,tue,wed,thu,fri", &school(), d(2026, 11, 16)),
            Availability::GoodDay
        );
        assert_eq!(
            availability("mon,tue,wed,thu,fri", &school(), d(2026, 10, 27)),
            Availability::Unavailable("school holiday".into())
        );
    }

    #[test]
    fn time_out_of_class_is_the_overlap_with_working_hours() {
        let t = |s| parse_time(s).unwrap();
        assert_eq!(
            minutes_in_school_hours("08:30-15:15", t("13:30"), t("16:00")),
            105
        );
        assert_eq!(
            minutes_in_school_hours("08:30-12:00", t("13:30"), t("16:00")),
            0
        );
        assert_eq!(minutes_in_school_hours("", t("15:00"), t("16:00")), 30);
        assert_eq!(parse_hours("08:30 – 15:15").map(|h| h.1), Some(t("15:15")));
        assert_eq!(cover_cost_pence(105, 2500), 4375);
    }

    #[test]
    fn requests_inside_the_notice_period_are_late() {
        assert!(is_late(d(2026, 11, 10), d(2026, 11, 20), 14));
        assert!(!is_late(d(2026, 11, 1), d(2026, 11, 20), 14));
    }

    #[test]
    fn slots_rank_by_likely_attendance() {
        let t = |yes, if_need_be, unavailable| Tally {
            yes,
            if_need_be,
            unavailable,
            ..Tally::default()
        };
        assert_eq!(rank(&[t(1, 0, 0), t(2, 1, 1), t(2, 1, 0)]), vec![2, 1, 0]);
    }

    #[test]
    fn the_termly_status_prefers_what_has_happened() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(termly_status(&s(&[]), false), "none planned");
        assert_eq!(termly_status(&s(&[]), true), "poll open");
        assert_eq!(termly_status(&s(&["cancelled"]), false), "none planned");
        assert_eq!(termly_status(&s(&["scheduled"]), true), "fixed");
        assert_eq!(termly_status(&s(&["scheduled", "held"]), false), "held");
    }

    #[test]
    fn answers_round_trip() {
        for a in [Answer::Yes, Answer::IfNeedBe, Answer::No] {
            assert_eq!(Answer::parse(a.as_str()), Some(a));
        }
        assert_eq!(Answer::parse("maybe"), None);
    }
}
