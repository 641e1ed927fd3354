-- Nothing in the database links a response to the code or the form token that admitted it (issue 17,
-- DESIGN.md promise 8).
--
-- Before: a submission marked its code used (`UPDATE access_codes SET used = true`) and recorded its
-- form's nonce (`INSERT INTO spent_form_tokens`) in the transaction that wrote the response, so on
-- PostgreSQL all three live rows carried the same `xmin`: a reader holding the printed list of codes
-- could join each pupil to their answers.
--
-- After: a spent code is deleted, and form nonces are issued ahead, in blocks, as rows of
-- `unspent_form_tokens`; a submission spends its nonce by deleting that row. What is left live is
-- only what has not been spent, written by transactions that wrote no response.
--
-- The codes already marked used are deleted now (nothing counts them any more: `ahual verify` counts
-- an open wave's spent codes as its roll less the codes still there). Forms issued before this
-- migration carry nonces that were never issued as rows: they are refused as already sent, and the
-- pupil starts again. Deploy between waves, or accept that.
DELETE FROM access_codes WHERE used;

CREATE TABLE unspent_form_tokens (
    nonce TEXT PRIMARY KEY NOT NULL,
    expires_on DATE NOT NULL
);

DROP TABLE spent_form_tokens;
