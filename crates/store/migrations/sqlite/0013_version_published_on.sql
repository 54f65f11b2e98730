-- The day the version of an item now on record was published (a republication after a change: 条例第二十六条
-- times a change, 变更, from its own day); published_on keeps the first publication.
ALTER TABLE catalog_items ADD COLUMN version_published_on TEXT;
UPDATE catalog_items SET version_published_on = published_on;
