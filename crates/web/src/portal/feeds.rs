//! An Atom feed per agency and the sitemap, for readers, aggregators and search engines.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use gongkai_domain::agency::AgencyId;
use gongkai_domain::catalog::ItemState;
use gongkai_store::{AgencyStore, CatalogStore, ItemFilter};
use minijinja::context;

use crate::display::ItemRow;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;

/// Absolute links need the site's address: the configured public one, else the address the server listens on.
/// Never the request's `Host` header, which the client writes: a feed or a letter must not link elsewhere.
pub(crate) fn site_base(state: &AppState) -> String {
    match &state.config.public_url {
        Some(url) => url.trim_end_matches('/').to_owned(),
        None => format!("http://{}", state.config.listen),
    }
}

/// XML 1.0 allows no control character but tab and line breaks: one stored before such text was refused must
/// not make the whole feed unreadable.
fn xml(body: String, content_type: &'static str) -> Response {
    let body: String = body
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
        .collect();
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

pub async fn atom(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let agency = state
        .store
        .agency(AgencyId(id))
        .await?
        .ok_or(WebError::NotFound)?;
    let filter = ItemFilter {
        agencies: Some(vec![agency.id]),
        states: Some(vec![ItemState::Published]),
        page: 1,
        per_page: 50,
        ..ItemFilter::default()
    };
    let (found, _) = state.store.items(&filter).await?;
    let items: Vec<ItemRow> = found.iter().filter_map(ItemRow::of).collect();
    let updated = items
        .first()
        .map(|i| format!("{}T00:00:00+08:00", i.published_on))
        .unwrap_or_else(|| "2019-05-15T00:00:00+08:00".to_owned());
    let body = state.templates.render_text(
        "feed.xml",
        Lang::ZH,
        context! {
            base => site_base(&state),
            agency_id => agency.id.0,
            agency_name => agency.profile.name,
            updated => updated,
            items => ser(&items),
        },
    )?;
    Ok(xml(body, "application/atom+xml; charset=utf-8"))
}

pub async fn sitemap(State(state): State<AppState>) -> Result<Response, WebError> {
    let agencies: Vec<i64> = state
        .store
        .agencies()
        .await?
        .into_iter()
        .map(|a| a.id.0)
        .collect();
    let filter = ItemFilter {
        states: Some(vec![ItemState::Published]),
        page: 1,
        // A sitemap file holds at most 50,000 addresses.
        per_page: 200,
        ..ItemFilter::default()
    };
    let mut items = Vec::new();
    let mut page = 1;
    loop {
        let (found, total) = state
            .store
            .items(&ItemFilter {
                page,
                ..filter.clone()
            })
            .await?;
        items.extend(found.iter().filter_map(ItemRow::of));
        if found.is_empty() || items.len() as u64 >= total || items.len() >= 49_000 {
            break;
        }
        page += 1;
    }
    let body = state.templates.render_text(
        "sitemap.xml",
        Lang::ZH,
        context! { base => site_base(&state), agencies => agencies, items => ser(&items) },
    )?;
    Ok(xml(body, "application/xml; charset=utf-8"))
}
