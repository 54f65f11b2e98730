//! `POST /api/v1/agencies/{agency}/applications`: an application received by another channel (handed in,
//! posted, faxed, e-mailed), registered as the console's registration form does: the same intake checks, the
//! day of receipt fixed by the channel (条例第三十一条), 201 with the receipt or 422 naming each field.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gongkai_app::applications::{FieldRefusal, Intake, Refusal, receive};
use gongkai_domain::application::intake::Channel;

use crate::auth::caller::Caller;
use crate::auth::can;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::models::application::{Receipt, field_problems};
use crate::models::casework::RegistrationBody;
use crate::state::AppState;

/// The channel a body names: the API's words (`post_signed`, `letter`) or the domain's codes; never `online`,
/// which registers itself.
fn channel(code: &str) -> Option<Channel> {
    let code = match code.trim() {
        "post_signed" => "signed_post",
        "letter" => "ordinary_letter",
        other => other,
    };
    Channel::from_code(code).filter(|c| *c != Channel::Online)
}

#[utoipa::path(
    post,
    path = "/api/v1/agencies/{agency}/applications",
    params(("agency" = i64, Path, description = "api.param.agency")),
    request_body = RegistrationBody,
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 201, description = "api.casework.register.201", body = Receipt),
        (status = 400, description = "api.casework.body.400"),
        (status = 401, description = "api.casework.auth.401"),
        (status = 403, description = "api.casework.auth.403"),
        (status = 404, description = "api.casework.agency.404"),
        (status = 415, description = "api.applications.create.415"),
        (status = 422, description = "api.casework.register.422")
    )
)]
pub async fn register(
    State(state): State<AppState>,
    lang: Lang,
    caller: Caller<can::HandleRecords>,
    Json(body): Json<RegistrationBody>,
) -> Response {
    let words = state.templates.messages();
    let refused = |fields: Vec<FieldRefusal>| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(serde_json::json!({
                "error": "application.invalid",
                "message": words.text(*lang, "error_application_invalid"),
                "fields": field_problems(fields, words, lang),
            })),
        )
            .into_response()
    };
    let Some(channel) = channel(&body.channel) else {
        return refused(vec![FieldRefusal {
            field: "channel".into(),
            problem: "unknown_choice",
            message_key: "field_unknown_choice".into(),
        }]);
    };
    let intake = Intake {
        channel: channel.code().to_owned(),
        sent_on: body.sent_on.clone(),
        confirmed_on: body.confirmed_on.clone(),
        by: caller.actor_ref(),
        id_proof: None,
    };
    // The path names the agency, whatever the body says.
    let mut request = body.application.request();
    request.agency = caller.agency.profile.name.clone();
    match receive(&state, request, intake).await {
        Ok(receipt) => (StatusCode::CREATED, Json(Receipt::from(receipt))).into_response(),
        Err(Refusal::Fields(fields)) => refused(fields),
        Err(Refusal::App(e)) => WebError::from(e).into_response(),
    }
}
