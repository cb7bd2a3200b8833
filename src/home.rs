//! The home page (a dashboard once signed in) and the health endpoints.

use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::json;

use crate::db::schema::{group_memberships, join_requests, regional_groups, regions};
use crate::error::AppResult;
use crate::web::{Ctx, State};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home))
        .route("/healthz", web::get().to(healthz))
        .route("/readyz", web::get().to(readyz));
}

#[derive(Serialize, Queryable)]
struct MyGroup {
    id: i64,
    name: String,
    region: String,
}

async fn home(ctx: Ctx, state: State) -> AppResult<HttpResponse> {
    let Some(viewer) = ctx.viewer.clone() else {
        return ctx.render(&state.views, "home/welcome", json!({}));
    };
    let user_id = viewer.id();
    let coordinated = viewer.coordinated_groups();
    let (groups, pending_for_me) = state
        .db(move |c| {
            let groups: Vec<MyGroup> = group_memberships::table
                .inner_join(regional_groups::table.inner_join(regions::table))
                .filter(group_memberships::user_id.eq(user_id))
                .order(regional_groups::name.asc())
                .select((regional_groups::id, regional_groups::name, regions::name))
                .load(c)?;
            let pending: i64 = join_requests::table
                .filter(join_requests::group_id.eq_any(&coordinated))
                .filter(join_requests::status.eq("pending"))
                .count()
                .get_result(c)?;
            Ok((groups, pending))
        })
        .await?;
    ctx.render(
        &state.views,
        "home/dashboard",
        json!({ "groups": groups, "pending_requests": pending_for_me }),
    )
}

async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "alive" }))
}

async fn readyz(state: State) -> HttpResponse {
    let pool = state.pool.clone();
    let ready = web::block(move || {
        pool.get()
            .map(|mut c| crate::db::is_ready(&mut c))
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false);
    if ready {
        HttpResponse::Ok().json(json!({ "status": "ready" }))
    } else {
        HttpResponse::ServiceUnavailable()
            .json(json!({ "error": "The database is unreachable or not migrated." }))
    }
}
