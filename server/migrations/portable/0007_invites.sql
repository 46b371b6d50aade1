-- Invitations for invite-only sign-up (`aethex-server invite create`): the
-- code is stored as a SHA-256 hash; a code is used once.
CREATE TABLE invites (
    hash TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_by BIGINT,
    used_at BIGINT
);
