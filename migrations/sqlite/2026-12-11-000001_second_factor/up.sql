-- The second factor of a staff sign-in (domain::second_factor): the account's TOTP secret, sealed
-- under a key derived from the deployment's secret key and bound to the account's id (hex; NULL: not
-- enrolled); the step of the last code it used, so no code is accepted twice; and whether an
-- administrator reset it, which requires a new one whatever the account's role.
ALTER TABLE users ADD COLUMN totp_sealed TEXT;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;
ALTER TABLE users ADD COLUMN must_enrol_second_factor BOOLEAN NOT NULL DEFAULT 0;

-- Single-use recovery codes for a lost authenticator, stored as hashes (domain::second_factor::recovery);
-- a used code's row is deleted.
CREATE TABLE recovery_codes (
    user_id TEXT NOT NULL REFERENCES users (id),
    code_hash TEXT NOT NULL,
    PRIMARY KEY (user_id, code_hash)
);

-- Signed-in staff sessions (domain::staff_session), so their owner can list them and end them from
-- anywhere. `id` is the hash of the secret the session cookie carries; `device` is the browser and
-- system only, never an address; `last_seen_at` is refreshed at most every few minutes.
CREATE TABLE staff_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    device TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL
);
CREATE INDEX staff_sessions_user ON staff_sessions (user_id);
