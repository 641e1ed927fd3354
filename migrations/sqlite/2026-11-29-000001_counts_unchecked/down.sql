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
