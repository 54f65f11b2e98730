-- Files on an application: what an applicant sent with a correction (条例第三十条) or as proof of payment, and
-- the documents disclosed with a decision (条例第三十六条). The bytes are kept on disk under their SHA-256
-- (see the app's attachments); a row says whose file it is, why it is there and which event brought it.
CREATE TABLE application_files (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id  INTEGER NOT NULL REFERENCES applications(id),
    event_seq       INTEGER NOT NULL,
    purpose         TEXT NOT NULL,
    original_name   TEXT NOT NULL,
    media_type      TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    size_bytes      INTEGER NOT NULL,
    actor           TEXT NOT NULL,
    created_at_ms   INTEGER NOT NULL
);
CREATE INDEX application_files_application ON application_files(application_id);
