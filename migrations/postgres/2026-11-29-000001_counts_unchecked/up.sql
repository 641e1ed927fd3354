-- Item and indicator counts no longer carry a foreign key to the class-in-wave.
--
-- Counts are derived rows: `aggregates::materialise` writes them only from the wave's own responses,
-- each of which is checked against wave_classes when it is stored, and it refuses a response whose
-- class is not in the wave. Nothing deletes a class-in-wave. So the key checks of the counts could
-- never fail, yet they were a third of the database's work when a wave is counted: one trigger and
-- one index probe for each of the ~1,800 rows of a school's wave (about 14 million in a national
-- load). Responses keep their key: they are what pupils send.
ALTER TABLE item_counts DROP CONSTRAINT item_counts_wave_class_fkey;
ALTER TABLE indicator_counts DROP CONSTRAINT indicator_counts_wave_class_fkey;
