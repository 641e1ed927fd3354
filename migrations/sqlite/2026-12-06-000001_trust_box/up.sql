-- The trust box (issue 19, docs/trust-box.md): a pupil's anonymous conversation with the school
-- psychologist or the regional centre. Nothing here names the writer or can be joined to a survey
-- response: no account, address, token or wave; the receipt and PIN only as keyed hashes under a key
-- that is not in the database; the words sealed under the same key; the pupil's times cut down to what
-- the deadlines need (`domain::trust_box::arrival`).

CREATE TABLE trust_conversations (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools (id),
    region_code TEXT NOT NULL REFERENCES regions (code),
    -- Who the pupil wrote to ('school' or 'centre'), and who works it now (a school may escalate).
    addressee TEXT NOT NULL,
    holder TEXT NOT NULL,
    topic TEXT NOT NULL,
    in_danger BOOLEAN NOT NULL,
    urgent BOOLEAN NOT NULL,
    status TEXT NOT NULL,
    outcome TEXT,
    -- HMAC of the receipt (and of receipt and PIN) under the trust box key.
    receipt_lookup TEXT NOT NULL UNIQUE,
    pin_seal TEXT,
    -- The first message's arrival as kept (its day, or its hour when urgent).
    arrived_at TIMESTAMP NOT NULL,
    -- When staff owe the pupil an answer by; NULL while they owe none.
    due_at TIMESTAMP,
    first_reply_at TIMESTAMP,
    -- Whether the pupil ever came back with the receipt (a figure the issue asks for).
    came_back BOOLEAN NOT NULL,
    escalated_at TIMESTAMP,
    closed_at TIMESTAMP,
    -- When the words were deleted, a set time after closing; the row stays for the figures.
    texts_deleted_at TIMESTAMP
);
CREATE INDEX trust_conversations_school ON trust_conversations (school_id, holder, status);
CREATE INDEX trust_conversations_region ON trust_conversations (region_code, holder, status);

-- The pupil's messages, staff replies, and notes between school and centre (never shown to the pupil).
CREATE TABLE trust_messages (
    id TEXT PRIMARY KEY NOT NULL,
    conversation_id TEXT NOT NULL REFERENCES trust_conversations (id),
    -- Order within the conversation: the pupil's times are cut down, so they cannot order it.
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    -- The staff member who wrote a reply or note; NULL for the pupil.
    author_id TEXT REFERENCES users (id),
    -- Nonce and AES-256-GCM ciphertext; NULL once deleted.
    sealed BLOB,
    written_at TIMESTAMP NOT NULL,
    UNIQUE (conversation_id, seq)
);
