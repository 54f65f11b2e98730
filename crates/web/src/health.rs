//! Probes for load balancers and orchestrators: `/healthz` (the process answers) and `/readyz` (the store
//! answers and carries every migration of this build).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::state::AppState;

pub async fn healthz() -> Response {
    Json(json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") })).into_response()
}

pub async fn readyz(State(state): State<AppState>) -> Response {
    let backend = state.store.backend().name();
    match state.store.ready().await {
        Ok(true) => Json(json!({ "status": "ready", "database": backend })).into_response(),
        Ok(false) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "not_ready", "database": backend, "reason": "migrations pending" })),
        )
            .into_response(),
        Err(e) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "not_ready", "database": backend, "reason": e.code() })),
        )
            .into_response(),
    }
}
