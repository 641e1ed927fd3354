-- The deployment's secret key for the noise on released figures (issue 17, DESIGN.md promise 8;
-- `domain::disclosure::noise`). One row, written once by the first server or command that needs it
-- and never changed: a new key would show every frozen figure again with fresh offsets, and two
-- looks at a figure with independent offsets say more than one.
CREATE TABLE noise_key (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    key_hex TEXT NOT NULL
);
