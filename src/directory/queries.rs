//! Directory reads and writes: groups with counts, memberships, join requests, invitations.

use chrono::Duration;
use diesel::prelude::*;
use serde::Serialize;

use super::model::{focus_label, Authority, Group, Region};
use crate::accounts::model::NewRoleGrant;
use crate::db::schema::{
    authorities, group_invitations, group_memberships, join_requests, regional_groups, regions,
    role_grants, schools, users,
};
use crate::db::Db;
use crate::web::tokens::{hash_token, random_token};

pub fn authority(conn: &mut Db, id: i64) -> QueryResult<Authority> {
    authorities::table
        .find(id)
        .select(Authority::as_select())
        .first(conn)
}

pub fn all_authorities(conn: &mut Db) -> QueryResult<Vec<Authority>> {
    authorities::table
        .order(authorities::name.asc())
        .select(Authority::as_select())
        .load(conn)
}

pub fn create_authority(conn: &mut Db, name: &str) -> QueryResult<i64> {
    diesel::insert_into(authorities::table)
        .values((
            authorities::name.eq(name),
            authorities::slug.eq(super::model::slugify(name)),
            authorities::created_at.eq(crate::now()),
        ))
        .returning(authorities::id)
        .get_result(conn)
}

pub fn regions_of(conn: &mut Db, authority_id: i64) -> QueryResult<Vec<Region>> {
    regions::table
        .filter(regions::authority_id.eq(authority_id))
        .order(regions::name.asc())
        .select(Region::as_select())
        .load(conn)
}

pub fn create_region(conn: &mut Db, authority_id: i64, name: &str) -> QueryResult<i64> {
    diesel::insert_into(regions::table)
        .values((
            regions::authority_id.eq(authority_id),
            regions::name.eq(name),
        ))
        .returning(regions::id)
        .get_result(conn)
}

pub fn group(conn: &mut Db, id: i64) -> QueryResult<Group> {
    regional_groups::table
        .find(id)
        .select(Group::as_select())
        .first(conn)
}

/// A group as listed: with its region and member count (one query for the whole list).
#[derive(Debug, Serialize, Queryable)]
pub struct GroupListing {
    pub id: i64,
    pub name: String,
    pub focus: String,
    pub description: String,
    pub region_id: i64,
    pub region: String,
    pub authority: String,
    pub members: i64,
}

#[derive(Debug, Default)]
pub struct GroupFilter {
    pub region_id: Option<i64>,
    pub focus: Option<String>,
    pub authority_id: Option<i64>,
}

pub fn list_groups(conn: &mut Db, f: &GroupFilter) -> QueryResult<Vec<GroupListing>> {
    let members = group_memberships::table
        .filter(group_memberships::group_id.eq(regional_groups::id))
        .count()
        .single_value();
    let mut q = regional_groups::table
        .inner_join(regions::table)
        .inner_join(authorities::table)
        .select((
            regional_groups::id,
            regional_groups::name,
            regional_groups::focus,
            regional_groups::description,
            regions::id,
            regions::name,
            authorities::name,
            members.assume_not_null(),
        ))
        .order((regions::name.asc(), regional_groups::name.asc()))
        .into_boxed();
    if let Some(r) = f.region_id {
        q = q.filter(regional_groups::region_id.eq(r));
    }
    if let Some(focus) = &f.focus {
        q = q.filter(regional_groups::focus.eq(focus.clone()));
    }
    if let Some(a) = f.authority_id {
        q = q.filter(regional_groups::authority_id.eq(a));
    }
    q.load(conn)
}

pub fn member_count(conn: &mut Db, group_id: i64) -> QueryResult<i64> {
    group_memberships::table
        .filter(group_memberships::group_id.eq(group_id))
        .count()
        .get_result(conn)
}

#[derive(Debug, Serialize, Queryable)]
pub struct Person {
    pub id: i64,
    pub display_name: String,
    pub job_title: String,
    pub school: Option<String>,
}

pub fn coordinators(conn: &mut Db, group_id: i64) -> QueryResult<Vec<Person>> {
    role_grants::table
        .inner_join(users::table.left_join(schools::table))
        .filter(role_grants::role.eq("coordinator"))
        .filter(role_grants::group_id.eq(group_id))
        .order(users::display_name.asc())
        .select((
            users::id,
            users::display_name,
            users::job_title,
            schools::name.nullable(),
        ))
        .load(conn)
}

pub fn coordinator_emails(conn: &mut Db, group_id: i64) -> QueryResult<Vec<(String, String)>> {
    role_grants::table
        .inner_join(users::table)
        .filter(role_grants::role.eq("coordinator"))
        .filter(role_grants::group_id.eq(group_id))
        .filter(users::deactivated_at.is_null())
        .select((users::email, users::display_name))
        .load(conn)
}

pub fn members(conn: &mut Db, group_id: i64) -> QueryResult<Vec<Person>> {
    group_memberships::table
        .inner_join(users::table.left_join(schools::table))
        .filter(group_memberships::group_id.eq(group_id))
        .filter(users::deactivated_at.is_null())
        .order(users::display_name.asc())
        .select((
            users::id,
            users::display_name,
            users::job_title,
            schools::name.nullable(),
        ))
        .load(conn)
}

pub fn is_member(conn: &mut Db, group_id: i64, user_id: i64) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        group_memberships::table
            .filter(group_memberships::group_id.eq(group_id))
            .filter(group_memberships::user_id.eq(user_id)),
    ))
    .get_result(conn)
}

pub fn add_member(conn: &mut Db, group_id: i64, user_id: i64) -> QueryResult<()> {
    if is_member(conn, group_id, user_id)? {
        return Ok(());
    }
    diesel::insert_into(group_memberships::table)
        .values((
            group_memberships::group_id.eq(group_id),
            group_memberships::user_id.eq(user_id),
            group_memberships::joined_at.eq(crate::now()),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn remove_member(conn: &mut Db, group_id: i64, user_id: i64) -> QueryResult<usize> {
    diesel::delete(
        group_memberships::table
            .filter(group_memberships::group_id.eq(group_id))
            .filter(group_memberships::user_id.eq(user_id)),
    )
    .execute(conn)
}

pub fn pending_request_of(conn: &mut Db, group_id: i64, user_id: i64) -> QueryResult<Option<i64>> {
    join_requests::table
        .filter(join_requests::group_id.eq(group_id))
        .filter(join_requests::user_id.eq(user_id))
        .filter(join_requests::status.eq("pending"))
        .select(join_requests::id)
        .first(conn)
        .optional()
}

pub fn create_join_request(
    conn: &mut Db,
    group_id: i64,
    user_id: i64,
    message: &str,
) -> QueryResult<i64> {
    diesel::insert_into(join_requests::table)
        .values((
            join_requests::group_id.eq(group_id),
            join_requests::user_id.eq(user_id),
            join_requests::message.eq(message),
            join_requests::status.eq("pending"),
            join_requests::created_at.eq(crate::now()),
        ))
        .returning(join_requests::id)
        .get_result(conn)
}

#[derive(Debug, Serialize, Queryable)]
pub struct PendingRequest {
    pub id: i64,
    pub user_id: i64,
    pub display_name: String,
    pub job_title: String,
    pub school: Option<String>,
    pub message: String,
}

pub fn pending_requests(conn: &mut Db, group_id: i64) -> QueryResult<Vec<PendingRequest>> {
    join_requests::table
        .inner_join(
            users::table
                .on(users::id.eq(join_requests::user_id))
                .left_join(schools::table),
        )
        .filter(join_requests::group_id.eq(group_id))
        .filter(join_requests::status.eq("pending"))
        .order(join_requests::created_at.asc())
        .select((
            join_requests::id,
            users::id,
            users::display_name,
            users::job_title,
            schools::name.nullable(),
            join_requests::message,
        ))
        .load(conn)
}

/// Decides a pending request once; `None` if it was already decided (or isn't this group's).
pub fn decide_request(
    conn: &mut Db,
    group_id: i64,
    request_id: i64,
    approve: bool,
    decided_by: i64,
) -> QueryResult<Option<i64>> {
    let user_id: Option<i64> = join_requests::table
        .filter(join_requests::id.eq(request_id))
        .filter(join_requests::group_id.eq(group_id))
        .filter(join_requests::status.eq("pending"))
        .select(join_requests::user_id)
        .first(conn)
        .optional()?;
    let Some(user_id) = user_id else {
        return Ok(None);
    };
    let changed = diesel::update(
        join_requests::table
            .filter(join_requests::id.eq(request_id))
            .filter(join_requests::status.eq("pending")),
    )
    .set((
        join_requests::status.eq(if approve { "approved" } else { "declined" }),
        join_requests::decided_by.eq(Some(decided_by)),
        join_requests::decided_at.eq(Some(crate::now())),
    ))
    .execute(conn)?;
    if changed == 0 {
        return Ok(None);
    }
    if approve {
        add_member(conn, group_id, user_id)?;
    }
    Ok(Some(user_id))
}

pub fn create_invitation(
    conn: &mut Db,
    group_id: i64,
    email: &str,
    invited_by: i64,
) -> QueryResult<String> {
    let token = random_token();
    let now = crate::now();
    diesel::insert_into(group_invitations::table)
        .values((
            group_invitations::token_hash.eq(hash_token(&token)),
            group_invitations::group_id.eq(group_id),
            group_invitations::email.eq(email),
            group_invitations::invited_by.eq(invited_by),
            group_invitations::expires_at.eq(now + Duration::days(14)),
            group_invitations::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(token)
}

/// The group an open invitation is for.
pub fn invitation_group(conn: &mut Db, token: &str) -> QueryResult<Option<i64>> {
    group_invitations::table
        .filter(group_invitations::token_hash.eq(hash_token(token)))
        .filter(group_invitations::accepted_at.is_null())
        .filter(group_invitations::expires_at.gt(crate::now()))
        .select(group_invitations::group_id)
        .first(conn)
        .optional()
}

/// Accepts an invitation once; returns the group joined.
pub fn accept_invitation(conn: &mut Db, token: &str, user_id: i64) -> QueryResult<Option<i64>> {
    let Some(group_id) = invitation_group(conn, token)? else {
        return Ok(None);
    };
    diesel::update(
        group_invitations::table.filter(group_invitations::token_hash.eq(hash_token(token))),
    )
    .set(group_invitations::accepted_at.eq(Some(crate::now())))
    .execute(conn)?;
    add_member(conn, group_id, user_id)?;
    Ok(Some(group_id))
}

pub fn grant_coordinator(conn: &mut Db, user_id: i64, group: &Group) -> QueryResult<()> {
    let exists: bool = diesel::select(diesel::dsl::exists(
        role_grants::table
            .filter(role_grants::user_id.eq(user_id))
            .filter(role_grants::role.eq("coordinator"))
            .filter(role_grants::group_id.eq(group.id)),
    ))
    .get_result(conn)?;
    if !exists {
        diesel::insert_into(role_grants::table)
            .values(NewRoleGrant::coordinator(
                user_id,
                group.authority_id,
                group.id,
            ))
            .execute(conn)?;
    }
    // A coordinator is a member of the group they run.
    add_member(conn, group.id, user_id)
}

pub fn focus_options(selected: Option<&str>) -> Vec<serde_json::Value> {
    super::model::FOCUSES
        .iter()
        .map(|(code, label)| serde_json::json!({ "code": code, "label": label, "selected": Some(*code) == selected }))
        .collect()
}

pub fn focus_name(code: &str) -> &'static str {
    focus_label(code)
}
