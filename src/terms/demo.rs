//! Demo term dates for Northshire: this academic year and next, an authority INSET day
//! and one of Oakfield's own.

use chrono::NaiveDate;

use super::queries::{add_closure, add_term, NewTerm};
use super::rules::{ClosureKind, TermDates};
use crate::db::Db;

/// (year, term, start, end, half-term start, half-term end)
const TERMS: [(&str, &str, &str, &str, &str, &str); 6] = [
    (
        "2026-27",
        "autumn",
        "2026-09-02",
        "2026-12-18",
        "2026-10-26",
        "2026-10-30",
    ),
    (
        "2026-27",
        "spring",
        "2027-01-05",
        "2027-03-26",
        "2027-02-15",
        "2027-02-19",
    ),
    (
        "2026-27",
        "summer",
        "2027-04-12",
        "2027-07-21",
        "2027-05-31",
        "2027-06-04",
    ),
    (
        "2027-28",
        "autumn",
        "2027-09-02",
        "2027-12-17",
        "2027-10-25",
        "2027-10-29",
    ),
    (
        "2027-28",
        "spring",
        "2028-01-04",
        "2028-03-31",
        "2028-02-14",
        "2028-02-18",
    ),
    (
        "2027-28",
        "summer",
        "2028-04-18",
        "2028-07-21",
        "2028-05-29",
        "2028-06-02",
    ),
];

fn day(s: &str) -> anyhow::Result<NaiveDate> {
    Ok(NaiveDate::parse_from_str(s, "%Y-%m-%d")?)
}

pub fn seed_terms(c: &mut Db, authority_id: i64, oakfield: i64) -> anyhow::Result<()> {
    for (year, name, start, end, hs, he) in TERMS {
        let term = NewTerm {
            academic_year: year.into(),
            dates: TermDates {
                name: name.into(),
                starts_on: day(start)?,
                ends_on: day(end)?,
                half_term: Some((day(hs)?, day(he)?)),
            },
        };
        add_term(c, authority_id, None, &term)?;
    }
    add_closure(
        c,
        authority_id,
        None,
        day("2026-09-01")?,
        ClosureKind::Inset,
        "Staff training",
    )?;
    add_closure(
        c,
        authority_id,
        None,
        day("2027-05-03")?,
        ClosureKind::Closure,
        "Bank holiday",
    )?;
    add_closure(
        c,
        authority_id,
        Some(oakfield),
        day("2026-12-04")?,
        ClosureKind::Inset,
        "Oakfield training day",
    )?;
    Ok(())
}
