-- Clips: a stretch of a recorded broadcast, cut on segment boundaries
-- without re-encoding and kept as one MP4 in <data-dir>/clips/<id>.mp4.
CREATE TABLE clips (
    id TEXT PRIMARY KEY,
    channel_id BIGINT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    session_id BIGINT NOT NULL,
    creator_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    duration_ms BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX clips_channel ON clips(channel_id, created_at);
