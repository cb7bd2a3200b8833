//! Term-date rules as plain functions: is a day a holiday for the authority or for a
//! school, and is it a school's INSET day.

use chrono::NaiveDate;
use serde::Serialize;

/// One term as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermDates {
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub half_term: Option<(NaiveDate, NaiveDate)>,
}

/// A day the school is shut to pupils.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClosureKind {
    /// Staff training: staff work, pupils are off, so no cover is needed.
    Inset,
    /// Everyone is off (a bank holiday, an election day).
    Closure,
}

impl ClosureKind {
    pub fn parse(s: &str) -> Option<ClosureKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "inset" => Some(ClosureKind::Inset),
            "closure" => Some(ClosureKind::Closure),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            ClosureKind::Inset => "inset",
            ClosureKind::Closure => "closure",
        }
    }
}

/// The dates in force for an authority or for one school.
#[derive(Debug, Clone, Default)]
pub struct SchoolCalendar {
    pub terms: Vec<TermDates>,
    pub closures: Vec<(NaiveDate, ClosureKind)>,
}

impl SchoolCalendar {
    /// The term a day falls in (half-terms included).
    pub fn term_of(&self, day: NaiveDate) -> Option<&TermDates> {
        self.terms
            .iter()
            .find(|t| t.starts_on <= day && day <= t.ends_on)
    }

    /// True when the day is outside every term, in a half-term, or a closure day.
    /// INSET days are not holidays: staff are at work.
    pub fn is_holiday(&self, day: NaiveDate) -> bool {
        let Some(term) = self.term_of(day) else {
            return true;
        };
        if let Some((from, to)) = term.half_term {
            if from <= day && day <= to {
                return true;
            }
        }
        self.closures
            .iter()
            .any(|(d, k)| *d == day && *k == ClosureKind::Closure)
    }

    /// Why a day is a holiday, in words, for error messages.
    pub fn holiday_reason(&self, day: NaiveDate) -> Option<String> {
        let Some(term) = self.term_of(day) else {
            return Some("it is outside term time".into());
        };
        if let Some((from, to)) = term.half_term {
            if from <= day && day <= to {
                return Some(format!("it is in the {} half-term", term.name));
            }
        }
        self.is_holiday(day)
            .then(|| "the schools are closed that day".into())
    }

    pub fn is_inset(&self, day: NaiveDate) -> bool {
        self.closures
            .iter()
            .any(|(d, k)| *d == day && *k == ClosureKind::Inset)
    }
}

/// The calendar a school's staff follow: its own terms when it sets them (academies,
/// voluntary-aided schools), otherwise the authority's; closures of both apply, because
/// schools choose their own INSET days even when they follow the authority's terms.
pub fn school_calendar(
    authority: &SchoolCalendar,
    own_terms: Option<&[TermDates]>,
    school_closures: &[(NaiveDate, ClosureKind)],
) -> SchoolCalendar {
    let mut closures = school_closures.to_vec();
    let terms = match own_terms {
        Some(t) => t.to_vec(),
        None => {
            closures.extend(authority.closures.iter().copied());
            authority.terms.clone()
        }
    };
    SchoolCalendar { terms, closures }
}

/// The academic year a date belongs to, e.g. "2026-27" for 1 September 2026 to 31 August 2027.
pub fn academic_year_of(day: NaiveDate) -> String {
    use chrono::Datelike;
    let start = if day.month() >= 9 {
        day.year()
    } else {
        day.year() - 1
    };
    format!("{}-{:02}", start, (start + 1) % 100)
}

/// Checks a term's own dates: starts before it ends, half-term inside it.
pub fn check_term(term: &TermDates) -> Result<(), String> {
    if term.ends_on < term.starts_on {
        return Err("The term must end after it starts.".into());
    }
    if let Some((from, to)) = term.half_term {
        if to < from {
            return Err("The half-term must end after it starts.".into());
        }
        if from < term.starts_on || to > term.ends_on {
            return Err("The half-term must fall inside the term.".into());
        }
    }
    Ok(())
}

pub const TERM_NAMES: [&str; 3] = ["autumn", "spring", "summer"];

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn autumn() -> TermDates {
        TermDates {
            name: "autumn".into(),
            starts_on: d(2026, 9, 2),
            ends_on: d(2026, 12, 18),
            half_term: Some((d(2026, 10, 26), d(2026, 10, 30))),
        }
    }

    fn authority() -> SchoolCalendar {
        SchoolCalendar {
            terms: vec![autumn()],
            closures: vec![(d(2026, 11, 3), ClosureKind::Closure)],
        }
    }

    #[test]
    fn half_terms_closures_and_days_outside_terms_are_holidays() {
        let a = authority();
        assert!(!a.is_holiday(d(2026, 10, 14)));
        assert!(a.is_holiday(d(2026, 10, 28)));
        assert!(a.is_holiday(d(2026, 11, 3)));
        assert!(a.is_holiday(d(2026, 8, 20)));
        assert!(a.is_holiday(d(2026, 12, 24)));
        assert_eq!(
            a.holiday_reason(d(2026, 10, 28)).as_deref(),
            Some("it is in the autumn half-term")
        );
        assert_eq!(a.holiday_reason(d(2026, 10, 14)), None);
    }

    #[test]
    fn a_school_following_the_authority_adds_its_inset_days() {
        let a = authority();
        let school = school_calendar(&a, None, &[(d(2026, 11, 16), ClosureKind::Inset)]);
        assert!(school.is_inset(d(2026, 11, 16)));
        assert!(!school.is_holiday(d(2026, 11, 16)));
        assert!(school.is_holiday(d(2026, 11, 3)));
        assert!(!a.is_inset(d(2026, 11, 16)));
    }

    #[test]
    fn an_academy_with_its_own_dates_ignores_the_authority_terms() {
        let a = authority();
        let own = vec![TermDates {
            half_term: Some((d(2026, 10, 19), d(2026, 10, 23))),
            ..autumn()
        }];
        let academy = school_calendar(&a, Some(&own), &[]);
        assert!(academy.is_holiday(d(2026, 10, 21)));
        assert!(!academy.is_holiday(d(2026, 10, 28)));
        // The authority's closure day is not the academy's.
        assert!(!academy.is_holiday(d(2026, 11, 3)));
    }

    #[test]
    fn academic_years_turn_over_in_september() {
        assert_eq!(academic_year_of(d(2026, 9, 1)), "2026-27");
        assert_eq!(academic_year_of(d(2027, 7, 20)), "2026-27");
        assert_eq!(academic_year_of(d(2099, 12, 1)), "2099-00");
    }

    #[test]
    fn a_half_term_must_fall_inside_its_term() {
        assert!(check_term(&autumn()).is_ok());
        let bad = TermDates {
            half_term: Some((d(2026, 8, 1), d(2026, 8, 5))),
            ..autumn()
        };
        assert!(check_term(&bad).is_err());
        let backwards = TermDates {
            ends_on: d(2026, 8, 1),
            ..autumn()
        };
        assert!(check_term(&backwards).is_err());
    }
}
