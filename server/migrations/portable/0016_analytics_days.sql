-- Each channel's numbers per UTC day, computed once the day is over (the
-- rollup channel analytics reads: 90 days are 90 rows, not every event).
-- `stats` is the SDK's PeriodStats JSON; `viewers` and `chatters` are
-- distinct-count sketches of keyed hashes of the pseudonyms (exact while
-- small, HyperLogLog beyond), so a range of days counts each person once.
CREATE TABLE analytics_channel_days (
    channel_id BIGINT NOT NULL,
    day BIGINT NOT NULL,
    stats TEXT NOT NULL,
    viewers TEXT NOT NULL,
    chatters TEXT NOT NULL,
    PRIMARY KEY (channel_id, day)
);
-- Streams' starts and ends, and donations, are few among many views: partial
-- indexes find them without reading the views.
CREATE INDEX analytics_events_marks ON analytics_events(channel_id, at_ms) WHERE kind IN ('stream_start', 'stream_end');
CREATE INDEX analytics_events_money ON analytics_events(at_ms) WHERE kind = 'donation';
