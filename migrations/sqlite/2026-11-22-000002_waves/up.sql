-- Survey waves, the classes taking part, their access secrets, and the anonymous responses.
-- A response row holds no time, IP, user agent, session or sequence: a random id, the wave, the class,
-- the instrument version, the language, the date and the answers (DESIGN.md promise 1).

CREATE TABLE waves (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools (id),
    instrument_id TEXT NOT NULL,
    instrument_version INTEGER NOT NULL,
    access_mode TEXT NOT NULL CHECK (access_mode IN ('password', 'codes')),
    opens_on DATE NOT NULL,
    closes_on DATE NOT NULL,
    closed_at TIMESTAMP,
    creation_nonce TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    CHECK (closes_on >= opens_on)
);
CREATE INDEX waves_school ON waves (school_id);
CREATE INDEX waves_open ON waves (closes_on) WHERE closed_at IS NULL;

-- One class in one wave. Grade and roll are frozen when the wave opens; `responses` counts what came in
-- so the roll ceiling holds and participation never needs a scan.
CREATE TABLE wave_classes (
    id TEXT PRIMARY KEY NOT NULL,
    wave_id TEXT NOT NULL REFERENCES waves (id),
    class_id TEXT NOT NULL REFERENCES classes (id),
    grade INTEGER NOT NULL,
    roll INTEGER NOT NULL,
    password_hash TEXT UNIQUE,
    responses INTEGER NOT NULL DEFAULT 0 CHECK (responses <= roll),
    UNIQUE (wave_id, class_id)
);

-- Single-use codes (codes mode). `used` is all that changes on use: nothing links a code to a response.
CREATE TABLE access_codes (
    code_hash TEXT PRIMARY KEY NOT NULL,
    wave_class_id TEXT NOT NULL REFERENCES wave_classes (id),
    used BOOLEAN NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Nonces of submitted survey forms, so a form cannot be sent twice. Kept until a coarse expiry date.
CREATE TABLE spent_form_tokens (
    nonce TEXT PRIMARY KEY NOT NULL,
    expires_on DATE NOT NULL
) WITHOUT ROWID;

-- WITHOUT ROWID stores rows in primary-key (random UUID) order, so the file does not keep submission order.
CREATE TABLE responses (
    id TEXT PRIMARY KEY NOT NULL,
    wave_id TEXT NOT NULL REFERENCES waves (id),
    class_id TEXT NOT NULL REFERENCES classes (id),
    instrument_version INTEGER NOT NULL,
    lang TEXT NOT NULL CHECK (lang IN ('kk', 'ru', 'en')),
    submitted_on DATE NOT NULL,
    answers TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX responses_wave_class ON responses (wave_id, class_id);
