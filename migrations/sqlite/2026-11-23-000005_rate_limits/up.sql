-- Events counted by the rate limiter (sign-ups, reset emails, invitations…), per bucket
-- such as "signup:ip:203.0.113.9". Old rows are swept by the worker.
CREATE TABLE rate_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    bucket TEXT NOT NULL,
    happened_at TIMESTAMP NOT NULL
);
CREATE INDEX rate_events_bucket ON rate_events (bucket, happened_at);
CREATE INDEX rate_events_happened ON rate_events (happened_at);
