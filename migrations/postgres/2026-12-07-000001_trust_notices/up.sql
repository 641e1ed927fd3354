-- Notices of the trust box (docs/trust-box.md, order of landing step 6): the outbox carries a notice
-- about a referral or about a trust box conversation, exactly one of the two, so `referral_id` may be
-- NULL and `conversation_id` is new. A notice of a conversation says only that a message waits and
-- where (`notify::trust_notice`), never its words or topic.
ALTER TABLE outbox ALTER COLUMN referral_id DROP NOT NULL;
ALTER TABLE outbox ADD COLUMN conversation_id TEXT REFERENCES trust_conversations (id);
ALTER TABLE outbox ADD CONSTRAINT outbox_about_one_thing
    CHECK ((referral_id IS NULL) <> (conversation_id IS NULL));

-- The deadline whose passing was notified (NULL: none yet), so each deadline is notified once, by
-- whichever instance's sweep comes first; the pupil writing again sets a new deadline.
ALTER TABLE trust_conversations ADD COLUMN overdue_notified_for TIMESTAMP;
-- What the sweep looks for: conversations owing an answer by their deadline, and closed ones whose
-- words are still kept.
CREATE INDEX trust_conversations_due ON trust_conversations (status, due_at);
CREATE INDEX trust_conversations_closed ON trust_conversations (texts_deleted_at, closed_at);
