-- Published annual reports (条例第四十九条), immutable: each publication of an agency's report for a year is a
-- new version (a correction carries a note); earlier versions stay readable. The files are kept as published.
CREATE TABLE published_reports (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id       INTEGER NOT NULL REFERENCES agencies(id),
    year            INTEGER NOT NULL,
    version         INTEGER NOT NULL,
    note            TEXT NOT NULL,
    report_json     TEXT NOT NULL,
    html            TEXT NOT NULL,
    docx            BLOB NOT NULL,
    pdf             BLOB NOT NULL,
    published_on    TEXT NOT NULL,
    published_by    TEXT NOT NULL,
    created_at_ms   INTEGER NOT NULL,
    UNIQUE (agency_id, year, version)
);
