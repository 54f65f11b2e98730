-- The letters served on applicants (答复告知书), kept byte for byte as they were served: the DOCX and PDF, the
-- text they carry, their SHA-256 and the day of service (for post, the day it was posted; 交邮之日).
CREATE TABLE application_letters (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id  INTEGER NOT NULL REFERENCES applications(id),
    event_seq       INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    served_on       TEXT NOT NULL,
    service         TEXT NOT NULL,
    text_body       TEXT NOT NULL,
    docx            BLOB NOT NULL,
    pdf             BLOB NOT NULL,
    docx_sha256     TEXT NOT NULL,
    pdf_sha256      TEXT NOT NULL,
    created_at_ms   INTEGER NOT NULL
);
CREATE INDEX application_letters_application ON application_letters(application_id);
