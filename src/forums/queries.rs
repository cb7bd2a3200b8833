//! Reading and writing forum records. Every list is one query (no query per post or per
//! author), each backed by an index from the forums migration.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use serde::Serialize;

use super::model::*;
use crate::accounts::access::{Home, Permission, Viewer};
use crate::db::schema::{
    forum_categories as fc, forum_posts as fp, forum_reads as fr, forum_revisions as frv,
    forum_threads as ft, regional_groups, regions, schools, users,
};
use crate::db::Db;

/// Where a user works, from their school.
pub fn home_of(conn: &mut Db, user: &crate::accounts::model::User) -> QueryResult<Home> {
    let Some(school) = user.school_id else {
        return Ok(Home::default());
    };
    let row: Option<(Option<i64>, i64)> = schools::table
        .find(school)
        .select((schools::region_id, schools::authority_id))
        .first(conn)
        .optional()?;
    Ok(row
        .map(|(region_id, authority_id)| Home {
            region_id,
            authority_id: Some(authority_id),
        })
        .unwrap_or_default())
}

/// A category with the name of the group or region it belongs to.
#[derive(Debug, Clone, Serialize)]
pub struct Place {
    #[serde(flatten)]
    pub category: Category,
    pub owner: Option<String>,
}

/// Every category (a short list), with owners' names, in display order.
pub fn all_categories(conn: &mut Db) -> QueryResult<Vec<Place>> {
    let rows: Vec<(Category, Option<String>, Option<String>)> = fc::table
        .left_join(regional_groups::table.on(regional_groups::id.nullable().eq(fc::group_id)))
        .left_join(regions::table.on(regions::id.nullable().eq(fc::region_id)))
        .order((fc::scope.asc(), fc::position.asc(), fc::id.asc()))
        .select((
            Category::as_select(),
            regional_groups::name.nullable(),
            regions::name.nullable(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(category, group, region)| Place {
            category,
            owner: group.or(region),
        })
        .collect())
}

/// The categories this viewer may read.
pub fn readable(conn: &mut Db, viewer: &Viewer, home: Home) -> QueryResult<Vec<Place>> {
    Ok(all_categories(conn)?
        .into_iter()
        .filter(|p| {
            viewer.may(Permission::ReadForum {
                place: p.category.place(),
                home,
            })
        })
        .collect())
}

pub fn category(conn: &mut Db, id: i64) -> QueryResult<Category> {
    fc::table.find(id).select(Category::as_select()).first(conn)
}

/// One line of a category page.
#[derive(Debug, Serialize, Queryable)]
pub struct ThreadLine {
    pub id: i64,
    pub title: String,
    pub author_id: i64,
    pub anonymous: bool,
    pub status: String,
    pub pinned: bool,
    pub locked: bool,
    pub answer_post_id: Option<i64>,
    pub reply_count: i32,
    pub last_post_at: NaiveDateTime,
    pub author: String,
    pub last_read_at: Option<NaiveDateTime>,
}

/// A page of a category's threads, pinned first then by latest post, with whether the
/// viewer has read each since its last post. Held threads show only to their author and
/// moderators.
pub fn thread_lines(
    conn: &mut Db,
    category_id: i64,
    viewer_id: i64,
    moderator: bool,
    page: i64,
) -> QueryResult<Vec<ThreadLine>> {
    let mut q = ft::table
        .inner_join(users::table.on(users::id.eq(ft::author_id)))
        .left_join(fr::table.on(fr::thread_id.eq(ft::id).and(fr::user_id.eq(viewer_id))))
        .filter(ft::category_id.eq(category_id))
        .filter(ft::deleted_at.is_null())
        .into_boxed();
    if !moderator {
        q = q.filter(
            ft::status
                .eq(VISIBLE)
                .or(ft::status.eq(HELD).and(ft::author_id.eq(viewer_id))),
        );
    }
    q.order((ft::pinned.desc(), ft::last_post_at.desc()))
        .limit(THREADS_PER_PAGE)
        .offset(page.max(0) * THREADS_PER_PAGE)
        .select((
            ft::id,
            ft::title,
            ft::author_id,
            ft::anonymous,
            ft::status,
            ft::pinned,
            ft::locked,
            ft::answer_post_id,
            ft::reply_count,
            ft::last_post_at,
            users::display_name,
            fr::last_read_at.nullable(),
        ))
        .load(conn)
}

pub fn thread(conn: &mut Db, id: i64) -> QueryResult<(Thread, Category)> {
    ft::table
        .inner_join(fc::table)
        .filter(ft::id.eq(id))
        .select((Thread::as_select(), Category::as_select()))
        .first(conn)
}

/// A post with its author's name.
#[derive(Debug, Clone, Serialize, Queryable)]
pub struct PostRow {
    #[diesel(embed)]
    pub post: PostCols,
    pub author: String,
}

#[derive(Debug, Clone, Serialize, Queryable, Selectable)]
#[diesel(table_name = fp)]
pub struct PostCols {
    pub id: i64,
    pub thread_id: i64,
    pub author_id: i64,
    pub is_first: bool,
    pub anonymous: bool,
    pub body_html: String,
    pub status: String,
    pub hold_reason: String,
    pub flag_count: i32,
    pub edited_at: Option<NaiveDateTime>,
    pub deleted_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

/// A thread's posts in order (one query, authors joined).
pub fn posts_of(conn: &mut Db, thread_id: i64, page: i64) -> QueryResult<Vec<PostRow>> {
    fp::table
        .inner_join(users::table.on(users::id.eq(fp::author_id)))
        .filter(fp::thread_id.eq(thread_id))
        .order(fp::id.asc())
        .limit(POSTS_PER_PAGE + 1)
        .offset(page.max(0) * POSTS_PER_PAGE)
        .select((PostCols::as_select(), users::display_name))
        .load(conn)
}

pub fn post(conn: &mut Db, id: i64) -> QueryResult<Post> {
    fp::table.find(id).select(Post::as_select()).first(conn)
}

/// True when the member has written as many posts as the limit allows this minute.
pub fn rate_limited(conn: &mut Db, user_id: i64, now: NaiveDateTime) -> QueryResult<bool> {
    let recent: i64 = fp::table
        .filter(fp::author_id.eq(user_id))
        .filter(fp::created_at.gt(now - Duration::seconds(60)))
        .count()
        .get_result(conn)?;
    Ok(recent >= posts_per_minute())
}

/// Records that the viewer has read the thread up to now.
pub fn mark_read(conn: &mut Db, user_id: i64, thread_id: i64) -> QueryResult<()> {
    let now = crate::now();
    const UPSERT: &str =
        "ON CONFLICT (user_id, thread_id) DO UPDATE SET last_read_at = excluded.last_read_at";
    match conn {
        Db::Postgres(c) => diesel::sql_query(format!(
            "INSERT INTO forum_reads (user_id, thread_id, last_read_at) VALUES ($1, $2, $3) {UPSERT}"
        ))
            .bind::<BigInt, _>(user_id)
            .bind::<BigInt, _>(thread_id)
            .bind::<diesel::sql_types::Timestamp, _>(now)
            .execute(c)?,
        Db::Sqlite(c) => diesel::sql_query(format!(
            "INSERT INTO forum_reads (user_id, thread_id, last_read_at) VALUES (?, ?, ?) {UPSERT}"
        ))
            .bind::<BigInt, _>(user_id)
            .bind::<BigInt, _>(thread_id)
            .bind::<diesel::sql_types::Timestamp, _>(now)
            .execute(c)?,
    };
    Ok(())
}

/// Keeps the SQLite full-text index in step with a post (PostgreSQL's is a generated
/// column, always in step).
pub fn index_post(conn: &mut Db, post_id: i64, title: &str, body: &str) -> QueryResult<()> {
    if let Db::Sqlite(c) = conn {
        diesel::sql_query("DELETE FROM forum_search WHERE rowid = ?")
            .bind::<BigInt, _>(post_id)
            .execute(c)?;
        diesel::sql_query("INSERT INTO forum_search (rowid, title, body) VALUES (?, ?, ?)")
            .bind::<BigInt, _>(post_id)
            .bind::<Text, _>(title)
            .bind::<Text, _>(body)
            .execute(c)?;
    }
    Ok(())
}

/// Saves the text a post had before an edit.
pub fn save_revision(conn: &mut Db, post: &Post, title: &str, editor_id: i64) -> QueryResult<()> {
    diesel::insert_into(frv::table)
        .values((
            frv::post_id.eq(post.id),
            frv::editor_id.eq(editor_id),
            frv::title.eq(title),
            frv::body_md.eq(&post.body_md),
            frv::created_at.eq(crate::now()),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Serialize, Queryable)]
pub struct Revision {
    pub id: i64,
    pub title: String,
    pub body_md: String,
    pub created_at: NaiveDateTime,
    pub editor: String,
}

pub fn revisions(conn: &mut Db, post_id: i64) -> QueryResult<Vec<Revision>> {
    frv::table
        .inner_join(users::table.on(users::id.eq(frv::editor_id)))
        .filter(frv::post_id.eq(post_id))
        .order(frv::id.desc())
        .select((
            frv::id,
            frv::title,
            frv::body_md,
            frv::created_at,
            users::display_name,
        ))
        .load(conn)
}

/// The member's notification level for a thread ("normal" when they haven't chosen).
pub fn thread_level(conn: &mut Db, user_id: i64, thread_id: i64) -> QueryResult<String> {
    use crate::db::schema::forum_thread_levels as ftl;
    Ok(ftl::table
        .filter(ftl::user_id.eq(user_id))
        .filter(ftl::thread_id.eq(thread_id))
        .select(ftl::level)
        .first(conn)
        .optional()?
        .unwrap_or_else(|| "normal".to_string()))
}

/// What the viewer has seen of a thread: when they last read it, how many notifications
/// about it are unread, and when they last visited the forums.
pub struct ReadState {
    pub last_read_at: Option<NaiveDateTime>,
    pub unread_notices: i64,
    pub last_seen_at: Option<NaiveDateTime>,
}

pub fn read_state(conn: &mut Db, user_id: i64, thread_id: i64) -> QueryResult<ReadState> {
    use crate::db::schema::{forum_notifications as fnt, forum_prefs as fpr};
    let last_read_at = fr::table
        .find((user_id, thread_id))
        .select(fr::last_read_at)
        .first(conn)
        .optional()?;
    let unread_notices = fnt::table
        .filter(fnt::user_id.eq(user_id))
        .filter(fnt::thread_id.eq(thread_id))
        .filter(fnt::read_at.is_null())
        .count()
        .get_result(conn)?;
    let last_seen_at = fpr::table
        .find(user_id)
        .select(fpr::last_seen_at)
        .first::<Option<NaiveDateTime>>(conn)
        .optional()?
        .flatten();
    Ok(ReadState {
        last_read_at,
        unread_notices,
        last_seen_at,
    })
}
