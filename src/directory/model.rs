//! The directory as stored: authorities, regions, schools and regional groups.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{authorities, regional_groups, regions, schools};

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = authorities)]
pub struct Authority {
    pub id: i64,
    pub name: String,
    pub slug: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = regions)]
pub struct Region {
    pub id: i64,
    pub authority_id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = schools)]
pub struct School {
    pub id: i64,
    pub authority_id: i64,
    pub region_id: Option<i64>,
    pub urn: String,
    pub name: String,
    pub phase: String,
    pub postcode: String,
    pub is_open: bool,
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = regional_groups)]
pub struct Group {
    pub id: i64,
    pub authority_id: i64,
    pub region_id: i64,
    pub name: String,
    pub focus: String,
    pub description: String,
    pub created_at: NaiveDateTime,
}

/// What a group is about: a locality network, or one focus across a region.
pub const FOCUSES: [(&str, &str); 6] = [
    ("locality", "Local network"),
    ("send", "SEND"),
    ("early_years", "Early years"),
    ("primary", "Primary"),
    ("secondary", "Secondary"),
    ("wellbeing", "Wellbeing and pastoral"),
];

pub fn focus_label(code: &str) -> &'static str {
    FOCUSES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
        .unwrap_or("Other")
}

/// A URL-safe slug from a name: "Northshire County Council" → "northshire-county-council".
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs() {
        assert_eq!(
            super::slugify("Northshire County Council"),
            "northshire-county-council"
        );
        assert_eq!(super::slugify("  St. Helens!! "), "st-helens");
    }
}
