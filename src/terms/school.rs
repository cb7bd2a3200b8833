//! A head's settings for their school: own term dates, cover rate, notice period, and a
//! deputy who decides release requests too.

use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;

use super::handlers::school_scope;
use super::queries::{self as q, ReleaseSettings};
use crate::accounts::access::Permission;
use crate::accounts::model::NewRoleGrant;
use crate::db::schema::{role_grants, users};
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::web::flash::Flash;
use crate::web::templates::redirect_with;
use crate::web::{CurrentUser, State};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    own_term_dates: Option<String>,
    cover_rate: String,
    notice_days: String,
}

pub async fn update_school_settings(
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<SettingsForm>,
) -> AppResult<HttpResponse> {
    let school_id = path.into_inner();
    let scope = state.db(move |c| school_scope(c, school_id)).await?;
    me.require(Permission::ManageSchoolDates {
        school_id,
        authority_id: scope.authority_id,
    })?;
    let rate: f64 = form
        .cover_rate
        .trim()
        .trim_start_matches('£')
        .parse()
        .ok()
        .filter(|r: &f64| (0.0..=1000.0).contains(r))
        .ok_or_else(|| {
            AppError::BadRequest("Enter the hourly cover rate in pounds, e.g. 25.00.".into())
        })?;
    let notice_days: i32 = form
        .notice_days
        .trim()
        .parse()
        .ok()
        .filter(|d| (0..=120).contains(d))
        .ok_or_else(|| {
            AppError::BadRequest("Enter the notice period in days (0 to 120).".into())
        })?;
    let settings = ReleaseSettings {
        own_term_dates: form.own_term_dates.is_some(),
        cover_rate_pence: (rate * 100.0).round() as i64,
        notice_days,
    };
    state
        .db(move |c| write_tx(c, |c| Ok(q::save_settings(c, school_id, &settings)?)))
        .await?;
    Ok(redirect_with(
        &scope.back(),
        Flash::success("The school's settings were saved."),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DeputyForm {
    email: String,
}

/// A head names a colleague at their school to decide release requests for them.
pub async fn add_deputy(
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<DeputyForm>,
) -> AppResult<HttpResponse> {
    let school_id = path.into_inner();
    let scope = state.db(move |c| school_scope(c, school_id)).await?;
    if !me.is_head_of(school_id) {
        return Err(AppError::forbidden());
    }
    let email = form.email.trim().to_lowercase();
    let outcome = state
        .db(move |c| {
            write_tx(c, |c| {
                let user: Option<(i64, Option<i64>)> = users::table
                    .filter(users::email.eq(&email))
                    .select((users::id, users::school_id))
                    .first(c)
                    .optional()?;
                match user {
                    Some((id, Some(s))) if s == school_id => {
                        diesel::insert_into(role_grants::table)
                            .values(NewRoleGrant::release_deputy(
                                id,
                                scope.authority_id,
                                school_id,
                            ))
                            .execute(c)?;
                        Ok::<_, AppError>(Flash::success("They can now decide release requests."))
                    }
                    _ => Ok(Flash::error(
                        "Name someone on your school's staff by their email.",
                    )),
                }
            })
        })
        .await?;
    Ok(redirect_with(&scope.back(), outcome))
}
