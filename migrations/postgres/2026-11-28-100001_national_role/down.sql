DELETE FROM users WHERE role = 'national';
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users DROP CONSTRAINT users_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'centre_staff', 'psychologist'));
ALTER TABLE users ADD CONSTRAINT users_check CHECK (
    (role = 'admin' AND school_id IS NULL AND region_code IS NULL)
    OR (role = 'centre_staff' AND school_id IS NULL AND region_code IS NOT NULL)
    OR (role = 'psychologist' AND school_id IS NOT NULL AND region_code IS NULL)
);
