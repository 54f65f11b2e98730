-- Annual reports an agency published before it used gongkai, imported from any file the parser reads, so that
-- the first report compiled here is checked against the one published the year before (上年结转 and the other
-- cross-year rules). One per agency and year; a new import replaces it.
CREATE TABLE imported_reports (
    agency_id       INTEGER NOT NULL REFERENCES agencies(id),
    year            INTEGER NOT NULL,
    source_name     TEXT NOT NULL,
    report_json     TEXT NOT NULL,
    imported_at_ms  INTEGER NOT NULL,
    PRIMARY KEY (agency_id, year)
);
