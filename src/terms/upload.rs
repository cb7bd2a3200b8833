//! The authority admin's CSV upload of term dates: all rows or none.

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde_json::json;

use super::handlers::{page_data, Scope};
use super::import::{self, Row};
use super::queries as q;
use crate::accounts::access::Permission;
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::web::flash::Flash;
use crate::web::templates::redirect_with;
use crate::web::{Ctx, CurrentUser, State};

const MAX_CSV_BYTES: usize = 1024 * 1024;

pub async fn import_authority_terms(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    mut payload: Multipart,
) -> AppResult<HttpResponse> {
    let authority_id = path.into_inner();
    me.require(Permission::ManageAuthority { authority_id })?;
    let file = crate::web::forms::read_upload(&mut payload, "file", MAX_CSV_BYTES, "1 MB").await?;
    let scope = Scope {
        authority_id,
        school_id: None,
    };
    match import::parse(&file) {
        Ok(rows) => {
            let n = rows.len();
            state
                .db(move |c| {
                    write_tx(c, |c| {
                        for row in &rows {
                            match row {
                                Row::Term(t) => {
                                    q::add_term(c, authority_id, None, t)?;
                                }
                                Row::Closure {
                                    on_date,
                                    kind,
                                    note,
                                } => {
                                    q::add_closure(c, authority_id, None, *on_date, *kind, note)?;
                                }
                            }
                        }
                        Ok::<_, AppError>(())
                    })
                })
                .await?;
            Ok(redirect_with(
                &scope.back(),
                Flash::success(format!(
                    "Imported {n} {}.",
                    if n == 1 { "entry" } else { "entries" }
                )),
            ))
        }
        Err(problems) => {
            let mut data = state.db(move |c| page_data(c, scope)).await?;
            data["problems"] = json!(problems);
            ctx.render_status(
                &state.views,
                StatusCode::UNPROCESSABLE_ENTITY,
                "terms/dates",
                data,
            )
        }
    }
}
