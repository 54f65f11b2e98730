-- The text of catalogue attachments (issue 16): read off the request path once an item is published, so that
-- search finds a sentence inside an attached PDF, Word file or spreadsheet (条例第二十四条: 检索). Attachments are
-- kept under their SHA-256, so the text is too: the same file attached twice is read once.
-- outcome: text (read), no_text (a scan or an image: no text layer), unsupported (a format with no reader
-- here, such as DOC or WPS), unreadable (damaged or encrypted; detail says why).
-- extractor: the version of the reading rules; a row of an older version is read again.
CREATE TABLE attachment_texts (
    sha256            TEXT PRIMARY KEY,
    outcome           TEXT NOT NULL,
    detail            TEXT NOT NULL DEFAULT '',
    text              TEXT NOT NULL DEFAULT '',
    extractor         BIGINT NOT NULL,
    extracted_at_ms   BIGINT NOT NULL
);
CREATE INDEX catalog_attachments_sha256 ON catalog_attachments(sha256);
