//! `POST /api/v1/applications`: the online form as JSON, an application for disclosure (条例第二十七至二十九条),
//! answered with the receipt, or 422 naming each field's problem in the caller's language.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gongkai_app::applications::{Intake, Refusal, receive};

use crate::error::WebError;
use crate::i18n::Lang;
use crate::models::application::{ApplicationBody, Receipt, field_problems};
use crate::state::AppState;

#[utoipa::path(
    post,
    path = "/api/v1/applications",
    request_body = ApplicationBody,
    responses(
        (status = 201, description = "api.applications.create.201", body = Receipt),
        (status = 200, description = "api.applications.create.200", body = Receipt),
        (status = 422, description = "api.applications.create.422"),
        (status = 400, description = "api.applications.create.400"),
        (status = 413, description = "api.applications.create.413"),
        (status = 415, description = "api.applications.create.415"),
        (status = 429, description = "api.applications.create.429")
    )
)]
pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    Json(body): Json<ApplicationBody>,
) -> Response {
    let intake = Intake::online(state.today());
    match receive(&state, body.request(), intake).await {
        // A resubmission within a day files nothing: 200 with the first application's receipt, not 201.
        Ok(receipt) if receipt.duplicate => {
            (StatusCode::OK, Json(Receipt::from(receipt))).into_response()
        }
        Ok(receipt) => (StatusCode::CREATED, Json(Receipt::from(receipt))).into_response(),
        Err(Refusal::Fields(fields)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(serde_json::json!({
                "error": "application.invalid",
                "message": state.templates.messages().text(*lang, "error_application_invalid"),
                "fields": field_problems(fields, state.templates.messages(), lang),
            })),
        )
            .into_response(),
        Err(Refusal::App(e)) => WebError::from(e).into_response(),
    }
}
