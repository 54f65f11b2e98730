-- 发文字号 of letters and notices (GB/T 9704-2012 7.2.4: 发文机关代字、年份、发文顺序号): the agency's 代字, the
-- number each kept letter was served with, and one counter per agency, year and kind of notice, moved in the
-- same transaction as the letter it numbers, so that a rolled-back step leaves no gap and two steps never
-- share a number.
ALTER TABLE agencies ADD COLUMN doc_prefix TEXT NOT NULL DEFAULT '';
ALTER TABLE application_letters ADD COLUMN doc_no TEXT;
CREATE TABLE letter_serials (
    agency_id       INTEGER NOT NULL REFERENCES agencies(id),
    year            INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    last_serial     INTEGER NOT NULL,
    PRIMARY KEY (agency_id, year, kind)
);
