ALTER TABLE item_counts
    ADD CONSTRAINT item_counts_wave_class_fkey FOREIGN KEY (wave_id, class_id) REFERENCES wave_classes (wave_id, class_id);
ALTER TABLE indicator_counts
    ADD CONSTRAINT indicator_counts_wave_class_fkey
        FOREIGN KEY (wave_id, class_id) REFERENCES wave_classes (wave_id, class_id);
