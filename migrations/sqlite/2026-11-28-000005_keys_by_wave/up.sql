-- Rows keyed and checked by wave, for the cost of writing a wave's responses and counts.
--
-- Responses are keyed by (wave_id, id) instead of id alone. WITHOUT ROWID stores rows in key order:
-- with the random id first, every new row went to a random page of the file; with the wave first, a
-- wave's rows sit together, so a busy wave or a bulk load writes a few pages and counting a wave reads
-- one range. Inside a wave the order is still the random id's (UUID v4), so the file says nothing of
-- submission order. Every query on responses filters by wave, which the key's leading column serves,
-- so the separate (wave_id, class_id) index is not rebuilt.
--
-- Responses, item counts and indicator counts refer to the class-in-wave (wave_classes' unique
-- (wave_id, class_id)) instead of to the wave and to the class separately: a row can now only name a
-- class that took part in that wave, and each written row costs one key check instead of two.
--
-- SQLite cannot change a key or a foreign key in place: each table is rebuilt and its rows copied.

CREATE TABLE responses_new (
    id TEXT NOT NULL,
    wave_id TEXT NOT NULL,
    class_id TEXT NOT NULL,
    instrument_version INTEGER NOT NULL,
    lang TEXT NOT NULL CHECK (lang IN ('kk', 'ru', 'en')),
    submitted_on DATE NOT NULL,
    answers TEXT NOT NULL,
    PRIMARY KEY (wave_id, id),
    FOREIGN KEY (wave_id, class_id) REFERENCES wave_classes (wave_id, class_id)
) WITHOUT ROWID;
INSERT INTO responses_new (id, wave_id, class_id, instrument_version, lang, submitted_on, answers)
    SELECT id, wave_id, class_id, instrument_version, lang, submitted_on, answers FROM responses;
DROP TABLE responses;
ALTER TABLE responses_new RENAME TO responses;

-- Respondents choosing each option of each item, per class of a wave.
CREATE TABLE item_counts_new (
    wave_id TEXT NOT NULL,
    class_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    option_value INTEGER NOT NULL,
    responses INTEGER NOT NULL,
    PRIMARY KEY (wave_id, class_id, item_id, option_value),
    FOREIGN KEY (wave_id, class_id) REFERENCES wave_classes (wave_id, class_id)
);
INSERT INTO item_counts_new (wave_id, class_id, item_id, option_value, responses)
    SELECT wave_id, class_id, item_id, option_value, responses FROM item_counts;
DROP TABLE item_counts;
ALTER TABLE item_counts_new RENAME TO item_counts;

-- Positive and answering respondents per indicator, per class of a wave.
CREATE TABLE indicator_counts_new (
    wave_id TEXT NOT NULL,
    class_id TEXT NOT NULL,
    indicator_id TEXT NOT NULL,
    positives INTEGER NOT NULL,
    answered INTEGER NOT NULL,
    PRIMARY KEY (wave_id, class_id, indicator_id),
    FOREIGN KEY (wave_id, class_id) REFERENCES wave_classes (wave_id, class_id)
);
INSERT INTO indicator_counts_new (wave_id, class_id, indicator_id, positives, answered)
    SELECT wave_id, class_id, indicator_id, positives, answered FROM indicator_counts;
DROP TABLE indicator_counts;
ALTER TABLE indicator_counts_new RENAME TO indicator_counts;
