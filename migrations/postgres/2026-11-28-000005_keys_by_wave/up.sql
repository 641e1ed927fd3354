-- Rows keyed and checked by wave, for the cost of writing a wave's responses and counts.
--
-- Responses are keyed by (wave_id, id) instead of id alone. With the random id first, every new row
-- landed on a random page of the key's index, so a busy wave or a bulk load touched (and logged) one
-- index page per row; with the wave first, a wave's rows share a few pages and counting a wave reads
-- one range of the key. Inside a wave the order is still the random id's (UUID v4), so the key says
-- nothing of submission order. Every query on responses filters by wave, which the key's leading
-- column serves, so the separate (wave_id, class_id) index is dropped. The heap still keeps rows in
-- insertion order, as before.
--
-- Responses, item counts and indicator counts refer to the class-in-wave (wave_classes' unique
-- (wave_id, class_id)) instead of to the wave and to the class separately: a row can now only name a
-- class that took part in that wave, and each written row costs one key check instead of two.

ALTER TABLE responses DROP CONSTRAINT responses_pkey;
ALTER TABLE responses ADD CONSTRAINT responses_pkey PRIMARY KEY (wave_id, id);
DROP INDEX responses_wave_class;

ALTER TABLE responses
    DROP CONSTRAINT responses_wave_id_fkey,
    DROP CONSTRAINT responses_class_id_fkey,
    ADD CONSTRAINT responses_wave_class_fkey FOREIGN KEY (wave_id, class_id) REFERENCES wave_classes (wave_id, class_id);
ALTER TABLE item_counts
    DROP CONSTRAINT item_counts_wave_id_fkey,
    DROP CONSTRAINT item_counts_class_id_fkey,
    ADD CONSTRAINT item_counts_wave_class_fkey FOREIGN KEY (wave_id, class_id) REFERENCES wave_classes (wave_id, class_id);
ALTER TABLE indicator_counts
    DROP CONSTRAINT indicator_counts_wave_id_fkey,
    DROP CONSTRAINT indicator_counts_class_id_fkey,
    ADD CONSTRAINT indicator_counts_wave_class_fkey
        FOREIGN KEY (wave_id, class_id) REFERENCES wave_classes (wave_id, class_id);
