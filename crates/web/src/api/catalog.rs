//! `GET /api/v1/catalog`: the catalogue, searched and filtered as on the portal.

use axum::Json;
use axum::extract::{Query, State};
use gongkai_app::catalog::{SearchRequest, search};
use gongkai_domain::catalog::DocNo;
use gongkai_store::{AgencyStore, CatalogItem};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{ErrorCode, WebError};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct CatalogParams {
    /// 关键词、标题或文号 / words, a title or a document number
    pub q: String,
    /// 信息类别代码，如 a20_09 / category code such as a20_09
    pub category: String,
    /// 文号，括号写法不限 / document number, in any brackets
    pub doc_no: String,
    /// 机关编号、名称或统一社会信用代码（含下级机关）/ agency id, name or credit code (with the agencies below it)
    pub agency: String,
    /// 页码，从 1 开始 / page, from 1
    pub page: String,
}

/// One catalogue item.
#[derive(Debug, Serialize, ToSchema)]
pub struct CatalogEntry {
    pub index_no: String,
    pub title: String,
    pub doc_no: Option<String>,
    pub category: String,
    pub agency: String,
    /// 成文日期 YYYY-MM-DD
    pub formed_on: String,
    /// 发布日期 YYYY-MM-DD
    pub published_on: String,
    pub validity: String,
    pub url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CatalogPage {
    pub items: Vec<CatalogEntry>,
    pub total: usize,
    /// True when more than `total` items match (counting stops at 10,000 to keep searches fast).
    pub total_is_lower_bound: bool,
}

pub fn entry(item: &CatalogItem, agency: &str) -> CatalogEntry {
    let index_no = item
        .index_no
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    CatalogEntry {
        url: crate::templates::item_href(index_no.clone()),
        index_no,
        title: item.draft.title.clone(),
        doc_no: item.draft.doc_no.as_ref().map(|n| n.to_string()),
        category: item.draft.category.code().to_owned(),
        agency: agency.to_owned(),
        formed_on: item.draft.formed_on.to_string(),
        published_on: item.published_on.map(|d| d.to_string()).unwrap_or_default(),
        validity: item.draft.validity.code().to_owned(),
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/catalog",
    params(CatalogParams),
    responses(
        (status = 200, description = "api.catalog.list.200", body = CatalogPage),
        (status = 422, description = "api.catalog.list.422"),
        (status = 404, description = "api.catalog.list.404")
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Query(params): Query<CatalogParams>,
) -> Result<Json<CatalogPage>, WebError> {
    let agency = match params.agency.trim() {
        "" => String::new(),
        key => {
            let found = match key.parse::<i64>() {
                Ok(id) => {
                    state
                        .store
                        .agency(gongkai_domain::agency::AgencyId(id))
                        .await?
                }
                Err(_) => state.store.agency_by_name_or_code(key).await?,
            };
            found.ok_or(WebError::NotFound)?.id.0.to_string()
        }
    };
    // A 文号 given on its own field is looked up exactly; otherwise the text goes through the search form.
    let q = match params.doc_no.trim() {
        "" => params.q.clone(),
        no => DocNo::parse(no)
            .map_err(|_| WebError::Unprocessable(ErrorCode::ApiBadDocNo))?
            .to_string(),
    };
    let request = SearchRequest {
        q,
        category: params.category,
        agency,
        page: params.page,
        ..SearchRequest::default()
    };
    let found = search(&state, &request).await?;
    let agencies = state.store.agencies_shared().await?;
    let names: std::collections::HashMap<i64, &str> = agencies
        .iter()
        .map(|a| (a.id.0, a.profile.name.as_str()))
        .collect();
    let items = found
        .hits
        .iter()
        .map(|(_, item)| {
            let name = names.get(&item.agency.0).copied().unwrap_or_default();
            entry(item, name)
        })
        .collect();
    Ok(Json(CatalogPage {
        items,
        total: found.total,
        total_is_lower_bound: found.total_is_lower_bound,
    }))
}
