-- What an agency enters for its annual report of a year: the table-二 figures no record holds (行政许可, 行政处罚,
-- 行政强制 decisions, 行政事业性收费, F2019 政府集中采购), as typed, and the text of the six sections.
CREATE TABLE report_inputs (
    agency_id       INTEGER NOT NULL REFERENCES agencies(id),
    year            INTEGER NOT NULL,
    figures         TEXT NOT NULL,
    sections        TEXT NOT NULL,
    updated_at_ms   INTEGER NOT NULL,
    PRIMARY KEY (agency_id, year)
);
