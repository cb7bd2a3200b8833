//! The poll page: for each slot who can come, who can't because of their working pattern
//! or school holidays, whose INSET day it is, and the slots ranked by likely attendance.

use std::collections::HashMap;

use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde_json::{json, Value};

use super::model::*;
use super::polls::{poll, slots};
use super::queries::{self as q, Member};
use super::rules::{self, Answer, Availability, Tally};
use crate::accounts::access::Permission;
use crate::db::schema::{meetings, poll_answers};
use crate::db::Db;
use crate::error::AppResult;
use crate::terms::queries::load_authority_dates;
use crate::web::{Ctx, CurrentUser, State};

/// Everything the poll page shows, worked out for everyone at once.
fn poll_page(c: &mut Db, poll_id: i64, viewer: &crate::web::Viewer) -> AppResult<Value> {
    let p = poll(c, poll_id)?;
    let (group_name, authority_id) = q::group_of(c, p.group_id)?;
    let scope = (p.group_id, authority_id);
    viewer.require(Permission::SeeGroupMembers {
        group_id: scope.0,
        authority_id: scope.1,
    })?;
    let manager = viewer.may(Permission::ManageGroup {
        group_id: scope.0,
        authority_id: scope.1,
    });
    let slot_list = slots(c, poll_id)?;
    let members: Vec<Member> = q::members(c, p.group_id)?;
    let dates = load_authority_dates(c, authority_id)?;
    let slot_ids: Vec<i64> = slot_list.iter().map(|s| s.id).collect();
    let answers: HashMap<(i64, i64), String> = poll_answers::table
        .filter(poll_answers::slot_id.eq_any(&slot_ids))
        .select((
            poll_answers::slot_id,
            poll_answers::user_id,
            poll_answers::answer,
        ))
        .load::<(i64, i64, String)>(c)?
        .into_iter()
        .map(|(s, u, a)| ((s, u), a))
        .collect();
    let show_names = manager || !p.hide_names;
    let mut tallies = Vec::new();
    let mut rows = Vec::new();
    for s in &slot_list {
        let mut t = Tally::default();
        let (mut yes, mut maybe, mut no, mut unavailable, mut good) =
            (vec![], vec![], vec![], vec![], vec![]);
        for m in &members {
            let cal = dates.for_school(m.school_id);
            let avail = rules::availability(&m.working_days, &cal, s.slot_date);
            if let Availability::Unavailable(why) = &avail {
                t.unavailable += 1;
                unavailable.push(json!({ "name": m.display_name, "reason": why }));
                continue;
            }
            if avail == Availability::GoodDay {
                t.good_day += 1;
                good.push(m.display_name.clone());
            }
            match answers.get(&(s.id, m.id)).and_then(|a| Answer::parse(a)) {
                Some(Answer::Yes) => {
                    t.yes += 1;
                    yes.push(m.display_name.clone());
                }
                Some(Answer::IfNeedBe) => {
                    t.if_need_be += 1;
                    maybe.push(m.display_name.clone());
                }
                Some(Answer::No) => {
                    t.no += 1;
                    no.push(m.display_name.clone());
                }
                None => {}
            }
        }
        let venue = q::school_name(c, s.venue_school_id)?.unwrap_or_else(|| "Online".into());
        let mine = answers
            .get(&(s.id, viewer.id()))
            .cloned()
            .unwrap_or_default();
        let my_avail = rules::availability(
            &viewer.user.working_days,
            &dates.for_school(viewer.user.school_id),
            s.slot_date,
        );
        rows.push(json!({
            "id": s.id, "when": when(s.slot_date, &s.start_time, &s.end_time), "venue": venue,
            "yes": if show_names { json!(yes) } else { json!([]) },
            "if_need_be": if show_names { json!(maybe) } else { json!([]) },
            "no": if show_names { json!(no) } else { json!([]) },
            "unavailable": if show_names { json!(unavailable) } else { json!([]) },
            "good_day": if show_names { json!(good) } else { json!([]) },
            "tally": t, "likely": t.likely(), "mine": mine,
            "my_availability": my_avail,
        }));
        tallies.push(t);
    }
    let order = rules::rank(&tallies);
    let ranked: Vec<Value> = order
        .iter()
        .enumerate()
        .map(|(rank, &i)| {
            let mut r = rows[i].clone();
            r["rank"] = json!(rank + 1);
            r["best"] = json!(rank == 0);
            r
        })
        .collect();
    let meeting: Option<i64> = meetings::table
        .filter(meetings::poll_id.eq(poll_id))
        .select(meetings::id)
        .first(c)
        .optional()?;
    let is_open = p.status == OPEN && crate::now() <= p.deadline;
    Ok(json!({
        "poll": p, "group": { "id": scope.0, "name": group_name }, "slots": ranked,
        "manager": manager, "show_names": show_names, "is_open": is_open,
        "can_answer": is_open && viewer.is_member_of(scope.0),
        "deadline": p.deadline.format("%A %-d %B %Y").to_string(),
        "meeting_id": meeting, "answers": ["yes", "if_need_be", "no"],
    }))
}

pub async fn show_poll(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let poll_id = path.into_inner();
    let viewer = me.0.clone();
    let data = state.db(move |c| poll_page(c, poll_id, &viewer)).await?;
    ctx.render(&state.views, "meetings/poll", data)
}
