-- When a session was last used: one left idle longer than the configured time ends (等保 2.0: 登录连接超时自动退出).
-- Sessions opened before this column existed count from their creation.
ALTER TABLE sessions ADD COLUMN last_seen_ms INTEGER;
