-- Account notices go; the outbox is about a referral or a conversation again.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
DELETE FROM outbox WHERE account_id IS NOT NULL;
CREATE TABLE outbox_rebuilt (
    id TEXT PRIMARY KEY NOT NULL,
    referral_id TEXT REFERENCES referrals (id),
    conversation_id TEXT REFERENCES trust_conversations (id),
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    claimed_until TIMESTAMP,
    delivered_at TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    CHECK ((referral_id IS NULL) <> (conversation_id IS NULL))
);
INSERT INTO outbox_rebuilt (id, referral_id, conversation_id, channel, recipient, subject, body, attempts, next_attempt_at, claimed_until, delivered_at, last_error, created_at)
    SELECT id, referral_id, conversation_id, channel, recipient, subject, body, attempts, next_attempt_at, claimed_until, delivered_at, last_error, created_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_rebuilt RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (delivered_at, next_attempt_at);
COMMIT;
PRAGMA foreign_keys = ON;
