//! Published annual reports: every publication a new, immutable version with its files as published; a
//! correction is a later version with a note, and earlier versions stay readable (条例第四十九条).

use chrono::NaiveDate;
use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::{ActorRef, AuditAction, AuditEntry};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::Store;
use crate::catalog::rows::date;
use crate::error::StoreResult;

/// What is published: the report's JSON figures and its renderings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPublication {
    pub agency: AgencyId,
    pub year: i32,
    /// Why this version replaces the one before (empty for the first).
    pub note: String,
    pub report_json: String,
    pub html: String,
    pub docx: Vec<u8>,
    pub pdf: Vec<u8>,
    /// The OFD rendering (GB/T 33190).
    pub ofd: Vec<u8>,
    pub published_on: NaiveDate,
}

/// One published version, without its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publication {
    pub agency: AgencyId,
    pub year: i32,
    pub version: i64,
    pub note: String,
    pub published_on: NaiveDate,
    pub published_by: String,
}

/// A published version with its page, in publication order: what the reports' search index reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedPage {
    /// Grows in commit order (writers are serialised), so an index can follow it without missing one.
    pub seq: i64,
    pub publication: Publication,
    pub html: String,
}

/// Which file of a publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishedFile {
    Json,
    Html,
    Docx,
    Pdf,
    /// Absent (an empty body) for versions published before gongkai wrote OFD.
    Ofd,
}

const COLUMNS: &str = "agency_id, year, version, note, published_on, published_by";

fn publication(row: &AnyRow) -> StoreResult<Publication> {
    let on: String = row.try_get("published_on")?;
    Ok(Publication {
        agency: AgencyId(row.try_get("agency_id")?),
        year: i32::try_from(row.try_get::<i64, _>("year")?).unwrap_or_default(),
        version: row.try_get("version")?,
        note: row.try_get("note")?,
        published_on: date(&on)?,
        published_by: row.try_get("published_by")?,
    })
}

impl Store {
    /// Publishes the next version of `new.agency`'s report for `new.year`, with its audit event (which
    /// carries the digests of the files, so that a file changed afterwards is caught).
    pub async fn publish_report(
        &self,
        new: &NewPublication,
        by: &ActorRef,
    ) -> StoreResult<Publication> {
        let mut w = self.begin_write().await?;
        let last: Option<i64> = sqlx::query_scalar(
            "SELECT MAX(version) FROM published_reports WHERE agency_id = $1 AND year = $2",
        )
        .bind(new.agency.0)
        .bind(i64::from(new.year))
        .fetch_one(w.conn())
        .await?;
        let version = last.unwrap_or(0) + 1;
        let by_text = format!("{}:{}", by.kind(), by.name());
        sqlx::query(
            "INSERT INTO published_reports (agency_id, year, version, note, report_json, html, docx, pdf, \
             ofd, published_on, published_by, created_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(new.agency.0)
        .bind(i64::from(new.year))
        .bind(version)
        .bind(&new.note)
        .bind(&new.report_json)
        .bind(&new.html)
        .bind(new.docx.clone())
        .bind(new.pdf.clone())
        .bind(new.ofd.clone())
        .bind(new.published_on.to_string())
        .bind(&by_text)
        .bind(w.now_ms)
        .execute(w.conn())
        .await?;
        let algorithm = w.chain_hash;
        let digest = |b: &[u8]| algorithm.digest(b);
        w.audit(&AuditEntry {
            actor: by.clone(),
            action: AuditAction::ReportPublish,
            agency: Some(new.agency.0),
            target: format!("report:{}:v{version}", new.year),
            detail: serde_json::json!({
                "year": new.year, "version": version, "note": new.note,
                "json_sha256": digest(new.report_json.as_bytes()),
                "docx_sha256": digest(&new.docx), "pdf_sha256": digest(&new.pdf),
                "ofd_sha256": digest(&new.ofd),
            })
            .to_string(),
        })
        .await?;
        w.commit().await?;
        Ok(Publication {
            agency: new.agency,
            year: new.year,
            version,
            note: new.note.clone(),
            published_on: new.published_on,
            published_by: by_text,
        })
    }

    /// Every published version of an agency's reports, the newest year first and its latest version first.
    pub async fn publications_of(&self, agency: AgencyId) -> StoreResult<Vec<Publication>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM published_reports WHERE agency_id = $1 ORDER BY year DESC, version DESC"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(agency.0)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(publication).collect()
    }

    /// Published versions after `after_seq`, in publication order, with their pages: feeds the search of
    /// annual reports on every node (a later version of a year replaces the earlier one there).
    pub async fn publications_since(
        &self,
        after_seq: i64,
        limit: u32,
    ) -> StoreResult<Vec<PublishedPage>> {
        let sql = format!(
            "SELECT id, {COLUMNS}, html FROM published_reports WHERE id > $1 ORDER BY id LIMIT $2"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(after_seq)
            .bind(i64::from(limit.clamp(1, 1000)))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(PublishedPage {
                    seq: row.try_get("id")?,
                    publication: publication(row)?,
                    html: row.try_get("html")?,
                })
            })
            .collect()
    }

    /// One file of a published version (`None` for the latest).
    pub async fn published_file(
        &self,
        agency: AgencyId,
        year: i32,
        version: Option<i64>,
        file: PublishedFile,
    ) -> StoreResult<Option<(Publication, Vec<u8>)>> {
        // The column is one of five constants, never from input.
        let column = match file {
            PublishedFile::Json => "report_json",
            PublishedFile::Html => "html",
            PublishedFile::Docx => "docx",
            PublishedFile::Pdf => "pdf",
            PublishedFile::Ofd => "ofd",
        };
        let sql = format!(
            "SELECT {COLUMNS}, {column} AS body FROM published_reports WHERE agency_id = $1 AND year = $2 \
             AND ($3 = 0 OR version = $3) ORDER BY version DESC LIMIT 1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(agency.0)
            .bind(i64::from(year))
            .bind(version.unwrap_or(0))
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let body = match file {
            PublishedFile::Json | PublishedFile::Html => {
                row.try_get::<String, _>("body")?.into_bytes()
            }
            PublishedFile::Docx | PublishedFile::Pdf => row.try_get::<Vec<u8>, _>("body")?,
            PublishedFile::Ofd => row
                .try_get::<Option<Vec<u8>>, _>("body")?
                .unwrap_or_default(),
        };
        Ok(Some((publication(&row)?, body)))
    }
}
