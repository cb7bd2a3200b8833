//! Termly meetings: finding a date with a poll, the meeting itself (RSVPs, waiting list,
//! cancellation), calendars and reminders.

pub mod attendance;
pub mod calendar;
pub mod handlers;
pub mod ics;
pub mod jobs;
pub mod lifts;
pub mod minutes;
pub mod model;
pub mod notices;
pub mod poll_view;
pub mod polls;
pub mod queries;
pub mod rules;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    use handlers::*;
    use poll_view::*;
    use polls::*;
    cfg.route("/meetings", web::get().to(list_meetings))
        .route("/groups/{id}/polls/new", web::get().to(new_poll_form))
        .route("/groups/{id}/polls", web::post().to(create_poll))
        .route("/polls/{id}", web::get().to(show_poll))
        .route("/polls/{id}/answers", web::post().to(answer_poll))
        .route("/polls/{id}/close", web::post().to(close_poll))
        .route("/meetings/{id}", web::get().to(show_meeting))
        .route("/meetings/{id}", web::post().to(update_meeting))
        .route("/meetings/{id}/rsvp", web::post().to(rsvp))
        .route("/meetings/{id}/cancel", web::post().to(cancel_meeting))
        .route("/meetings/{id}/invite.ics", web::get().to(meeting_ics))
        .route(
            "/meetings/{id}/minutes",
            web::post().to(minutes::publish_minutes),
        )
        .route("/meetings/{id}/lifts", web::post().to(lifts::offer_or_ask))
        .route("/calendar", web::get().to(calendar::calendar_page))
        .route("/calendar/feed", web::post().to(calendar::create_feed))
        .route(
            "/calendar/feed/revoke",
            web::post().to(calendar::revoke_feed),
        )
        .route(
            "/calendar/{token}/meetings.ics",
            web::get().to(calendar::feed),
        );
}
