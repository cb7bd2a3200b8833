//! The audit log of privileged actions (who did what, when). Never holds user-written text.

use diesel::prelude::*;

use crate::db::schema::audit_log;
use crate::db::Db;

pub fn record(conn: &mut Db, actor_id: Option<i64>, action: &str, detail: &str) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::actor_id.eq(actor_id),
            audit_log::action.eq(action),
            audit_log::detail.eq(detail),
            audit_log::created_at.eq(crate::now()),
        ))
        .execute(conn)?;
    Ok(())
}
