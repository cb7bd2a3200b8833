//! The live-preview API and the authority admin's filter settings page.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::rules;
use crate::accounts::access::Permission;
use crate::anonymise::{AuthorityRules, Strictness};
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::web::flash::Flash;
use crate::web::forms::FieldErrors;
use crate::web::templates::redirect_with;
use crate::web::{Ctx, CurrentUser, State};

/// Longest text the preview accepts (a long post is a few KB).
const MAX_SCAN_BYTES: usize = 1024 * 1024;

#[derive(Deserialize)]
struct ScanRequest {
    text: String,
    /// The form's hidden `…_flagged` field, when the server has refused a draft of the text:
    /// its names are flagged again wherever they are left (see `super::DraftMemory`).
    #[serde(default)]
    flagged: String,
}

/// `POST /api/v1/scan` `{"text": "…", "flagged": "…"}` → `{"verdict", "spans": [{start, end,
/// type, reason, suggestion, hint}], "highlighted"}` (`hint` is empty but for a name read as
/// a pupil's; `flagged` is optional).
/// For the preview as someone types; nothing is stored. The body is read as bytes so that
/// invalid UTF-8 is repaired and still checked.
pub async fn scan(state: State, me: CurrentUser, body: web::Bytes) -> AppResult<HttpResponse> {
    if body.len() > MAX_SCAN_BYTES {
        return Err(AppError::BadRequest("The text is longer than 1 MB.".into()));
    }
    let text = String::from_utf8_lossy(&body);
    let request: ScanRequest = serde_json::from_str(&text)
        .map_err(|e| AppError::BadRequest(format!("Send JSON like {{\"text\": \"…\"}} ({e}).")))?;
    let user_id = me.id();
    let st = state.clone();
    let (scan, text) = state
        .db(move |c| {
            let authority = rules::authority_of_user(c, user_id)?;
            let compiled = st.rules.rules_for(c, authority)?;
            let remembered = st.drafts.read(&request.flagged);
            let scan = crate::anonymise::check_draft_for_storage(
                &super::filter(),
                &request.text,
                &compiled,
                &|w| remembered.contains(w),
            )
            .map_err(|e| AppError::Internal(anyhow::anyhow!("filter failure: {}", e.message)))?;
            Ok((scan, request.text))
        })
        .await?;
    let spans: Vec<_> = scan
        .findings
        .iter()
        .map(|f| json!({ "start": f.start, "end": f.end, "type": f.kind.as_str(), "reason": f.reason, "suggestion": f.suggestion, "hint": f.hint }))
        .collect();
    Ok(HttpResponse::Ok().json(json!({
        "verdict": scan.verdict.as_str(),
        "spans": spans,
        "highlighted": crate::anonymise::highlight_html(&text, &scan),
    })))
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct FilterForm {
    not_pupils: String,
    extra_blocked: String,
    strictness: String,
    sample: String,
}

impl FilterForm {
    fn of(stored: Option<AuthorityRules>, sample: String) -> FilterForm {
        let r = stored.unwrap_or_default();
        FilterForm {
            not_pupils: r.not_pupils.join("\n"),
            extra_blocked: r.extra_blocked.join("\n"),
            strictness: r.strictness.as_str().to_string(),
            sample,
        }
    }
}

async fn render(
    ctx: &Ctx,
    state: &State,
    authority_id: i64,
    form: FilterForm,
    errors: FieldErrors,
    trial: Option<super::Checked>,
    status: StatusCode,
) -> AppResult<HttpResponse> {
    let (authority, counts) = state
        .db(move |c| {
            Ok((
                crate::directory::queries::authority(c, authority_id)?,
                rules::counts_for(c, authority_id)?,
            ))
        })
        .await?;
    let strictness: Vec<_> = [
        Strictness::Relaxed,
        Strictness::Standard,
        Strictness::Strict,
    ]
    .iter()
    .map(|s| json!({ "value": s.as_str(), "selected": s.as_str() == form.strictness }))
    .collect();
    ctx.render_status(
        &state.views,
        status,
        "privacy/settings",
        json!({ "authority": authority, "form": form, "errors": errors, "strictness": strictness, "counts": counts, "trial": trial }),
    )
}

pub async fn edit_filter_form(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let authority_id = path.into_inner();
    me.require(Permission::ManageAuthority { authority_id })?;
    let stored = state.db(move |c| Ok(rules::load(c, authority_id)?)).await?;
    let form = FilterForm::of(stored.map(|(r, _)| r), String::new());
    render(
        &ctx,
        &state,
        authority_id,
        form,
        FieldErrors::new(),
        None,
        StatusCode::OK,
    )
    .await
}

pub async fn update_filter(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<FilterForm>,
) -> AppResult<HttpResponse> {
    let authority_id = path.into_inner();
    me.require(Permission::ManageAuthority { authority_id })?;
    let form = form.into_inner();
    let mut errors = FieldErrors::new();
    let strictness = Strictness::parse(&form.strictness);
    if strictness.is_none() {
        errors.add("strictness", "Choose how strict the filter should be.");
    }
    let not_pupils = rules::lines(&form.not_pupils);
    let extra_blocked = rules::lines(&form.extra_blocked);
    if not_pupils
        .iter()
        .chain(&extra_blocked)
        .any(|l| l.chars().count() > 100)
    {
        errors.add("not_pupils", "Keep each line under 100 characters.");
    }
    if not_pupils.len() + extra_blocked.len() > 5000 {
        errors.add("not_pupils", "Keep the lists under 5,000 lines in all.");
    }
    let (Some(strictness), true) = (strictness, errors.is_empty()) else {
        return render(
            &ctx,
            &state,
            authority_id,
            form,
            errors,
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let rules = AuthorityRules {
        not_pupils,
        extra_blocked,
        strictness,
    };
    let actor = me.id();
    state
        .db(move |c| {
            write_tx(c, |c| {
                rules::save(c, authority_id, &rules, actor)?;
                crate::audit::record(
                    c,
                    Some(actor),
                    "filter.rules.update",
                    &format!("authority={authority_id}"),
                )?;
                Ok::<_, AppError>(())
            })
        })
        .await?;
    Ok(redirect_with(
        &format!("/admin/authorities/{authority_id}/filter"),
        Flash::success("The filter settings are saved and apply to everyone in the authority now."),
    ))
}

/// "Try a sentence": shows what the authority's current rules make of it. Nothing is kept.
pub async fn try_filter(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<FilterForm>,
) -> AppResult<HttpResponse> {
    let authority_id = path.into_inner();
    me.require(Permission::ManageAuthority { authority_id })?;
    let sample = form.sample.clone();
    let st = state.clone();
    let (trial, stored) = state
        .db(move |c| {
            let compiled = st.rules.rules_for(c, Some(authority_id))?;
            let scan = crate::anonymise::check_for_storage(&super::filter(), &sample, &compiled)
                .map_err(|e| {
                    AppError::Internal(anyhow::anyhow!("filter failure: {}", e.message))
                })?;
            Ok((
                super::Checked::of(&sample, &scan),
                rules::load(c, authority_id)?,
            ))
        })
        .await?;
    let shown = FilterForm::of(stored.map(|(r, _)| r), form.into_inner().sample);
    render(
        &ctx,
        &state,
        authority_id,
        shown,
        FieldErrors::new(),
        Some(trial),
        StatusCode::OK,
    )
    .await
}
