DROP INDEX users_api_token;
ALTER TABLE users DROP COLUMN api_token_hash;
DROP TRIGGER audit_log_no_update ON audit_log;
DROP FUNCTION audit_log_append_only();
DROP TABLE audit_log;
DROP TABLE indicator_counts;
DROP TABLE item_counts;
ALTER TABLE waves DROP COLUMN aggregated_at;
