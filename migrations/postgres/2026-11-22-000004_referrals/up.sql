-- Referrals: a flagged class (or a manual "complex case") sent to the region's centre, worked to an
-- outcome; flags found for it; notes between centre and school; the notification outbox, written in
-- the same transaction as the referral and drained by a background worker.

CREATE TABLE referrals (
    id TEXT PRIMARY KEY NOT NULL,
    region_code TEXT NOT NULL REFERENCES regions (code),
    school_id TEXT NOT NULL REFERENCES schools (id),
    -- NULL: the school as a whole (a class too small to be named, DESIGN.md promise 2).
    class_id TEXT REFERENCES classes (id),
    -- The wave whose released figures are the evidence; NULL for a manual referral.
    wave_id TEXT REFERENCES waves (id),
    source TEXT NOT NULL,
    -- One referral per flagged subject of a wave, so running the flags again creates nothing twice.
    flag_key TEXT UNIQUE,
    severity TEXT NOT NULL,
    status TEXT NOT NULL,
    outcome TEXT,
    outcome_reason TEXT,
    raised_by TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    acknowledge_by TIMESTAMP NOT NULL,
    acknowledged_at TIMESTAMP,
    closed_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX referrals_region ON referrals (region_code, status);
CREATE INDEX referrals_school ON referrals (school_id, status);

CREATE TABLE referral_flags (
    referral_id TEXT NOT NULL REFERENCES referrals (id),
    indicator_id TEXT NOT NULL,
    severity TEXT NOT NULL,
    PRIMARY KEY (referral_id, indicator_id)
);

CREATE TABLE referral_notes (
    id TEXT PRIMARY KEY NOT NULL,
    referral_id TEXT NOT NULL REFERENCES referrals (id),
    author_id TEXT NOT NULL REFERENCES users (id),
    author_side TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX referral_notes_referral ON referral_notes (referral_id, created_at);

CREATE TABLE outbox (
    id TEXT PRIMARY KEY NOT NULL,
    referral_id TEXT NOT NULL REFERENCES referrals (id),
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    claimed_until TIMESTAMP,
    delivered_at TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX outbox_due ON outbox (delivered_at, next_attempt_at);

-- When the flags last ran over this wave (NULL: not yet; the sweep catches up after a crash).
ALTER TABLE waves ADD COLUMN flagged_at TIMESTAMP;
