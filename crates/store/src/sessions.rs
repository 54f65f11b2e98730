//! [`SessionStore`] for [`Store`]. Only the SHA-256 of a session token is stored.

use gongkai_domain::account::Account;
use gongkai_domain::audit::{ActorRef, AuditAction, AuditEntry};
use sqlx::Row;

use crate::error::StoreResult;
use crate::{SessionRecord, SessionStore, Store, now_ms};

/// How often a session's last use is written down: the idle time out is counted to within this.
const SEEN_EVERY_MS: i64 = 60_000;

impl SessionStore for Store {
    async fn open_session(
        &self,
        account: &Account,
        token_hash: &str,
        csrf_token: &str,
        ttl_ms: i64,
    ) -> StoreResult<SessionRecord> {
        let mut w = self.begin_write().await?;
        let expires_at_ms = w.now_ms.saturating_add(ttl_ms);
        sqlx::query(
            "INSERT INTO sessions (token_hash, account_id, csrf_token, created_at_ms, expires_at_ms, \
             last_seen_ms) VALUES ($1, $2, $3, $4, $5, $4)",
        )
        .bind(token_hash)
        .bind(account.id.0)
        .bind(csrf_token)
        .bind(w.now_ms)
        .bind(expires_at_ms)
        .execute(w.conn())
        .await?;
        sqlx::query("UPDATE accounts SET failed_logins = 0, locked_until_ms = NULL WHERE id = $1")
            .bind(account.id.0)
            .execute(w.conn())
            .await?;
        // Whoever knows the password is in: the name's failed attempts, from any address, are forgotten.
        sqlx::query("DELETE FROM login_failures WHERE username = $1")
            .bind(account.username.as_str())
            .execute(w.conn())
            .await?;
        w.audit(&AuditEntry {
            actor: ActorRef::Official {
                id: account.id.0,
                username: account.username.to_string(),
            },
            action: AuditAction::SessionLogin,
            agency: account.agency.map(|a| a.0),
            target: format!("account:{}", account.id),
            detail: serde_json::json!({ "expires_at_ms": expires_at_ms }).to_string(),
        })
        .await?;
        w.commit().await?;
        Ok(SessionRecord {
            account: account.id,
            csrf_token: csrf_token.to_owned(),
            expires_at_ms,
        })
    }

    async fn session(&self, token_hash: &str, idle_ms: i64) -> StoreResult<Option<SessionRecord>> {
        let now = now_ms();
        let row = sqlx::query(
            "SELECT account_id, csrf_token, expires_at_ms, COALESCE(last_seen_ms, created_at_ms) AS seen \
             FROM sessions WHERE token_hash = $1 AND expires_at_ms > $2",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let seen: i64 = row.try_get("seen")?;
        if seen.saturating_add(idle_ms) <= now {
            return Ok(None);
        }
        // Recorded at most once a minute, so a busy official's pages do not each write.
        if now - seen >= SEEN_EVERY_MS {
            sqlx::query("UPDATE sessions SET last_seen_ms = $1 WHERE token_hash = $2")
                .bind(now)
                .bind(token_hash)
                .execute(&self.pool)
                .await?;
        }
        Ok(Some(SessionRecord {
            account: gongkai_domain::account::AccountId(row.try_get("account_id")?),
            csrf_token: row.try_get("csrf_token")?,
            expires_at_ms: row.try_get("expires_at_ms")?,
        }))
    }

    async fn close_session(&self, token_hash: &str, by: &ActorRef) -> StoreResult<()> {
        let mut w = self.begin_write().await?;
        let account: Option<i64> =
            sqlx::query_scalar("DELETE FROM sessions WHERE token_hash = $1 RETURNING account_id")
                .bind(token_hash)
                .fetch_optional(w.conn())
                .await?;
        if let Some(account) = account {
            let agency: Option<i64> =
                sqlx::query_scalar("SELECT agency_id FROM accounts WHERE id = $1")
                    .bind(account)
                    .fetch_optional(w.conn())
                    .await?
                    .flatten();
            w.audit(&AuditEntry {
                actor: by.clone(),
                action: AuditAction::SessionLogout,
                agency,
                target: format!("account:{account}"),
                detail: "{}".to_owned(),
            })
            .await?;
        }
        w.commit().await
    }

    async fn purge_expired_sessions(&self) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at_ms <= $1")
            .bind(now_ms())
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}
