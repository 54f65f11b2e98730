//! The JSON API (`/api/v1/…`), one file per action, described by the OpenAPI document at `/api/openapi.json`.
//! Errors are `{"error": code, "message": text}` in the caller's language (see [`crate::pages`]).

pub mod applications;
pub mod catalog;
pub mod deadline;
pub mod item;
pub mod report_publish;
pub mod words;

use axum::Json;
use axum::response::{IntoResponse, Response};
use utoipa::OpenApi;

use crate::models::application;

#[derive(OpenApi)]
#[openapi(
    info(title = "gongkai API", description = "api.description"),
    paths(
        catalog::list,
        item::by_index_no,
        deadline::get,
        applications::create::create,
        applications::status::status
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
        application::ApplicantTask
    ))
)]
pub struct ApiDoc;

pub async fn openapi(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
) -> Response {
    Json(words::translated(
        ApiDoc::openapi(),
        state.templates.messages(),
    ))
    .into_response()
}
