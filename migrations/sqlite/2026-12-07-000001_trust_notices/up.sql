-- Notices of the trust box (docs/trust-box.md, order of landing step 6): the outbox carries a notice
-- about a referral or about a trust box conversation, exactly one of the two, so `referral_id` may be
-- NULL and `conversation_id` is new. A notice of a conversation says only that a message waits and
-- where (`notify::trust_notice`), never its words or topic.
-- SQLite cannot drop NOT NULL in place: the table is rebuilt (SQLite's documented procedure), with
-- foreign keys off, which can only be switched outside a transaction, hence metadata.toml.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
CREATE TABLE outbox_rebuilt (
    id TEXT PRIMARY KEY NOT NULL,
    -- What the notice is about: a referral, or a trust box conversation (never both, never neither).
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
INSERT INTO outbox_rebuilt (id, referral_id, channel, recipient, subject, body, attempts, next_attempt_at, claimed_until, delivered_at, last_error, created_at)
    SELECT id, referral_id, channel, recipient, subject, body, attempts, next_attempt_at, claimed_until, delivered_at, last_error, created_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_rebuilt RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (delivered_at, next_attempt_at);

-- The deadline whose passing was notified (NULL: none yet), so each deadline is notified once, by
-- whichever instance's sweep comes first; the pupil writing again sets a new deadline.
ALTER TABLE trust_conversations ADD COLUMN overdue_notified_for TIMESTAMP;
-- What the sweep looks for: conversations owing an answer by their deadline, and closed ones whose
-- words are still kept.
CREATE INDEX trust_conversations_due ON trust_conversations (status, due_at);
CREATE INDEX trust_conversations_closed ON trust_conversations (texts_deleted_at, closed_at);
COMMIT;
PRAGMA foreign_keys = ON;
