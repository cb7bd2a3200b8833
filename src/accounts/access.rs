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
    /// Read a forum category's threads.
    ReadForum { place: Place, home: Home },
    /// Start threads and reply in a forum category.
    PostInForum { place: Place, home: Home },
    /// Release, edit, remove, lock and pin posts in a forum category; see held posts.
    ModerateForum { place: Place },
    /// See and decide a school's release requests (its head, or a deputy they named).
    DecideRelease { school_id: i64 },
    /// Set a school's own term dates, INSET days and release settings.
    ManageSchoolDates { school_id: i64, authority_id: i64 },
}

/// Where a forum category lives, as far as permissions are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Shared by every authority on the site.
    Network,
    Region {
        region_id: i64,
        authority_id: i64,
    },
    /// A group's own category: members only, or readable by everyone in the authority.
    Group {
        group_id: i64,
        authority_id: i64,
        open_to_authority: bool,
    },
}

/// Where the viewer works (from their school), for region and authority-wide places.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Home {
    pub region_id: Option<i64>,
    pub authority_id: Option<i64>,
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
            Permission::ReadForum { place, home } => self.may_read_forum(place, home),
            Permission::PostInForum { place, home } => {
                self.user.email_verified_at.is_some() && self.may_post_in_forum(place, home)
            }
            Permission::ModerateForum { place } => self.moderates(place),
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

    fn may_read_forum(&self, place: Place, home: Home) -> bool {
        match place {
            Place::Network => true,
            Place::Region { region_id, .. } => {
                home.region_id == Some(region_id) || self.moderates(place)
            }
            Place::Group {
                group_id,
                authority_id,
                open_to_authority,
            } => {
                self.is_member_of(group_id)
                    || self.moderates(place)
                    || (open_to_authority && home.authority_id == Some(authority_id))
            }
        }
    }

    fn may_post_in_forum(&self, place: Place, home: Home) -> bool {
        match place {
            Place::Network => true,
            Place::Region { region_id, .. } => {
                home.region_id == Some(region_id) || self.moderates(place)
            }
            Place::Group { group_id, .. } => {
                self.is_member_of(group_id) || self.coordinates(group_id)
            }
        }
    }

    /// Coordinators moderate their group's categories; authority admins moderate their
    /// groups', their regions' and the network-wide ones.
    pub fn moderates(&self, place: Place) -> bool {
        if self.user.is_site_admin {
            return true;
        }
        match place {
            Place::Network => !self.administered_authorities().is_empty(),
            Place::Region { authority_id, .. } => self.is_authority_admin_of(authority_id),
            Place::Group {
                group_id,
                authority_id,
                ..
            } => self.coordinates(group_id) || self.is_authority_admin_of(authority_id),
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
    fn group_forums_follow_membership_and_openness() {
        let closed = Place::Group {
            group_id: 7,
            authority_id: 1,
            open_to_authority: false,
        };
        let open = Place::Group {
            group_id: 7,
            authority_id: 1,
            open_to_authority: true,
        };
        let same_authority = Home {
            region_id: Some(3),
            authority_id: Some(1),
        };
        let member = viewer(vec![], vec![7]);
        assert!(member.may(Permission::ReadForum {
            place: closed,
            home: Home::default()
        }));
        assert!(member.may(Permission::PostInForum {
            place: closed,
            home: Home::default()
        }));
        assert!(!member.may(Permission::ModerateForum { place: closed }));
        let outsider = viewer(vec![], vec![8]);
        assert!(!outsider.may(Permission::ReadForum {
            place: closed,
            home: same_authority
        }));
        assert!(outsider.may(Permission::ReadForum {
            place: open,
            home: same_authority
        }));
        assert!(!outsider.may(Permission::PostInForum {
            place: open,
            home: same_authority
        }));
        assert!(!outsider.may(Permission::ReadForum {
            place: open,
            home: Home {
                region_id: None,
                authority_id: Some(2)
            }
        }));
        let coordinator = viewer(
            vec![grant(Role::Coordinator, Some(1), None, Some(7))],
            vec![],
        );
        assert!(coordinator.may(Permission::ModerateForum { place: closed }));
        assert!(!coordinator.may(Permission::ModerateForum {
            place: Place::Network
        }));
    }

    #[test]
    fn region_and_network_forums() {
        let north = Place::Region {
            region_id: 3,
            authority_id: 1,
        };
        let here = Home {
            region_id: Some(3),
            authority_id: Some(1),
        };
        let elsewhere = Home {
            region_id: Some(4),
            authority_id: Some(1),
        };
        let member = viewer(vec![], vec![]);
        assert!(member.may(Permission::ReadForum {
            place: north,
            home: here
        }));
        assert!(!member.may(Permission::ReadForum {
            place: north,
            home: elsewhere
        }));
        assert!(member.may(Permission::PostInForum {
            place: Place::Network,
            home: elsewhere
        }));
        assert!(!member.may(Permission::ModerateForum {
            place: Place::Network
        }));
        let mut unverified = viewer(vec![], vec![]);
        unverified.user.email_verified_at = None;
        assert!(!unverified.may(Permission::PostInForum {
            place: Place::Network,
            home: here
        }));
        let admin = viewer(
            vec![grant(Role::AuthorityAdmin, Some(1), None, None)],
            vec![],
        );
        assert!(admin.may(Permission::ModerateForum { place: north }));
        assert!(admin.may(Permission::ModerateForum {
            place: Place::Network
        }));
        assert!(!admin.may(Permission::ModerateForum {
            place: Place::Region {
                region_id: 9,
                authority_id: 2
            }
        }));
    }

    #[test]
    fn a_site_admin_may_do_anything() {
        let mut v = viewer(vec![], vec![]);
        v.user.is_site_admin = true;
        assert!(v.may(Permission::SiteAdmin));
        assert!(v.may(Permission::ManageAuthority { authority_id: 42 }));
    }
}
