//! Loading many applications with their whole history at once (`gongkai bench-data`, a migration from another
//! system): the rows `create_application` and `record_application_event` write, for a batch in one transaction
//! with one audit event, so that a hundred thousand applications load in seconds rather than one commit each.
//! The caller plans every step with the domain first; nothing here decides what is lawful.

use chrono::NaiveDate;
use gongkai_domain::application::event::Event;
use gongkai_domain::application::intake::TrackingNo;
use gongkai_domain::application::status::Status;
use gongkai_domain::audit::{ActorRef, AuditAction, AuditEntry};
use sqlx::Row;

use super::NewApplication;
use super::store::{actor_text, seal_applicant, status_json};
use crate::Store;
use crate::error::{StoreError, StoreResult};

/// One step already planned by the domain: the event, its day, the state it leads to and, when it closes the
/// application, the day it ends in law.
#[derive(Debug, Clone)]
pub struct LoadedStep {
    pub event: Event,
    pub on: NaiveDate,
    pub status: Status,
    pub ended_on: Option<NaiveDate>,
}

/// An application and its steps after the receipt (the receipt is its first event).
#[derive(Debug, Clone)]
pub struct LoadedApplication {
    pub new: NewApplication,
    pub steps: Vec<LoadedStep>,
}

impl Store {
    /// Stores `batch` in one transaction: each application numbered in its receipt year, its events in order
    /// and its final state; one audit event names the batch. Returns the tracking numbers given.
    pub async fn load_applications(
        &self,
        batch: &[LoadedApplication],
        by: &ActorRef,
    ) -> StoreResult<Vec<String>> {
        let mut w = self.begin_write().await?;
        let actor = actor_text(by);
        let mut given = Vec::with_capacity(batch.len());
        for loaded in batch {
            let new = &loaded.new;
            let received = new.received_on.ok_or_else(|| {
                StoreError::Refused("a loaded application needs its receipt date".into())
            })?;
            let year = chrono::Datelike::year(&received);
            let last: Option<i64> =
                sqlx::query_scalar("SELECT last_serial FROM application_serials WHERE year = $1")
                    .bind(i64::from(year))
                    .fetch_optional(w.conn())
                    .await?;
            let serial = last.unwrap_or(0) + 1;
            let sql = if last.is_some() {
                "UPDATE application_serials SET last_serial = $2 WHERE year = $1"
            } else {
                "INSERT INTO application_serials (year, last_serial) VALUES ($1, $2)"
            };
            sqlx::query(sql)
                .bind(i64::from(year))
                .bind(serial)
                .execute(w.conn())
                .await?;
            let tracking = u64::try_from(serial)
                .ok()
                .and_then(|s| TrackingNo::new(year, s).ok())
                .ok_or_else(|| StoreError::Corrupt(format!("tracking number {year}-{serial}")))?
                .to_string();
            let last_step = loaded.steps.last();
            let status = last_step.map_or(Status::Received, |s| s.status);
            let decided_on = loaded
                .steps
                .iter()
                .rev()
                .find(|s| s.status.final_outcome().is_some())
                .map(|s| s.ended_on.unwrap_or(s.on));
            let row = sqlx::query(
                "INSERT INTO applications (agency_id, tracking_no, query_code_hash, applicant_kind, applicant, \
                 description, info_form, delivery, channel, received_on, status, status_detail, decided_on, \
                 created_at_ms, updated_at_ms) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id",
            )
            .bind(new.agency.0)
            .bind(&tracking)
            .bind(&new.query_code_hash)
            .bind(new.applicant_kind.code())
            .bind(seal_applicant(w.keyring.as_deref(), &new.applicant)?)
            .bind(&new.description)
            .bind(new.info_form.code())
            .bind(new.delivery.code())
            .bind(new.channel.code())
            .bind(received.to_string())
            .bind(status.code())
            .bind(status_json(&status)?)
            .bind(decided_on.map(|d| d.to_string()))
            .bind(w.now_ms)
            .fetch_one(w.conn())
            .await?;
            let id: i64 = row.try_get("id")?;
            let receipt = Event::Received {
                channel: new.channel,
            };
            let events = std::iter::once((&receipt, received))
                .chain(loaded.steps.iter().map(|s| (&s.event, s.on)));
            for (seq, (event, on)) in (1_i64..).zip(events) {
                let (kind, detail) = super::events::encode(event)?;
                sqlx::query(
                    "INSERT INTO application_events (application_id, seq, kind, on_date, detail, actor, at_ms) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(id)
                .bind(seq)
                .bind(kind)
                .bind(on.to_string())
                .bind(&detail)
                .bind(&actor)
                .bind(w.now_ms)
                .execute(w.conn())
                .await?;
            }
            given.push(tracking);
        }
        let detail = serde_json::json!({
            "loaded": given.len(),
            "first": given.first(),
            "last": given.last(),
        });
        w.audit(&AuditEntry {
            actor: by.clone(),
            action: AuditAction::ApplicationReceive,
            agency: None,
            target: "applications:loaded".into(),
            detail: detail.to_string(),
        })
        .await?;
        w.commit().await?;
        Ok(given)
    }
}
