-- Chat moderation state: moderators, bans and timeouts, room modes, blocked terms.
CREATE TABLE channel_moderators (
    channel_id BIGINT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (channel_id, user_id)
);
CREATE TABLE chat_bans (
    channel_id BIGINT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- NULL: permanent ban; otherwise a timeout until this Unix ms.
    expires_at BIGINT,
    reason TEXT NOT NULL DEFAULT '',
    moderator_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (channel_id, user_id)
);
CREATE TABLE chat_settings (
    channel_id BIGINT PRIMARY KEY REFERENCES channels(id) ON DELETE CASCADE,
    slow_seconds BIGINT NOT NULL DEFAULT 0,
    -- -1: off; otherwise the minimum follow age in minutes.
    followers_only_minutes BIGINT NOT NULL DEFAULT -1,
    subscribers_only BIGINT NOT NULL DEFAULT 0,
    emote_only BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE chat_blocked_terms (
    channel_id BIGINT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    term TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (channel_id, term)
);
