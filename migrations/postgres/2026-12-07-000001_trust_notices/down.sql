-- Back to an outbox of referrals only. The notices of trust box conversations cannot be kept: they go.
DROP INDEX trust_conversations_closed;
DROP INDEX trust_conversations_due;
ALTER TABLE trust_conversations DROP COLUMN overdue_notified_for;
DELETE FROM outbox WHERE referral_id IS NULL;
ALTER TABLE outbox DROP CONSTRAINT outbox_about_one_thing;
ALTER TABLE outbox DROP COLUMN conversation_id;
ALTER TABLE outbox ALTER COLUMN referral_id SET NOT NULL;
