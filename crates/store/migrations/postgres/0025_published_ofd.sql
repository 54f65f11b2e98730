-- A published report's OFD rendering (GB/T 33190, the format agencies archive in). Versions published before
-- this column existed have none; the portal renders theirs from the version's stored JSON figures.
ALTER TABLE published_reports ADD COLUMN ofd BYTEA;
