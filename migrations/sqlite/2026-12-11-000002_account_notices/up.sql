-- Notices to a staff account (notify::account_notice): an administrator reset its password or its
-- second factor, so its owner hears of it even when it was not them who asked. The outbox carries a
-- notice about exactly one of a referral, a trust box conversation or an account.
-- SQLite cannot change a CHECK in place: the table is rebuilt (as in 2026-12-07-000001), with foreign
-- keys off, which can only be switched outside a transaction, hence metadata.toml.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
CREATE TABLE outbox_rebuilt (
    id TEXT PRIMARY KEY NOT NULL,
    -- What the notice is about: a referral, a trust box conversation or an account (exactly one).
    referral_id TEXT REFERENCES referrals (id),
    conversation_id TEXT REFERENCES trust_conversations (id),
    account_id TEXT REFERENCES users (id),
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
    CHECK ((referral_id IS NOT NULL) + (conversation_id IS NOT NULL) + (account_id IS NOT NULL) = 1)
);
INSERT INTO outbox_rebuilt (id, referral_id, conversation_id, channel, recipient, subject, body, attempts, next_attempt_at, claimed_until, delivered_at, last_error, created_at)
    SELECT id, referral_id, conversation_id, channel, recipient, subject, body, attempts, next_attempt_at, claimed_until, delivered_at, last_error, created_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_rebuilt RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (delivered_at, next_attempt_at);
COMMIT;
PRAGMA foreign_keys = ON;
