//! API tokens: issued by an agency administrator to an integration, for one agency and one casework role.
//! Only the SHA-256 of the secret is kept; a token is revoked, never deleted; issuing, revoking and every call
//! made with one are audit events (the token itself is the actor of its calls).

use std::future::Future;

use gongkai_domain::account::Role;
use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::{ActorRef, AuditAction, AuditEntry};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::Store;
use crate::error::{StoreError, StoreResult};

/// Database identity of a token (also the actor id of the audit events it makes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ApiTokenId(pub i64);

/// A token to store: its secret already hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiToken {
    pub agency: AgencyId,
    /// What the integration is called, as the administrator named it.
    pub name: String,
    pub role: Role,
    /// Hex SHA-256 of the secret.
    pub token_hash: String,
}

/// A stored token, without its secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredApiToken {
    pub id: ApiTokenId,
    pub agency: AgencyId,
    pub name: String,
    pub role: Role,
    pub token_hash: String,
    pub created_at_ms: i64,
    /// Who issued it (`official:ggzy-admin`).
    pub created_by: String,
    pub last_used_at_ms: Option<i64>,
    pub revoked_at_ms: Option<i64>,
}

impl StoredApiToken {
    pub fn is_revoked(&self) -> bool {
        self.revoked_at_ms.is_some()
    }

    /// The token as the actor of what it does.
    pub fn actor_ref(&self) -> ActorRef {
        ActorRef::Token {
            id: self.id.0,
            name: self.name.clone(),
        }
    }
}

pub trait ApiTokenStore {
    /// Stores a new token (audit event `api_token.issue`).
    fn issue_api_token(
        &self,
        new: &NewApiToken,
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<StoredApiToken>> + Send;
    /// An agency's tokens, oldest first, revoked ones included.
    fn api_tokens_of(
        &self,
        agency: AgencyId,
    ) -> impl Future<Output = StoreResult<Vec<StoredApiToken>>> + Send;
    /// The token whose secret hashes to `token_hash`, revoked or not.
    fn api_token_by_hash(
        &self,
        token_hash: &str,
    ) -> impl Future<Output = StoreResult<Option<StoredApiToken>>> + Send;
    /// Revokes one of `agency`'s tokens (audit event `api_token.revoke`); a token of another agency is not
    /// found, and one already revoked is refused.
    fn revoke_api_token(
        &self,
        agency: AgencyId,
        id: ApiTokenId,
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<StoredApiToken>> + Send;
    /// Records a call made with the token (its last use, and audit event `api_token.use` with the token as
    /// actor and `call`, such as `GET /api/v1/…`, as detail). A revoked token is refused.
    fn record_api_token_use(
        &self,
        id: ApiTokenId,
        call: &str,
    ) -> impl Future<Output = StoreResult<()>> + Send;
}

/// A `SELECT` of every column, with `$tail` (a literal, so the SQL stays a static string).
macro_rules! select {
    ($tail:literal) => {
        concat!(
            "SELECT id, agency_id, name, role, token_hash, created_at_ms, created_by, last_used_at_ms, \
             revoked_at_ms FROM api_tokens ",
            $tail
        )
    };
}

fn token(row: &AnyRow) -> StoreResult<StoredApiToken> {
    let code: String = row.try_get("role")?;
    let role = Role::from_code(&code)
        .ok_or_else(|| StoreError::Corrupt(format!("api token role '{code}'")))?;
    Ok(StoredApiToken {
        id: ApiTokenId(row.try_get("id")?),
        agency: AgencyId(row.try_get("agency_id")?),
        name: row.try_get("name")?,
        role,
        token_hash: row.try_get("token_hash")?,
        created_at_ms: row.try_get("created_at_ms")?,
        created_by: row.try_get("created_by")?,
        last_used_at_ms: row.try_get("last_used_at_ms")?,
        revoked_at_ms: row.try_get("revoked_at_ms")?,
    })
}

async fn by_id(
    conn: &mut sqlx::AnyConnection,
    id: ApiTokenId,
) -> StoreResult<Option<StoredApiToken>> {
    let row = sqlx::query(select!("WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(token).transpose()
}

impl ApiTokenStore for Store {
    async fn issue_api_token(
        &self,
        new: &NewApiToken,
        by: &ActorRef,
    ) -> StoreResult<StoredApiToken> {
        let mut w = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO api_tokens (agency_id, name, role, token_hash, created_at_ms, created_by) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(new.agency.0)
        .bind(&new.name)
        .bind(new.role.code())
        .bind(&new.token_hash)
        .bind(w.now_ms)
        .bind(format!("{}:{}", by.kind(), by.name()))
        .fetch_one(w.conn())
        .await?;
        w.audit(&AuditEntry {
            actor: by.clone(),
            action: AuditAction::ApiTokenIssue,
            agency: Some(new.agency.0),
            target: format!("api_token:{id}"),
            // Never the secret nor its hash.
            detail: serde_json::json!({ "name": new.name, "role": new.role.code() }).to_string(),
        })
        .await?;
        let stored = by_id(w.conn(), ApiTokenId(id))
            .await?
            .ok_or(StoreError::NotFound { what: "api token" })?;
        w.commit().await?;
        Ok(stored)
    }

    async fn api_tokens_of(&self, agency: AgencyId) -> StoreResult<Vec<StoredApiToken>> {
        let rows = sqlx::query(select!("WHERE agency_id = $1 ORDER BY id"))
            .bind(agency.0)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(token).collect()
    }

    async fn api_token_by_hash(&self, token_hash: &str) -> StoreResult<Option<StoredApiToken>> {
        let row = sqlx::query(select!("WHERE token_hash = $1"))
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(token).transpose()
    }

    async fn revoke_api_token(
        &self,
        agency: AgencyId,
        id: ApiTokenId,
        by: &ActorRef,
    ) -> StoreResult<StoredApiToken> {
        let mut w = self.begin_write().await?;
        let found = by_id(w.conn(), id)
            .await?
            .filter(|t| t.agency == agency)
            .ok_or(StoreError::NotFound { what: "api token" })?;
        if found.is_revoked() {
            return Err(StoreError::Refused(format!(
                "api token {} is already revoked",
                id.0
            )));
        }
        let now = w.now_ms;
        sqlx::query("UPDATE api_tokens SET revoked_at_ms = $1 WHERE id = $2")
            .bind(now)
            .bind(id.0)
            .execute(w.conn())
            .await?;
        w.audit(&AuditEntry {
            actor: by.clone(),
            action: AuditAction::ApiTokenRevoke,
            agency: Some(agency.0),
            target: format!("api_token:{}", id.0),
            detail: serde_json::json!({ "name": found.name }).to_string(),
        })
        .await?;
        w.commit().await?;
        Ok(StoredApiToken {
            revoked_at_ms: Some(now),
            ..found
        })
    }

    async fn record_api_token_use(&self, id: ApiTokenId, call: &str) -> StoreResult<()> {
        let mut w = self.begin_write().await?;
        let found = by_id(w.conn(), id)
            .await?
            .ok_or(StoreError::NotFound { what: "api token" })?;
        if found.is_revoked() {
            return Err(StoreError::Refused(format!(
                "api token {} is revoked",
                id.0
            )));
        }
        sqlx::query("UPDATE api_tokens SET last_used_at_ms = $1 WHERE id = $2")
            .bind(w.now_ms)
            .bind(id.0)
            .execute(w.conn())
            .await?;
        w.audit(&AuditEntry {
            actor: found.actor_ref(),
            action: AuditAction::ApiTokenUse,
            agency: Some(found.agency.0),
            target: format!("api_token:{}", id.0),
            detail: serde_json::json!({ "call": call }).to_string(),
        })
        .await?;
        w.commit().await
    }
}
