//! What the security administrator works with (三员分立): every account with its role, the lock-outs in force,
//! a role changed and a lock-out lifted, each audited. The same statements on SQLite and PostgreSQL.

use gongkai_domain::account::{Account, AccountId, Role};
use gongkai_domain::audit::{ActorRef, AuditAction, AuditEntry};
use sqlx::{AssertSqlSafe, Row};

use crate::Store;
use crate::error::{StoreError, StoreResult};
use crate::rows::{self, ACCOUNT_COLUMNS};

/// A login name and address locked out after failed logins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginLock {
    pub username: String,
    pub address: String,
    pub failures: i64,
    pub locked_until_ms: i64,
}

pub trait AccountSecurityStore {
    /// Every account of the platform, by id.
    fn all_accounts(&self) -> impl Future<Output = StoreResult<Vec<Account>>> + Send;
    /// Changes an account's role and ends its sessions, so the new role holds from its next request.
    fn set_role(
        &self,
        id: AccountId,
        role: Role,
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// The lock-outs in force at `now_ms`, latest first.
    fn login_locks(&self, now_ms: i64) -> impl Future<Output = StoreResult<Vec<LoginLock>>> + Send;
    /// Creates every account in one transaction, each with a one-time password to change at its first login
    /// (`gongkai import accounts`); nothing is written if one fails.
    fn create_accounts(
        &self,
        new: &[crate::NewAccount],
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<Vec<Account>>> + Send;
    /// Lifts every lock-out and failure count of `username` (from any address); how many were lifted.
    fn unlock_login(
        &self,
        username: &str,
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<u64>> + Send;
}

impl AccountSecurityStore for Store {
    async fn all_accounts(&self) -> StoreResult<Vec<Account>> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts ORDER BY id");
        let found = sqlx::query(AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?;
        found.iter().map(rows::account).collect()
    }

    async fn set_role(&self, id: AccountId, role: Role, by: &ActorRef) -> StoreResult<()> {
        let mut w = self.begin_write().await?;
        let before: Option<(String, Option<i64>)> =
            sqlx::query_as("SELECT role, agency_id FROM accounts WHERE id = $1")
                .bind(id.0)
                .fetch_optional(w.conn())
                .await?;
        let (before, agency) = before.ok_or(StoreError::NotFound { what: "account" })?;
        sqlx::query("UPDATE accounts SET role = $1 WHERE id = $2")
            .bind(role.code())
            .bind(id.0)
            .execute(w.conn())
            .await?;
        sqlx::query("DELETE FROM sessions WHERE account_id = $1")
            .bind(id.0)
            .execute(w.conn())
            .await?;
        w.audit(&AuditEntry {
            actor: by.clone(),
            action: AuditAction::AccountRole,
            agency,
            target: format!("account:{id}"),
            detail: serde_json::json!({ "from": before, "to": role.code() }).to_string(),
        })
        .await?;
        w.commit().await
    }

    async fn create_accounts(
        &self,
        new: &[crate::NewAccount],
        by: &ActorRef,
    ) -> StoreResult<Vec<Account>> {
        let mut w = self.begin_write().await?;
        let mut made = Vec::with_capacity(new.len());
        for account in new {
            made.push(crate::accounts::insert_account(&mut w, account, true, by).await?);
        }
        w.commit().await?;
        Ok(made)
    }

    async fn login_locks(&self, now_ms: i64) -> StoreResult<Vec<LoginLock>> {
        let found = sqlx::query(
            "SELECT username, address, failures, locked_until_ms FROM login_failures \
             WHERE locked_until_ms > $1 ORDER BY locked_until_ms DESC, username",
        )
        .bind(now_ms)
        .fetch_all(&self.pool)
        .await?;
        found
            .iter()
            .map(|r| {
                Ok(LoginLock {
                    username: r.try_get("username")?,
                    address: r.try_get("address")?,
                    failures: r.try_get("failures")?,
                    locked_until_ms: r.try_get("locked_until_ms")?,
                })
            })
            .collect()
    }

    async fn unlock_login(&self, username: &str, by: &ActorRef) -> StoreResult<u64> {
        let mut w = self.begin_write().await?;
        let lifted = sqlx::query("DELETE FROM login_failures WHERE username = $1")
            .bind(username)
            .execute(w.conn())
            .await?
            .rows_affected();
        let agency: Option<Option<i64>> =
            sqlx::query_scalar("SELECT agency_id FROM accounts WHERE username = $1")
                .bind(username)
                .fetch_optional(w.conn())
                .await?;
        w.audit(&AuditEntry {
            actor: by.clone(),
            action: AuditAction::AccountUnlock,
            agency: agency.flatten(),
            target: format!("login:{username}"),
            detail: serde_json::json!({ "lifted": lifted }).to_string(),
        })
        .await?;
        w.commit().await?;
        Ok(lifted)
    }
}
