-- Recommendations (recs owns them): trained models (ALS factors, versioned;
-- every node serves the newest), users who opted out of personalisation,
-- impressions counted per day, variant, list, position and model, and
-- clicks (one per shown recommendation), for the experiment's click-through.
CREATE TABLE recs_models (
    version BIGINT PRIMARY KEY,
    trained_at BIGINT NOT NULL,
    users BIGINT NOT NULL,
    channels BIGINT NOT NULL,
    pairs BIGINT NOT NULL,
    train_ms BIGINT NOT NULL,
    body BLOB NOT NULL
);
CREATE TABLE recs_opt_out (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    at_ms BIGINT NOT NULL
);
CREATE TABLE recs_impressions (
    day BIGINT NOT NULL,
    variant TEXT NOT NULL,
    list TEXT NOT NULL,
    position BIGINT NOT NULL,
    model_version BIGINT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (day, variant, list, position, model_version)
);
CREATE TABLE recs_clicks (
    token TEXT PRIMARY KEY,
    at_ms BIGINT NOT NULL,
    viewer TEXT NOT NULL,
    channel_id BIGINT NOT NULL,
    variant TEXT NOT NULL,
    list TEXT NOT NULL,
    position BIGINT NOT NULL,
    model_version BIGINT NOT NULL
);
CREATE INDEX recs_clicks_at ON recs_clicks(at_ms);
CREATE INDEX recs_clicks_viewer ON recs_clicks(viewer);
