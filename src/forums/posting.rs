//! Writing to the forums: new threads, replies and edits, each in the caller's transaction
//! together with the search index and the notifications (and emails) they cause.

use diesel::prelude::*;

use super::model::*;
use super::{notices, queries as q, render};
use crate::db::schema::{forum_posts as fp, forum_thread_levels as ftl, forum_threads as ft};
use crate::db::Db;
use crate::error::AppResult;

/// What the filter decided for a whole post (title and body together).
#[derive(Debug, Clone)]
pub struct Outcome {
    /// `VISIBLE` or `HELD`.
    pub status: &'static str,
    /// Why it was held, told to the author and the moderators.
    pub hold_reason: String,
}

impl Outcome {
    pub fn visible() -> Outcome {
        Outcome {
            status: VISIBLE,
            hold_reason: String::new(),
        }
    }
    pub fn is_held(&self) -> bool {
        self.status == HELD
    }
}

pub struct NewThread {
    pub category_id: i64,
    pub author_id: i64,
    pub title: String,
    pub body_md: String,
    pub anonymous: bool,
    pub outcome: Outcome,
}

/// Where emails are rendered and what links in them start with.
pub struct Mailing<'a> {
    pub views: &'a crate::web::Views,
    pub base_url: &'a str,
}

pub fn create_thread(conn: &mut Db, mail: &Mailing, t: &NewThread) -> AppResult<i64> {
    let now = crate::now();
    let thread_id: i64 = diesel::insert_into(ft::table)
        .values((
            ft::category_id.eq(t.category_id),
            ft::author_id.eq(t.author_id),
            ft::title.eq(&t.title),
            ft::anonymous.eq(t.anonymous),
            ft::status.eq(t.outcome.status),
            ft::pinned.eq(false),
            ft::locked.eq(false),
            ft::reply_count.eq(0),
            ft::last_post_at.eq(now),
            ft::created_at.eq(now),
        ))
        .returning(ft::id)
        .get_result(conn)?;
    let post_id = insert_post(
        conn,
        thread_id,
        t.author_id,
        true,
        t.anonymous,
        &t.body_md,
        &t.outcome,
    )?;
    q::index_post(conn, post_id, &t.title, &t.body_md)?;
    set_level(conn, t.author_id, thread_id, "watching")?;
    if !t.outcome.is_held() {
        notices::after_post(conn, mail, thread_id, post_id)?;
    }
    Ok(thread_id)
}

pub fn create_reply(
    conn: &mut Db,
    mail: &Mailing,
    thread: &Thread,
    author_id: i64,
    body_md: &str,
    outcome: &Outcome,
) -> AppResult<i64> {
    let anonymous = thread.anonymous && thread.author_id == author_id;
    let post_id = insert_post(
        conn, thread.id, author_id, false, anonymous, body_md, outcome,
    )?;
    q::index_post(conn, post_id, "", body_md)?;
    if !outcome.is_held() {
        count_reply(conn, thread.id)?;
        notices::after_post(conn, mail, thread.id, post_id)?;
    }
    // Replying tracks the thread unless the member chose a level already.
    if author_id != thread.author_id {
        let has: i64 = ftl::table
            .filter(ftl::user_id.eq(author_id))
            .filter(ftl::thread_id.eq(thread.id))
            .count()
            .get_result(conn)?;
        if has == 0 {
            set_level(conn, author_id, thread.id, "tracking")?;
        }
    }
    Ok(post_id)
}

/// A visible reply moves the thread up its category and counts.
pub fn count_reply(conn: &mut Db, thread_id: i64) -> QueryResult<()> {
    diesel::update(ft::table.find(thread_id))
        .set((
            ft::reply_count.eq(ft::reply_count + 1),
            ft::last_post_at.eq(crate::now()),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn insert_post(
    conn: &mut Db,
    thread_id: i64,
    author_id: i64,
    is_first: bool,
    anonymous: bool,
    body_md: &str,
    outcome: &Outcome,
) -> QueryResult<i64> {
    diesel::insert_into(fp::table)
        .values((
            fp::thread_id.eq(thread_id),
            fp::author_id.eq(author_id),
            fp::is_first.eq(is_first),
            fp::anonymous.eq(anonymous),
            fp::body_md.eq(body_md),
            fp::body_html.eq(render::markdown_to_html(body_md)),
            fp::status.eq(outcome.status),
            fp::hold_reason.eq(&outcome.hold_reason),
            fp::flag_count.eq(0),
            fp::created_at.eq(crate::now()),
        ))
        .returning(fp::id)
        .get_result(conn)
}

/// Replaces a post's text (and its thread's title, for the first post), keeping the old
/// text as a revision. A held edit hides the post again until a moderator releases it.
pub fn edit_post(
    conn: &mut Db,
    post: &Post,
    thread: &Thread,
    editor_id: i64,
    title: Option<&str>,
    body_md: &str,
    outcome: &Outcome,
) -> QueryResult<()> {
    q::save_revision(conn, post, &thread.title, editor_id)?;
    let status = if outcome.is_held() {
        HELD
    } else {
        post.status.as_str()
    };
    let status = if status == HELD && !outcome.is_held() && post.status == HELD {
        // An author's clean rewrite of a held post still waits for the moderator.
        HELD
    } else {
        status
    };
    diesel::update(fp::table.find(post.id))
        .set((
            fp::body_md.eq(body_md),
            fp::body_html.eq(render::markdown_to_html(body_md)),
            fp::status.eq(status),
            fp::hold_reason.eq(if outcome.is_held() {
                outcome.hold_reason.as_str()
            } else {
                post.hold_reason.as_str()
            }),
            fp::edited_at.eq(Some(crate::now())),
        ))
        .execute(conn)?;
    let title = title.unwrap_or(&thread.title);
    if post.is_first {
        diesel::update(ft::table.find(thread.id))
            .set((ft::title.eq(title), ft::status.eq(status)))
            .execute(conn)?;
    }
    q::index_post(
        conn,
        post.id,
        if post.is_first { title } else { "" },
        body_md,
    )?;
    Ok(())
}

/// Sets a member's notification level for a thread.
pub fn set_level(conn: &mut Db, user_id: i64, thread_id: i64, level: &str) -> QueryResult<()> {
    diesel::delete(
        ftl::table
            .filter(ftl::user_id.eq(user_id))
            .filter(ftl::thread_id.eq(thread_id)),
    )
    .execute(conn)?;
    diesel::insert_into(ftl::table)
        .values((
            ftl::user_id.eq(user_id),
            ftl::thread_id.eq(thread_id),
            ftl::level.eq(level),
        ))
        .execute(conn)?;
    Ok(())
}
