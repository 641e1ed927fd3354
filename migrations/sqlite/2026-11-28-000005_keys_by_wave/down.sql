CREATE TABLE indicator_counts_old (
    wave_id TEXT NOT NULL REFERENCES waves (id),
    class_id TEXT NOT NULL REFERENCES classes (id),
    indicator_id TEXT NOT NULL,
    positives INTEGER NOT NULL,
    answered INTEGER NOT NULL,
    PRIMARY KEY (wave_id, class_id, indicator_id)
);
INSERT INTO indicator_counts_old (wave_id, class_id, indicator_id, positives, answered)
    SELECT wave_id, class_id, indicator_id, positives, answered FROM indicator_counts;
DROP TABLE indicator_counts;
ALTER TABLE indicator_counts_old RENAME TO indicator_counts;

CREATE TABLE item_counts_old (
    wave_id TEXT NOT NULL REFERENCES waves (id),
    class_id TEXT NOT NULL REFERENCES classes (id),
    item_id TEXT NOT NULL,
    option_value INTEGER NOT NULL,
    responses INTEGER NOT NULL,
    PRIMARY KEY (wave_id, class_id, item_id, option_value)
);
INSERT INTO item_counts_old (wave_id, class_id, item_id, option_value, responses)
    SELECT wave_id, class_id, item_id, option_value, responses FROM item_counts;
DROP TABLE item_counts;
ALTER TABLE item_counts_old RENAME TO item_counts;

CREATE TABLE responses_old (
    id TEXT PRIMARY KEY NOT NULL,
    wave_id TEXT NOT NULL REFERENCES waves (id),
    class_id TEXT NOT NULL REFERENCES classes (id),
    instrument_version INTEGER NOT NULL,
    lang TEXT NOT NULL CHECK (lang IN ('kk', 'ru', 'en')),
    submitted_on DATE NOT NULL,
    answers TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO responses_old (id, wave_id, class_id, instrument_version, lang, submitted_on, answers)
    SELECT id, wave_id, class_id, instrument_version, lang, submitted_on, answers FROM responses;
DROP TABLE responses;
ALTER TABLE responses_old RENAME TO responses;
CREATE INDEX responses_wave_class ON responses (wave_id, class_id);
