//! Polls, slots, meetings and RSVPs as stored.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{meetings, poll_slots, polls};

pub const OPEN: &str = "open";
pub const CLOSED: &str = "closed";
pub const SCHEDULED: &str = "scheduled";
pub const CANCELLED: &str = "cancelled";
pub const HELD: &str = "held";
pub const GOING: &str = "going";
pub const WAITING: &str = "waiting";
pub const NOT_GOING: &str = "not_going";

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = polls)]
pub struct Poll {
    pub id: i64,
    pub group_id: i64,
    pub title: String,
    pub deadline: NaiveDateTime,
    pub hide_names: bool,
    pub status: String,
    pub created_by: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = poll_slots)]
pub struct Slot {
    pub id: i64,
    pub poll_id: i64,
    pub slot_date: NaiveDate,
    pub start_time: String,
    pub end_time: String,
    pub venue_school_id: Option<i64>,
    pub online: bool,
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = meetings)]
pub struct Meeting {
    pub id: i64,
    pub group_id: i64,
    pub poll_id: Option<i64>,
    pub uid: String,
    pub title: String,
    pub agenda: String,
    pub meeting_date: NaiveDate,
    pub start_time: String,
    pub end_time: String,
    pub venue_school_id: Option<i64>,
    pub online_link: String,
    pub capacity: i32,
    pub status: String,
    pub sequence: i32,
    pub minutes: String,
    pub updated_at: NaiveDateTime,
}

/// A slot or meeting's place and time, as a person reads it.
pub fn when(date: NaiveDate, start: &str, end: &str) -> String {
    format!("{} {}–{}", date.format("%A %-d %B %Y"), start, end)
}
