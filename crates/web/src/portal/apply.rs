//! The online application form of an agency's 依申请公开 section, the receipt with the tracking number and query
//! code (the status page is `status`). The form goes through the same checks as `POST /api/v1/applications`.

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::StatusCode;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use gongkai_domain::agency::AgencyId;
use gongkai_domain::application::intake::check_id_proof;
use gongkai_domain::catalog::safe_file_name;
use gongkai_store::AgencyStore;
use minijinja::context;

use gongkai_app::applications::{IdProof, Intake, Refusal, receive};

use crate::error::{ErrorCode, WebError};
use crate::forms::application::{ApplyForm, choices};
use crate::i18n::Lang;
use crate::models::application::{Receipt, field_problems, form_errors};
use crate::pages::error_key;
use crate::state::AppState;
use crate::templates::ser;

async fn render(
    state: &AppState,
    lang: Lang,
    id: i64,
    form: &ApplyForm,
    errors: &BTreeMap<String, String>,
) -> Result<Response, WebError> {
    let agency = state
        .store
        .agency(AgencyId(id))
        .await?
        .ok_or(WebError::NotFound)?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = state.templates.render(
        "portal/apply.html",
        lang,
        context! {
            agency => ser(&agency),
            parent => (),
            demo => state.demo,
            current => "apply",
            form => ser(form),
            errors => ser(errors),
            choices => choices(lang),
        },
    )?;
    Ok((status, page).into_response())
}

pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let form = ApplyForm::blank();
    render(&state, lang, id, &form, &BTreeMap::new()).await
}

/// Reads the multipart form: its text fields, and the proof of identity if one was attached (checked here;
/// a refused file is named under its field and nothing is stored).
async fn read_form(
    mut multipart: Multipart,
) -> Result<(ApplyForm, Result<Option<IdProof>, String>), WebError> {
    let mut fields = serde_json::Map::new();
    let mut proof = Ok(None);
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| WebError::TooLarge)?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "id_proof" {
            let raw_name = field.file_name().unwrap_or_default().to_owned();
            let bytes = field.bytes().await.map_err(|_| WebError::TooLarge)?;
            // An empty file input sends an empty part: no proof attached.
            if raw_name.trim().is_empty() && bytes.is_empty() {
                continue;
            }
            let file_name = safe_file_name(&raw_name);
            proof = match check_id_proof(&file_name, bytes.len() as u64, &bytes) {
                Ok(kind) => Ok(Some(IdProof {
                    name: file_name,
                    mime: kind.mime(),
                    bytes: bytes.to_vec(),
                })),
                Err(e) => Err(error_key(e.code())),
            };
        } else {
            let text = field
                .text()
                .await
                .map_err(|_| WebError::BadRequest(ErrorCode::HttpBadRequest))?;
            fields.insert(name, serde_json::Value::String(text));
        }
    }
    let form: ApplyForm = serde_json::from_value(serde_json::Value::Object(fields))
        .map_err(|_| WebError::BadRequest(ErrorCode::HttpBadRequest))?;
    Ok((form, proof))
}

/// The form as the browser sends it (multipart, for the proof of identity) or URL-encoded (without one).
async fn read_request(
    state: &AppState,
    request: Request,
) -> Result<(ApplyForm, Result<Option<IdProof>, String>), WebError> {
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("multipart/form-data"));
    if multipart {
        let parts = Multipart::from_request(request, state)
            .await
            .map_err(|_| WebError::BadRequest(ErrorCode::HttpBadRequest))?;
        read_form(parts).await
    } else {
        let Form(form) = Form::<ApplyForm>::from_request(request, state)
            .await
            .map_err(|_| WebError::BadRequest(ErrorCode::HttpBadRequest))?;
        Ok((form, Ok(None)))
    }
}

pub async fn submit(
    State(state): State<AppState>,
    lang: Lang,
    Path(id): Path<i64>,
    request: Request,
) -> Result<Response, WebError> {
    let headers = request.headers().clone();
    let agency = state
        .store
        .agency(AgencyId(id))
        .await?
        .ok_or(WebError::NotFound)?;
    let (form, proof) = read_request(&state, request).await?;
    let id_proof = match proof {
        Ok(proof) => proof,
        Err(key) => {
            let message = state.templates.messages().text(*lang, &key).to_owned();
            let errors = BTreeMap::from([("id_proof".to_owned(), message)]);
            return render(&state, lang, id, &form, &errors).await;
        }
    };
    let mut intake = Intake::online(state.today());
    intake.id_proof = id_proof;
    match receive(&state, form.request(&agency.profile.name), intake).await {
        // POST-redirect-GET: the receipt is a page of its own, so that reloading it files nothing again.
        Ok(receipt) if receipt.duplicate => super::receipt::answer_duplicate(
            &state,
            lang,
            &headers,
            &agency,
            &Receipt::from(receipt),
        ),
        Ok(receipt) => Ok(super::receipt::redirect_to_new(
            &state,
            id,
            &Receipt::from(receipt),
        )),
        Err(Refusal::Fields(fields)) => {
            let fields = field_problems(fields, state.templates.messages(), lang);
            render(&state, lang, id, &form, &form_errors(fields)).await
        }
        Err(Refusal::App(e)) => Err(e.into()),
    }
}
