//! The portal's home page (the agencies on the platform, as a tree), the language switch and the stylesheet.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use gongkai_store::AgencyStore;
use minijinja::context;
use serde::{Deserialize, Serialize};

use crate::error::{ErrorCode, WebError};
use crate::i18n::{LANG_COOKIE, Lang};
use crate::state::AppState;
use crate::templates::ser;

#[derive(Debug, Serialize)]
struct Row {
    id: i64,
    name: String,
    kind: &'static str,
    depth: usize,
}

pub async fn home(State(state): State<AppState>, lang: Lang) -> Result<Html<String>, WebError> {
    let tree = state.store.agency_tree().await?;
    let agencies = state.store.agencies().await?;
    let rows: Vec<Row> = tree
        .preorder()
        .into_iter()
        .filter_map(|(id, depth)| {
            let a = agencies.iter().find(|a| a.id == id)?;
            Some(Row {
                id: id.0,
                name: a.profile.name.clone(),
                kind: a.profile.kind.code(),
                depth,
            })
        })
        .collect();
    state.templates.render(
        "portal/home.html",
        lang,
        context! { agencies => ser(&rows), demo => state.demo },
    )
}

#[derive(Debug, Deserialize)]
pub struct LangQuery {
    to: String,
}

/// Switches the language and goes back to the page the visitor came from (on this site only).
pub async fn switch_lang(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Result<Response, WebError> {
    let lang = Lang::from_code(&q.to).ok_or(WebError::BadRequest(ErrorCode::HttpBadLang))?;
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| rest[i..].to_owned()))
        .filter(|p| p.starts_with('/') && !p.starts_with("//"))
        .unwrap_or_else(|| "/".to_owned());
    // The choice outlives the page, and a `lang=` left in the address would override it.
    let back = strip_lang_param(&back);
    let cookie = state
        .cookies()
        .set(LANG_COOKIE, lang.code(), "/", 365 * 24 * 3600);
    Ok((
        StatusCode::SEE_OTHER,
        [(header::LOCATION, back)],
        [(header::SET_COOKIE, cookie)],
    )
        .into_response())
}

fn strip_lang_param(path: &str) -> String {
    match path.split_once('?') {
        None => path.to_owned(),
        Some((base, query)) => {
            let kept: Vec<&str> = query
                .split('&')
                .filter(|p| !p.starts_with("lang="))
                .collect();
            if kept.is_empty() {
                base.to_owned()
            } else {
                format!("{base}?{}", kept.join("&"))
            }
        }
    }
}

const SITE_CSS: &str = include_str!("../../static/site.css");

pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        SITE_CSS,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_language_parameter_is_dropped_from_the_way_back() {
        assert_eq!(super::strip_lang_param("/a?lang=en&x=1"), "/a?x=1");
        assert_eq!(super::strip_lang_param("/a?lang=en"), "/a");
    }
}
