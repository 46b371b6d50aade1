-- PostgreSQL keeps analytics events in monthly partitions by `at_ms`, so the
-- retention sweep drops whole months instead of deleting row by row, and
-- reads of recent days touch recent partitions only. This migration moves the
-- rows into the default partition; the analytics capability then makes each
-- month's partition (for every month with rows, this month and the next),
-- moving that month's rows out of the default (`analytics/partitions.rs`).
ALTER TABLE analytics_events RENAME TO analytics_events_unpartitioned;
ALTER INDEX analytics_events_stream RENAME TO analytics_events_unpartitioned_stream;
ALTER INDEX analytics_events_channel RENAME TO analytics_events_unpartitioned_channel;
ALTER INDEX analytics_events_at RENAME TO analytics_events_unpartitioned_at;
ALTER INDEX analytics_events_marks RENAME TO analytics_events_unpartitioned_marks;
ALTER INDEX analytics_events_money RENAME TO analytics_events_unpartitioned_money;
CREATE TABLE analytics_events (LIKE analytics_events_unpartitioned INCLUDING DEFAULTS) PARTITION BY RANGE (at_ms);
CREATE TABLE analytics_events_default PARTITION OF analytics_events DEFAULT;
INSERT INTO analytics_events SELECT * FROM analytics_events_unpartitioned;
DROP TABLE analytics_events_unpartitioned;
CREATE INDEX analytics_events_stream ON analytics_events(stream_id, at_ms);
CREATE INDEX analytics_events_channel ON analytics_events(channel_id, at_ms);
CREATE INDEX analytics_events_at ON analytics_events(at_ms);
CREATE INDEX analytics_events_marks ON analytics_events(channel_id, at_ms) WHERE kind IN ('stream_start', 'stream_end');
CREATE INDEX analytics_events_money ON analytics_events(at_ms) WHERE kind = 'donation';
