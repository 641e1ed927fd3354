-- Item and indicator counts no longer carry a foreign key to the class-in-wave (see the PostgreSQL
-- migration of the same name for why: counts are derived from responses, which keep theirs).
-- SQLite cannot drop a foreign key in place: each table is rebuilt and its rows copied.

-- Respondents choosing each option of each item, per class of a wave.
CREATE TABLE item_counts_new (
    wave_id TEXT NOT NULL,
    class_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    option_value INTEGER NOT NULL,
    responses INTEGER NOT NULL,
    PRIMARY KEY (wave_id, class_id, item_id, option_value)
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
    PRIMARY KEY (wave_id, class_id, indicator_id)
);
INSERT INTO indicator_counts_new (wave_id, class_id, indicator_id, positives, answered)
    SELECT wave_id, class_id, indicator_id, positives, answered FROM indicator_counts;
DROP TABLE indicator_counts;
ALTER TABLE indicator_counts_new RENAME TO indicator_counts;
