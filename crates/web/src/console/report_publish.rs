//! The console's form to publish an annual report (`gongkai_app::reports::publish` decides): refused while an
//! error finding stands or warnings are unconfirmed, the page shows why.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use gongkai_app::reports::{PublishRefusal, PublishRequest, publish};
use serde::Deserialize;

use super::reports::{render_page, report_year};
use crate::auth::{Access, can};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PublishForm {
    /// The reviewer read the warnings and confirms them ("on" from a checkbox, or true in JSON).
    #[serde(deserialize_with = "crate::forms::checkbox")]
    confirm_warnings: bool,
    /// For a correction: why this version replaces the one before.
    note: String,
    /// The reviewer confirms that the report becomes public and is not silently taken back (the console's
    /// form asks for it; the staff API's call is itself the deliberate act).
    #[serde(deserialize_with = "crate::forms::checkbox")]
    confirm_publication: bool,
}

impl PublishForm {
    pub fn request(&self) -> PublishRequest {
        PublishRequest {
            confirm_warnings: self.confirm_warnings,
            note: self.note.clone(),
        }
    }
}

pub async fn from_console(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::ReviewRecords>,
    Path((_, year)): Path<(i64, i32)>,
    Form(form): Form<PublishForm>,
) -> Result<Response, WebError> {
    let year = report_year(&state, year)?;
    if !form.confirm_publication {
        return render_page(
            &state,
            lang,
            &access,
            year,
            Some("report_publish_unconfirmed"),
        )
        .await;
    }
    let by = access.official.actor_ref();
    let problem = match publish(&state, &access.agency, year, &form.request(), &by).await {
        Ok(_) => {
            let path = format!("/console/agencies/{}/reports/{year}", access.agency.id.0);
            return Ok(super::flash::redirect(&state, &path, "report_publish"));
        }
        Err(PublishRefusal::App(e)) => return Err(e.into()),
        Err(refusal) => refusal.code().message_key(),
    };
    render_page(&state, lang, &access, year, Some(problem)).await
}
