-- Account notices go; the outbox is about a referral or a conversation again.
DELETE FROM outbox WHERE account_id IS NOT NULL;
ALTER TABLE outbox DROP CONSTRAINT outbox_about_one_thing;
ALTER TABLE outbox DROP COLUMN account_id;
ALTER TABLE outbox ADD CONSTRAINT outbox_about_one_thing
    CHECK ((referral_id IS NULL) <> (conversation_id IS NULL));
