-- The public change sequence: moved by every write that can change what the portal shows (an agency, the
-- catalogue, a published report; see AuditAction::changes_public_pages), in the transaction of the write.
-- Every node's page cache follows it, and its time is the pages' Last-Modified.
CREATE TABLE public_changes (
    id      INTEGER PRIMARY KEY,
    seq     INTEGER NOT NULL,
    at_ms   INTEGER NOT NULL
);
INSERT INTO public_changes (id, seq, at_ms) VALUES (1, 0, 0);
