//! The JSON API (`/api/v1/…`), one file per action, described by the OpenAPI document at `/api/openapi.json`.
//! Errors are `{"error": code, "message": text}` in the caller's language (see [`crate::pages`]).

pub mod agencies;
pub mod applications;
pub mod casework;
pub mod catalog;
pub mod deadline;
pub mod item;
pub mod report_publish;
pub mod words;

use axum::Json;
use axum::response::{IntoResponse, Response};
use utoipa::OpenApi;

use crate::models::application;
use crate::models::casework as shown;

#[derive(OpenApi)]
#[openapi(
    info(title = "gongkai API", description = "api.description"),
    paths(
        catalog::list,
        item::by_index_no,
        deadline::get,
        applications::create::create,
        applications::status::status,
        agencies::list,
        casework::register::register,
        casework::list::list,
        casework::show::show,
        casework::step::take,
        casework::letter::download
    ),
    components(schemas(
        catalog::CatalogEntry,
        catalog::CatalogPage,
        item::CatalogItemDetail,
        item::AttachmentEntry,
        crate::models::deadline::DeadlineAnswer,
        application::ApplicationBody,
        application::ApplicantBody,
        application::Receipt,
        application::FieldProblemBody,
        application::PublicStatus,
        application::PublicLetter,
        application::ApplicantTask,
        application::LateAdvice,
        application::PublicFile,
        shown::AgencyEntry,
        shown::RegistrationBody,
        shown::ApplicationPage,
        shown::ListedApplication,
        shown::CaseworkApplication,
        shown::EventBody,
        shown::LetterBody,
        casework::step_body::StepBody
    )),
    modifiers(&Credentials)
)]
pub struct ApiDoc;

/// The two ways to call the caseworker's API: an agency's API token, or a signed-in session (whose writes
/// also send the `X-CSRF-Token` header that `GET /api/v1/session` gives).
struct Credentials;

impl utoipa::Modify for Credentials {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme,
        };
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("gongkai_session"))),
        );
    }
}

pub async fn openapi(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
) -> Response {
    Json(words::translated(
        ApiDoc::openapi(),
        state.templates.messages(),
    ))
    .into_response()
}
