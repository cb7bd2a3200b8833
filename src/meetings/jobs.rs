//! Reminders that fall due: members who haven't answered a poll (a day before its deadline)
//! and people going to a meeting (the day before). Each is claimed by setting `reminded_at`
//! in the transaction that queues the emails, so two workers never both send.

use std::sync::Arc;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use serde_json::json;

use super::model::*;
use super::queries as q;
use crate::db::schema::{meetings, poll_answers, poll_slots, polls, rsvps};
use crate::db::{write_tx, Db};
use crate::notify::worker::PeriodicJob;
use crate::web::Views;

pub struct Reminders {
    pub views: Arc<Views>,
    pub base_url: String,
}

impl Reminders {
    fn poll_reminders(&self, c: &mut Db, now: NaiveDateTime) -> anyhow::Result<usize> {
        let due: Vec<Poll> = polls::table
            .filter(polls::status.eq(OPEN))
            .filter(polls::reminded_at.is_null())
            .filter(polls::deadline.gt(now))
            .filter(polls::deadline.le(now + Duration::hours(24)))
            .select(Poll::as_select())
            .load(c)?;
        let mut sent = 0;
        for p in due {
            sent += write_tx(c, |c| {
                let claimed =
                    diesel::update(polls::table.find(p.id).filter(polls::reminded_at.is_null()))
                        .set(polls::reminded_at.eq(Some(now)))
                        .execute(c)?;
                if claimed == 0 {
                    return Ok::<_, anyhow::Error>(0);
                }
                let answered: Vec<i64> = poll_answers::table
                    .inner_join(poll_slots::table)
                    .filter(poll_slots::poll_id.eq(p.id))
                    .select(poll_answers::user_id)
                    .distinct()
                    .load(c)?;
                let (group, _) = q::group_of(c, p.group_id)?;
                let mut n = 0;
                for m in q::members(c, p.group_id)? {
                    if answered.contains(&m.id) {
                        continue;
                    }
                    crate::notify::queue(
                        c,
                        &self.views,
                        &m.email,
                        "poll_reminder",
                        &json!({ "name": m.display_name, "group": group, "title": p.title,
                                 "link": format!("{}/polls/{}", self.base_url, p.id) }),
                    )?;
                    n += 1;
                }
                Ok(n)
            })?;
        }
        Ok(sent)
    }

    fn meeting_reminders(&self, c: &mut Db, now: NaiveDateTime) -> anyhow::Result<usize> {
        let today = now.date();
        let due: Vec<Meeting> = meetings::table
            .filter(meetings::status.eq(SCHEDULED))
            .filter(meetings::reminded_at.is_null())
            .filter(meetings::meeting_date.ge(today))
            .filter(meetings::meeting_date.le(today + Duration::days(1)))
            .select(Meeting::as_select())
            .load(c)?;
        let mut sent = 0;
        for m in due {
            sent += write_tx(c, |c| {
                let claimed = diesel::update(
                    meetings::table
                        .find(m.id)
                        .filter(meetings::reminded_at.is_null()),
                )
                .set(meetings::reminded_at.eq(Some(now)))
                .execute(c)?;
                if claimed == 0 {
                    return Ok::<_, anyhow::Error>(0);
                }
                let going: Vec<i64> = rsvps::table
                    .filter(rsvps::meeting_id.eq(m.id))
                    .filter(rsvps::status.eq(GOING))
                    .select(rsvps::user_id)
                    .load(c)?;
                let venue = q::venue_of(c, &m)?;
                let people = q::people(c, &going)?;
                for (_, email, name) in &people {
                    crate::notify::queue(
                        c,
                        &self.views,
                        email,
                        "meeting_reminder",
                        &json!({ "name": name, "title": m.title, "venue": venue,
                                 "when": when(m.meeting_date, &m.start_time, &m.end_time),
                                 "link": format!("{}/meetings/{}", self.base_url, m.id) }),
                    )?;
                }
                Ok(people.len())
            })?;
        }
        Ok(sent)
    }
}

impl PeriodicJob for Reminders {
    fn name(&self) -> &'static str {
        "meeting reminders"
    }

    fn run(&self, conn: &mut Db, now: NaiveDateTime) -> anyhow::Result<usize> {
        Ok(self.poll_reminders(conn, now)? + self.meeting_reminders(conn, now)?)
    }
}
