-- Back to referrals that always name a school. Referrals of a region cannot be kept: they go, with
-- their flags, notes and queued notifications. The table is rebuilt as on the way up.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
DELETE FROM outbox WHERE referral_id IN (SELECT id FROM referrals WHERE school_id IS NULL);
DELETE FROM referral_notes WHERE referral_id IN (SELECT id FROM referrals WHERE school_id IS NULL);
DELETE FROM referral_flags WHERE referral_id IN (SELECT id FROM referrals WHERE school_id IS NULL);
DELETE FROM referrals WHERE school_id IS NULL;
CREATE TABLE referrals_rebuilt (
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
INSERT INTO referrals_rebuilt (id, region_code, school_id, class_id, wave_id, source, flag_key, severity, status, outcome, outcome_reason, raised_by, created_at, acknowledge_by, acknowledged_at, closed_at, updated_at)
    SELECT id, region_code, school_id, class_id, wave_id, source, flag_key, severity, status, outcome, outcome_reason, raised_by, created_at, acknowledge_by, acknowledged_at, closed_at, updated_at FROM referrals;
DROP TABLE referrals;
ALTER TABLE referrals_rebuilt RENAME TO referrals;
CREATE INDEX referrals_region ON referrals (region_code, status);
CREATE INDEX referrals_school ON referrals (school_id, status);
COMMIT;
PRAGMA foreign_keys = ON;
