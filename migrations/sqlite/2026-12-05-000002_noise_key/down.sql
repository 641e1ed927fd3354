DROP TABLE noise_key;
