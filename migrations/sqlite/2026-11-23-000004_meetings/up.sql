-- Termly meetings: term dates, date polls, meetings and RSVPs, release requests to heads,
-- calendar feeds and lift sharing.

CREATE TABLE terms (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    authority_id BIGINT NOT NULL REFERENCES authorities(id) ON DELETE CASCADE,
    -- Set when a school keeps its own dates (academies, voluntary-aided schools).
    school_id BIGINT REFERENCES schools(id) ON DELETE CASCADE,
    academic_year TEXT NOT NULL,
    name TEXT NOT NULL,
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL,
    half_term_starts DATE,
    half_term_ends DATE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX terms_authority ON terms (authority_id, starts_on);
CREATE INDEX terms_school ON terms (school_id, starts_on);

CREATE TABLE closures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    authority_id BIGINT NOT NULL REFERENCES authorities(id) ON DELETE CASCADE,
    school_id BIGINT REFERENCES schools(id) ON DELETE CASCADE,
    on_date DATE NOT NULL,
    kind TEXT NOT NULL,
    note TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX closures_authority ON closures (authority_id, on_date);
CREATE INDEX closures_school ON closures (school_id, on_date);

CREATE TABLE school_settings (
    school_id BIGINT PRIMARY KEY REFERENCES schools(id) ON DELETE CASCADE,
    own_term_dates BOOLEAN NOT NULL,
    cover_rate_pence BIGINT NOT NULL,
    notice_days INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE polls (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id BIGINT NOT NULL REFERENCES regional_groups(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    deadline TIMESTAMP NOT NULL,
    hide_names BOOLEAN NOT NULL,
    status TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    reminded_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX polls_group ON polls (group_id, created_at);
CREATE INDEX polls_created_by ON polls (created_by);
CREATE INDEX polls_due ON polls (status, deadline);

CREATE TABLE poll_slots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    poll_id BIGINT NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    slot_date DATE NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    venue_school_id BIGINT REFERENCES schools(id) ON DELETE SET NULL,
    online BOOLEAN NOT NULL
);
CREATE INDEX poll_slots_poll ON poll_slots (poll_id, slot_date);
CREATE INDEX poll_slots_venue ON poll_slots (venue_school_id);

CREATE TABLE poll_answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slot_id BIGINT NOT NULL REFERENCES poll_slots(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    answer TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (slot_id, user_id)
);
CREATE INDEX poll_answers_user ON poll_answers (user_id);

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id BIGINT NOT NULL REFERENCES regional_groups(id) ON DELETE CASCADE,
    poll_id BIGINT REFERENCES polls(id) ON DELETE SET NULL,
    uid TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    agenda TEXT NOT NULL,
    meeting_date DATE NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    venue_school_id BIGINT REFERENCES schools(id) ON DELETE SET NULL,
    online_link TEXT NOT NULL,
    capacity INTEGER NOT NULL,
    status TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    minutes TEXT NOT NULL,
    reminded_at TIMESTAMP,
    created_by BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX meetings_group ON meetings (group_id, meeting_date);
CREATE INDEX meetings_poll ON meetings (poll_id);
CREATE INDEX meetings_venue ON meetings (venue_school_id, meeting_date);
CREATE INDEX meetings_created_by ON meetings (created_by);
CREATE INDEX meetings_due ON meetings (status, meeting_date);

CREATE TABLE rsvps (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    attended BOOLEAN,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (meeting_id, user_id)
);
CREATE INDEX rsvps_user ON rsvps (user_id);

CREATE TABLE release_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    school_id BIGINT NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
    minutes_out INTEGER NOT NULL,
    cover_needed BOOLEAN NOT NULL,
    cover_cost_pence BIGINT NOT NULL,
    is_late BOOLEAN NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL,
    decided_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    decided_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (meeting_id, user_id)
);
CREATE INDEX release_requests_user ON release_requests (user_id);
CREATE INDEX release_requests_school ON release_requests (school_id, created_at);
CREATE INDEX release_requests_decided_by ON release_requests (decided_by);

CREATE TABLE calendar_feeds (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX calendar_feeds_user ON calendar_feeds (user_id);

CREATE TABLE lifts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    area TEXT NOT NULL,
    seats INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (meeting_id, user_id)
);
CREATE INDEX lifts_user ON lifts (user_id);

-- One optional attachment per email (a meeting's .ics invitation).
ALTER TABLE outbox_emails ADD COLUMN attachment_name TEXT;
ALTER TABLE outbox_emails ADD COLUMN attachment_type TEXT;
ALTER TABLE outbox_emails ADD COLUMN attachment_body TEXT;
