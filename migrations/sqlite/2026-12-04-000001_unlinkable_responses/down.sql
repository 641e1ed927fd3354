-- Back to recording spent nonces. The codes deleted on the way up (used ones) do not come back.
CREATE TABLE spent_form_tokens (
    nonce TEXT PRIMARY KEY NOT NULL,
    expires_on DATE NOT NULL
) WITHOUT ROWID;

DROP TABLE unspent_form_tokens;
