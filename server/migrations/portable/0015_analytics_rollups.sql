-- Each pseudonymous viewer's activity as a rollup, one row per viewer, so the
-- platform's DAU, WAU, MAU, churn and retention cohorts are one scan of this
-- table whatever the number of events: `first_day` and `last_day` are UTC
-- day numbers (days since 1970-01-01) and bit i of `days` is set when the
-- viewer was active on day `last_day - i` (62 days kept). `country` is the
-- last country seen for the viewer (revenue and audience by region).
CREATE TABLE analytics_viewers (
    viewer TEXT PRIMARY KEY,
    first_day BIGINT NOT NULL,
    last_day BIGINT NOT NULL,
    days BIGINT NOT NULL,
    country TEXT
);
CREATE INDEX analytics_viewers_last ON analytics_viewers(last_day);
CREATE INDEX analytics_viewers_first ON analytics_viewers(first_day);
