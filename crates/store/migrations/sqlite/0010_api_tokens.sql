-- API tokens: an agency administrator issues one to an integration, for one agency and one casework role. The
-- token itself is never stored: only the SHA-256 of its random secret, so a copy of the database calls no API.
-- A token is revoked, never deleted, so that the audit events naming it as actor keep their meaning.
CREATE TABLE api_tokens (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id       INTEGER NOT NULL REFERENCES agencies(id),
    name            TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('clerk', 'reviewer')),
    token_hash      TEXT NOT NULL UNIQUE,
    created_at_ms   INTEGER NOT NULL,
    created_by      TEXT NOT NULL,
    last_used_at_ms INTEGER,
    revoked_at_ms   INTEGER
);
CREATE INDEX api_tokens_agency ON api_tokens(agency_id, id);
