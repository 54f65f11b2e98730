-- Applications for disclosure (依申请公开): the application as received, its state, and every event of its clock.
-- The applicant's details are personal data: only staff of the handling agency see them (the web layer decides).

CREATE TABLE applications (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id       INTEGER NOT NULL REFERENCES agencies(id),
    tracking_no     TEXT NOT NULL UNIQUE,
    -- Only the SHA-256 of the query code the applicant was given.
    query_code_hash TEXT NOT NULL,
    applicant_kind  TEXT NOT NULL,
    applicant       TEXT NOT NULL,
    description     TEXT NOT NULL,
    info_form       TEXT NOT NULL,
    delivery        TEXT NOT NULL,
    channel         TEXT NOT NULL,
    received_on     TEXT,
    status          TEXT NOT NULL,
    status_detail   TEXT NOT NULL,
    decided_on      TEXT,
    created_at_ms   INTEGER NOT NULL,
    updated_at_ms   INTEGER NOT NULL
);
CREATE INDEX applications_agency ON applications(agency_id, status);

-- The last tracking-number serial of each year.
CREATE TABLE application_serials (
    year            INTEGER PRIMARY KEY,
    last_serial     INTEGER NOT NULL
);

CREATE TABLE application_events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id  INTEGER NOT NULL REFERENCES applications(id),
    seq             INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    on_date         TEXT NOT NULL,
    detail          TEXT NOT NULL,
    actor           TEXT NOT NULL,
    at_ms           INTEGER NOT NULL,
    UNIQUE (application_id, seq)
);
