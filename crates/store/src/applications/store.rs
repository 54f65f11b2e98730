//! [`ApplicationStore`] for [`Store`]: every write with its audit event, in one transaction.

use chrono::NaiveDate;
use gongkai_domain::agency::AgencyId;
use gongkai_domain::application::event::Event;
use gongkai_domain::application::intake::{Channel, Delivery, InfoForm, TrackingNo};
use gongkai_domain::application::outcome::ApplicantKind;
use gongkai_domain::application::status::Status;
use gongkai_domain::audit::{ActorRef, AuditAction, AuditEntry};
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};

use super::{
    ApplicationEvent, ApplicationId, ApplicationStore, LetterFile, NewApplication, RecordStep,
    StoredApplication, StoredLetter,
};
use crate::Store;
use crate::catalog::rows::date;
use crate::error::{StoreError, StoreResult};
use crate::write::WriteTx;

pub(super) const COLUMNS: &str = "id, agency_id, tracking_no, query_code_hash, applicant_kind, applicant, description, \
     info_form, delivery, channel, received_on, status_detail, decided_on, created_at_ms";

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} '{value}'"))
}

/// What personal data of an application is bound to when sealed (its table and column).
pub(super) const APPLICANT_CONTEXT: &[u8] = b"applications.applicant";

/// Seals the applicant's JSON when the store has keys; as it is otherwise.
pub(crate) fn seal_applicant(
    ring: Option<&crate::crypto::Keyring>,
    plain: &str,
) -> StoreResult<String> {
    match ring {
        Some(ring) => Ok(ring.seal(plain.as_bytes(), APPLICANT_CONTEXT)?),
        None => Ok(plain.to_owned()),
    }
}

/// The applicant's JSON as stored, opened: a value written before encryption is read as it is.
pub(crate) fn open_applicant(
    ring: Option<&crate::crypto::Keyring>,
    stored: String,
) -> StoreResult<String> {
    let Some(ring) = ring else {
        if stored.starts_with("gk-enc:") {
            return Err(crate::crypto::KeyError::UnknownKey("(no key file)".into()).into());
        }
        return Ok(stored);
    };
    match ring.open(&stored, APPLICANT_CONTEXT)? {
        Some(plain) => {
            String::from_utf8(plain).map_err(|_| crate::crypto::KeyError::Damaged.into())
        }
        None => Ok(stored),
    }
}

impl Store {
    /// A row of `applications` with its applicant opened.
    pub(super) fn row_to_application(&self, row: &AnyRow) -> StoreResult<StoredApplication> {
        let mut app = decode_row(row)?;
        app.applicant = open_applicant(self.keyring().as_deref(), app.applicant)?;
        Ok(app)
    }
}

fn decode_row(row: &AnyRow) -> StoreResult<StoredApplication> {
    let kind: String = row.try_get("applicant_kind")?;
    let status: String = row.try_get("status_detail")?;
    let tracking_no: String = row.try_get("tracking_no")?;
    let info_form: String = row.try_get("info_form")?;
    let delivery: String = row.try_get("delivery")?;
    let channel: String = row.try_get("channel")?;
    let optional_date = |col: &str| -> StoreResult<Option<NaiveDate>> {
        row.try_get::<Option<String>, _>(col)?
            .as_deref()
            .map(date)
            .transpose()
    };
    Ok(StoredApplication {
        id: ApplicationId(row.try_get("id")?),
        agency: AgencyId(row.try_get("agency_id")?),
        tracking_no: TrackingNo::parse(&tracking_no)
            .map_err(|_| corrupt("tracking number", &tracking_no))?,
        query_code_hash: row.try_get("query_code_hash")?,
        applicant_kind: ApplicantKind::from_code(&kind)
            .ok_or_else(|| corrupt("applicant kind", &kind))?,
        applicant: row.try_get("applicant")?,
        description: row.try_get("description")?,
        info_form: InfoForm::from_code(&info_form).ok_or_else(|| corrupt("form", &info_form))?,
        delivery: Delivery::from_code(&delivery).ok_or_else(|| corrupt("delivery", &delivery))?,
        channel: Channel::from_code(&channel).ok_or_else(|| corrupt("channel", &channel))?,
        received_on: optional_date("received_on")?,
        status: serde_json::from_str(&status).map_err(|_| corrupt("status", &status))?,
        decided_on: optional_date("decided_on")?,
        created_at_ms: row.try_get("created_at_ms")?,
    })
}

pub(super) fn actor_text(by: &ActorRef) -> String {
    format!("{}:{}", by.kind(), by.name())
}

async fn load(w: &mut WriteTx, id: ApplicationId) -> StoreResult<StoredApplication> {
    let sql = format!("SELECT {COLUMNS} FROM applications WHERE id = $1");
    let row = sqlx::query(AssertSqlSafe(sql))
        .bind(id.0)
        .fetch_optional(w.conn())
        .await?;
    let mut app = decode_row(&row.ok_or(StoreError::NotFound {
        what: "application",
    })?)?;
    app.applicant = open_applicant(w.keyring.as_deref(), app.applicant)?;
    Ok(app)
}

/// Appends an event and returns its `seq`.
async fn append_event(
    w: &mut WriteTx,
    id: ApplicationId,
    event: &Event,
    on: NaiveDate,
    by: &ActorRef,
) -> StoreResult<i64> {
    let (kind, detail) = super::events::encode(event)?;
    let last: Option<i64> =
        sqlx::query_scalar("SELECT MAX(seq) FROM application_events WHERE application_id = $1")
            .bind(id.0)
            .fetch_one(w.conn())
            .await?;
    sqlx::query(
        "INSERT INTO application_events (application_id, seq, kind, on_date, detail, actor, at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id.0)
    .bind(last.unwrap_or(0) + 1)
    .bind(kind)
    .bind(on.to_string())
    .bind(&detail)
    .bind(actor_text(by))
    .bind(w.now_ms)
    .execute(w.conn())
    .await?;
    Ok(last.unwrap_or(0) + 1)
}

async fn last_seq(w: &mut WriteTx, id: ApplicationId) -> StoreResult<i64> {
    let last: Option<i64> =
        sqlx::query_scalar("SELECT MAX(seq) FROM application_events WHERE application_id = $1")
            .bind(id.0)
            .fetch_one(w.conn())
            .await?;
    Ok(last.unwrap_or(0))
}

/// One event (and its letter) with the state it leads to; `check_seen` refuses a step planned on an older state.
async fn record(
    store: &Store,
    step: &RecordStep<'_>,
    check_seen: bool,
    by: &ActorRef,
) -> StoreResult<StoredApplication> {
    let id = step.application;
    let mut w = store.begin_write().await?;
    let before = load(&mut w, id).await?;
    if before.status.is_closed() {
        return Err(StoreError::Refused(format!(
            "application {} is closed",
            before.tracking_no
        )));
    }
    if check_seen && last_seq(&mut w, id).await? != step.seen_seq {
        return Err(StoreError::Refused(format!(
            "application {} changed meanwhile; reload it and try again",
            before.tracking_no
        )));
    }
    let (event, on, status) = (step.event, step.on, step.status);
    let seq = append_event(&mut w, id, event, on, by).await?;
    let letter = match step.letter {
        Some(letter) => Some(super::letters::insert(&mut w, id, seq, letter).await?),
        None => None,
    };
    super::files::insert(&mut w, id, seq, step.files, &actor_text(by)).await?;
    let decided_on = if status.final_outcome().is_some() {
        Some(step.ended_on.unwrap_or(on))
    } else {
        before.decided_on
    };
    let received_on = before
        .received_on
        .or(matches!(event, Event::Received { .. }).then_some(on));
    sqlx::query(
        "UPDATE applications SET status = $1, status_detail = $2, decided_on = $3, received_on = $4, \
         updated_at_ms = $5 WHERE id = $6",
    )
    .bind(status.code())
    .bind(status_json(&status)?)
    .bind(decided_on.map(|d| d.to_string()))
    .bind(received_on.map(|d| d.to_string()))
    .bind(w.now_ms)
    .bind(id.0)
    .execute(w.conn())
    .await?;
    // The letter's digests go into the audit chain, so that a kept letter changed afterwards is caught.
    let mut detail =
        serde_json::json!({ "event": event.kind(), "on": on.to_string(), "status": status.code() });
    if let Some((docx, pdf)) = letter {
        detail["letter_docx_sha256"] = docx.into();
        detail["letter_pdf_sha256"] = pdf.into();
    }
    if let Some(number) = step.letter.and_then(|l| l.number.as_ref()) {
        detail["letter_doc_no"] = number.text.clone().into();
    }
    // The files' digests too, so that a kept file changed on disk afterwards is caught.
    if !step.files.is_empty() {
        detail["files_sha256"] = step
            .files
            .iter()
            .map(|f| serde_json::Value::from(f.sha256.clone()))
            .collect();
    }
    w.audit(&AuditEntry {
        actor: by.clone(),
        action: AuditAction::ApplicationEvent,
        agency: Some(before.agency.0),
        target: format!("application:{}", before.tracking_no),
        detail: detail.to_string(),
    })
    .await?;
    let stored = load(&mut w, id).await?;
    w.commit().await?;
    Ok(stored)
}

/// Every event of `kinds` on `agency`'s applications, by application then in order: one query for what a
/// report reads of all of them (the fees of section 六), not one per application.
impl Store {
    pub async fn agency_events_of_kinds(
        &self,
        agency: gongkai_domain::agency::AgencyId,
        kinds: &[&str],
    ) -> StoreResult<Vec<(ApplicationId, ApplicationEvent)>> {
        let mut out = Vec::new();
        for kind in kinds {
            let found = sqlx::query(
                "SELECT e.application_id, e.seq, e.kind, e.on_date, e.detail, e.actor FROM application_events e \
                 JOIN applications a ON a.id = e.application_id WHERE a.agency_id = $1 AND e.kind = $2",
            )
            .bind(agency.0)
            .bind(*kind)
            .fetch_all(&self.pool)
            .await?;
            for row in &found {
                let id = ApplicationId(row.try_get("application_id")?);
                let on: String = row.try_get("on_date")?;
                let seq = row.try_get("seq")?;
                let kind: String = row.try_get("kind")?;
                let detail: String = row.try_get("detail")?;
                out.push((
                    id,
                    ApplicationEvent {
                        seq,
                        on: date(&on)?,
                        event: super::events::decode(id, seq, &kind, &detail)?,
                        actor: row.try_get("actor")?,
                    },
                ));
            }
        }
        out.sort_by_key(|(id, e)| (*id, e.seq));
        Ok(out)
    }
}

pub(super) fn status_json(status: &Status) -> StoreResult<String> {
    serde_json::to_string(status).map_err(|e| StoreError::Corrupt(format!("status: {e}")))
}

impl ApplicationStore for Store {
    async fn create_application(
        &self,
        new: &NewApplication,
        year: i32,
        by: &ActorRef,
    ) -> StoreResult<StoredApplication> {
        let mut w = self.begin_write().await?;
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
        let status = Status::Received;
        let row = sqlx::query(
            "INSERT INTO applications (agency_id, tracking_no, query_code_hash, applicant_kind, applicant, \
             description, info_form, delivery, channel, received_on, status, status_detail, created_at_ms, \
             updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id",
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
        .bind(new.received_on.map(|d| d.to_string()))
        .bind(status.code())
        .bind(status_json(&status)?)
        .bind(w.now_ms)
        .fetch_one(w.conn())
        .await?;
        let id = ApplicationId(row.try_get("id")?);
        if let Some(on) = new.received_on {
            let received = Event::Received {
                channel: new.channel,
            };
            append_event(&mut w, id, &received, on, by).await?;
        }
        w.audit(&AuditEntry {
            actor: by.clone(),
            action: AuditAction::ApplicationReceive,
            agency: Some(new.agency.0),
            target: format!("application:{tracking}"),
            // The audit trail records that an application came in, not the applicant's personal data.
            detail: serde_json::json!({ "tracking_no": tracking, "channel": new.channel.code() })
                .to_string(),
        })
        .await?;
        let stored = load(&mut w, id).await?;
        w.commit().await?;
        Ok(stored)
    }

    async fn application(&self, id: ApplicationId) -> StoreResult<Option<StoredApplication>> {
        let sql = format!("SELECT {COLUMNS} FROM applications WHERE id = $1");
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(|r| self.row_to_application(r)).transpose()
    }

    async fn application_by_tracking_no(
        &self,
        tracking_no: &TrackingNo,
    ) -> StoreResult<Option<StoredApplication>> {
        let sql = format!("SELECT {COLUMNS} FROM applications WHERE tracking_no = $1");
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(tracking_no.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(|r| self.row_to_application(r)).transpose()
    }

    async fn record_application_event(
        &self,
        id: ApplicationId,
        event: &Event,
        on: NaiveDate,
        status: Status,
        by: &ActorRef,
    ) -> StoreResult<StoredApplication> {
        let step = RecordStep {
            application: id,
            seen_seq: -1,
            event,
            on,
            status,
            ended_on: None,
            letter: None,
            files: &[],
        };
        record(self, &step, false, by).await
    }

    async fn record_step(
        &self,
        step: &RecordStep<'_>,
        by: &ActorRef,
    ) -> StoreResult<StoredApplication> {
        record(self, step, true, by).await
    }

    async fn next_letter_serial(
        &self,
        agency: AgencyId,
        year: i32,
        kind: &str,
    ) -> StoreResult<i64> {
        super::letters::next_serial(self, agency, year, kind).await
    }

    async fn application_letters(&self, id: ApplicationId) -> StoreResult<Vec<StoredLetter>> {
        super::letters::list(self, id).await
    }

    async fn application_letter_file(
        &self,
        id: ApplicationId,
        letter: i64,
        file: LetterFile,
    ) -> StoreResult<Option<Vec<u8>>> {
        super::letters::file(self, id, letter, file).await
    }

    async fn application_files(
        &self,
        id: ApplicationId,
    ) -> StoreResult<Vec<super::StoredApplicationFile>> {
        super::files::list(self, id).await
    }

    async fn application_file(
        &self,
        id: ApplicationId,
        file: i64,
    ) -> StoreResult<Option<super::StoredApplicationFile>> {
        super::files::one(self, id, file).await
    }

    async fn application_events(&self, id: ApplicationId) -> StoreResult<Vec<ApplicationEvent>> {
        let found = sqlx::query(
            "SELECT seq, kind, on_date, detail, actor FROM application_events WHERE application_id = $1 ORDER BY seq",
        )
        .bind(id.0)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(found.len());
        for row in &found {
            let on: String = row.try_get("on_date")?;
            let seq = row.try_get("seq")?;
            let kind: String = row.try_get("kind")?;
            let detail: String = row.try_get("detail")?;
            out.push(ApplicationEvent {
                seq,
                on: date(&on)?,
                event: super::events::decode(id, seq, &kind, &detail)?,
                actor: row.try_get("actor")?,
            });
        }
        Ok(out)
    }

    async fn applications_of(
        &self,
        agency: AgencyId,
        open_only: bool,
    ) -> StoreResult<Vec<StoredApplication>> {
        let closed = Status::CLOSED_CODES
            .iter()
            .map(|c| format!("'{c}'"))
            .collect::<Vec<_>>()
            .join(",");
        // The codes are the domain's own constants, never user text.
        let filter = if open_only {
            format!(" AND status NOT IN ({closed})")
        } else {
            String::new()
        };
        let sql = format!(
            "SELECT {COLUMNS} FROM applications WHERE agency_id = $1{filter} ORDER BY id DESC"
        );
        let found = sqlx::query(AssertSqlSafe(sql))
            .bind(agency.0)
            .fetch_all(&self.pool)
            .await?;
        found.iter().map(|r| self.row_to_application(r)).collect()
    }

    async fn applications_filed_since(
        &self,
        agency: AgencyId,
        since_ms: i64,
    ) -> StoreResult<Vec<StoredApplication>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM applications WHERE agency_id = $1 AND created_at_ms >= $2 \
             ORDER BY created_at_ms DESC, id DESC"
        );
        let found = sqlx::query(AssertSqlSafe(sql))
            .bind(agency.0)
            .bind(since_ms)
            .fetch_all(&self.pool)
            .await?;
        found.iter().map(|r| self.row_to_application(r)).collect()
    }

    async fn search_applications(
        &self,
        agency: AgencyId,
        query: &super::ApplicationQuery,
    ) -> StoreResult<Vec<StoredApplication>> {
        super::search::search(self, agency, query).await
    }
}
