DROP TABLE staff_sessions;
DROP TABLE recovery_codes;
ALTER TABLE users DROP COLUMN must_enrol_second_factor;
ALTER TABLE users DROP COLUMN totp_last_step;
ALTER TABLE users DROP COLUMN totp_sealed;
