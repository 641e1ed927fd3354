-- A spreadsheet roster uploaded in the browser waits here between its steps (mapping its columns,
-- the preview, the import), so that any server instance behind the proxy can take the next step. It
-- is bound to the account that uploaded it (and, for a psychologist, to their school), holds the table
-- as read, sealed under a key derived from the deployment's secret key and bound to the upload's id
-- (`table_sealed`, hex; a staff list carries first passwords), and the chosen columns (`mapping_json`,
-- NULL until confirmed), and expires an hour after the upload: the import deletes it, and the sweep
-- deletes what was left.
CREATE TABLE roster_uploads (
    id TEXT PRIMARY KEY NOT NULL,
    owner_id TEXT NOT NULL REFERENCES users (id),
    school_id TEXT REFERENCES schools (id),
    kind TEXT NOT NULL CHECK (kind IN ('schools', 'classes', 'staff')),
    file_name TEXT NOT NULL,
    table_sealed TEXT NOT NULL,
    mapping_json TEXT,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
) WITHOUT ROWID;

CREATE INDEX roster_uploads_expiry ON roster_uploads (expires_at);
