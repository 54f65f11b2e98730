-- A password set by someone other than its owner (an administrator's reset, a new account's first password)
-- must be changed at the next login, so whoever set it cannot use it to act as the official.
ALTER TABLE accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
