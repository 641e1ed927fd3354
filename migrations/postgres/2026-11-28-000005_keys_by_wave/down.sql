ALTER TABLE indicator_counts
    DROP CONSTRAINT indicator_counts_wave_class_fkey,
    ADD CONSTRAINT indicator_counts_wave_id_fkey FOREIGN KEY (wave_id) REFERENCES waves (id),
    ADD CONSTRAINT indicator_counts_class_id_fkey FOREIGN KEY (class_id) REFERENCES classes (id);
ALTER TABLE item_counts
    DROP CONSTRAINT item_counts_wave_class_fkey,
    ADD CONSTRAINT item_counts_wave_id_fkey FOREIGN KEY (wave_id) REFERENCES waves (id),
    ADD CONSTRAINT item_counts_class_id_fkey FOREIGN KEY (class_id) REFERENCES classes (id);
ALTER TABLE responses
    DROP CONSTRAINT responses_wave_class_fkey,
    ADD CONSTRAINT responses_wave_id_fkey FOREIGN KEY (wave_id) REFERENCES waves (id),
    ADD CONSTRAINT responses_class_id_fkey FOREIGN KEY (class_id) REFERENCES classes (id);

ALTER TABLE responses DROP CONSTRAINT responses_pkey;
ALTER TABLE responses ADD CONSTRAINT responses_pkey PRIMARY KEY (id);
CREATE INDEX responses_wave_class ON responses (wave_id, class_id);
