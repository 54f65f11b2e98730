//! The letters served on applicants, kept byte for byte: stored in the same transaction as the event they were
//! served with, never updated, with their SHA-256 (which also goes into the audit chain).

use sqlx::Row;

use gongkai_domain::agency::AgencyId;

use super::{ApplicationId, LetterFile, LetterNumber, NewLetter, StoredLetter};
use crate::Store;
use crate::catalog::rows::date;
use crate::error::{StoreError, StoreResult};
use crate::write::WriteTx;

/// Stores a letter served with event `seq`; returns the digests of the DOCX and of the PDF (SHA-256, or SM3
/// tagged `sm3:` with 国密).
pub(super) async fn insert(
    w: &mut WriteTx,
    id: ApplicationId,
    seq: i64,
    letter: &NewLetter,
) -> StoreResult<(String, String)> {
    if let Some(number) = &letter.number {
        claim(w, number, &letter.kind).await?;
    }
    let docx_sha = w.chain_hash.digest(&letter.docx);
    let pdf_sha = w.chain_hash.digest(&letter.pdf);
    sqlx::query(
        "INSERT INTO application_letters (application_id, event_seq, kind, served_on, service, text_body, \
         docx, pdf, docx_sha256, pdf_sha256, created_at_ms, doc_no) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(id.0)
    .bind(seq)
    .bind(&letter.kind)
    .bind(letter.served_on.to_string())
    .bind(&letter.service)
    .bind(&letter.text)
    .bind(letter.docx.clone())
    .bind(letter.pdf.clone())
    .bind(&docx_sha)
    .bind(&pdf_sha)
    .bind(w.now_ms)
    .bind(letter.number.as_ref().map(|n| n.text.clone()))
    .execute(w.conn())
    .await?;
    Ok((docx_sha, pdf_sha))
}

/// Moves the counter of the number's agency, year and kind from `serial - 1` to `serial`, or refuses when it
/// is elsewhere (another letter claimed the serial first). One statement does both on either backend: the
/// first number of a year inserts the row; a later one updates it only from the serial before, and PostgreSQL
/// re-checks that condition after waiting for a concurrent claim, so two claims of one serial never both
/// succeed.
async fn claim(w: &mut WriteTx, number: &LetterNumber, kind: &str) -> StoreResult<()> {
    let claimed: Option<i64> = sqlx::query_scalar(
        "INSERT INTO letter_serials (agency_id, year, kind, last_serial) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (agency_id, year, kind) DO UPDATE SET last_serial = excluded.last_serial \
         WHERE letter_serials.last_serial = excluded.last_serial - 1 RETURNING last_serial",
    )
    .bind(number.agency.0)
    .bind(i64::from(number.year))
    .bind(kind)
    .bind(number.serial)
    .fetch_optional(w.conn())
    .await?;
    // A first serial other than 1 would leave a gap; a serial nobody may claim is a caller's error.
    if claimed != Some(number.serial) || number.serial < 1 {
        return Err(StoreError::Conflict { field: "doc_no" });
    }
    Ok(())
}

pub(super) async fn next_serial(
    store: &Store,
    agency: AgencyId,
    year: i32,
    kind: &str,
) -> StoreResult<i64> {
    let last: Option<i64> = sqlx::query_scalar(
        "SELECT last_serial FROM letter_serials WHERE agency_id = $1 AND year = $2 AND kind = $3",
    )
    .bind(agency.0)
    .bind(i64::from(year))
    .bind(kind)
    .fetch_optional(&store.pool)
    .await?;
    Ok(last.unwrap_or(0) + 1)
}

pub(super) async fn list(store: &Store, id: ApplicationId) -> StoreResult<Vec<StoredLetter>> {
    let rows = sqlx::query(
        "SELECT id, event_seq, kind, doc_no, served_on, service, text_body, docx_sha256, pdf_sha256 \
         FROM application_letters WHERE application_id = $1 ORDER BY id",
    )
    .bind(id.0)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|row| {
            let served_on: String = row.try_get("served_on")?;
            Ok(StoredLetter {
                id: row.try_get("id")?,
                application: id,
                event_seq: row.try_get("event_seq")?,
                kind: row.try_get("kind")?,
                doc_no: row.try_get("doc_no")?,
                served_on: date(&served_on)?,
                service: row.try_get("service")?,
                text: row.try_get("text_body")?,
                docx_sha256: row.try_get("docx_sha256")?,
                pdf_sha256: row.try_get("pdf_sha256")?,
            })
        })
        .collect()
}

pub(super) async fn file(
    store: &Store,
    id: ApplicationId,
    letter: i64,
    file: LetterFile,
) -> StoreResult<Option<Vec<u8>>> {
    // The column name is one of two constants, never from input.
    let sql = match file {
        LetterFile::Docx => {
            "SELECT docx FROM application_letters WHERE application_id = $1 AND id = $2"
        }
        LetterFile::Pdf => {
            "SELECT pdf FROM application_letters WHERE application_id = $1 AND id = $2"
        }
    };
    let bytes: Option<Vec<u8>> = sqlx::query_scalar(sql)
        .bind(id.0)
        .bind(letter)
        .fetch_optional(&store.pool)
        .await?;
    Ok(bytes)
}
