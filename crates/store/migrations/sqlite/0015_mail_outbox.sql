-- E-mail notifications (issue 13): every message is recorded here BEFORE it is sent, so that nothing is lost
-- if the server stops; a background task sends pending messages and retries failures with back-off.
-- state: pending (to send), sent, not_configured (no [mail] section: recorded, never sent), failed (gave up).
-- lease_until_ms: a node that is sending a message holds it until then, so two nodes never send it twice.
CREATE TABLE mail_outbox (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    kind               TEXT NOT NULL,
    recipient          TEXT NOT NULL,
    sender_name        TEXT NOT NULL DEFAULT '',
    subject            TEXT NOT NULL,
    body               TEXT NOT NULL,
    agency_id          INTEGER REFERENCES agencies(id),
    application_id     INTEGER REFERENCES applications(id),
    reference          TEXT NOT NULL DEFAULT '',
    letter_id          INTEGER REFERENCES application_letters(id),
    account_id         INTEGER REFERENCES accounts(id),
    created_at_ms      INTEGER NOT NULL,
    state              TEXT NOT NULL,
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_at_ms INTEGER NOT NULL,
    lease_until_ms     INTEGER,
    sent_at_ms         INTEGER,
    last_error         TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox(state, next_attempt_at_ms);
CREATE INDEX mail_outbox_application ON mail_outbox(application_id);

-- Staff may give an address for their daily digest; empty = none.
ALTER TABLE accounts ADD COLUMN email TEXT NOT NULL DEFAULT '';

-- One row per day the staff digest was queued: the primary key lets only one node (or one run) queue a day.
CREATE TABLE mail_digest_days (
    day          TEXT PRIMARY KEY,
    queued_at_ms INTEGER NOT NULL,
    messages     INTEGER NOT NULL
);
