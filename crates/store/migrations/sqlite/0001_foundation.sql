-- Platform foundation: agencies, staff accounts, sessions, the hash-chained audit trail.
-- Integers are INTEGER (64-bit) and instants are milliseconds since the Unix epoch, as in the PostgreSQL schema.

CREATE TABLE agencies (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    parent_id       INTEGER REFERENCES agencies(id),
    name            TEXT NOT NULL UNIQUE,
    credit_code     TEXT UNIQUE,
    kind            TEXT NOT NULL,
    address         TEXT NOT NULL DEFAULT '',
    office_hours    TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    fax             TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    website         TEXT NOT NULL DEFAULT '',
    disclosure_office_name TEXT NOT NULL DEFAULT '',
    disclosure_address TEXT NOT NULL DEFAULT '',
    disclosure_office_hours TEXT NOT NULL DEFAULT '',
    disclosure_phone TEXT NOT NULL DEFAULT '',
    disclosure_fax TEXT NOT NULL DEFAULT '',
    disclosure_email TEXT NOT NULL DEFAULT '',
    created_at_ms   INTEGER NOT NULL
);
CREATE INDEX agencies_parent ON agencies(parent_id);

CREATE TABLE accounts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    username        TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    role            TEXT NOT NULL,
    agency_id       INTEGER REFERENCES agencies(id),
    active          INTEGER NOT NULL DEFAULT 1,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until_ms INTEGER,
    created_at_ms   INTEGER NOT NULL
);
CREATE INDEX accounts_agency ON accounts(agency_id);

-- The session token itself is never stored: only its SHA-256, so a copy of the database opens no session.
CREATE TABLE sessions (
    token_hash      TEXT PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts(id),
    csrf_token      TEXT NOT NULL,
    created_at_ms   INTEGER NOT NULL,
    expires_at_ms   INTEGER NOT NULL
);
CREATE INDEX sessions_account ON sessions(account_id);

CREATE TABLE audit_events (
    seq             INTEGER PRIMARY KEY,
    at_ms           INTEGER NOT NULL,
    actor_kind      TEXT NOT NULL,
    actor_id        INTEGER,
    actor_name      TEXT NOT NULL,
    action          TEXT NOT NULL,
    agency_id       INTEGER,
    target          TEXT NOT NULL,
    detail          TEXT NOT NULL,
    digest          TEXT NOT NULL,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL
);
CREATE INDEX audit_events_agency ON audit_events(agency_id, seq);

-- The last event written, kept with every write, so that deleting the newest events is noticed too.
CREATE TABLE audit_head (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    seq             INTEGER NOT NULL,
    hash            TEXT NOT NULL
);
