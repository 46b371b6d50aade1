-- Core schema. Integers are 64-bit everywhere and booleans are 0/1 so that the
-- same queries decode identically on SQLite and PostgreSQL through sqlx's Any driver.
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT,
    created_at BIGINT NOT NULL
);
CREATE TABLE channels (
    id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    title TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    language TEXT NOT NULL DEFAULT 'en',
    description TEXT NOT NULL DEFAULT '',
    stream_key_hash TEXT NOT NULL UNIQUE,
    stream_key_sealed TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE VIRTUAL TABLE channel_search USING fts5(login, display_name, title, category, tags, description, tokenize = 'unicode61');
CREATE TABLE apps (
    client_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    secret_hash TEXT,
    redirect_uris TEXT NOT NULL DEFAULT '',
    tier TEXT NOT NULL DEFAULT 'free',
    created_at BIGINT NOT NULL
);
CREATE TABLE tokens (
    hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    client_id TEXT NOT NULL REFERENCES apps(client_id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users(id) ON DELETE CASCADE,
    scopes TEXT NOT NULL,
    family TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX tokens_family ON tokens(family);
CREATE TABLE auth_codes (
    hash TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    user_id BIGINT NOT NULL,
    redirect_uri TEXT NOT NULL,
    scopes TEXT NOT NULL,
    code_challenge TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    used BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE device_codes (
    hash TEXT PRIMARY KEY,
    user_code TEXT NOT NULL UNIQUE,
    client_id TEXT NOT NULL,
    scopes TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    user_id BIGINT,
    expires_at BIGINT NOT NULL,
    interval_secs BIGINT NOT NULL,
    last_poll_at BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE web_sessions (
    hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE TABLE follows (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    channel_id BIGINT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    UNIQUE (user_id, channel_id)
);
CREATE INDEX follows_channel ON follows(channel_id, id);
CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    channel_id BIGINT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    tier BIGINT NOT NULL,
    started_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    UNIQUE (user_id, channel_id)
);
CREATE INDEX subscriptions_channel ON subscriptions(channel_id, id);
CREATE TABLE donations (
    id INTEGER PRIMARY KEY,
    channel_id BIGINT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    donor_name TEXT NOT NULL,
    amount BIGINT NOT NULL,
    currency TEXT NOT NULL,
    message TEXT NOT NULL,
    idempotency_key TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (user_id, idempotency_key)
);
CREATE INDEX donations_channel ON donations(channel_id, id);
CREATE TABLE stream_sessions (
    id INTEGER PRIMARY KEY,
    channel_id BIGINT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    category TEXT NOT NULL,
    tags TEXT NOT NULL,
    language TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    ended_at BIGINT,
    viewer_count BIGINT NOT NULL DEFAULT 0,
    peak_viewers BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX stream_sessions_channel ON stream_sessions(channel_id, id);
CREATE UNIQUE INDEX stream_sessions_one_live ON stream_sessions(channel_id) WHERE ended_at IS NULL;
