//! Full-text search with each backend's own engine (FTS5 on SQLite, a tsvector with a GIN
//! index on PostgreSQL), only ever over posts the member may read, with highlighted excerpts.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use serde::Serialize;

use crate::db::Db;

pub const PER_PAGE: i64 = 20;
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

#[derive(Debug, QueryableByName, Serialize)]
pub struct Hit {
    #[diesel(sql_type = BigInt)]
    pub post_id: i64,
    #[diesel(sql_type = BigInt)]
    pub thread_id: i64,
    #[diesel(sql_type = Text)]
    pub title: String,
    #[diesel(sql_type = Text)]
    pub excerpt: String,
}

/// The words of a query, letters and digits only, so no one can write engine syntax.
pub fn words(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(str::to_lowercase)
        .collect()
}

/// Escapes an excerpt for HTML, then turns the engine's markers into `<mark>`.
pub fn highlight(excerpt: &str) -> String {
    let mut out = String::with_capacity(excerpt.len() + 16);
    for c in excerpt.chars() {
        match c {
            OPEN => out.push_str("<mark>"),
            CLOSE => out.push_str("</mark>"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One page of visible posts matching every word, in the given categories (those the
/// member may read), best first. Asks for one more than a page so the caller knows if
/// there is a next page.
pub fn search(conn: &mut Db, query: &str, categories: &[i64], page: i64) -> QueryResult<Vec<Hit>> {
    let words = words(query);
    if words.is_empty() || categories.is_empty() {
        return Ok(Vec::new());
    }
    // Ids are numbers we loaded ourselves, so listing them inline is safe.
    let ids = categories
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let visible = format!(
        "p.status = 'visible' AND p.deleted_at IS NULL AND t.status = 'visible' \
         AND t.deleted_at IS NULL AND t.category_id IN ({ids})"
    );
    let offset = page.max(0) * PER_PAGE;
    match conn {
        Db::Sqlite(c) => {
            let fts = words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" ");
            diesel::sql_query(format!(
                "SELECT p.id AS post_id, p.thread_id AS thread_id, t.title AS title, \
                 snippet(forum_search, -1, char(57344), char(57345), '…', 24) AS excerpt \
                 FROM forum_search JOIN forum_posts p ON p.id = forum_search.rowid \
                 JOIN forum_threads t ON t.id = p.thread_id \
                 WHERE forum_search MATCH ? AND {visible} \
                 ORDER BY bm25(forum_search) LIMIT ? OFFSET ?"
            ))
            .bind::<Text, _>(fts)
            .bind::<BigInt, _>(PER_PAGE + 1)
            .bind::<BigInt, _>(offset)
            .load(c)
        }
        Db::Postgres(c) => diesel::sql_query(format!(
            "SELECT p.id AS post_id, p.thread_id AS thread_id, t.title AS title, \
             ts_headline('english', p.body_md, q, $2) AS excerpt \
             FROM forum_posts p JOIN forum_threads t ON t.id = p.thread_id, \
             plainto_tsquery('english', $1) q \
             WHERE (p.search @@ q OR (p.is_first AND t.search @@ q)) AND {visible} \
             ORDER BY ts_rank(p.search, q) + CASE WHEN p.is_first AND t.search @@ q THEN 1 ELSE 0 END DESC, p.id DESC \
             LIMIT $3 OFFSET $4"
        ))
        .bind::<Text, _>(words.join(" "))
        .bind::<Text, _>(format!("StartSel={OPEN}, StopSel={CLOSE}, MaxWords=30, MinWords=10"))
        .bind::<BigInt, _>(PER_PAGE + 1)
        .bind::<BigInt, _>(offset)
        .load(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_lose_engine_syntax_and_excerpts_are_escaped() {
        assert_eq!(
            words("phonics\" OR title:* -x"),
            vec!["phonics", "or", "title", "x"]
        );
        assert_eq!(
            highlight("a <b> \u{E000}phonics\u{E001}"),
            "a &lt;b&gt; <mark>phonics</mark>"
        );
    }
}
