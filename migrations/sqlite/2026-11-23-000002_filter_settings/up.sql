CREATE TABLE filter_rules (
    authority_id BIGINT PRIMARY KEY REFERENCES authorities(id) ON DELETE CASCADE,
    not_pupils TEXT NOT NULL,
    extra_blocked TEXT NOT NULL,
    strictness TEXT NOT NULL,
    updated_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX filter_rules_updated_by ON filter_rules (updated_by);

-- Only counts are kept about refused text: never the text itself.
CREATE TABLE filter_counts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    authority_id BIGINT NOT NULL,
    field TEXT NOT NULL,
    span_type TEXT NOT NULL,
    verdict TEXT NOT NULL,
    count BIGINT NOT NULL,
    UNIQUE (authority_id, field, span_type, verdict)
);
