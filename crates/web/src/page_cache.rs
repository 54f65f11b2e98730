//! Public pages at static speed while staying live: a page (home, agency column, category list, item, guide,
//! reports, feed, sitemap, search) is rendered once per language and kept, with its `ETag` and `Last-Modified`,
//! until the store's public change sequence moves ([`gongkai_store::PublicChange`]): any node's write to an
//! agency, the catalogue or a published report. Each node asks the store at most once per `page_check_ms`
//! (one row), and after a staff write of its own at once, so a change is on every node's pages within about a
//! second; before it starts again it lets its search index catch up, so a search page is never kept from before
//! the change. A browser or reverse proxy revalidates (`no-cache`) and gets 304 while nothing changed.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};

use crate::i18n::Lang;
use crate::state::AppState;

/// What the cache may hold in all; past it, it starts again (a crawler walking a million items).
const CACHE_BYTES: usize = 64 * 1024 * 1024;
/// A page larger than this is not kept (a published report's PDF is served by its own route each time).
const PAGE_BYTES: usize = 2 * 1024 * 1024;

struct Page {
    headers: HeaderMap,
    body: Bytes,
    etag: String,
}

/// One node's kept pages and where the store stood when they were rendered.
pub struct PageCache {
    pages: RwLock<HashMap<String, Arc<Page>>>,
    bytes: AtomicUsize,
    /// Moves each time the pages are dropped: a page rendered across a drop is not kept.
    generation: AtomicU64,
    /// The public change the pages are of, and when it was made (their Last-Modified, in ms).
    seq: AtomicI64,
    changed_at_ms: AtomicI64,
    day: RwLock<Option<NaiveDate>>,
    check_every: Duration,
    last_check: RwLock<Option<Instant>>,
    checking: tokio::sync::Mutex<()>,
}

impl PageCache {
    pub fn new(check_every: Duration) -> Self {
        Self {
            pages: RwLock::default(),
            bytes: AtomicUsize::new(0),
            generation: AtomicU64::new(0),
            seq: AtomicI64::new(-1),
            changed_at_ms: AtomicI64::new(Utc::now().timestamp_millis()),
            day: RwLock::default(),
            check_every,
            last_check: RwLock::default(),
            checking: tokio::sync::Mutex::new(()),
        }
    }

    fn clear(&self) {
        if let Ok(mut pages) = self.pages.write() {
            self.generation.fetch_add(1, Ordering::SeqCst);
            pages.clear();
            self.bytes.store(0, Ordering::SeqCst);
        }
    }

    fn get(&self, key: &str) -> Option<Arc<Page>> {
        self.pages.read().ok()?.get(key).cloned()
    }

    fn keep(&self, generation: u64, key: String, page: Arc<Page>) {
        let Ok(mut pages) = self.pages.write() else {
            return;
        };
        if self.generation.load(Ordering::SeqCst) != generation {
            return;
        }
        let size = page.body.len() + key.len();
        if self.bytes.fetch_add(size, Ordering::SeqCst) + size > CACHE_BYTES {
            pages.clear();
            self.bytes.store(size, Ordering::SeqCst);
        }
        pages.insert(key, page);
    }

    fn due(&self) -> bool {
        if self.check_every.is_zero() {
            return true;
        }
        match self.last_check.read().ok().and_then(|t| *t) {
            Some(at) => at.elapsed() >= self.check_every,
            None => true,
        }
    }

    /// Asks the store whether public pages changed (and whether the day did); if so, lets the search indexes
    /// catch up and drops every page. `wait`: a request that must see the answer (a staff write, or checking
    /// before every page) waits for a check under way; otherwise it goes on with the pages it has.
    pub async fn check(&self, state: &AppState, wait: bool) {
        let _one = if wait {
            self.checking.lock().await
        } else {
            match self.checking.try_lock() {
                Ok(guard) => guard,
                Err(_) => return,
            }
        };
        if let Ok(mut at) = self.last_check.write() {
            *at = Some(Instant::now());
        }
        let change = match state.store.public_change().await {
            Ok(change) => change,
            Err(e) => {
                tracing::warn!(error = %e, "could not ask the store for public changes; pages dropped");
                self.clear();
                return;
            }
        };
        let today = state.today();
        let same_day = self.day.read().ok().is_some_and(|d| *d == Some(today));
        if change.seq == self.seq.load(Ordering::SeqCst) && same_day {
            return;
        }
        if let Err(e) = state.search.sync(&state.store).await {
            tracing::warn!(error = %e, "search index sync failed");
        }
        if let Err(e) = state.app.reports_search.sync(&state.store).await {
            tracing::warn!(error = %e, "reports' search index sync failed");
        }
        self.clear();
        self.seq.store(change.seq, Ordering::SeqCst);
        if change.at_ms > 0 {
            self.changed_at_ms.store(change.at_ms, Ordering::SeqCst);
        }
        if let Ok(mut day) = self.day.write() {
            *day = Some(today);
        }
    }

    fn last_modified(&self) -> String {
        let ms = self.changed_at_ms.load(Ordering::SeqCst);
        let at = DateTime::<Utc>::from_timestamp_millis(ms).unwrap_or_else(Utc::now);
        at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
    }
}

/// Whether `path` is a public page the cache keeps (never a form with its CSRF token, a status lookup, a
/// download, the API or the console).
fn cacheable(path: &str) -> bool {
    if path == "/" || path == "/search" || path == "/reports" || path == "/sitemap.xml" {
        return true;
    }
    if path.starts_with("/items/") || path.starts_with("/sitemaps/") {
        return true;
    }
    path.strip_prefix("/agencies/").is_some_and(|rest| {
        !rest.contains("/apply")
            && rest
                .split('/')
                .next()
                .is_some_and(|id| id.parse::<i64>().is_ok())
    })
}

/// The layer: serves a kept page (or 304), keeps a page rendered now, and after a staff write asks the store.
pub async fn serve(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if request.method() != Method::GET || !cacheable(path) {
        let staff_write = request.method() == Method::POST
            && (path.starts_with("/console/") || path.starts_with("/api/v1/agencies/"));
        let response = next.run(request).await;
        if staff_write {
            state.pages.check(&state, true).await;
        }
        return response;
    }
    if state.pages.due() {
        state
            .pages
            .check(&state, state.pages.check_every.is_zero())
            .await;
    }
    let lang = Lang::negotiate(request.uri().query(), request.headers());
    let key = format!(
        "{}{}",
        if lang == Lang::EN { 'e' } else { 'z' },
        request.uri()
    );
    if let Some(page) = state.pages.get(&key) {
        return answer(&page, request.headers());
    }
    let generation = state.pages.generation.load(Ordering::SeqCst);
    let asked = request.headers().clone();
    let response = next.run(request).await;
    match keepable(&state, response).await {
        Ok(page) => {
            let page = Arc::new(page);
            state.pages.keep(generation, key, Arc::clone(&page));
            answer(&page, &asked)
        }
        Err(response) => response,
    }
}

/// The response as a page to keep, or given back as it is (not 200, sets a cookie, private, too large).
async fn keepable(state: &AppState, response: Response) -> Result<Page, Response> {
    let headers = response.headers();
    let private = headers
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("no-store") || v.contains("private"));
    if response.status() != StatusCode::OK || private || headers.contains_key(header::SET_COOKIE) {
        return Err(response);
    }
    // Only a body whose size is known and small is read here; anything else goes out as it came.
    let small = axum::body::HttpBody::size_hint(response.body())
        .exact()
        .is_some_and(|n| n <= PAGE_BYTES as u64);
    if !small {
        return Err(response);
    }
    let (mut parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, PAGE_BYTES).await {
        Ok(body) => body,
        Err(_) => return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
    };
    let etag = format!(
        "\"{}\"",
        &gongkai_domain::audit::ChainHash::Sha256.digest(&body)[..32]
    );
    let headers = &mut parts.headers;
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("public, no-cache"));
    headers.insert(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    if let Ok(value) = HeaderValue::from_str(&state.pages.last_modified()) {
        headers.insert(header::LAST_MODIFIED, value);
    }
    headers.remove(header::CONTENT_LENGTH);
    Ok(Page {
        headers: parts.headers,
        body,
        etag,
    })
}

/// 304 when the visitor's copy is this page (its ETag, or not older than the last public change), else the page.
fn answer(page: &Page, asked: &HeaderMap) -> Response {
    let fresh = match asked.get(header::IF_NONE_MATCH) {
        Some(tags) => tags.to_str().is_ok_and(|tags| {
            tags.split(',')
                .map(|t| t.trim().trim_start_matches("W/"))
                .any(|t| t == page.etag || t == "*")
        }),
        None => asked
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(|since| DateTime::parse_from_rfc2822(since).ok())
            .zip(
                page.headers
                    .get(header::LAST_MODIFIED)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|at| DateTime::parse_from_rfc2822(at).ok()),
            )
            .is_some_and(|(since, modified)| modified <= since),
    };
    let mut response = if fresh {
        let mut r = Response::new(Body::empty());
        *r.status_mut() = StatusCode::NOT_MODIFIED;
        r
    } else {
        Response::new(Body::from(page.body.clone()))
    };
    *response.headers_mut() = page.headers.clone();
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_pages_are_kept_forms_status_api_and_console_are_not() {
        for kept in [
            "/",
            "/search",
            "/reports",
            "/sitemap.xml",
            "/sitemaps/items-1.xml",
            "/items/11410883MB1234567X/2026-00001",
            "/agencies/3",
            "/agencies/3/guide",
            "/agencies/3/category/a21_02",
            "/agencies/3/feed.xml",
            "/agencies/3/reports/2025",
        ] {
            assert!(cacheable(kept), "{kept}");
        }
        for not in [
            "/agencies/3/apply",
            "/agencies/3/apply/receipt/GK-2026-000001",
            "/agencies/x",
            "/status",
            "/deadline",
            "/attachments/4/a.pdf",
            "/api/v1/catalog",
            "/console",
            "/lang",
            "/healthz",
        ] {
            assert!(!cacheable(not), "{not}");
        }
    }
}
