-- The register of 行政复议 and 行政诉讼 about an agency's 政府信息公开 work (条例第五十一条), which table 四 of the
-- annual report counts (条例第五十条第（三）项). A case may concern one of the agency's applications. It is decided
-- once: the day and the outcome are set together or not at all.
CREATE TABLE review_cases (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id       INTEGER NOT NULL REFERENCES agencies(id),
    -- review (行政复议) | lit_direct (未经复议直接起诉) | lit_after_review (复议后起诉)
    kind            TEXT NOT NULL CHECK (kind IN ('review', 'lit_direct', 'lit_after_review')),
    filed_on        TEXT NOT NULL,
    application_id  INTEGER REFERENCES applications(id),
    note            TEXT NOT NULL,
    decided_on      TEXT,
    -- maintain (结果维持) | correct (结果纠正) | other (其他结果)
    outcome         TEXT CHECK (outcome IN ('maintain', 'correct', 'other')),
    created_at_ms   INTEGER NOT NULL,
    updated_at_ms   INTEGER NOT NULL,
    CHECK ((decided_on IS NULL) = (outcome IS NULL))
);
CREATE INDEX review_cases_agency ON review_cases(agency_id, filed_on);
