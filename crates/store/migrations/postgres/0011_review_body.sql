-- The 行政复议机关 an agency's letters name when it is not the agency's parent (行政复议法（2023）第二十四条);
-- empty: the parent.
ALTER TABLE agencies ADD COLUMN review_body TEXT NOT NULL DEFAULT '';
