-- EventSub subscriptions and the webhook outbox: every notification owed to a
-- webhook is a row until its receiver answers 2xx, so deliveries survive a crash.
CREATE TABLE eventsub_subscriptions (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    -- The user whose token created it (their authorization is what it runs on).
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    version TEXT NOT NULL,
    -- The condition as JSON, and the one channel it names with the field it names it in.
    condition TEXT NOT NULL,
    condition_key TEXT NOT NULL,
    broadcaster_id BIGINT NOT NULL,
    method TEXT NOT NULL,
    callback TEXT,
    -- Webhook HMAC key, sealed like stream keys (it must be usable, so it cannot be hashed).
    secret_sealed TEXT,
    session_id TEXT,
    status TEXT NOT NULL,
    cost BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX eventsub_subscriptions_match ON eventsub_subscriptions (type, broadcaster_id);
CREATE INDEX eventsub_subscriptions_owner ON eventsub_subscriptions (client_id, user_id);
CREATE TABLE eventsub_outbox (
    message_id TEXT PRIMARY KEY,
    subscription_id TEXT NOT NULL REFERENCES eventsub_subscriptions(id) ON DELETE CASCADE,
    message_type TEXT NOT NULL,
    body TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    -- Due time; while a node delivers a row it holds a lease by pushing this forward.
    next_attempt_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX eventsub_outbox_due ON eventsub_outbox (next_attempt_at);
