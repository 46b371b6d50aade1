-- Whether channel.subscription.end went out for the subscription's current
-- period: the sweeper claims an expired row by setting it, so the event is
-- published once even with several nodes sweeping. Renewal after a lapse clears it.
ALTER TABLE subscriptions ADD COLUMN end_published BIGINT NOT NULL DEFAULT 0;
CREATE INDEX subscriptions_expiry ON subscriptions(end_published, expires_at);
