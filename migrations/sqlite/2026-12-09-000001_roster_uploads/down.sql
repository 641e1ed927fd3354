-- Uploaded rosters are no longer kept between their steps.
DROP TABLE roster_uploads;
