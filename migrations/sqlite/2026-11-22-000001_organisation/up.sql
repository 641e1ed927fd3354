-- Organisation: regions and their centres (built in), schools, classes, staff accounts, login throttling.
-- Ids are text UUIDs and times are UTC timestamps so both backends share one schema shape.

CREATE TABLE regions (
    code TEXT PRIMARY KEY NOT NULL,
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE centres (
    region_code TEXT PRIMARY KEY NOT NULL REFERENCES regions (code),
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    email TEXT NOT NULL
);

CREATE TABLE schools (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL UNIQUE,
    region_code TEXT NOT NULL REFERENCES regions (code),
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX schools_region ON schools (region_code);

CREATE TABLE classes (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools (id),
    label TEXT NOT NULL,
    grade INTEGER NOT NULL CHECK (grade BETWEEN 5 AND 11),
    roll INTEGER NOT NULL CHECK (roll BETWEEN 1 AND 60),
    UNIQUE (school_id, label)
);

CREATE TABLE users (
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
    CHECK (
        (role = 'admin' AND school_id IS NULL AND region_code IS NULL)
        OR (role = 'centre_staff' AND school_id IS NULL AND region_code IS NOT NULL)
        OR (role = 'psychologist' AND school_id IS NOT NULL AND region_code IS NULL)
    )
);

CREATE TABLE login_throttle (
    login TEXT PRIMARY KEY NOT NULL,
    failures INTEGER NOT NULL,
    window_started_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP
);
