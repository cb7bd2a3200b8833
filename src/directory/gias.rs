//! Importing schools from a GIAS ("Get Information about Schools") CSV extract.
//!
//! The file is checked whole before anything is written: every bad row is reported with
//! its row number (as a spreadsheet shows it, the header being row 1) and the reason, and
//! if there is any, nothing is imported. A good file is applied in one transaction,
//! updating schools by URN. GIAS extracts come in Windows-1252, so that is accepted too.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{regions, schools};
use crate::db::Db;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SchoolRow {
    pub row: usize,
    pub urn: String,
    pub name: String,
    pub phase: String,
    pub postcode: String,
    pub is_open: bool,
    /// GIAS's "DistrictAdministrative (name)", matched to a region of the same name.
    pub district: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowProblem {
    pub row: usize,
    pub reason: String,
}

#[derive(Debug, Default, Serialize)]
pub struct Checked {
    pub rows: Vec<SchoolRow>,
    pub problems: Vec<RowProblem>,
}

#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct Outcome {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub closed: usize,
}

/// Decodes UTF-8 (with or without BOM), falling back to Windows-1252.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// A UK postcode in its usual shape ("LS1 4AP", "SW1A 1AA"), spaces optional.
pub fn is_uk_postcode(s: &str) -> bool {
    let compact: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    if !(5..=7).contains(&compact.len()) {
        return false;
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    let inward_ok = inward[0].is_ascii_digit()
        && inward[1].is_ascii_alphabetic()
        && inward[2].is_ascii_alphabetic();
    let outward_ok = outward[0].is_ascii_alphabetic()
        && outward.iter().all(|c| c.is_ascii_alphanumeric())
        && outward.iter().any(|c| c.is_ascii_digit());
    inward_ok && outward_ok
}

fn tidy_postcode(s: &str) -> String {
    let compact: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    if compact.len() < 5 {
        return compact;
    }
    let (a, b) = compact.split_at(compact.len() - 3);
    format!("{a} {b}")
}

/// Reads and checks the whole file; `progress` is told how many rows have been read.
pub fn check(bytes: &[u8], mut progress: impl FnMut(usize)) -> Checked {
    let text = decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Checked::default();
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            out.problems.push(RowProblem {
                row: 1,
                reason: format!("The header row can't be read: {e}"),
            });
            return out;
        }
    };
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let (Some(urn_col), Some(name_col)) = (col("URN"), col("EstablishmentName")) else {
        out.problems.push(RowProblem {
            row: 1,
            reason:
                "This doesn't look like a GIAS extract: it needs URN and EstablishmentName columns."
                    .into(),
        });
        return out;
    };
    let phase_col = col("PhaseOfEducation (name)");
    let postcode_col = col("Postcode");
    let status_col = col("EstablishmentStatus (name)");
    let district_col = col("DistrictAdministrative (name)");
    let mut seen = HashSet::new();
    for (i, record) in reader.records().enumerate() {
        let row = i + 2;
        if (i + 1) % 1000 == 0 {
            progress(i + 1);
        }
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                out.problems.push(RowProblem {
                    row,
                    reason: format!("The row can't be read: {e}"),
                });
                continue;
            }
        };
        let get = |c: Option<usize>| {
            c.and_then(|c| record.get(c))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let urn = get(Some(urn_col));
        let name = get(Some(name_col));
        let postcode = get(postcode_col);
        let reason = if urn.is_empty() {
            Some("The URN is missing.".to_string())
        } else if !(5..=7).contains(&urn.len()) || !urn.chars().all(|c| c.is_ascii_digit()) {
            Some(format!(
                "The URN \"{urn}\" isn't a number of 5 to 7 digits."
            ))
        } else if name.is_empty() {
            Some("The school name is missing.".to_string())
        } else if !postcode.is_empty() && !is_uk_postcode(&postcode) {
            Some(format!("The postcode \"{postcode}\" isn't a UK postcode."))
        } else if !seen.insert(urn.clone()) {
            Some(format!("The URN {urn} appears more than once in the file."))
        } else {
            None
        };
        if let Some(reason) = reason {
            out.problems.push(RowProblem { row, reason });
            continue;
        }
        let status = get(status_col);
        out.rows.push(SchoolRow {
            row,
            urn,
            name,
            phase: get(phase_col),
            postcode: tidy_postcode(&postcode),
            is_open: !status.to_ascii_lowercase().starts_with("closed"),
            district: get(district_col),
        });
    }
    progress(out.rows.len() + out.problems.len());
    out
}

/// Applies checked rows to an authority, in the caller's transaction. URNs that belong
/// to another authority are problems, and then nothing is written.
pub fn apply(
    conn: &mut Db,
    authority_id: i64,
    rows: &[SchoolRow],
    mut progress: impl FnMut(usize),
) -> QueryResult<Result<Outcome, Vec<RowProblem>>> {
    type Existing = (i64, i64, String, String, String, bool, Option<i64>);
    let region_ids: HashMap<String, i64> = regions::table
        .filter(regions::authority_id.eq(authority_id))
        .select((regions::name, regions::id))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .map(|(n, id)| (n.to_lowercase(), id))
        .collect();
    let mut existing: HashMap<String, Existing> = HashMap::new();
    for chunk in rows.chunks(5000) {
        let urns: Vec<&str> = chunk.iter().map(|r| r.urn.as_str()).collect();
        let found: Vec<(String, Existing)> = schools::table
            .filter(schools::urn.eq_any(&urns))
            .select((
                schools::urn,
                (
                    schools::id,
                    schools::authority_id,
                    schools::name,
                    schools::phase,
                    schools::postcode,
                    schools::is_open,
                    schools::region_id,
                ),
            ))
            .load(conn)?;
        existing.extend(found);
    }
    let problems: Vec<RowProblem> = rows
        .iter()
        .filter(|r| existing.get(&r.urn).is_some_and(|e| e.1 != authority_id))
        .map(|r| RowProblem {
            row: r.row,
            reason: format!(
                "The URN {} belongs to a school in another authority.",
                r.urn
            ),
        })
        .collect();
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let now = crate::now();
    let mut outcome = Outcome::default();
    for (i, r) in rows.iter().enumerate() {
        if i % 1000 == 999 {
            progress(i + 1);
        }
        let region_id = region_ids.get(&r.district.to_lowercase()).copied();
        if !r.is_open {
            outcome.closed += 1;
        }
        match existing.get(&r.urn) {
            Some((id, _, name, phase, postcode, is_open, old_region)) => {
                let region_id = region_id.or(*old_region);
                if name == &r.name
                    && phase == &r.phase
                    && postcode == &r.postcode
                    && *is_open == r.is_open
                    && *old_region == region_id
                {
                    outcome.unchanged += 1;
                    continue;
                }
                diesel::update(schools::table.find(id))
                    .set((
                        schools::name.eq(&r.name),
                        schools::phase.eq(&r.phase),
                        schools::postcode.eq(&r.postcode),
                        schools::is_open.eq(r.is_open),
                        schools::region_id.eq(region_id),
                        schools::updated_at.eq(now),
                    ))
                    .execute(conn)?;
                outcome.updated += 1;
            }
            None => {
                diesel::insert_into(schools::table)
                    .values((
                        schools::authority_id.eq(authority_id),
                        schools::region_id.eq(region_id),
                        schools::urn.eq(&r.urn),
                        schools::name.eq(&r.name),
                        schools::phase.eq(&r.phase),
                        schools::postcode.eq(&r.postcode),
                        schools::is_open.eq(r.is_open),
                        schools::created_at.eq(now),
                        schools::updated_at.eq(now),
                    ))
                    .execute(conn)?;
                outcome.added += 1;
            }
        }
    }
    progress(rows.len());
    Ok(Ok(outcome))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "URN,LA (code),LA (name),EstablishmentName,EstablishmentStatus (name),PhaseOfEducation (name),Postcode,DistrictAdministrative (name)\n";

    #[test]
    fn good_rows_are_read_and_bad_rows_reported_by_row_number() {
        let csv = format!(
            "{HEADER}100001,999,Northshire,Oakfield Primary,Open,Primary,ns1 2ab,North Northshire\n\
             ,999,Northshire,No Urn School,Open,Primary,NS1 2AB,\n\
             100003,999,Northshire,,Open,Primary,NS1 2AB,\n\
             100004,999,Northshire,Bad Postcode,Open,Primary,NOTAPOSTCODE,\n\
             100001,999,Northshire,Duplicate,Open,Primary,NS1 2AB,\n\
             100006,999,Northshire,Old School,Closed,Secondary,NS2 3CD,\n"
        );
        let checked = check(csv.as_bytes(), |_| {});
        assert_eq!(checked.rows.len(), 2);
        assert_eq!(checked.rows[0].postcode, "NS1 2AB");
        assert!(!checked.rows[1].is_open);
        let rows: Vec<usize> = checked.problems.iter().map(|p| p.row).collect();
        assert_eq!(rows, vec![3, 4, 5, 6]);
        assert!(checked.problems[2].reason.contains("postcode"));
        assert!(checked.problems[3].reason.contains("more than once"));
    }

    #[test]
    fn windows_1252_names_survive() {
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes
            .extend_from_slice(b"100001,999,N,St Mary\x92s C of E Primary,Open,Primary,NS1 2AB,\n");
        let checked = check(&bytes, |_| {});
        assert_eq!(checked.rows[0].name, "St Mary\u{2019}s C of E Primary");
    }

    #[test]
    fn a_file_without_the_gias_columns_is_refused() {
        let checked = check(b"name,postcode\nA,B\n", |_| {});
        assert!(checked.rows.is_empty());
        assert_eq!(checked.problems[0].row, 1);
    }

    #[test]
    fn postcode_shapes() {
        for ok in [
            "SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "ls14ap",
        ] {
            assert!(is_uk_postcode(ok), "{ok}");
        }
        for bad in ["12345", "SW1A", "ABC DEF", "SW1A 1A1"] {
            assert!(!is_uk_postcode(bad), "{bad}");
        }
    }
}
