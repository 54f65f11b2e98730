//! `GET /api/v1/agencies`: every agency on the platform, public (the portal lists them too), so that an
//! integration finds the id its token's agency has in the paths of the caseworker's API.

use axum::Json;
use axum::extract::State;
use gongkai_store::AgencyStore;

use crate::error::WebError;
use crate::models::casework::AgencyEntry;
use crate::state::AppState;

#[utoipa::path(
    get,
    path = "/api/v1/agencies",
    responses((status = 200, description = "api.agencies.200", body = [AgencyEntry]))
)]
pub async fn list(State(state): State<AppState>) -> Result<Json<Vec<AgencyEntry>>, WebError> {
    let agencies = state.store.agencies().await?;
    Ok(Json(
        agencies
            .into_iter()
            .map(|a| AgencyEntry {
                id: a.id.0,
                credit_code: a.profile.credit_code.map(|c| c.as_str().to_owned()),
                kind: a.profile.kind.code().to_owned(),
                name: a.profile.name,
                parent: a.parent.map(|p| p.0),
            })
            .collect(),
    ))
}
