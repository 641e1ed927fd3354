-- An administrator's reset leaves a password its owner did not choose: until they choose their own,
-- the account may do nothing else (web::auth).
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT 0;
