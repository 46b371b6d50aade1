-- Web Push: the VAPID key every node signs with, sealed with the secret key,
-- so a browser subscribed through one node is pushed to by any other.
CREATE TABLE push_keys (
    id BIGINT PRIMARY KEY,
    sealed TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
