-- Files kept in the database, so that every node serves them and every backup holds them: catalogue
-- attachments, files sent with or disclosed on an application (space 'attachments') and proofs of identity,
-- sealed with the store's keys (space 'private'). A file is addressed by its digest (SHA-256, or SM3 `sm3:…`
-- with 国密) and cut into chunks of a fixed size, written and read one at a time, never whole in memory.
CREATE TABLE blobs (
    space           TEXT NOT NULL,
    digest          TEXT NOT NULL,
    size_bytes      INTEGER NOT NULL,
    chunks          INTEGER NOT NULL,
    created_at_ms   INTEGER NOT NULL,
    PRIMARY KEY (space, digest)
);
-- `blob` is the file's digest, or `pending:…` while its upload has not committed.
CREATE TABLE blob_chunks (
    space   TEXT NOT NULL,
    blob    TEXT NOT NULL,
    seq     INTEGER NOT NULL,
    bytes   BLOB NOT NULL,
    PRIMARY KEY (space, blob, seq)
);
