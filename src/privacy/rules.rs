//! Each authority's filter rules: stored, compiled, and cached until they change. Every
//! check reads the rules' `updated_at`, so a change made on one node applies on all at once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::anonymise::{AuthorityRules, CompiledRules, Strictness};
use crate::db::schema::{filter_counts, filter_rules, schools, users};
use crate::db::Db;

#[derive(Default)]
pub struct RulesCache {
    compiled: Mutex<HashMap<i64, (NaiveDateTime, Arc<CompiledRules>)>>,
}

/// One phrase per line, blank lines dropped.
pub fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

pub fn load(
    conn: &mut Db,
    authority_id: i64,
) -> QueryResult<Option<(AuthorityRules, NaiveDateTime)>> {
    let row: Option<(String, String, String, NaiveDateTime)> = filter_rules::table
        .find(authority_id)
        .select((
            filter_rules::not_pupils,
            filter_rules::extra_blocked,
            filter_rules::strictness,
            filter_rules::updated_at,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(|(not_pupils, extra, strictness, at)| {
        (
            AuthorityRules {
                not_pupils: lines(&not_pupils),
                extra_blocked: lines(&extra),
                strictness: Strictness::parse(&strictness).unwrap_or_default(),
            },
            at,
        )
    }))
}

pub fn save(conn: &mut Db, authority_id: i64, rules: &AuthorityRules, by: i64) -> QueryResult<()> {
    let now = crate::now();
    let values = (
        filter_rules::not_pupils.eq(rules.not_pupils.join("\n")),
        filter_rules::extra_blocked.eq(rules.extra_blocked.join("\n")),
        filter_rules::strictness.eq(rules.strictness.as_str()),
        filter_rules::updated_by.eq(Some(by)),
        filter_rules::updated_at.eq(now),
    );
    let updated = diesel::update(filter_rules::table.find(authority_id))
        .set(values.clone())
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(filter_rules::table)
            .values((filter_rules::authority_id.eq(authority_id), values))
            .execute(conn)?;
    }
    Ok(())
}

/// The authority whose rules apply to a user: their school's.
pub fn authority_of_user(conn: &mut Db, user_id: i64) -> QueryResult<Option<i64>> {
    users::table
        .inner_join(schools::table)
        .filter(users::id.eq(user_id))
        .select(schools::authority_id)
        .first(conn)
        .optional()
}

impl RulesCache {
    /// The compiled rules for an authority (defaults when it has none or for no authority).
    pub fn rules_for(
        &self,
        conn: &mut Db,
        authority_id: Option<i64>,
    ) -> QueryResult<Arc<CompiledRules>> {
        let Some(authority_id) = authority_id else {
            return Ok(Arc::new(CompiledRules::default()));
        };
        let stamp: Option<NaiveDateTime> = filter_rules::table
            .find(authority_id)
            .select(filter_rules::updated_at)
            .first(conn)
            .optional()?;
        let Some(stamp) = stamp else {
            return Ok(Arc::new(CompiledRules::default()));
        };
        if let Some((at, rules)) = self
            .compiled
            .lock()
            .ok()
            .and_then(|m| m.get(&authority_id).cloned())
        {
            if at == stamp {
                return Ok(rules);
            }
        }
        let (rules, at) = load(conn, authority_id)?.unwrap_or_default();
        let compiled = Arc::new(CompiledRules::new(&rules));
        if let Ok(mut m) = self.compiled.lock() {
            m.insert(authority_id, (at, compiled.clone()));
        }
        Ok(compiled)
    }
}

/// Adds to the counts kept about refused or held text (type, field, authority; no text).
pub fn count(
    conn: &mut Db,
    authority_id: Option<i64>,
    field: &str,
    verdict: &str,
    by_type: &[(String, usize)],
) -> QueryResult<()> {
    let authority = authority_id.unwrap_or(0);
    for (span_type, n) in by_type {
        let key = filter_counts::table
            .filter(filter_counts::authority_id.eq(authority))
            .filter(filter_counts::field.eq(field))
            .filter(filter_counts::span_type.eq(span_type))
            .filter(filter_counts::verdict.eq(verdict));
        let updated = diesel::update(key)
            .set(filter_counts::count.eq(filter_counts::count + *n as i64))
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(filter_counts::table)
                .values((
                    filter_counts::authority_id.eq(authority),
                    filter_counts::field.eq(field),
                    filter_counts::span_type.eq(span_type),
                    filter_counts::verdict.eq(verdict),
                    filter_counts::count.eq(*n as i64),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

#[derive(Debug, serde::Serialize, Queryable)]
pub struct CountRow {
    pub field: String,
    pub span_type: String,
    pub verdict: String,
    pub count: i64,
}

pub fn counts_for(conn: &mut Db, authority_id: i64) -> QueryResult<Vec<CountRow>> {
    filter_counts::table
        .filter(filter_counts::authority_id.eq(authority_id))
        .order((filter_counts::field.asc(), filter_counts::span_type.asc()))
        .select((
            filter_counts::field,
            filter_counts::span_type,
            filter_counts::verdict,
            filter_counts::count,
        ))
        .load(conn)
}
