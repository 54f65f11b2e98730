//! The e-mail outbox: every message is recorded before it is sent (so a stopped server loses none), then a
//! background task claims due messages for a while (a lease, so two nodes never send one twice), sends them
//! and records the outcome; a failure is retried later with back-off. Also the staff's addresses for the daily
//! digest, and the days a digest was queued (one row per day, so only one node or run queues it).

use std::future::Future;

use gongkai_domain::account::{Account, AccountId};
use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::{ActorRef, AuditAction, AuditEntry};
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};

use crate::applications::ApplicationId;
use crate::error::{StoreError, StoreResult};
use crate::rows::{self, ACCOUNT_COLUMNS};
use crate::{Store, now_ms};

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailState {
    /// Waiting to be sent (or to be retried).
    Pending,
    Sent,
    /// Recorded while no mail server was configured: never sent.
    NotConfigured,
    /// Given up after too many failures.
    Failed,
}

impl MailState {
    pub fn code(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sent => "sent",
            Self::NotConfigured => "not_configured",
            Self::Failed => "failed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Pending, Self::Sent, Self::NotConfigured, Self::Failed]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// A message to record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewMail {
    /// `receipt`, `notice`, `decision`, `digest`.
    pub kind: String,
    pub recipient: String,
    /// The display name of the sender (the agency's name).
    pub sender_name: String,
    pub subject: String,
    pub body: String,
    pub agency: Option<AgencyId>,
    pub application: Option<ApplicationId>,
    /// The tracking number, or the digest's day.
    pub reference: String,
    /// A kept letter of `application` whose PDF goes with the message.
    pub letter: Option<i64>,
    /// The staff account a digest is for.
    pub account: Option<AccountId>,
    /// `false` records it as not configured: no mail server to send it through.
    pub send: bool,
}

/// A recorded message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMail {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub sender_name: String,
    pub subject: String,
    pub body: String,
    pub agency: Option<AgencyId>,
    pub application: Option<ApplicationId>,
    pub reference: String,
    pub letter: Option<i64>,
    pub account: Option<AccountId>,
    pub created_at_ms: i64,
    pub state: MailState,
    pub attempts: i64,
    pub next_attempt_at_ms: i64,
    pub sent_at_ms: Option<i64>,
    pub last_error: Option<String>,
}

pub trait MailStore {
    /// Records messages (all or none).
    fn queue_mail(&self, mail: &[NewMail]) -> impl Future<Output = StoreResult<Vec<i64>>> + Send;
    /// Pending messages whose time has come and that no node holds, oldest first, at most `limit`.
    fn due_mail(&self, limit: i64) -> impl Future<Output = StoreResult<Vec<StoredMail>>> + Send;
    /// Holds message `id` for `lease_ms` to send it; `false` if another node holds it or it is no longer
    /// pending.
    fn claim_mail(&self, id: i64, lease_ms: i64) -> impl Future<Output = StoreResult<bool>> + Send;
    /// The message went out.
    fn mail_sent(&self, id: i64) -> impl Future<Output = StoreResult<()>> + Send;
    /// Sending failed with `error`: counted, and tried again at `retry_at_ms`, or given up when `None`.
    fn mail_failed(
        &self,
        id: i64,
        error: &str,
        retry_at_ms: Option<i64>,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// The messages about one application, oldest first.
    fn mail_of_application(
        &self,
        application: ApplicationId,
    ) -> impl Future<Output = StoreResult<Vec<StoredMail>>> + Send;
    /// Sets (or, with an empty text, clears) the address a staff account's digest goes to.
    fn set_account_email(
        &self,
        id: AccountId,
        email: &str,
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// The account's address, empty when none.
    fn account_email(&self, id: AccountId) -> impl Future<Output = StoreResult<String>> + Send;
    /// Active accounts of an agency with an address, with it, by id.
    fn digest_recipients(&self)
    -> impl Future<Output = StoreResult<Vec<(Account, String)>>> + Send;
    /// Records that `day`'s digest is queued and queues `mail` with it, in one transaction; `false` (and
    /// nothing queued) when that day's digest was queued before.
    fn queue_digest(
        &self,
        day: &str,
        mail: &[NewMail],
    ) -> impl Future<Output = StoreResult<bool>> + Send;
}

const COLUMNS: &str = "id, kind, recipient, sender_name, subject, body, agency_id, application_id, reference, \
     letter_id, account_id, created_at_ms, state, attempts, next_attempt_at_ms, sent_at_ms, last_error";

fn mail(row: &AnyRow) -> StoreResult<StoredMail> {
    let state: String = row.try_get("state")?;
    Ok(StoredMail {
        id: row.try_get("id")?,
        kind: row.try_get("kind")?,
        recipient: row.try_get("recipient")?,
        sender_name: row.try_get("sender_name")?,
        subject: row.try_get("subject")?,
        body: row.try_get("body")?,
        agency: row.try_get::<Option<i64>, _>("agency_id")?.map(AgencyId),
        application: row
            .try_get::<Option<i64>, _>("application_id")?
            .map(ApplicationId),
        reference: row.try_get("reference")?,
        letter: row.try_get("letter_id")?,
        account: row.try_get::<Option<i64>, _>("account_id")?.map(AccountId),
        created_at_ms: row.try_get("created_at_ms")?,
        state: MailState::from_code(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("mail state '{state}'")))?,
        attempts: row.try_get("attempts")?,
        next_attempt_at_ms: row.try_get("next_attempt_at_ms")?,
        sent_at_ms: row.try_get("sent_at_ms")?,
        last_error: row.try_get("last_error")?,
    })
}

async fn insert(conn: &mut sqlx::AnyConnection, m: &NewMail, now_ms: i64) -> StoreResult<i64> {
    let state = if m.send {
        MailState::Pending
    } else {
        MailState::NotConfigured
    };
    Ok(sqlx::query_scalar(
        "INSERT INTO mail_outbox (kind, recipient, sender_name, subject, body, agency_id, application_id, \
         reference, letter_id, account_id, created_at_ms, state, attempts, next_attempt_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 0, $11) RETURNING id",
    )
    .bind(&m.kind)
    .bind(&m.recipient)
    .bind(&m.sender_name)
    .bind(&m.subject)
    .bind(&m.body)
    .bind(m.agency.map(|a| a.0))
    .bind(m.application.map(|a| a.0))
    .bind(&m.reference)
    .bind(m.letter)
    .bind(m.account.map(|a| a.0))
    .bind(now_ms)
    .bind(state.code())
    .fetch_one(conn)
    .await?)
}

impl MailStore for Store {
    async fn queue_mail(&self, mail: &[NewMail]) -> StoreResult<Vec<i64>> {
        let mut w = self.begin_write().await?;
        let mut ids = Vec::with_capacity(mail.len());
        for m in mail {
            let now = w.now_ms;
            ids.push(insert(w.conn(), m, now).await?);
        }
        w.commit().await?;
        Ok(ids)
    }

    async fn due_mail(&self, limit: i64) -> StoreResult<Vec<StoredMail>> {
        let now = now_ms();
        let sql = format!(
            "SELECT {COLUMNS} FROM mail_outbox WHERE state = 'pending' AND next_attempt_at_ms <= $1 \
             AND (lease_until_ms IS NULL OR lease_until_ms < $1) ORDER BY id LIMIT $2"
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(now)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(mail).collect()
    }

    async fn claim_mail(&self, id: i64, lease_ms: i64) -> StoreResult<bool> {
        let mut w = self.begin_write().await?;
        let now = w.now_ms;
        let claimed = sqlx::query(
            "UPDATE mail_outbox SET lease_until_ms = $1 WHERE id = $2 AND state = 'pending' \
             AND (lease_until_ms IS NULL OR lease_until_ms < $3)",
        )
        .bind(now.saturating_add(lease_ms))
        .bind(id)
        .bind(now)
        .execute(w.conn())
        .await?;
        w.commit().await?;
        Ok(claimed.rows_affected() == 1)
    }

    async fn mail_sent(&self, id: i64) -> StoreResult<()> {
        let mut w = self.begin_write().await?;
        let now = w.now_ms;
        sqlx::query(
            "UPDATE mail_outbox SET state = 'sent', sent_at_ms = $1, attempts = attempts + 1, \
             lease_until_ms = NULL, last_error = NULL WHERE id = $2",
        )
        .bind(now)
        .bind(id)
        .execute(w.conn())
        .await?;
        w.commit().await
    }

    async fn mail_failed(&self, id: i64, error: &str, retry_at_ms: Option<i64>) -> StoreResult<()> {
        let mut w = self.begin_write().await?;
        let state = match retry_at_ms {
            Some(_) => MailState::Pending,
            None => MailState::Failed,
        };
        sqlx::query(
            "UPDATE mail_outbox SET state = $1, attempts = attempts + 1, last_error = $2, \
             next_attempt_at_ms = $3, lease_until_ms = NULL WHERE id = $4",
        )
        .bind(state.code())
        .bind(error)
        .bind(retry_at_ms.unwrap_or(0))
        .bind(id)
        .execute(w.conn())
        .await?;
        w.commit().await
    }

    async fn mail_of_application(
        &self,
        application: ApplicationId,
    ) -> StoreResult<Vec<StoredMail>> {
        let sql =
            format!("SELECT {COLUMNS} FROM mail_outbox WHERE application_id = $1 ORDER BY id");
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(application.0)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(mail).collect()
    }

    async fn set_account_email(
        &self,
        id: AccountId,
        email: &str,
        by: &ActorRef,
    ) -> StoreResult<()> {
        let mut w = self.begin_write().await?;
        let agency: Option<Option<i64>> =
            sqlx::query_scalar("SELECT agency_id FROM accounts WHERE id = $1")
                .bind(id.0)
                .fetch_optional(w.conn())
                .await?;
        let Some(agency) = agency else {
            return Err(StoreError::NotFound { what: "account" });
        };
        sqlx::query("UPDATE accounts SET email = $1 WHERE id = $2")
            .bind(email)
            .bind(id.0)
            .execute(w.conn())
            .await?;
        w.audit(&AuditEntry {
            actor: by.clone(),
            action: AuditAction::AccountEmail,
            agency,
            target: format!("account:{}", id.0),
            detail: serde_json::json!({ "email": email }).to_string(),
        })
        .await?;
        w.commit().await
    }

    async fn account_email(&self, id: AccountId) -> StoreResult<String> {
        let email: Option<String> = sqlx::query_scalar("SELECT email FROM accounts WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        email.ok_or(StoreError::NotFound { what: "account" })
    }

    async fn digest_recipients(&self) -> StoreResult<Vec<(Account, String)>> {
        let sql = format!(
            "SELECT {ACCOUNT_COLUMNS}, email FROM accounts WHERE active = 1 AND agency_id IS NOT NULL \
             AND email <> '' ORDER BY id"
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((rows::account(r)?, r.try_get("email")?)))
            .collect()
    }

    async fn queue_digest(&self, day: &str, mail: &[NewMail]) -> StoreResult<bool> {
        let mut w = self.begin_write().await?;
        let now = w.now_ms;
        let first = sqlx::query(
            "INSERT INTO mail_digest_days (day, queued_at_ms, messages) VALUES ($1, $2, $3) \
             ON CONFLICT (day) DO NOTHING",
        )
        .bind(day)
        .bind(now)
        .bind(i64::try_from(mail.len()).unwrap_or(i64::MAX))
        .execute(w.conn())
        .await?;
        if first.rows_affected() == 0 {
            return Ok(false);
        }
        for m in mail {
            insert(w.conn(), m, now).await?;
        }
        w.commit().await?;
        Ok(true)
    }
}
