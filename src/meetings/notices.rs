//! Emails about a meeting, each with its .ics attached, written in the caller's transaction.

use serde_json::json;

use super::ics::{self, EventInfo};
use super::queries as q;
use crate::db::Db;
use crate::error::AppResult;
use crate::notify::Attachment;
use crate::web::AppState;

/// The meeting's invitation file as it stands.
pub fn invitation(c: &mut Db, state: &AppState, meeting_id: i64) -> AppResult<(String, String)> {
    let m = q::meeting(c, meeting_id)?;
    let (group, _) = q::group_of(c, m.group_id)?;
    let venue = q::venue_of(c, &m)?;
    let link = state.link(&format!("/meetings/{}", m.id));
    let text = ics::calendar(
        ics::method_for(&m),
        &[EventInfo {
            meeting: &m,
            group: &group,
            venue: &venue,
            link: &link,
        }],
    );
    Ok((ics::method_for(&m).to_string(), text))
}

/// Emails `template` about the meeting to `user_ids` (everyone in the group when `None`).
pub fn tell(
    c: &mut Db,
    state: &AppState,
    meeting_id: i64,
    template: &str,
    user_ids: Option<&[i64]>,
    extra: serde_json::Value,
) -> AppResult<usize> {
    let m = q::meeting(c, meeting_id)?;
    let (group, _) = q::group_of(c, m.group_id)?;
    let venue = q::venue_of(c, &m)?;
    let (method, text) = invitation(c, state, meeting_id)?;
    let attachment = Attachment {
        name: "invite.ics".into(),
        content_type: format!("text/calendar; charset=utf-8; method={method}"),
        body: text,
    };
    let people: Vec<(i64, String, String)> = match user_ids {
        Some(ids) => q::people(c, ids)?,
        None => q::members(c, m.group_id)?
            .into_iter()
            .map(|p| (p.id, p.email, p.display_name))
            .collect(),
    };
    for (_, email, name) in &people {
        crate::notify::queue_with_attachment(
            c,
            &state.views,
            email,
            template,
            &json!({ "name": name, "group": group, "title": m.title, "venue": venue,
                     "when": super::model::when(m.meeting_date, &m.start_time, &m.end_time),
                     "link": state.link(&format!("/meetings/{}", m.id)), "extra": extra }),
            Some(&attachment),
        )?;
    }
    Ok(people.len())
}

pub fn tell_members(
    c: &mut Db,
    state: &AppState,
    meeting_id: i64,
    template: &str,
) -> AppResult<usize> {
    tell(c, state, meeting_id, template, None, json!({}))
}
