-- Raids: a channel sent its viewers to another. Kept for the creator's
-- recent alerts (and, later, as a traffic source); the event itself goes out
-- through the outbox in the same transaction.
CREATE TABLE raids (
    id TEXT PRIMARY KEY,
    from_channel BIGINT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    to_channel BIGINT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    viewers BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX raids_to ON raids(to_channel, created_at);
