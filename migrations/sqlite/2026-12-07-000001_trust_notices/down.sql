-- Back to an outbox of referrals only. The notices of trust box conversations cannot be kept: they go.
-- The table is rebuilt as on the way up.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
DROP INDEX trust_conversations_closed;
DROP INDEX trust_conversations_due;
ALTER TABLE trust_conversations DROP COLUMN overdue_notified_for;
DELETE FROM outbox WHERE referral_id IS NULL;
CREATE TABLE outbox_rebuilt (
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
INSERT INTO outbox_rebuilt (id, referral_id, channel, recipient, subject, body, attempts, next_attempt_at, claimed_until, delivered_at, last_error, created_at)
    SELECT id, referral_id, channel, recipient, subject, body, attempts, next_attempt_at, claimed_until, delivered_at, last_error, created_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_rebuilt RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (delivered_at, next_attempt_at);
COMMIT;
PRAGMA foreign_keys = ON;
