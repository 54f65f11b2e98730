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

/// Items a sitemap file lists: one page of the store, so a crawler's request costs one query.
const SITEMAP_ITEMS: u32 = 200;
/// How long a sitemap file made on this node is served again before it is made anew.
const SITEMAP_FRESH: std::time::Duration = std::time::Duration::from_secs(300);
/// Files kept at most (a crawler walking a million items asks for 5,000).
const SITEMAP_CACHED: usize = 10_000;

/// The sitemap files made on this node, by name, with when they were made.
#[derive(Default)]
pub struct SitemapCache {
    files: std::sync::Mutex<std::collections::HashMap<String, (std::time::Instant, String)>>,
}

impl SitemapCache {
    fn get(&self, name: &str) -> Option<String> {
        let files = self.files.lock().ok()?;
        files
            .get(name)
            .filter(|(made, _)| made.elapsed() < SITEMAP_FRESH)
            .map(|(_, body)| body.clone())
    }

    fn put(&self, name: &str, body: &str) {
        if let Ok(mut files) = self.files.lock() {
            if files.len() >= SITEMAP_CACHED {
                files.retain(|_, (made, _)| made.elapsed() < SITEMAP_FRESH);
                if files.len() >= SITEMAP_CACHED {
                    files.clear();
                }
            }
            files.insert(
                name.to_owned(),
                (std::time::Instant::now(), body.to_owned()),
            );
        }
    }
}

/// `/sitemap.xml`: the sitemap index, naming the agencies' file and one file per page of published items.
pub async fn sitemap(State(state): State<AppState>) -> Result<Response, WebError> {
    const NAME: &str = "index";
    if let Some(body) = state.sitemaps.get(NAME) {
        return Ok(xml(body, "application/xml; charset=utf-8"));
    }
    let (_, total) = state
        .store
        .items(&ItemFilter {
            states: Some(vec![ItemState::Published]),
            page: 1,
            per_page: 1,
            ..ItemFilter::default()
        })
        .await?;
    let pages: Vec<u64> = (1..=total.div_ceil(u64::from(SITEMAP_ITEMS)).max(1)).collect();
    let body = state.templates.render_text(
        "sitemap_index.xml",
        Lang::ZH,
        context! { base => site_base(&state), pages => pages },
    )?;
    state.sitemaps.put(NAME, &body);
    Ok(xml(body, "application/xml; charset=utf-8"))
}

/// `/sitemaps/agencies.xml` (the site's and each agency's pages) and `/sitemaps/items-N.xml` (page N of the
/// published items).
pub async fn sitemap_part(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, WebError> {
    if let Some(body) = state.sitemaps.get(&file) {
        return Ok(xml(body, "application/xml; charset=utf-8"));
    }
    let (agencies, items): (Vec<i64>, Vec<ItemRow>) = if file == "agencies.xml" {
        let agencies = state.store.agencies().await?;
        (agencies.into_iter().map(|a| a.id.0).collect(), Vec::new())
    } else {
        let page: u32 = file
            .strip_prefix("items-")
            .and_then(|rest| rest.strip_suffix(".xml"))
            .and_then(|n| n.parse().ok())
            .filter(|&n| n >= 1)
            .ok_or(WebError::NotFound)?;
        let (found, _) = state
            .store
            .items(&ItemFilter {
                states: Some(vec![ItemState::Published]),
                page,
                per_page: SITEMAP_ITEMS,
                ..ItemFilter::default()
            })
            .await?;
        if found.is_empty() && page > 1 {
            return Err(WebError::NotFound);
        }
        (Vec::new(), found.iter().filter_map(ItemRow::of).collect())
    };
    let site = file == "agencies.xml";
    let body = state.templates.render_text(
        "sitemap.xml",
        Lang::ZH,
        context! { base => site_base(&state), site => site, agencies => agencies, items => ser(&items) },
    )?;
    state.sitemaps.put(&file, &body);
    Ok(xml(body, "application/xml; charset=utf-8"))
}
