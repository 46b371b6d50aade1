-- Analytics: what the platform saw, append-only, one row per event, scoped by
-- channel (PostHog's team id is our creator). Viewers are pseudonymous: a
-- logged-in user is `u:<id>`, anyone else `a:<keyed hash of a per-browser
-- id>`; the IP address is never stored, only the country it resolved to.
-- `kind`: stream_start, stream_end, view (a player's start or heartbeat:
-- session `session` was watching at `at_ms`), view_end, chat, follow,
-- subscribe, donation, raid, clip.
CREATE TABLE analytics_events (
    at_ms BIGINT NOT NULL,
    kind TEXT NOT NULL,
    channel_id BIGINT NOT NULL,
    stream_id BIGINT,
    viewer TEXT,
    session TEXT,
    device TEXT,
    source TEXT,
    country TEXT,
    amount BIGINT,
    currency TEXT
);
CREATE INDEX analytics_events_stream ON analytics_events(stream_id, at_ms);
CREATE INDEX analytics_events_channel ON analytics_events(channel_id, at_ms);
-- A broadcast's summary, computed once the stream ended (the rollup the
-- creator's pages read), as the SDK's StreamSummary JSON.
CREATE TABLE stream_summaries (
    stream_id BIGINT PRIMARY KEY,
    channel_id BIGINT NOT NULL,
    ended_at BIGINT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX stream_summaries_channel ON stream_summaries(channel_id, ended_at);
