-- The disclosure catalogue (政府信息公开目录): items with their standard metadata, the 索引号 counters, attachments.
-- Dates are TEXT 'YYYY-MM-DD' (calendar dates in Asia/Shanghai); instants are milliseconds since the epoch.

CREATE TABLE catalog_items (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id       INTEGER NOT NULL REFERENCES agencies(id),
    -- 索引号: assigned at publication, or kept as given by an import; never reused.
    index_no        TEXT UNIQUE,
    title           TEXT NOT NULL,
    doc_no          TEXT,
    category        TEXT NOT NULL,
    subject         TEXT,
    issuer          TEXT NOT NULL,
    formed_on       TEXT NOT NULL,
    published_on    TEXT,
    summary         TEXT NOT NULL DEFAULT '',
    kind            TEXT NOT NULL,
    validity        TEXT NOT NULL,
    validity_on     TEXT,
    body            TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL,
    state_reason    TEXT,
    -- The item's key in the system it was imported from, so that importing the same file twice adds nothing.
    import_key      TEXT UNIQUE,
    -- The account that sent the item to 保密审查: it may not approve it too (two people see every publication).
    submitted_by    INTEGER,
    -- Grows with every change, in the order changes commit (writers are serialised): the search index of each
    -- node follows it, never missing or repeating a change, whatever the nodes' clocks say.
    change_seq      INTEGER NOT NULL,
    created_at_ms   INTEGER NOT NULL,
    updated_at_ms   INTEGER NOT NULL
);
CREATE INDEX catalog_items_agency ON catalog_items(agency_id, state, published_on);
CREATE INDEX catalog_items_change ON catalog_items(change_seq);

-- The last 索引号 serial handed out per agency and year: it only grows, so a number is never given twice.
CREATE TABLE catalog_serials (
    agency_id       INTEGER NOT NULL REFERENCES agencies(id),
    year            INTEGER NOT NULL,
    last_serial     INTEGER NOT NULL,
    PRIMARY KEY (agency_id, year)
);

-- The last change_seq handed out.
CREATE TABLE catalog_change_counter (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq        INTEGER NOT NULL
);
INSERT INTO catalog_change_counter (id, last_seq) VALUES (1, 0);

CREATE TABLE catalog_attachments (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id         INTEGER NOT NULL REFERENCES catalog_items(id),
    file_name       TEXT NOT NULL,
    mime            TEXT NOT NULL,
    size_bytes      INTEGER NOT NULL,
    sha256          TEXT NOT NULL,
    created_at_ms   INTEGER NOT NULL
);
CREATE INDEX catalog_attachments_item ON catalog_attachments(item_id);
