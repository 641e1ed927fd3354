-- Referrals of a region that name no school (DESIGN.md promise 5, issue 17): a school whose closed
-- wave has fewer than k respondents in all is never named; its signals go to its region. So
-- `school_id` may be NULL, and a class or a wave is named only with its school.
ALTER TABLE referrals ALTER COLUMN school_id DROP NOT NULL;
ALTER TABLE referrals ADD CONSTRAINT referrals_region_names_nothing
    CHECK (school_id IS NOT NULL OR (class_id IS NULL AND wave_id IS NULL));
