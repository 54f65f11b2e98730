//! A published report's files as the portal serves them (条例第四十九条: published reports stay readable).
//! Every version keeps the files made when it was published; a version published before gongkai wrote OFD
//! has none, and its OFD is made from the version's stored JSON figures, which are the report as published.

use gongkai_domain::agency::AgencyId;
use gongkai_report::json::from_json;
use gongkai_report::render::{RenderTarget, render};
use gongkai_store::{Publication, PublishedFile};

use crate::context::App;
use crate::error::{AppError, AppResult};

/// One file of a published version (`None` for the latest version); `None` when there is no such version.
pub async fn published_file(
    app: &App,
    agency: AgencyId,
    year: i32,
    version: Option<i64>,
    file: PublishedFile,
) -> AppResult<Option<(Publication, Vec<u8>)>> {
    let found = app
        .store
        .published_file(agency, year, version, file)
        .await?;
    match found {
        Some((publication, body)) if file == PublishedFile::Ofd && body.is_empty() => {
            let Some((_, json)) = app
                .store
                .published_file(agency, year, Some(publication.version), PublishedFile::Json)
                .await?
            else {
                return Ok(None);
            };
            // Typesetting takes CPU for a moment; keep it off the request threads.
            let ofd = tokio::task::spawn_blocking(move || {
                let text = String::from_utf8_lossy(&json);
                from_json(&text).and_then(|report| render(&report, RenderTarget::Ofd))
            })
            .await
            .map_err(AppError::internal)?
            .map_err(AppError::internal)?;
            Ok(Some((publication, ofd)))
        }
        other => Ok(other),
    }
}
