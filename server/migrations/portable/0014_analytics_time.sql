-- The retention sweep and the operator's export read analytics events by time
-- alone, across channels.
CREATE INDEX analytics_events_at ON analytics_events(at_ms);
