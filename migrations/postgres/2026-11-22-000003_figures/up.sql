-- Figures: counts materialised once when a wave closes, so dashboards never scan responses;
-- the append-only, hash-chained audit log of every look at figures; per-user API tokens.

ALTER TABLE waves ADD COLUMN aggregated_at TIMESTAMP;

CREATE TABLE item_counts (
    wave_id TEXT NOT NULL REFERENCES waves (id),
    class_id TEXT NOT NULL REFERENCES classes (id),
    item_id TEXT NOT NULL,
    option_value INTEGER NOT NULL,
    responses INTEGER NOT NULL,
    PRIMARY KEY (wave_id, class_id, item_id, option_value)
);

CREATE TABLE indicator_counts (
    wave_id TEXT NOT NULL REFERENCES waves (id),
    class_id TEXT NOT NULL REFERENCES classes (id),
    indicator_id TEXT NOT NULL,
    positives INTEGER NOT NULL,
    answered INTEGER NOT NULL,
    PRIMARY KEY (wave_id, class_id, indicator_id)
);

CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY NOT NULL,
    at TIMESTAMP NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

ALTER TABLE users ADD COLUMN api_token_hash TEXT;
CREATE UNIQUE INDEX users_api_token ON users (api_token_hash);
