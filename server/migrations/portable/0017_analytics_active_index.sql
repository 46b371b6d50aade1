-- The platform's one pass reads every viewer active in the last 62 days. Through
-- the index on `last_day` alone each of those rows is a second, random read of
-- the table (0.86 s for a million on SQLite); with the columns it reads in the
-- index, the pass reads the index in order and nothing else (0.14 s).
DROP INDEX analytics_viewers_last;
CREATE INDEX analytics_viewers_active ON analytics_viewers(last_day, first_day, days, country);
