-- Channels may require a signed, expiring playback token on their HLS URLs.
ALTER TABLE channels ADD COLUMN playback_token_required BIGINT NOT NULL DEFAULT 0;
