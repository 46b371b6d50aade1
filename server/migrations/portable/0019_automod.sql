-- AutoMod and community reports (chat owns them): a channel's AutoMod levels
-- and report threshold, the messages AutoMod holds for its moderators, and
-- viewers' reports of messages.
CREATE TABLE automod_settings (
    channel_id BIGINT PRIMARY KEY REFERENCES channels(id) ON DELETE CASCADE,
    overall_level BIGINT NOT NULL DEFAULT 0,
    -- NULL: the category follows overall_level.
    discrimination BIGINT,
    hostility BIGINT,
    sexual BIGINT,
    profanity BIGINT,
    -- Reports that hide a message pending review; 0: never.
    report_hide_threshold BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL
);
CREATE TABLE automod_held (
    id TEXT PRIMARY KEY,
    channel_id BIGINT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    is_action BIGINT NOT NULL DEFAULT 0,
    category TEXT NOT NULL,
    level BIGINT NOT NULL,
    held_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    -- pending, approved, denied, expired
    status TEXT NOT NULL DEFAULT 'pending',
    moderator_id BIGINT,
    resolved_at BIGINT
);
CREATE INDEX automod_held_due ON automod_held(status, expires_at);
CREATE INDEX automod_held_channel ON automod_held(channel_id, status, held_at);
-- A reported message, kept from the room's history so moderators can review it.
CREATE TABLE chat_reported (
    message_id TEXT PRIMARY KEY,
    channel_id BIGINT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    user_login TEXT NOT NULL,
    user_name TEXT NOT NULL,
    text TEXT NOT NULL,
    is_action BIGINT NOT NULL DEFAULT 0,
    sent_at TEXT NOT NULL,
    reports BIGINT NOT NULL DEFAULT 0,
    -- open, hidden, removed, dismissed
    status TEXT NOT NULL DEFAULT 'open',
    first_reported_at BIGINT NOT NULL,
    moderator_id BIGINT,
    resolved_at BIGINT
);
CREATE INDEX chat_reported_queue ON chat_reported(channel_id, status, first_reported_at);
CREATE TABLE chat_reports (
    message_id TEXT NOT NULL REFERENCES chat_reported(message_id) ON DELETE CASCADE,
    reporter_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    reason TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    PRIMARY KEY (message_id, reporter_id)
);
CREATE INDEX chat_reports_reporter ON chat_reports(reporter_id);
