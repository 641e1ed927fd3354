-- Figures: counts materialised once when a wave closes, so dashboards never scan responses;
-- the append-only, hash-chained audit log of every look at figures; per-user API tokens.

ALTER TABLE waves ADD COLUMN aggregated_at TIMESTAMP;

-- Respondents choosing each option of each item, per class of a wave.
CREATE TABLE item_counts (
    wave_id TEXT NOT NULL REFERENCES waves (id),
    class_id TEXT NOT NULL REFERENCES classes (id),
    item_id TEXT NOT NULL,
    option_value INTEGER NOT NULL,
    responses INTEGER NOT NULL,
    PRIMARY KEY (wave_id, class_id, item_id, option_value)
);

-- Positive and answering respondents per indicator, per class of a wave.
CREATE TABLE indicator_counts (
    wave_id TEXT NOT NULL REFERENCES waves (id),
    class_id TEXT NOT NULL REFERENCES classes (id),
    indicator_id TEXT NOT NULL,
    positives INTEGER NOT NULL,
    answered INTEGER NOT NULL,
    PRIMARY KEY (wave_id, class_id, indicator_id)
);

CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY NOT NULL,
    at TIMESTAMP NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

ALTER TABLE users ADD COLUMN api_token_hash TEXT;
CREATE UNIQUE INDEX users_api_token ON users (api_token_hash);
