-- Referrals of a region that name no school (DESIGN.md promise 5, issue 17): a school whose closed
-- wave has fewer than k respondents in all is never named; its signals go to its region. So
-- `school_id` may be NULL, and a class is named only with its school.
-- SQLite cannot drop NOT NULL in place: the table is rebuilt (SQLite's documented procedure), with
-- foreign keys off so that dropping the old table leaves the rows that reference referrals (flags,
-- notes, outbox) alone; foreign keys can only be switched outside a transaction, hence metadata.toml.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
CREATE TABLE referrals_rebuilt (
    id TEXT PRIMARY KEY NOT NULL,
    region_code TEXT NOT NULL REFERENCES regions (code),
    -- NULL: the region as a whole (a school below k, never named).
    school_id TEXT REFERENCES schools (id),
    -- NULL: the school as a whole (a class too small to be named, DESIGN.md promise 2).
    class_id TEXT REFERENCES classes (id),
    -- The wave whose released figures are the evidence; NULL for a manual referral and for a
    -- referral of the region.
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
    updated_at TIMESTAMP NOT NULL,
    CHECK (school_id IS NOT NULL OR (class_id IS NULL AND wave_id IS NULL))
);
INSERT INTO referrals_rebuilt (id, region_code, school_id, class_id, wave_id, source, flag_key, severity, status, outcome, outcome_reason, raised_by, created_at, acknowledge_by, acknowledged_at, closed_at, updated_at)
    SELECT id, region_code, school_id, class_id, wave_id, source, flag_key, severity, status, outcome, outcome_reason, raised_by, created_at, acknowledge_by, acknowledged_at, closed_at, updated_at FROM referrals;
DROP TABLE referrals;
ALTER TABLE referrals_rebuilt RENAME TO referrals;
CREATE INDEX referrals_region ON referrals (region_code, status);
CREATE INDEX referrals_school ON referrals (school_id, status);
COMMIT;
PRAGMA foreign_keys = ON;
