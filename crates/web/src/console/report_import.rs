//! Importing a report the agency published before it used gongkai (any file the parser reads), from the report
//! page: the year after it is then checked against it.

use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};

use super::reports::render_page;
use crate::auth::{Access, can};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::pages::error_key;
use crate::state::AppState;
use gongkai_app::reports::import;

pub async fn upload(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::HandleRecords>,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut year: Option<i32> = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| WebError::TooLarge)?
    {
        match field.name() {
            Some("file") => {
                let name = field.file_name().unwrap_or("report").to_owned();
                let bytes = field.bytes().await.map_err(|_| WebError::TooLarge)?;
                file = Some((name, bytes.to_vec()));
            }
            Some("year") => {
                year = field.text().await.ok().and_then(|t| t.trim().parse().ok());
            }
            _ => {}
        }
    }
    let shown = chrono::Datelike::year(&state.today()) - 1;
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return render_page(
            &state,
            lang,
            &access,
            shown,
            Some("error_report_import_unreadable"),
        )
        .await;
    };
    match import(
        &state.store,
        &access.agency,
        &bytes,
        &name,
        year,
        &access.official.actor_ref(),
    )
    .await
    {
        Ok(imported) => Ok(Redirect::to(&format!(
            "/console/agencies/{}/reports/{}",
            access.agency.id.0,
            (imported.year + 1).min(shown)
        ))
        .into_response()),
        Err(e) => {
            let key = error_key(e.code());
            let key: &'static str = match key.as_str() {
                "error_report_import_no_year" => "error_report_import_no_year",
                _ => "error_report_import_unreadable",
            };
            render_page(&state, lang, &access, shown, Some(key)).await
        }
    }
}
