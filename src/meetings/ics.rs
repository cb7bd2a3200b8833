//! iCalendar (RFC 5545) for meetings, built with the `icalendar` crate: a stable UID,
//! SEQUENCE from the meeting's revision, times in Europe/London with its VTIMEZONE.

use chrono::{NaiveDateTime, Utc};
use icalendar::{Calendar, CalendarDateTime, Component, EventLike, EventStatus};

use super::model::{Meeting, CANCELLED};
use super::rules::parse_time;

pub const TZID: &str = "Europe/London";

/// The UK's rules since 1996: BST from the last Sunday of March to the last Sunday of
/// October. Parsed by the crate so the output stays well-formed.
const LONDON: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Commonroom//EN\r\n\
BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n\
BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST\r\n\
DTSTART:19700329T010000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n\
BEGIN:STANDARD\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\n\
DTSTART:19701025T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n\
END:VTIMEZONE\r\nEND:VCALENDAR\r\n";

/// What an invitation or feed says about one meeting.
pub struct EventInfo<'a> {
    pub meeting: &'a Meeting,
    pub group: &'a str,
    pub venue: &'a str,
    pub link: &'a str,
}

fn local(m: &Meeting, time: &str) -> NaiveDateTime {
    let t = parse_time(time).unwrap_or_default();
    m.meeting_date.and_time(t)
}

fn event(info: &EventInfo) -> icalendar::Event {
    let m = info.meeting;
    let mut e = icalendar::Event::new();
    e.uid(&m.uid)
        .timestamp(Utc::now())
        .sequence(u32::try_from(m.sequence).unwrap_or(0))
        .summary(&format!("{} ({})", m.title, info.group))
        .location(info.venue)
        .url(info.link)
        .starts(CalendarDateTime::WithTimezone {
            date_time: local(m, &m.start_time),
            tzid: TZID.into(),
        })
        .ends(CalendarDateTime::WithTimezone {
            date_time: local(m, &m.end_time),
            tzid: TZID.into(),
        })
        .status(if m.status == CANCELLED {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        });
    if !m.agenda.is_empty() {
        e.description(&m.agenda);
    }
    e.done()
}

/// A calendar of meetings. `method` is REQUEST for an invitation, CANCEL for a
/// cancellation, PUBLISH for a feed or download.
pub fn calendar(method: &str, events: &[EventInfo]) -> String {
    let mut cal = Calendar::new();
    cal.append_property(("PRODID", "-//Commonroom//Termly meetings//EN"));
    cal.append_property(("METHOD", method));
    cal.name("Commonroom meetings");
    if let Ok(tz) = LONDON.parse::<Calendar>() {
        for c in tz.components {
            cal.push(c);
        }
    }
    for info in events {
        cal.push(event(info));
    }
    cal.done().to_string()
}

/// The method a single meeting's file uses: CANCEL once it is cancelled.
pub fn method_for(m: &Meeting) -> &'static str {
    if m.status == CANCELLED {
        "CANCEL"
    } else {
        "REQUEST"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn meeting(status: &str) -> Meeting {
        Meeting {
            id: 1,
            group_id: 1,
            poll_id: None,
            uid: "abc@commonroom".into(),
            title: "Autumn meeting".into(),
            agenda: "Phonics".into(),
            meeting_date: NaiveDate::from_ymd_opt(2026, 11, 18).unwrap(),
            start_time: "13:30".into(),
            end_time: "15:30".into(),
            venue_school_id: None,
            online_link: String::new(),
            capacity: 0,
            status: status.into(),
            sequence: 2,
            minutes: String::new(),
            updated_at: crate::now(),
        }
    }

    #[test]
    fn an_invitation_has_the_timezone_and_a_stable_uid() {
        let m = meeting("scheduled");
        let info = EventInfo {
            meeting: &m,
            group: "North",
            venue: "Oakfield",
            link: "http://x/meetings/1",
        };
        let text = calendar(method_for(&m), &[info]);
        assert!(text.contains("METHOD:REQUEST"));
        assert!(text.contains("BEGIN:VTIMEZONE"));
        assert!(text.contains("DTSTART;TZID=Europe/London:20261118T133000"));
        assert!(text.contains("UID:abc@commonroom"));
        assert!(text.contains("SEQUENCE:2"));
        let cancelled = meeting("cancelled");
        assert_eq!(method_for(&cancelled), "CANCEL");
    }
}
