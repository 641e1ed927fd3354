-- Back to referrals that always name a school. Referrals of a region cannot be kept: they go, with
-- their flags, notes and queued notifications.
DELETE FROM outbox WHERE referral_id IN (SELECT id FROM referrals WHERE school_id IS NULL);
DELETE FROM referral_notes WHERE referral_id IN (SELECT id FROM referrals WHERE school_id IS NULL);
DELETE FROM referral_flags WHERE referral_id IN (SELECT id FROM referrals WHERE school_id IS NULL);
DELETE FROM referrals WHERE school_id IS NULL;
ALTER TABLE referrals DROP CONSTRAINT referrals_region_names_nothing;
ALTER TABLE referrals ALTER COLUMN school_id SET NOT NULL;
