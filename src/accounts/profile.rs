//! The profile page: school, job title, working pattern, bio and contact preferences.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::model::WEEKDAYS;
use crate::db::schema::{schools, users};
use crate::db::{write_tx, Db};
use crate::error::{AppError, AppResult};
use crate::web::flash::Flash;
use crate::web::forms::FieldErrors;
use crate::web::templates::redirect_with;
use crate::web::{Ctx, CurrentUser, State};

#[derive(Debug, Default, Deserialize, Serialize, Clone)]
#[serde(default)]
pub struct ProfileForm {
    pub display_name: String,
    pub school_id: String,
    pub job_title: String,
    pub mon: Option<String>,
    pub tue: Option<String>,
    pub wed: Option<String>,
    pub thu: Option<String>,
    pub fri: Option<String>,
    pub working_hours: String,
    pub bio: String,
    pub email_notifications: Option<String>,
    pub show_email_to_members: Option<String>,
    /// The names of the last drafts of `job_title` and `bio` (see
    /// `crate::privacy::DraftMemory`).
    pub job_title_flagged: String,
    pub bio_flagged: String,
}

/// A parsed, valid profile.
pub struct Profile {
    pub display_name: String,
    pub school_id: Option<i64>,
    pub job_title: String,
    pub working_days: String,
    pub working_hours: String,
    pub bio: String,
    pub email_notifications: bool,
    pub show_email_to_members: bool,
}

impl ProfileForm {
    fn days(&self) -> Vec<&'static str> {
        let ticks = [&self.mon, &self.tue, &self.wed, &self.thu, &self.fri];
        WEEKDAYS
            .iter()
            .zip(ticks)
            .filter(|(_, t)| t.is_some())
            .map(|((code, _), _)| *code)
            .collect()
    }

    pub fn parse(&self) -> Result<Profile, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = self.display_name.trim();
        if name.is_empty() {
            e.add("display_name", "Enter the name colleagues will see.");
        } else if name.chars().count() > 80 {
            e.add("display_name", "Keep your name under 80 characters.");
        }
        let school_id = match self.school_id.trim() {
            "" => None,
            s => match s.parse::<i64>() {
                Ok(id) => Some(id),
                Err(_) => {
                    e.add("school_id", "Choose your school from the list.");
                    None
                }
            },
        };
        if self.job_title.chars().count() > 100 {
            e.add("job_title", "Keep your job title under 100 characters.");
        }
        let days = self.days();
        if days.is_empty() {
            e.add("working_days", "Tick at least one day you work.");
        }
        let hours = self.working_hours.trim();
        if !hours.is_empty() && parse_hours(hours).is_none() {
            e.add("working_hours", "Write your hours like 08:30-15:15.");
        }
        if self.bio.chars().count() > 2000 {
            e.add("bio", "Keep your bio under 2,000 characters.");
        }
        e.finish()?;
        Ok(Profile {
            display_name: name.to_string(),
            school_id,
            job_title: self.job_title.trim().to_string(),
            working_days: days.join(","),
            working_hours: hours.replace(' ', ""),
            bio: self.bio.trim().to_string(),
            email_notifications: self.email_notifications.is_some(),
            show_email_to_members: self.show_email_to_members.is_some(),
        })
    }
}

/// "08:30-15:15" → minutes since midnight for start and end, end after start.
pub fn parse_hours(s: &str) -> Option<(u32, u32)> {
    let s: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '–' || c == '—' { '-' } else { c })
        .collect();
    let (a, b) = s.split_once('-')?;
    let mins = |t: &str| -> Option<u32> {
        let (h, m) = t.trim().split_once(':')?;
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        (h < 24 && m < 60).then_some(h * 60 + m)
    };
    let (start, end) = (mins(a)?, mins(b)?);
    (end > start).then_some((start, end))
}

fn form_of(u: &super::model::User) -> ProfileForm {
    let has = |d: &str| {
        u.working_days
            .split(',')
            .any(|x| x == d)
            .then(|| "on".to_string())
    };
    ProfileForm {
        display_name: u.display_name.clone(),
        school_id: u.school_id.map(|s| s.to_string()).unwrap_or_default(),
        job_title: u.job_title.clone(),
        mon: has("mon"),
        tue: has("tue"),
        wed: has("wed"),
        thu: has("thu"),
        fri: has("fri"),
        working_hours: u.working_hours.clone(),
        bio: u.bio.clone(),
        email_notifications: u.email_notifications.then(|| "on".to_string()),
        show_email_to_members: u.show_email_to_members.then(|| "on".to_string()),
        job_title_flagged: String::new(),
        bio_flagged: String::new(),
    }
}

#[derive(Serialize, Queryable)]
struct SchoolChoice {
    id: i64,
    name: String,
    postcode: String,
}

fn school_choices(conn: &mut Db) -> QueryResult<Vec<SchoolChoice>> {
    schools::table
        .filter(schools::is_open.eq(true))
        .order(schools::name.asc())
        .select((schools::id, schools::name, schools::postcode))
        .load(conn)
}

pub async fn edit_profile_form(ctx: Ctx, state: State, me: CurrentUser) -> AppResult<HttpResponse> {
    let schools = state.db(|c| Ok(school_choices(c)?)).await?;
    ctx.render(
        &state.views,
        "accounts/profile",
        json!({ "form": form_of(&me.user), "schools": schools }),
    )
}

pub async fn update_profile(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    form: web::Form<ProfileForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let mut profile = form.parse();
    // Profile text is user-written: it is checked for pupil details before it is stored.
    // There is no moderation queue for profiles, so "hold" asks for a rewrite too.
    let (mut job_title_check, mut bio_check) = (None, None);
    if let Ok(p) = &profile {
        let mut errors = FieldErrors::new();
        let job_title = crate::privacy::check_field(
            &state,
            me.id(),
            "profile.job_title",
            &p.job_title,
            &form.job_title_flagged,
        )
        .await?;
        if !job_title.allowed() {
            errors.add("job_title", job_title.message());
            job_title_check = Some(job_title);
        }
        let bio =
            crate::privacy::check_field(&state, me.id(), "profile.bio", &p.bio, &form.bio_flagged)
                .await?;
        if !bio.allowed() {
            errors.add("bio", bio.message());
            bio_check = Some(bio);
        }
        if !errors.is_empty() {
            profile = Err(errors);
        }
    }
    let profile = match profile {
        Ok(p) => p,
        Err(errors) => {
            let schools = state.db(|c| Ok(school_choices(c)?)).await?;
            return ctx.render_status(
                &state.views,
                StatusCode::UNPROCESSABLE_ENTITY,
                "accounts/profile",
                json!({ "form": form, "errors": errors, "schools": schools,
                        "job_title_check": job_title_check, "bio_check": bio_check }),
            );
        }
    };
    let user_id = me.id();
    state
        .db(move |c| {
            write_tx(c, |c| {
                if let Some(school) = profile.school_id {
                    schools::table
                        .find(school)
                        .select(schools::id)
                        .first::<i64>(c)?;
                }
                diesel::update(users::table.find(user_id))
                    .set((
                        users::display_name.eq(&profile.display_name),
                        users::school_id.eq(profile.school_id),
                        users::job_title.eq(&profile.job_title),
                        users::working_days.eq(&profile.working_days),
                        users::working_hours.eq(&profile.working_hours),
                        users::bio.eq(&profile.bio),
                        users::email_notifications.eq(profile.email_notifications),
                        users::show_email_to_members.eq(profile.show_email_to_members),
                        users::updated_at.eq(crate::now()),
                    ))
                    .execute(c)?;
                Ok::<_, AppError>(())
            })
        })
        .await?;
    Ok(redirect_with(
        "/account/profile",
        Flash::success("Your profile has been saved."),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_parse_in_common_forms() {
        assert_eq!(parse_hours("08:30-15:15"), Some((510, 915)));
        assert_eq!(parse_hours("8:30 – 12:00"), Some((510, 720)));
        assert_eq!(parse_hours("15:00-09:00"), None);
        assert_eq!(parse_hours("all day"), None);
    }

    #[test]
    fn a_part_timer_ticks_their_days() {
        let f = ProfileForm {
            display_name: "Sam".into(),
            mon: Some("on".into()),
            wed: Some("on".into()),
            ..Default::default()
        };
        assert_eq!(
            f.parse().ok().map(|p| p.working_days),
            Some("mon,wed".to_string())
        );
        let none = ProfileForm {
            display_name: "Sam".into(),
            ..Default::default()
        };
        assert!(none.parse().is_err());
    }
}
