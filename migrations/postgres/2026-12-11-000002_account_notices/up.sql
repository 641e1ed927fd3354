-- Notices to a staff account (notify::account_notice): an administrator reset its password or its
-- second factor, so its owner hears of it even when it was not them who asked. The outbox carries a
-- notice about exactly one of a referral, a trust box conversation or an account.
ALTER TABLE outbox ADD COLUMN account_id TEXT REFERENCES users (id);
ALTER TABLE outbox DROP CONSTRAINT outbox_about_one_thing;
ALTER TABLE outbox ADD CONSTRAINT outbox_about_one_thing
    CHECK (num_nonnulls(referral_id, conversation_id, account_id) = 1);
