//! Term dates from a CSV file: every row is checked first; if any has a problem nothing is
//! imported and each problem is reported with its row number.
//!
//! Columns: `kind,academic_year,name,starts_on,ends_on,half_term_starts,half_term_ends,note`
//! where kind is `term`, `inset` or `closure`; closures use `starts_on` (and optionally
//! `ends_on` for several days) and ignore the term columns.

use chrono::NaiveDate;
use serde::Serialize;

use super::queries::NewTerm;
use super::rules::{check_term, ClosureKind, TermDates, TERM_NAMES};

#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    Term(NewTerm),
    Closure {
        on_date: NaiveDate,
        kind: ClosureKind,
        note: String,
    },
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RowProblem {
    pub row: usize,
    pub reason: String,
}

pub const HEADER: &str =
    "kind,academic_year,name,starts_on,ends_on,half_term_starts,half_term_ends,note";

fn date(field: &str, value: &str) -> Result<Option<NaiveDate>, String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("{field} \"{v}\" is not a date like 2026-09-02"))
}

fn parse_row(rec: &csv::StringRecord) -> Result<Vec<Row>, String> {
    let get = |i: usize| rec.get(i).unwrap_or("").trim();
    let starts = date("starts_on", get(3))?.ok_or("starts_on is missing")?;
    let ends = date("ends_on", get(4))?;
    match get(0).to_ascii_lowercase().as_str() {
        "term" => {
            let year = get(1);
            if year.len() != 7 || !year.is_char_boundary(4) || &year[4..5] != "-" {
                return Err(format!("academic_year \"{year}\" should look like 2026-27"));
            }
            let name = get(2).to_ascii_lowercase();
            if !TERM_NAMES.contains(&name.as_str()) {
                return Err(format!(
                    "term name \"{name}\" should be autumn, spring or summer"
                ));
            }
            let hs = date("half_term_starts", get(5))?;
            let he = date("half_term_ends", get(6))?;
            if hs.is_some() != he.is_some() {
                return Err("give both half-term dates or neither".into());
            }
            let dates = TermDates {
                name,
                starts_on: starts,
                ends_on: ends.ok_or("ends_on is missing")?,
                half_term: hs.zip(he),
            };
            check_term(&dates)?;
            Ok(vec![Row::Term(NewTerm {
                academic_year: year.to_string(),
                dates,
            })])
        }
        other => {
            let kind = ClosureKind::parse(other)
                .ok_or_else(|| format!("kind \"{other}\" should be term, inset or closure"))?;
            let last = ends.unwrap_or(starts);
            if last < starts || (last - starts).num_days() > 31 {
                return Err("a closure runs forwards, for at most a month".into());
            }
            let note: String = get(7).chars().take(200).collect();
            Ok(starts
                .iter_days()
                .take_while(|d| *d <= last)
                .map(|on_date| Row::Closure {
                    on_date,
                    kind,
                    note: note.clone(),
                })
                .collect())
        }
    }
}

/// Parses the whole file; `Err` lists every bad row (row 1 is the header).
pub fn parse(bytes: &[u8]) -> Result<Vec<Row>, Vec<RowProblem>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let row = i + 2;
        match rec.map_err(|e| format!("the row couldn't be read: {e}")) {
            Ok(rec) => match parse_row(&rec) {
                Ok(mut r) => rows.append(&mut r),
                Err(reason) => problems.push(RowProblem { row, reason }),
            },
            Err(reason) => problems.push(RowProblem { row, reason }),
        }
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push(RowProblem {
            row: 1,
            reason: format!("the file has no rows; the first line should be {HEADER}"),
        });
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_and_closures_are_read_and_bad_rows_reported_by_number() {
        let good = format!(
            "{HEADER}\nterm,2026-27,autumn,2026-09-02,2026-12-18,2026-10-26,2026-10-30,\ninset,,,2026-09-01,,,,Training\nclosure,,,2026-12-21,2026-12-22,,,Extra days\n"
        );
        let rows = parse(good.as_bytes()).unwrap();
        assert_eq!(rows.len(), 4);
        assert!(matches!(&rows[0], Row::Term(t) if t.dates.half_term.is_some()));
        let bad = format!(
            "{HEADER}\nterm,2026-27,winter,2026-09-02,2026-12-18,,,\nterm,2026-27,autumn,2026-09-02,2026-12-18,2027-01-05,2027-01-06,\nholiday,,,2026-09-01,,,,\ninset,,,31/12/2026,,,,\n"
        );
        let problems = parse(bad.as_bytes()).unwrap_err();
        let rows: Vec<usize> = problems.iter().map(|p| p.row).collect();
        assert_eq!(rows, vec![2, 3, 4, 5]);
        assert!(problems[0].reason.contains("winter"));
        assert!(problems[1].reason.contains("inside the term"));
    }
}
