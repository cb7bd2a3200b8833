CREATE TABLE forum_categories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    scope TEXT NOT NULL,
    authority_id BIGINT REFERENCES authorities(id) ON DELETE CASCADE,
    region_id BIGINT REFERENCES regions(id) ON DELETE CASCADE,
    group_id BIGINT REFERENCES regional_groups(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    open_to_authority BOOLEAN NOT NULL,
    position INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX forum_categories_authority ON forum_categories (authority_id);
CREATE INDEX forum_categories_region ON forum_categories (region_id);
CREATE INDEX forum_categories_group ON forum_categories (group_id);

CREATE TABLE forum_threads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    category_id BIGINT NOT NULL REFERENCES forum_categories(id) ON DELETE CASCADE,
    author_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    anonymous BOOLEAN NOT NULL,
    status TEXT NOT NULL,
    pinned BOOLEAN NOT NULL,
    locked BOOLEAN NOT NULL,
    answer_post_id BIGINT,
    answered_at TIMESTAMP,
    reply_count INTEGER NOT NULL,
    last_post_at TIMESTAMP NOT NULL,
    deleted_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX forum_threads_listing ON forum_threads (category_id, pinned, last_post_at);
CREATE INDEX forum_threads_author ON forum_threads (author_id);
CREATE INDEX forum_threads_answer ON forum_threads (answer_post_id);
CREATE INDEX forum_threads_answered ON forum_threads (answered_at);

CREATE TABLE forum_posts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    thread_id BIGINT NOT NULL REFERENCES forum_threads(id) ON DELETE CASCADE,
    author_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    is_first BOOLEAN NOT NULL,
    anonymous BOOLEAN NOT NULL,
    body_md TEXT NOT NULL,
    body_html TEXT NOT NULL,
    status TEXT NOT NULL,
    hold_reason TEXT NOT NULL,
    flag_count INTEGER NOT NULL,
    edited_at TIMESTAMP,
    deleted_at TIMESTAMP,
    deleted_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX forum_posts_thread ON forum_posts (thread_id, id);
CREATE INDEX forum_posts_author ON forum_posts (author_id, created_at);
CREATE INDEX forum_posts_status ON forum_posts (status);
CREATE INDEX forum_posts_flagged ON forum_posts (flag_count);
CREATE INDEX forum_posts_deleted_by ON forum_posts (deleted_by);

CREATE TABLE forum_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id BIGINT NOT NULL REFERENCES forum_posts(id) ON DELETE CASCADE,
    editor_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body_md TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX forum_revisions_post ON forum_revisions (post_id, id);
CREATE INDEX forum_revisions_editor ON forum_revisions (editor_id);

CREATE TABLE forum_flags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id BIGINT NOT NULL REFERENCES forum_posts(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    trusted BOOLEAN NOT NULL,
    resolved_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (post_id, user_id)
);
CREATE INDEX forum_flags_user ON forum_flags (user_id);

CREATE TABLE forum_reads (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    thread_id BIGINT NOT NULL REFERENCES forum_threads(id) ON DELETE CASCADE,
    last_read_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, thread_id)
);
CREATE INDEX forum_reads_thread ON forum_reads (thread_id);

CREATE TABLE forum_thread_levels (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    thread_id BIGINT NOT NULL REFERENCES forum_threads(id) ON DELETE CASCADE,
    level TEXT NOT NULL,
    PRIMARY KEY (user_id, thread_id)
);
CREATE INDEX forum_thread_levels_thread ON forum_thread_levels (thread_id);

CREATE TABLE forum_category_levels (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    category_id BIGINT NOT NULL REFERENCES forum_categories(id) ON DELETE CASCADE,
    level TEXT NOT NULL,
    PRIMARY KEY (user_id, category_id)
);
CREATE INDEX forum_category_levels_category ON forum_category_levels (category_id);

CREATE TABLE forum_notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    thread_id BIGINT NOT NULL REFERENCES forum_threads(id) ON DELETE CASCADE,
    post_id BIGINT NOT NULL REFERENCES forum_posts(id) ON DELETE CASCADE,
    summary TEXT NOT NULL,
    read_at TIMESTAMP,
    emailed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX forum_notifications_user ON forum_notifications (user_id, created_at);
CREATE INDEX forum_notifications_thread ON forum_notifications (thread_id);
CREATE INDEX forum_notifications_post ON forum_notifications (post_id);

CREATE TABLE forum_prefs (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    email_mode TEXT NOT NULL,
    unsubscribe_token TEXT NOT NULL UNIQUE,
    last_seen_at TIMESTAMP,
    last_digest_at TIMESTAMP
);

-- Full-text search over visible posts; rowid is the post id, kept in sync by the app.
CREATE VIRTUAL TABLE forum_search USING fts5 (title, body, tokenize = 'porter unicode61');

-- The network-wide categories every member of every authority shares.
INSERT INTO forum_categories (scope, name, description, open_to_authority, position, created_at) VALUES
    ('network', 'Behaviour', 'Strategies that work, and what to do when they don''t.', TRUE, 1, CURRENT_TIMESTAMP),
    ('network', 'SEND strategies', 'Supporting pupils with special educational needs and disabilities.', TRUE, 2, CURRENT_TIMESTAMP),
    ('network', 'Phonics', 'Schemes, interventions and resources for early reading.', TRUE, 3, CURRENT_TIMESTAMP),
    ('network', 'Pay and conditions', 'Contracts, grading, hours and training entitlements.', TRUE, 4, CURRENT_TIMESTAMP),
    ('network', 'Help with the site', 'Questions and suggestions about Commonroom itself.', TRUE, 5, CURRENT_TIMESTAMP);
