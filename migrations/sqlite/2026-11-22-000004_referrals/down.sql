ALTER TABLE waves DROP COLUMN flagged_at;
DROP TABLE outbox;
DROP TABLE referral_notes;
DROP TABLE referral_flags;
DROP TABLE referrals;
