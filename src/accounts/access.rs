//! Who may do what: the one authorisation check every handler uses.
//!
//! A `Viewer` is the signed-in user with their grants and memberships, loaded once per
//! request. Handlers name what they are about to do as a `Permission` and call
//! `viewer.require(…)`; the rules live here as plain functions with unit tests.

use serde_json::{json, Value};

use super::model::{Role, User};
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grant {
    pub role: Role,
    pub authority_id: Option<i64>,
    pub school_id: Option<i64>,
    pub group_id: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct Viewer {
    pub user: User,
    pub grants: Vec<Grant>,
    /// Ids of the groups the viewer is a member of.
    pub member_of: Vec<i64>,
}

/// Something a handler is about to do, with the scope it touches.
#[derive(Debug, Clone, Copy)]
pub enum Permission {
    /// Authorities, accounts and the audit log.
    SiteAdmin,
    /// Regions, schools, groups and coordinators of one authority.
    ManageAuthority { authority_id: i64 },
    /// Approve joins, invite and remove members, edit the group.
    ManageGroup { group_id: i64, authority_id: i64 },
    /// See who is in a group.
    SeeGroupMembers { group_id: i64, authority_id: i64 },
    /// See the staff of a school.
    SeeSchoolStaff { school_id: i64, authority_id: i64 },
    /// See and decide a school's release requests (its head, or a deputy they named).
    DecideRelease { school_id: i64 },
    /// Set a school's own term dates, INSET days and release settings.
    ManageSchoolDates { school_id: i64, authority_id: i64 },
}

impl Viewer {
    pub fn id(&self) -> i64 {
        self.user.id
    }

    fn has(&self, role: Role, pred: impl Fn(&Grant) -> bool) -> bool {
        self.grants.iter().any(|g| g.role == role && pred(g))
    }

    pub fn is_authority_admin_of(&self, authority_id: i64) -> bool {
        self.has(Role::AuthorityAdmin, |g| {
            g.authority_id == Some(authority_id)
        })
    }

    pub fn coordinates(&self, group_id: i64) -> bool {
        self.has(Role::Coordinator, |g| g.group_id == Some(group_id))
    }

    pub fn is_head_of(&self, school_id: i64) -> bool {
        self.has(Role::Head, |g| g.school_id == Some(school_id))
    }

    pub fn is_member_of(&self, group_id: i64) -> bool {
        self.member_of.contains(&group_id)
    }

    /// The authorities this viewer administers.
    pub fn administered_authorities(&self) -> Vec<i64> {
        self.grants
            .iter()
            .filter(|g| g.role == Role::AuthorityAdmin)
            .filter_map(|g| g.authority_id)
            .collect()
    }

    pub fn coordinated_groups(&self) -> Vec<i64> {
        self.grants
            .iter()
            .filter(|g| g.role == Role::Coordinator)
            .filter_map(|g| g.group_id)
            .collect()
    }

    pub fn headed_schools(&self) -> Vec<i64> {
        self.grants
            .iter()
            .filter(|g| g.role == Role::Head)
            .filter_map(|g| g.school_id)
            .collect()
    }

    /// Schools whose release requests this viewer decides (as head or named deputy).
    pub fn release_schools(&self) -> Vec<i64> {
        self.grants
            .iter()
            .filter(|g| matches!(g.role, Role::Head | Role::ReleaseDeputy))
            .filter_map(|g| g.school_id)
            .collect()
    }

    pub fn may(&self, p: Permission) -> bool {
        if self.user.is_site_admin {
            return true;
        }
        match p {
            Permission::SiteAdmin => false,
            Permission::ManageAuthority { authority_id } => {
                self.is_authority_admin_of(authority_id)
            }
            Permission::ManageGroup {
                group_id,
                authority_id,
            } => self.coordinates(group_id) || self.is_authority_admin_of(authority_id),
            Permission::SeeGroupMembers {
                group_id,
                authority_id,
            } => {
                self.is_member_of(group_id)
                    || self.coordinates(group_id)
                    || self.is_authority_admin_of(authority_id)
            }
            Permission::SeeSchoolStaff {
                school_id,
                authority_id,
            } => self.is_head_of(school_id) || self.is_authority_admin_of(authority_id),
            Permission::DecideRelease { school_id } => {
                self.is_head_of(school_id)
                    || self.has(Role::ReleaseDeputy, |g| g.school_id == Some(school_id))
            }
            Permission::ManageSchoolDates {
                school_id,
                authority_id,
            } => self.is_head_of(school_id) || self.is_authority_admin_of(authority_id),
        }
    }

    pub fn require(&self, p: Permission) -> AppResult<()> {
        if self.may(p) {
            Ok(())
        } else {
            tracing::info!(user = self.user.id, permission = ?p, "refused");
            Err(AppError::forbidden())
        }
    }

    /// What the layout needs to draw the navigation for this viewer's roles.
    pub fn summary(&self) -> Value {
        json!({
            "id": self.user.id,
            "display_name": self.user.display_name,
            "email": self.user.email,
            "is_site_admin": self.user.is_site_admin,
            "is_authority_admin": !self.administered_authorities().is_empty(),
            "is_head": !self.headed_schools().is_empty(),
            "head_school": self.headed_schools().first(),
            "first_authority": self.administered_authorities().first(),
            "is_coordinator": !self.coordinated_groups().is_empty(),
            "decides_release": !self.release_schools().is_empty(),
            "verified": self.user.email_verified_at.is_some(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(grants: Vec<Grant>, member_of: Vec<i64>) -> Viewer {
        let now = crate::now();
        Viewer {
            user: User {
                id: 1,
                email: "a@b.example".into(),
                display_name: "A".into(),
                password_hash: None,
                email_verified_at: Some(now),
                is_site_admin: false,
                deactivated_at: None,
                school_id: None,
                job_title: String::new(),
                bio: String::new(),
                working_days: String::new(),
                working_hours: String::new(),
                email_notifications: true,
                show_email_to_members: false,
                created_at: now,
                updated_at: now,
            },
            grants,
            member_of,
        }
    }

    fn grant(role: Role, a: Option<i64>, s: Option<i64>, g: Option<i64>) -> Grant {
        Grant {
            role,
            authority_id: a,
            school_id: s,
            group_id: g,
        }
    }

    #[test]
    fn a_member_can_see_their_group_but_not_manage_it() {
        let v = viewer(vec![], vec![7]);
        assert!(v.may(Permission::SeeGroupMembers {
            group_id: 7,
            authority_id: 1
        }));
        assert!(!v.may(Permission::ManageGroup {
            group_id: 7,
            authority_id: 1
        }));
        assert!(!v.may(Permission::SeeGroupMembers {
            group_id: 8,
            authority_id: 1
        }));
    }

    #[test]
    fn a_coordinator_manages_only_their_own_group() {
        let v = viewer(
            vec![grant(Role::Coordinator, Some(1), None, Some(7))],
            vec![],
        );
        assert!(v.may(Permission::ManageGroup {
            group_id: 7,
            authority_id: 1
        }));
        assert!(!v.may(Permission::ManageGroup {
            group_id: 8,
            authority_id: 1
        }));
        assert!(!v.may(Permission::ManageAuthority { authority_id: 1 }));
    }

    #[test]
    fn a_head_sees_only_their_own_school() {
        let v = viewer(vec![grant(Role::Head, Some(1), Some(3), None)], vec![]);
        assert!(v.may(Permission::SeeSchoolStaff {
            school_id: 3,
            authority_id: 1
        }));
        assert!(!v.may(Permission::SeeSchoolStaff {
            school_id: 4,
            authority_id: 1
        }));
    }

    #[test]
    fn release_requests_are_decided_by_the_head_or_their_deputy_only() {
        let head = viewer(vec![grant(Role::Head, Some(1), Some(3), None)], vec![]);
        assert!(head.may(Permission::DecideRelease { school_id: 3 }));
        assert!(!head.may(Permission::DecideRelease { school_id: 4 }));
        let deputy = viewer(
            vec![grant(Role::ReleaseDeputy, Some(1), Some(3), None)],
            vec![],
        );
        assert!(deputy.may(Permission::DecideRelease { school_id: 3 }));
        assert!(!deputy.may(Permission::ManageSchoolDates {
            school_id: 3,
            authority_id: 1
        }));
        let admin = viewer(
            vec![grant(Role::AuthorityAdmin, Some(1), None, None)],
            vec![],
        );
        assert!(!admin.may(Permission::DecideRelease { school_id: 3 }));
        assert!(admin.may(Permission::ManageSchoolDates {
            school_id: 3,
            authority_id: 1
        }));
    }

    #[test]
    fn an_authority_admin_is_limited_to_their_authority() {
        let v = viewer(
            vec![grant(Role::AuthorityAdmin, Some(1), None, None)],
            vec![],
        );
        assert!(v.may(Permission::ManageAuthority { authority_id: 1 }));
        assert!(v.may(Permission::ManageGroup {
            group_id: 9,
            authority_id: 1
        }));
        assert!(!v.may(Permission::ManageAuthority { authority_id: 2 }));
        assert!(!v.may(Permission::SeeSchoolStaff {
            school_id: 4,
            authority_id: 2
        }));
        assert!(!v.may(Permission::SiteAdmin));
    }

    #[test]
    fn a_site_admin_may_do_anything() {
        let mut v = viewer(vec![], vec![]);
        v.user.is_site_admin = true;
        assert!(v.may(Permission::SiteAdmin));
        assert!(v.may(Permission::ManageAuthority { authority_id: 42 }));
    }
}
