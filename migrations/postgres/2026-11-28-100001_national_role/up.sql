-- A national reader: each region's released figures side by side, nothing finer.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users DROP CONSTRAINT users_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
    CHECK (role IN ('admin', 'centre_staff', 'psychologist', 'national'));
ALTER TABLE users ADD CONSTRAINT users_check CHECK (
    ((role = 'admin' OR role = 'national') AND school_id IS NULL AND region_code IS NULL)
    OR (role = 'centre_staff' AND school_id IS NULL AND region_code IS NOT NULL)
    OR (role = 'psychologist' AND school_id IS NOT NULL AND region_code IS NULL)
);
