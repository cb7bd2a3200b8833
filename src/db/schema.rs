//! The diesel schema, written by hand to the portable subset both backends share.

diesel::table! {
    authorities (id) {
        id -> BigInt,
        name -> Text,
        slug -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    regions (id) {
        id -> BigInt,
        authority_id -> BigInt,
        name -> Text,
    }
}

diesel::table! {
    schools (id) {
        id -> BigInt,
        authority_id -> BigInt,
        region_id -> Nullable<BigInt>,
        urn -> Text,
        name -> Text,
        phase -> Text,
        postcode -> Text,
        is_open -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        email -> Text,
        display_name -> Text,
        password_hash -> Nullable<Text>,
        email_verified_at -> Nullable<Timestamp>,
        is_site_admin -> Bool,
        deactivated_at -> Nullable<Timestamp>,
        school_id -> Nullable<BigInt>,
        job_title -> Text,
        bio -> Text,
        working_days -> Text,
        working_hours -> Text,
        email_notifications -> Bool,
        show_email_to_members -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    sessions (token_hash) {
        token_hash -> Text,
        user_id -> BigInt,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    email_tokens (token_hash) {
        token_hash -> Text,
        user_id -> BigInt,
        purpose -> Text,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    signin_attempts (id) {
        id -> BigInt,
        email -> Text,
        ip -> Text,
        succeeded -> Bool,
        attempted_at -> Timestamp,
    }
}

diesel::table! {
    regional_groups (id) {
        id -> BigInt,
        authority_id -> BigInt,
        region_id -> BigInt,
        name -> Text,
        focus -> Text,
        description -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    role_grants (id) {
        id -> BigInt,
        user_id -> BigInt,
        role -> Text,
        authority_id -> Nullable<BigInt>,
        school_id -> Nullable<BigInt>,
        group_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    group_memberships (id) {
        id -> BigInt,
        group_id -> BigInt,
        user_id -> BigInt,
        joined_at -> Timestamp,
    }
}

diesel::table! {
    join_requests (id) {
        id -> BigInt,
        group_id -> BigInt,
        user_id -> BigInt,
        message -> Text,
        status -> Text,
        decided_by -> Nullable<BigInt>,
        decided_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    group_invitations (token_hash) {
        token_hash -> Text,
        group_id -> BigInt,
        email -> Text,
        invited_by -> BigInt,
        expires_at -> Timestamp,
        accepted_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    outbox_emails (id) {
        id -> BigInt,
        to_address -> Text,
        template -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_by -> Nullable<Text>,
        claimed_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        attachment_name -> Nullable<Text>,
        attachment_type -> Nullable<Text>,
        attachment_body -> Nullable<Text>,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        actor_id -> Nullable<BigInt>,
        action -> Text,
        detail -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    filter_rules (authority_id) {
        authority_id -> BigInt,
        not_pupils -> Text,
        extra_blocked -> Text,
        strictness -> Text,
        updated_by -> Nullable<BigInt>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    filter_counts (id) {
        id -> BigInt,
        authority_id -> BigInt,
        field -> Text,
        span_type -> Text,
        verdict -> Text,
        count -> BigInt,
    }
}

diesel::table! {
    rate_events (id) {
        id -> BigInt,
        bucket -> Text,
        happened_at -> Timestamp,
    }
}

diesel::table! {
    identity_providers (id) {
        id -> BigInt,
        authority_id -> BigInt,
        name -> Text,
        issuer_url -> Text,
        client_id -> Text,
        client_secret -> Text,
        email_domains -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sso_logins (state) {
        state -> Text,
        provider_id -> BigInt,
        nonce -> Text,
        pkce_verifier -> Text,
        next_path -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    forum_categories (id) {
        id -> BigInt,
        scope -> Text,
        authority_id -> Nullable<BigInt>,
        region_id -> Nullable<BigInt>,
        group_id -> Nullable<BigInt>,
        name -> Text,
        description -> Text,
        open_to_authority -> Bool,
        position -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    forum_threads (id) {
        id -> BigInt,
        category_id -> BigInt,
        author_id -> BigInt,
        title -> Text,
        anonymous -> Bool,
        status -> Text,
        pinned -> Bool,
        locked -> Bool,
        answer_post_id -> Nullable<BigInt>,
        answered_at -> Nullable<Timestamp>,
        reply_count -> Integer,
        last_post_at -> Timestamp,
        deleted_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    forum_posts (id) {
        id -> BigInt,
        thread_id -> BigInt,
        author_id -> BigInt,
        is_first -> Bool,
        anonymous -> Bool,
        body_md -> Text,
        body_html -> Text,
        status -> Text,
        hold_reason -> Text,
        flag_count -> Integer,
        edited_at -> Nullable<Timestamp>,
        deleted_at -> Nullable<Timestamp>,
        deleted_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    forum_revisions (id) {
        id -> BigInt,
        post_id -> BigInt,
        editor_id -> BigInt,
        title -> Text,
        body_md -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    forum_flags (id) {
        id -> BigInt,
        post_id -> BigInt,
        user_id -> BigInt,
        reason -> Text,
        trusted -> Bool,
        resolved_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    forum_reads (user_id, thread_id) {
        user_id -> BigInt,
        thread_id -> BigInt,
        last_read_at -> Timestamp,
    }
}

diesel::table! {
    forum_thread_levels (user_id, thread_id) {
        user_id -> BigInt,
        thread_id -> BigInt,
        level -> Text,
    }
}

diesel::table! {
    forum_category_levels (user_id, category_id) {
        user_id -> BigInt,
        category_id -> BigInt,
        level -> Text,
    }
}

diesel::table! {
    forum_notifications (id) {
        id -> BigInt,
        user_id -> BigInt,
        kind -> Text,
        thread_id -> BigInt,
        post_id -> BigInt,
        summary -> Text,
        read_at -> Nullable<Timestamp>,
        emailed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    forum_prefs (user_id) {
        user_id -> BigInt,
        email_mode -> Text,
        unsubscribe_token -> Text,
        last_seen_at -> Nullable<Timestamp>,
        last_digest_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(regions -> authorities (authority_id));
diesel::joinable!(identity_providers -> authorities (authority_id));
diesel::joinable!(sso_logins -> identity_providers (provider_id));
diesel::joinable!(schools -> authorities (authority_id));
diesel::joinable!(schools -> regions (region_id));
diesel::joinable!(users -> schools (school_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(email_tokens -> users (user_id));
diesel::joinable!(regional_groups -> authorities (authority_id));
diesel::joinable!(regional_groups -> regions (region_id));
diesel::joinable!(role_grants -> users (user_id));
diesel::joinable!(group_memberships -> regional_groups (group_id));
diesel::joinable!(group_memberships -> users (user_id));
diesel::joinable!(group_invitations -> regional_groups (group_id));

// ---- termly meetings (terms, polls, meetings, release requests, calendars, lifts) ----

diesel::table! {
    terms (id) {
        id -> BigInt,
        authority_id -> BigInt,
        school_id -> Nullable<BigInt>,
        academic_year -> Text,
        name -> Text,
        starts_on -> Date,
        ends_on -> Date,
        half_term_starts -> Nullable<Date>,
        half_term_ends -> Nullable<Date>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    closures (id) {
        id -> BigInt,
        authority_id -> BigInt,
        school_id -> Nullable<BigInt>,
        on_date -> Date,
        kind -> Text,
        note -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    school_settings (school_id) {
        school_id -> BigInt,
        own_term_dates -> Bool,
        cover_rate_pence -> BigInt,
        notice_days -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    polls (id) {
        id -> BigInt,
        group_id -> BigInt,
        title -> Text,
        deadline -> Timestamp,
        hide_names -> Bool,
        status -> Text,
        created_by -> BigInt,
        reminded_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    poll_slots (id) {
        id -> BigInt,
        poll_id -> BigInt,
        slot_date -> Date,
        start_time -> Text,
        end_time -> Text,
        venue_school_id -> Nullable<BigInt>,
        online -> Bool,
    }
}

diesel::table! {
    poll_answers (id) {
        id -> BigInt,
        slot_id -> BigInt,
        user_id -> BigInt,
        answer -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    meetings (id) {
        id -> BigInt,
        group_id -> BigInt,
        poll_id -> Nullable<BigInt>,
        uid -> Text,
        title -> Text,
        agenda -> Text,
        meeting_date -> Date,
        start_time -> Text,
        end_time -> Text,
        venue_school_id -> Nullable<BigInt>,
        online_link -> Text,
        capacity -> Integer,
        status -> Text,
        sequence -> Integer,
        minutes -> Text,
        reminded_at -> Nullable<Timestamp>,
        created_by -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    rsvps (id) {
        id -> BigInt,
        meeting_id -> BigInt,
        user_id -> BigInt,
        status -> Text,
        reason -> Text,
        attended -> Nullable<Bool>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    release_requests (id) {
        id -> BigInt,
        meeting_id -> BigInt,
        user_id -> BigInt,
        school_id -> BigInt,
        minutes_out -> Integer,
        cover_needed -> Bool,
        cover_cost_pence -> BigInt,
        is_late -> Bool,
        status -> Text,
        note -> Text,
        decided_by -> Nullable<BigInt>,
        decided_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    calendar_feeds (token_hash) {
        token_hash -> Text,
        user_id -> BigInt,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    lifts (id) {
        id -> BigInt,
        meeting_id -> BigInt,
        user_id -> BigInt,
        kind -> Text,
        area -> Text,
        seats -> Integer,
        created_at -> Timestamp,
    }
}

diesel::joinable!(poll_slots -> polls (poll_id));
diesel::joinable!(poll_answers -> poll_slots (slot_id));
diesel::joinable!(rsvps -> meetings (meeting_id));
diesel::joinable!(rsvps -> users (user_id));
diesel::joinable!(release_requests -> meetings (meeting_id));
diesel::joinable!(forum_threads -> forum_categories (category_id));
diesel::joinable!(forum_threads -> users (author_id));
diesel::joinable!(forum_posts -> forum_threads (thread_id));
diesel::joinable!(forum_posts -> users (author_id));
diesel::joinable!(forum_revisions -> forum_posts (post_id));
diesel::joinable!(forum_flags -> forum_posts (post_id));
diesel::joinable!(forum_notifications -> forum_threads (thread_id));

// Every table may appear in a query with every other.
diesel::allow_tables_to_appear_in_same_query!(
    authorities,
    regions,
    schools,
    users,
    sessions,
    email_tokens,
    signin_attempts,
    regional_groups,
    role_grants,
    group_memberships,
    join_requests,
    group_invitations,
    outbox_emails,
    audit_log,
    filter_rules,
    filter_counts,
    rate_events,
    identity_providers,
    sso_logins,
    forum_categories,
    forum_threads,
    forum_posts,
    forum_revisions,
    forum_flags,
    forum_reads,
    forum_thread_levels,
    forum_category_levels,
    forum_notifications,
    forum_prefs,
    terms,
    closures,
    school_settings,
    polls,
    poll_slots,
    poll_answers,
    meetings,
    rsvps,
    release_requests,
    calendar_feeds,
    lifts,
);
