-- Back to three roles; national readers are removed.
-- SQLite cannot change a CHECK constraint in place: the table is rebuilt (SQLite's documented
-- procedure), with foreign keys off so that dropping the old table leaves the rows that reference
-- users alone; foreign keys can only be switched outside a transaction, hence metadata.toml.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
DELETE FROM users WHERE role = 'national';
CREATE TABLE users_rebuilt (
    id TEXT PRIMARY KEY NOT NULL,
    login TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'centre_staff', 'psychologist')),
    school_id TEXT REFERENCES schools (id),
    region_code TEXT REFERENCES regions (code),
    display_name TEXT NOT NULL,
    email TEXT,
    active BOOLEAN NOT NULL DEFAULT 1,
    password_changed_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    api_token_hash TEXT,
    CHECK (
        (role = 'admin' AND school_id IS NULL AND region_code IS NULL)
        OR (role = 'centre_staff' AND school_id IS NULL AND region_code IS NOT NULL)
        OR (role = 'psychologist' AND school_id IS NOT NULL AND region_code IS NULL)
    )
);
INSERT INTO users_rebuilt (id, login, password_hash, role, school_id, region_code, display_name, email, active, password_changed_at, created_at, api_token_hash)
    SELECT id, login, password_hash, role, school_id, region_code, display_name, email, active, password_changed_at, created_at, api_token_hash FROM users;
DROP TABLE users;
ALTER TABLE users_rebuilt RENAME TO users;
CREATE UNIQUE INDEX users_api_token ON users (api_token_hash);
COMMIT;
PRAGMA foreign_keys = ON;
