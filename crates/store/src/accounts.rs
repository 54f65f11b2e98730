//! [`AccountStore`] for [`Store`]. Password hashes are stored and compared elsewhere; they never enter an
//! audit event.

use gongkai_domain::account::{Account, AccountId, Username, locked_until};
use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::{ActorRef, AuditAction, AuditEntry};
use sqlx::{AssertSqlSafe, Row};

use crate::error::{StoreError, StoreResult};
use crate::rows::{self, ACCOUNT_COLUMNS};
use crate::{AccountStore, Credentials, NewAccount, Store};

impl AccountStore for Store {
    async fn create_account(&self, new: &NewAccount, by: &ActorRef) -> StoreResult<Account> {
        let mut w = self.begin_write().await?;
        let account = insert_account(&mut w, new, set_by_another(by, None), by).await?;
        w.commit().await?;
        Ok(account)
    }

    async fn account(&self, id: AccountId) -> StoreResult<Option<Account>> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = $1");
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(rows::account).transpose()
    }

    async fn credentials(&self, username: &Username) -> StoreResult<Option<Credentials>> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE username = $1");
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(username.as_str())
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(Credentials {
            account: rows::account(&row)?,
            password_hash: row.try_get("password_hash")?,
            failed_logins: row.try_get("failed_logins")?,
            locked_until_ms: row.try_get("locked_until_ms")?,
        }))
    }

    async fn accounts_of(&self, agency: Option<AgencyId>) -> StoreResult<Vec<Account>> {
        let found = match agency {
            Some(a) => {
                let sql = format!(
                    "SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE agency_id = $1 ORDER BY id"
                );
                sqlx::query(AssertSqlSafe(sql))
                    .bind(a.0)
                    .fetch_all(&self.pool)
                    .await?
            }
            None => {
                let sql = format!(
                    "SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE agency_id IS NULL ORDER BY id"
                );
                sqlx::query(AssertSqlSafe(sql))
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        found.iter().map(rows::account).collect()
    }

    async fn set_password(
        &self,
        id: AccountId,
        password_hash: &str,
        keep_session: Option<&str>,
        by: &ActorRef,
    ) -> StoreResult<()> {
        let mut w = self.begin_write().await?;
        let agency = agency_of(&mut w, id).await?;
        sqlx::query(
            "UPDATE accounts SET password_hash = $1, failed_logins = 0, locked_until_ms = NULL, \
             must_change_password = $3 WHERE id = $2",
        )
        .bind(password_hash)
        .bind(id.0)
        .bind(i64::from(set_by_another(by, Some(id))))
        .execute(w.conn())
        .await?;
        // A new password unlocks the account from every address.
        sqlx::query(
            "DELETE FROM login_failures WHERE username = (SELECT username FROM accounts WHERE id = $1)",
        )
        .bind(id.0)
        .execute(w.conn())
        .await?;
        sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2")
            .bind(id.0)
            .bind(keep_session.unwrap_or(""))
            .execute(w.conn())
            .await?;
        w.audit(&AuditEntry {
            actor: by.clone(),
            action: AuditAction::AccountPassword,
            agency,
            target: format!("account:{id}"),
            detail: "{}".to_owned(),
        })
        .await?;
        w.commit().await
    }

    async fn set_active(&self, id: AccountId, active: bool, by: &ActorRef) -> StoreResult<()> {
        let mut w = self.begin_write().await?;
        let agency = agency_of(&mut w, id).await?;
        sqlx::query("UPDATE accounts SET active = $1 WHERE id = $2")
            .bind(i64::from(active))
            .bind(id.0)
            .execute(w.conn())
            .await?;
        if !active {
            sqlx::query("DELETE FROM sessions WHERE account_id = $1")
                .bind(id.0)
                .execute(w.conn())
                .await?;
        }
        w.audit(&AuditEntry {
            actor: by.clone(),
            action: if active {
                AuditAction::AccountEnable
            } else {
                AuditAction::AccountDisable
            },
            agency,
            target: format!("account:{id}"),
            detail: serde_json::json!({ "active": active }).to_string(),
        })
        .await?;
        w.commit().await
    }

    async fn login_lock(&self, username: &str, address: &str) -> StoreResult<Option<i64>> {
        let now_ms = chrono::Utc::now().timestamp_millis();
        let lock: Option<Option<i64>> = sqlx::query_scalar(
            "SELECT locked_until_ms FROM login_failures WHERE username = $1 AND address = $2",
        )
        .bind(username)
        .bind(address)
        .fetch_optional(&self.pool)
        .await?;
        Ok(lock.flatten().filter(|until| *until > now_ms))
    }

    async fn record_failed_login(
        &self,
        username: &str,
        address: &str,
    ) -> StoreResult<(i64, Option<i64>)> {
        let mut w = self.begin_write().await?;
        let row = sqlx::query(
            "SELECT failures, locked_until_ms FROM login_failures WHERE username = $1 AND address = $2",
        )
        .bind(username)
        .bind(address)
        .fetch_optional(w.conn())
        .await?;
        // A lock that has run out starts the count afresh: five failures in a row lock again, not one.
        let before = match &row {
            Some(r) => {
                let ran_out = r
                    .try_get::<Option<i64>, _>("locked_until_ms")?
                    .is_some_and(|t| t <= w.now_ms);
                if ran_out {
                    0
                } else {
                    r.try_get::<i64, _>("failures")?
                }
            }
            None => 0,
        };
        let failures = before + 1;
        let lock = locked_until(failures, w.now_ms);
        sqlx::query(
            "INSERT INTO login_failures (username, address, failures, locked_until_ms, updated_at_ms) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username, address) DO UPDATE SET \
             failures = excluded.failures, locked_until_ms = excluded.locked_until_ms, \
             updated_at_ms = excluded.updated_at_ms",
        )
        .bind(username)
        .bind(address)
        .bind(failures)
        .bind(lock)
        .bind(w.now_ms)
        .execute(w.conn())
        .await?;
        // The account's own count (shown to administrators); no row changes for a name that is no account.
        let account = sqlx::query(
            "UPDATE accounts SET failed_logins = failed_logins + 1 WHERE username = $1 \
             RETURNING id, agency_id",
        )
        .bind(username)
        .fetch_optional(w.conn())
        .await?;
        let (target, agency) = match &account {
            Some(r) => (
                format!("account:{}", r.try_get::<i64, _>("id")?),
                r.try_get::<Option<i64>, _>("agency_id")?,
            ),
            None => ("account:unknown".to_owned(), None),
        };
        w.audit(&AuditEntry {
            // Nobody is signed in yet: the attempt is recorded in the system's name, never as the official.
            actor: ActorRef::System {
                reason: format!("failed login as {username}"),
            },
            action: AuditAction::SessionLoginFailed,
            agency,
            target,
            detail: serde_json::json!({
                "failures": failures, "locked_until_ms": lock, "address": address
            })
            .to_string(),
        })
        .await?;
        w.commit().await?;
        Ok((failures, lock))
    }
}

/// Inserts an account within `w`, audited; `must_change` marks a password to change at the first login.
pub(crate) async fn insert_account(
    w: &mut crate::write::WriteTx,
    new: &NewAccount,
    must_change: bool,
    by: &ActorRef,
) -> StoreResult<Account> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO accounts (username, display_name, password_hash, role, agency_id, active, \
         failed_logins, created_at_ms, must_change_password) VALUES ($1, $2, $3, $4, $5, 1, 0, $6, $7) \
         RETURNING id",
    )
    .bind(new.username.as_str())
    .bind(&new.display_name)
    .bind(&new.password_hash)
    .bind(new.role.code())
    .bind(new.agency.map(|a| a.0))
    .bind(w.now_ms)
    .bind(i64::from(must_change))
    .fetch_one(w.conn())
    .await?;
    let account = Account {
        id: AccountId(id),
        username: new.username.clone(),
        display_name: new.display_name.clone(),
        role: new.role,
        agency: new.agency,
        active: true,
        must_change_password: must_change,
    };
    w.audit(&AuditEntry {
        actor: by.clone(),
        action: AuditAction::AccountCreate,
        agency: new.agency.map(|a| a.0),
        target: format!("account:{id}"),
        detail: serde_json::to_string(&account).unwrap_or_default(),
    })
    .await?;
    Ok(account)
}

async fn agency_of(w: &mut crate::write::WriteTx, id: AccountId) -> StoreResult<Option<i64>> {
    let agency: Option<Option<i64>> =
        sqlx::query_scalar("SELECT agency_id FROM accounts WHERE id = $1")
            .bind(id.0)
            .fetch_optional(w.conn())
            .await?;
    agency.ok_or(StoreError::NotFound { what: "account" })
}

/// Whether a password is set by an official other than its owner (`owner` is `None` for a new account): such a
/// password must be changed at the next login. One set by the system (the demo, `gongkai admin add` run by the
/// operator) is the operator's own.
fn set_by_another(by: &ActorRef, owner: Option<AccountId>) -> bool {
    match by {
        ActorRef::Official { id, .. } => owner.is_none_or(|o| o.0 != *id),
        _ => false,
    }
}
