//! Forum records as stored, and the words used for their states.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::accounts::access::Place;
use crate::db::schema::{forum_categories, forum_posts, forum_threads};

/// A post or thread everyone who may read the category sees.
pub const VISIBLE: &str = "visible";
/// Stopped by the filter's "hold": only the author and moderators see it.
pub const HELD: &str = "held";
/// Hidden after enough flags from trusted members, until a moderator reviews it.
pub const FLAGGED: &str = "flagged";
/// Removed by a moderator.
pub const REMOVED: &str = "removed";

pub const FLAG_REASONS: [(&str, &str); 4] = [
    ("pupil_data", "It could identify a pupil"),
    ("unkind", "It's unkind or disrespectful"),
    ("spam", "It's spam or advertising"),
    ("other", "Something else"),
];

/// Flags from this many trusted members hide a post until a moderator looks at it.
pub const FLAGS_TO_HIDE: i64 = 3;
/// Members whose accounts are at least this old, and moderators, are trusted flaggers.
pub const TRUSTED_AFTER_DAYS: i64 = 14;
/// Posts (threads and replies) one member may write per minute, unless the operator sets
/// `COMMONROOM_FORUM_POSTS_PER_MINUTE` (load tests do).
pub fn posts_per_minute() -> i64 {
    static LIMIT: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
    *LIMIT.get_or_init(|| {
        std::env::var("COMMONROOM_FORUM_POSTS_PER_MINUTE")
            .ok()
            .and_then(|v| v.parse().ok())
            .filter(|n: &i64| *n > 0)
            .unwrap_or(8)
    })
}
/// Replies shown per thread page, threads per category page.
pub const POSTS_PER_PAGE: i64 = 100;
pub const THREADS_PER_PAGE: i64 = 50;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = forum_categories)]
pub struct Category {
    pub id: i64,
    pub scope: String,
    pub authority_id: Option<i64>,
    pub region_id: Option<i64>,
    pub group_id: Option<i64>,
    pub name: String,
    pub description: String,
    pub open_to_authority: bool,
    pub position: i32,
}

impl Category {
    pub fn place(&self) -> Place {
        match (
            self.scope.as_str(),
            self.group_id,
            self.region_id,
            self.authority_id,
        ) {
            ("group", Some(group_id), _, Some(authority_id)) => Place::Group {
                group_id,
                authority_id,
                open_to_authority: self.open_to_authority,
            },
            ("region", _, Some(region_id), Some(authority_id)) => Place::Region {
                region_id,
                authority_id,
            },
            ("network", ..) => Place::Network,
            // A malformed row is treated as the most closed place there is.
            _ => Place::Group {
                group_id: -1,
                authority_id: -1,
                open_to_authority: false,
            },
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = forum_threads)]
pub struct Thread {
    pub id: i64,
    pub category_id: i64,
    pub author_id: i64,
    pub title: String,
    pub anonymous: bool,
    pub status: String,
    pub pinned: bool,
    pub locked: bool,
    pub answer_post_id: Option<i64>,
    pub reply_count: i32,
    pub last_post_at: NaiveDateTime,
    pub deleted_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = forum_posts)]
pub struct Post {
    pub id: i64,
    pub thread_id: i64,
    pub author_id: i64,
    pub is_first: bool,
    pub anonymous: bool,
    pub body_md: String,
    pub body_html: String,
    pub status: String,
    pub hold_reason: String,
    pub flag_count: i32,
    pub edited_at: Option<NaiveDateTime>,
    pub deleted_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

/// Notification levels, per thread and per category.
pub const LEVELS: [(&str, &str); 4] = [
    ("watching", "Watching: every new reply"),
    (
        "tracking",
        "Tracking: replies to you and mentions, and unread counts",
    ),
    ("normal", "Normal: mentions and replies to you"),
    ("muted", "Muted: nothing"),
];

pub fn is_level(s: &str) -> bool {
    LEVELS.iter().any(|(l, _)| *l == s)
}

/// How a member chooses to get forum emails.
pub const EMAIL_MODES: [(&str, &str); 3] = [
    ("immediate", "Straight away"),
    ("daily", "A daily digest"),
    ("off", "Never"),
];

/// What date to show: "23 Nov 2026, 14:05".
pub fn when(t: NaiveDateTime) -> String {
    t.format("%-d %b %Y, %H:%M").to_string()
}
