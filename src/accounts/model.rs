//! Accounts as stored: users, their role grants, and working patterns.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{role_grants, users};

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    #[serde(skip)]
    pub password_hash: Option<String>,
    pub email_verified_at: Option<NaiveDateTime>,
    pub is_site_admin: bool,
    pub deactivated_at: Option<NaiveDateTime>,
    pub school_id: Option<i64>,
    pub job_title: String,
    pub bio: String,
    pub working_days: String,
    pub working_hours: String,
    pub email_notifications: bool,
    pub show_email_to_members: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: Option<&'a str>,
    pub email_verified_at: Option<NaiveDateTime>,
    pub is_site_admin: bool,
    pub school_id: Option<i64>,
    pub job_title: &'a str,
    pub bio: &'a str,
    pub working_days: &'a str,
    pub working_hours: &'a str,
    pub email_notifications: bool,
    pub show_email_to_members: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl<'a> NewUser<'a> {
    /// A member with no school yet who works full time, as sign-up creates.
    pub fn member(email: &'a str, display_name: &'a str, password_hash: Option<&'a str>) -> Self {
        let now = crate::now();
        NewUser {
            email,
            display_name,
            password_hash,
            email_verified_at: None,
            is_site_admin: false,
            school_id: None,
            job_title: "",
            bio: "",
            working_days: FULL_WEEK,
            working_hours: "",
            email_notifications: true,
            show_email_to_members: false,
            created_at: now,
            updated_at: now,
        }
    }
}

/// Weekdays as stored in `working_days`: a comma list of these codes.
pub const WEEKDAYS: [(&str, &str); 5] = [
    ("mon", "Monday"),
    ("tue", "Tuesday"),
    ("wed", "Wednesday"),
    ("thu", "Thursday"),
    ("fri", "Friday"),
];
pub const FULL_WEEK: &str = "mon,tue,wed,thu,fri";

/// The scoped roles; "member" is not a grant but a group membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    AuthorityAdmin,
    Head,
    Coordinator,
    /// Decides release requests for a school on its head's behalf (`school_id` set).
    ReleaseDeputy,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::AuthorityAdmin => "authority_admin",
            Role::Head => "head",
            Role::Coordinator => "coordinator",
            Role::ReleaseDeputy => "release_deputy",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "authority_admin" => Some(Role::AuthorityAdmin),
            "head" => Some(Role::Head),
            "coordinator" => Some(Role::Coordinator),
            "release_deputy" => Some(Role::ReleaseDeputy),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = role_grants)]
pub struct RoleGrantRow {
    pub id: i64,
    pub user_id: i64,
    pub role: String,
    pub authority_id: Option<i64>,
    pub school_id: Option<i64>,
    pub group_id: Option<i64>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = role_grants)]
pub struct NewRoleGrant {
    pub user_id: i64,
    pub role: String,
    pub authority_id: Option<i64>,
    pub school_id: Option<i64>,
    pub group_id: Option<i64>,
    pub created_at: NaiveDateTime,
}

impl NewRoleGrant {
    pub fn authority_admin(user_id: i64, authority_id: i64) -> Self {
        Self::of(
            user_id,
            Role::AuthorityAdmin,
            Some(authority_id),
            None,
            None,
        )
    }
    pub fn head(user_id: i64, authority_id: i64, school_id: i64) -> Self {
        Self::of(
            user_id,
            Role::Head,
            Some(authority_id),
            Some(school_id),
            None,
        )
    }
    pub fn coordinator(user_id: i64, authority_id: i64, group_id: i64) -> Self {
        Self::of(
            user_id,
            Role::Coordinator,
            Some(authority_id),
            None,
            Some(group_id),
        )
    }
    pub fn release_deputy(user_id: i64, authority_id: i64, school_id: i64) -> Self {
        Self::of(
            user_id,
            Role::ReleaseDeputy,
            Some(authority_id),
            Some(school_id),
            None,
        )
    }
    fn of(
        user_id: i64,
        role: Role,
        authority_id: Option<i64>,
        school_id: Option<i64>,
        group_id: Option<i64>,
    ) -> Self {
        NewRoleGrant {
            user_id,
            role: role.as_str().to_string(),
            authority_id,
            school_id,
            group_id,
            created_at: crate::now(),
        }
    }
}
