//! Loading and saving term dates, closures and school release settings.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Serialize;

use super::rules::{school_calendar, ClosureKind, SchoolCalendar, TermDates};
use crate::db::schema::{closures, school_settings, schools, terms};
use crate::db::Db;

/// Default release settings for a school that hasn't set its own.
pub const DEFAULT_NOTICE_DAYS: i32 = 14;
/// £25.00 an hour of cover, in pence.
pub const DEFAULT_COVER_RATE_PENCE: i64 = 2500;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = terms)]
pub struct TermRow {
    pub id: i64,
    pub school_id: Option<i64>,
    pub academic_year: String,
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub half_term_starts: Option<NaiveDate>,
    pub half_term_ends: Option<NaiveDate>,
}

impl TermRow {
    pub fn dates(&self) -> TermDates {
        TermDates {
            name: self.name.clone(),
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            half_term: self.half_term_starts.zip(self.half_term_ends),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = closures)]
pub struct ClosureRow {
    pub id: i64,
    pub school_id: Option<i64>,
    pub on_date: NaiveDate,
    pub kind: String,
    pub note: String,
}

/// A term to add, parsed from a form or a CSV row.
#[derive(Debug, Clone, PartialEq)]
pub struct NewTerm {
    pub academic_year: String,
    pub dates: TermDates,
}

/// Every term and closure of an authority, its schools' own included, loaded once so
/// each member's calendar is worked out in memory.
#[derive(Debug, Default)]
pub struct AuthorityDates {
    pub authority: SchoolCalendar,
    own_terms: HashMap<i64, Vec<TermDates>>,
    school_closures: HashMap<i64, Vec<(NaiveDate, ClosureKind)>>,
    own_dates: HashSet<i64>,
}

impl AuthorityDates {
    pub fn for_school(&self, school_id: Option<i64>) -> SchoolCalendar {
        let Some(id) = school_id else {
            return self.authority.clone();
        };
        let own = self
            .own_dates
            .contains(&id)
            .then(|| self.own_terms.get(&id).map(Vec::as_slice).unwrap_or(&[]));
        let closures = self
            .school_closures
            .get(&id)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        school_calendar(&self.authority, own, closures)
    }
}

pub fn load_authority_dates(c: &mut Db, authority_id: i64) -> QueryResult<AuthorityDates> {
    let term_rows: Vec<TermRow> = terms::table
        .filter(terms::authority_id.eq(authority_id))
        .order(terms::starts_on.asc())
        .select(TermRow::as_select())
        .load(c)?;
    let closure_rows: Vec<ClosureRow> = closures::table
        .filter(closures::authority_id.eq(authority_id))
        .select(ClosureRow::as_select())
        .load(c)?;
    let own_dates: HashSet<i64> = school_settings::table
        .inner_join(schools::table.on(schools::id.eq(school_settings::school_id)))
        .filter(schools::authority_id.eq(authority_id))
        .filter(school_settings::own_term_dates.eq(true))
        .select(school_settings::school_id)
        .load::<i64>(c)?
        .into_iter()
        .collect();
    let mut dates = AuthorityDates {
        own_dates,
        ..Default::default()
    };
    for t in term_rows {
        match t.school_id {
            None => dates.authority.terms.push(t.dates()),
            Some(s) => dates.own_terms.entry(s).or_default().push(t.dates()),
        }
    }
    for cl in closure_rows {
        let Some(kind) = ClosureKind::parse(&cl.kind) else {
            continue;
        };
        match cl.school_id {
            None => dates.authority.closures.push((cl.on_date, kind)),
            Some(s) => dates
                .school_closures
                .entry(s)
                .or_default()
                .push((cl.on_date, kind)),
        }
    }
    Ok(dates)
}

/// Terms set for the authority (school `None`) or by one school.
pub fn terms_of(c: &mut Db, authority_id: i64, school: Option<i64>) -> QueryResult<Vec<TermRow>> {
    let q = terms::table
        .filter(terms::authority_id.eq(authority_id))
        .order(terms::starts_on.asc())
        .select(TermRow::as_select())
        .into_boxed();
    match school {
        Some(s) => q.filter(terms::school_id.eq(s)).load(c),
        None => q.filter(terms::school_id.is_null()).load(c),
    }
}

pub fn closures_of(
    c: &mut Db,
    authority_id: i64,
    school: Option<i64>,
) -> QueryResult<Vec<ClosureRow>> {
    let q = closures::table
        .filter(closures::authority_id.eq(authority_id))
        .order(closures::on_date.asc())
        .select(ClosureRow::as_select())
        .into_boxed();
    match school {
        Some(s) => q.filter(closures::school_id.eq(s)).load(c),
        None => q.filter(closures::school_id.is_null()).load(c),
    }
}

pub fn add_term(
    c: &mut Db,
    authority_id: i64,
    school: Option<i64>,
    term: &NewTerm,
) -> QueryResult<i64> {
    diesel::insert_into(terms::table)
        .values((
            terms::authority_id.eq(authority_id),
            terms::school_id.eq(school),
            terms::academic_year.eq(&term.academic_year),
            terms::name.eq(&term.dates.name),
            terms::starts_on.eq(term.dates.starts_on),
            terms::ends_on.eq(term.dates.ends_on),
            terms::half_term_starts.eq(term.dates.half_term.map(|h| h.0)),
            terms::half_term_ends.eq(term.dates.half_term.map(|h| h.1)),
            terms::created_at.eq(crate::now()),
        ))
        .returning(terms::id)
        .get_result(c)
}

pub fn add_closure(
    c: &mut Db,
    authority_id: i64,
    school: Option<i64>,
    on_date: NaiveDate,
    kind: ClosureKind,
    note: &str,
) -> QueryResult<i64> {
    diesel::insert_into(closures::table)
        .values((
            closures::authority_id.eq(authority_id),
            closures::school_id.eq(school),
            closures::on_date.eq(on_date),
            closures::kind.eq(kind.as_str()),
            closures::note.eq(note),
            closures::created_at.eq(crate::now()),
        ))
        .returning(closures::id)
        .get_result(c)
}

/// A school's release settings (defaults when it hasn't set any).
#[derive(Debug, Clone, Serialize)]
pub struct ReleaseSettings {
    pub own_term_dates: bool,
    pub cover_rate_pence: i64,
    pub notice_days: i32,
}

pub fn settings_of(c: &mut Db, school_id: i64) -> QueryResult<ReleaseSettings> {
    let row: Option<(bool, i64, i32)> = school_settings::table
        .find(school_id)
        .select((
            school_settings::own_term_dates,
            school_settings::cover_rate_pence,
            school_settings::notice_days,
        ))
        .first(c)
        .optional()?;
    Ok(match row {
        Some((own_term_dates, cover_rate_pence, notice_days)) => ReleaseSettings {
            own_term_dates,
            cover_rate_pence,
            notice_days,
        },
        None => ReleaseSettings {
            own_term_dates: false,
            cover_rate_pence: DEFAULT_COVER_RATE_PENCE,
            notice_days: DEFAULT_NOTICE_DAYS,
        },
    })
}

pub fn save_settings(c: &mut Db, school_id: i64, s: &ReleaseSettings) -> QueryResult<()> {
    let now = crate::now();
    let changed = diesel::update(school_settings::table.find(school_id))
        .set((
            school_settings::own_term_dates.eq(s.own_term_dates),
            school_settings::cover_rate_pence.eq(s.cover_rate_pence),
            school_settings::notice_days.eq(s.notice_days),
            school_settings::updated_at.eq(now),
        ))
        .execute(c)?;
    if changed == 0 {
        diesel::insert_into(school_settings::table)
            .values((
                school_settings::school_id.eq(school_id),
                school_settings::own_term_dates.eq(s.own_term_dates),
                school_settings::cover_rate_pence.eq(s.cover_rate_pence),
                school_settings::notice_days.eq(s.notice_days),
                school_settings::updated_at.eq(now),
            ))
            .execute(c)?;
    }
    Ok(())
}
