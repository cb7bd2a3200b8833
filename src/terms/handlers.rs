//! Pages where an authority admin sets term dates, and a head sets their school's own dates,
//! INSET days and release settings.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Deserialize;
use serde_json::{json, Value};

use super::import;
use super::queries::{self as q, NewTerm};
use super::rules::{check_term, ClosureKind, TermDates, TERM_NAMES};
use crate::accounts::access::Permission;
use crate::db::schema::{authorities, role_grants, schools, users};
use crate::db::{write_tx, Db};
use crate::error::AppResult;
use crate::web::flash::Flash;
use crate::web::forms::FieldErrors;
use crate::web::templates::redirect_with;
use crate::web::{Ctx, CurrentUser, State};

/// Whose dates a page edits: the authority's, or one school's own.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scope {
    pub(super) authority_id: i64,
    pub(super) school_id: Option<i64>,
}

impl Scope {
    pub(super) fn back(&self) -> String {
        match self.school_id {
            Some(s) => format!("/schools/{s}/dates"),
            None => format!("/admin/authorities/{}/terms", self.authority_id),
        }
    }
}

pub(super) fn school_scope(c: &mut Db, school_id: i64) -> AppResult<Scope> {
    let authority_id = schools::table
        .find(school_id)
        .select(schools::authority_id)
        .first(c)?;
    Ok(Scope {
        authority_id,
        school_id: Some(school_id),
    })
}

pub(super) fn page_data(c: &mut Db, scope: Scope) -> AppResult<Value> {
    let authority: String = authorities::table
        .find(scope.authority_id)
        .select(authorities::name)
        .first(c)?;
    let terms = q::terms_of(c, scope.authority_id, scope.school_id)?;
    let closures = q::closures_of(c, scope.authority_id, scope.school_id)?;
    let mut data = json!({
        "authority": { "id": scope.authority_id, "name": authority },
        "terms": terms, "closures": closures, "term_names": TERM_NAMES,
        "action": scope.back(), "header": import::HEADER,
    });
    if let Some(school_id) = scope.school_id {
        let name: String = schools::table
            .find(school_id)
            .select(schools::name)
            .first(c)?;
        let settings = q::settings_of(c, school_id)?;
        let deputies: Vec<String> = role_grants::table
            .inner_join(users::table)
            .filter(role_grants::school_id.eq(school_id))
            .filter(role_grants::role.eq("release_deputy"))
            .select(users::display_name)
            .load(c)?;
        data["school"] = json!({ "id": school_id, "name": name });
        data["settings"] = json!({
            "own_term_dates": settings.own_term_dates,
            "cover_rate": format!("{:.2}", settings.cover_rate_pence as f64 / 100.0),
            "notice_days": settings.notice_days,
        });
        data["deputies"] = json!(deputies);
    }
    Ok(data)
}

pub async fn authority_terms(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let authority_id = path.into_inner();
    me.require(Permission::ManageAuthority { authority_id })?;
    let scope = Scope {
        authority_id,
        school_id: None,
    };
    let data = state.db(move |c| page_data(c, scope)).await?;
    ctx.render(&state.views, "terms/dates", data)
}

pub async fn school_dates(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let school_id = path.into_inner();
    let scope = state.db(move |c| school_scope(c, school_id)).await?;
    me.require(Permission::ManageSchoolDates {
        school_id,
        authority_id: scope.authority_id,
    })?;
    let data = state.db(move |c| page_data(c, scope)).await?;
    ctx.render(&state.views, "terms/dates", data)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TermForm {
    academic_year: String,
    name: String,
    starts_on: String,
    ends_on: String,
    half_term_starts: String,
    half_term_ends: String,
}

fn parse_date(errors: &mut FieldErrors, field: &'static str, v: &str) -> Option<NaiveDate> {
    let v = v.trim();
    if v.is_empty() {
        return None;
    }
    let parsed = NaiveDate::parse_from_str(v, "%Y-%m-%d").ok();
    if parsed.is_none() {
        errors.add(field, "Enter a date like 2026-09-02.");
    }
    parsed
}

fn parse_term(form: &TermForm) -> Result<NewTerm, FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = form.name.trim().to_ascii_lowercase();
    if !TERM_NAMES.contains(&name.as_str()) {
        errors.add("name", "Choose autumn, spring or summer.");
    }
    let starts = parse_date(&mut errors, "starts_on", &form.starts_on);
    let ends = parse_date(&mut errors, "ends_on", &form.ends_on);
    let hs = parse_date(&mut errors, "half_term_starts", &form.half_term_starts);
    let he = parse_date(&mut errors, "half_term_ends", &form.half_term_ends);
    if starts.is_none() {
        errors.add("starts_on", "Enter the first day of term.");
    }
    if ends.is_none() {
        errors.add("ends_on", "Enter the last day of term.");
    }
    if hs.is_some() != he.is_some() {
        errors.add("half_term_ends", "Give both half-term dates, or neither.");
    }
    let (Some(starts_on), Some(ends_on)) = (starts, ends) else {
        return Err(errors);
    };
    let dates = TermDates {
        name,
        starts_on,
        ends_on,
        half_term: hs.zip(he),
    };
    if let Err(m) = check_term(&dates) {
        errors.add("ends_on", m);
    }
    let academic_year = match form.academic_year.trim() {
        "" => super::rules::academic_year_of(starts_on),
        y => y.to_string(),
    };
    errors.finish()?;
    Ok(NewTerm {
        academic_year,
        dates,
    })
}

async fn add_term(ctx: Ctx, state: State, scope: Scope, form: TermForm) -> AppResult<HttpResponse> {
    match parse_term(&form) {
        Ok(term) => {
            state
                .db(move |c| {
                    write_tx(c, |c| {
                        Ok(q::add_term(c, scope.authority_id, scope.school_id, &term)?)
                    })
                })
                .await?;
            Ok(redirect_with(
                &scope.back(),
                Flash::success("The term was added."),
            ))
        }
        Err(errors) => {
            let mut data = state.db(move |c| page_data(c, scope)).await?;
            data["errors"] = json!(errors);
            data["form"] = json!({
                "academic_year": form.academic_year, "name": form.name,
                "starts_on": form.starts_on, "ends_on": form.ends_on,
                "half_term_starts": form.half_term_starts, "half_term_ends": form.half_term_ends,
            });
            ctx.render_status(
                &state.views,
                StatusCode::UNPROCESSABLE_ENTITY,
                "terms/dates",
                data,
            )
        }
    }
}

pub async fn add_authority_term(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<TermForm>,
) -> AppResult<HttpResponse> {
    let authority_id = path.into_inner();
    me.require(Permission::ManageAuthority { authority_id })?;
    let scope = Scope {
        authority_id,
        school_id: None,
    };
    add_term(ctx, state, scope, form.into_inner()).await
}

pub async fn add_school_term(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<TermForm>,
) -> AppResult<HttpResponse> {
    let school_id = path.into_inner();
    let scope = state.db(move |c| school_scope(c, school_id)).await?;
    me.require(Permission::ManageSchoolDates {
        school_id,
        authority_id: scope.authority_id,
    })?;
    add_term(ctx, state, scope, form.into_inner()).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ClosureForm {
    on_date: String,
    kind: String,
    note: String,
    /// The names of the note's last draft (see `crate::privacy::DraftMemory`).
    note_flagged: String,
}

async fn add_closure(
    ctx: Ctx,
    state: State,
    me: &CurrentUser,
    scope: Scope,
    form: ClosureForm,
) -> AppResult<HttpResponse> {
    let mut errors = FieldErrors::new();
    let on_date = parse_date(&mut errors, "on_date", &form.on_date);
    if form.on_date.trim().is_empty() {
        errors.add("on_date", "Enter the day, like 2026-09-02.");
    }
    let kind = ClosureKind::parse(&form.kind);
    if kind.is_none() {
        errors.add("kind", "Choose an INSET day or a closure.");
    }
    let note: String = form.note.trim().chars().take(200).collect();
    let checked =
        crate::privacy::check_field(&state, me.id(), "closure.note", &note, &form.note_flagged)
            .await?;
    if !checked.allowed() {
        errors.add("note", checked.message());
    }
    let (Some(on_date), Some(kind), true) = (on_date, kind, errors.is_empty()) else {
        // Re-show the page with what was typed kept and each problem beside its field.
        let mut data = state.db(move |c| page_data(c, scope)).await?;
        data["errors"] = json!(errors);
        data["closure_form"] =
            json!({ "on_date": form.on_date, "kind": form.kind, "note": form.note });
        if !checked.allowed() {
            data["note_check"] = json!(checked);
        }
        return ctx.render_status(
            &state.views,
            StatusCode::UNPROCESSABLE_ENTITY,
            "terms/dates",
            data,
        );
    };
    state
        .db(move |c| {
            write_tx(c, |c| {
                Ok(q::add_closure(
                    c,
                    scope.authority_id,
                    scope.school_id,
                    on_date,
                    kind,
                    &note,
                )?)
            })
        })
        .await?;
    Ok(redirect_with(
        &scope.back(),
        Flash::success("The day was added."),
    ))
}

pub async fn add_authority_closure(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<ClosureForm>,
) -> AppResult<HttpResponse> {
    let authority_id = path.into_inner();
    me.require(Permission::ManageAuthority { authority_id })?;
    let scope = Scope {
        authority_id,
        school_id: None,
    };
    add_closure(ctx, state, &me, scope, form.into_inner()).await
}

pub async fn add_school_closure(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<ClosureForm>,
) -> AppResult<HttpResponse> {
    let school_id = path.into_inner();
    let scope = state.db(move |c| school_scope(c, school_id)).await?;
    me.require(Permission::ManageSchoolDates {
        school_id,
        authority_id: scope.authority_id,
    })?;
    add_closure(ctx, state, &me, scope, form.into_inner()).await
}
