//! Search over the catalogue: words of a title, a 文号 in any brackets, a phrase of the body; filters by
//! category, year, validity and an agency with the agencies below it.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::response::Html;
use gongkai_app::catalog::{PER_PAGE, SearchRequest, nearest_doc_nos, search};
use gongkai_domain::catalog::{Category, Validity};
use gongkai_search::Hit;
use gongkai_store::AgencyStore;
use minijinja::context;
use serde::Serialize;

use crate::display::{category_name, category_name_of, pages};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;

/// The search form's fields: the use case's request as the browser sends it.
pub type SearchForm = SearchRequest;

#[derive(Debug, Serialize)]
struct HitRow {
    index_no: String,
    title_html: String,
    snippet_html: String,
    /// The attachment the snippet was cut from, when the words were found in one.
    snippet_attachment: Option<String>,
    doc_no: String,
    agency_name: String,
    category_name: String,
    published_on: String,
}

fn hit_row(h: Hit, names: &HashMap<i64, String>, lang: Lang) -> HitRow {
    HitRow {
        agency_name: names.get(&h.agency).cloned().unwrap_or_default(),
        category_name: category_name_of(&h.category, lang),
        published_on: crate::display::date_of_days(h.published_on),
        index_no: h.index_no,
        title_html: h.title_html,
        snippet_html: h.snippet_html,
        snippet_attachment: h.snippet_attachment,
        doc_no: h.doc_no,
    }
}

/// Every agency's name by id, and the agency filter's choices in tree order (indented by depth).
pub(crate) async fn agency_choices(
    state: &AppState,
) -> Result<(HashMap<i64, String>, Vec<minijinja::Value>), WebError> {
    let names: HashMap<i64, String> = state
        .store
        .agencies_shared()
        .await?
        .iter()
        .map(|a| (a.id.0, a.profile.name.clone()))
        .collect();
    let options = state
        .store
        .agency_tree()
        .await?
        .preorder()
        .into_iter()
        .filter_map(|(id, depth)| {
            names
                .get(&id.0)
                .map(|n| context! { id => id.0, name => n, depth => depth })
        })
        .collect();
    Ok((names, options))
}

pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    Query(form): Query<SearchForm>,
) -> Result<Html<String>, WebError> {
    let (names, options) = agency_choices(&state).await?;
    // Nothing found with filters: how many the words alone find, offered as a link.
    let mut unfiltered: Option<u64> = None;
    let mut near = Vec::new();
    let (total, at_least, page, hits) = if form.asks_anything() {
        let found = search(&state, &form).await?;
        let rows = found
            .hits
            .into_iter()
            .map(|(hit, _)| hit_row(hit, &names, lang))
            .collect();
        if found.total == 0 && form.has_filters() && !form.q.trim().is_empty() {
            let wider = search(&state, &form.without_filters()).await?;
            unfiltered = Some(wider.total as u64).filter(|n| *n > 0);
        }
        if found.total == 0 {
            near = nearest_doc_nos(&state, &form.q)
                .await?
                .into_iter()
                .map(|n| context! { doc_no => n.doc_no, index_no => n.index_no, title => n.title })
                .collect();
        }
        (found.total, found.total_is_lower_bound, found.page, rows)
    } else {
        let page = form.page.trim().parse().unwrap_or(1).max(1);
        (0, false, page, Vec::new())
    };
    // Citizens look for annual reports by name in the same box: reports whose title holds the words are
    // offered beside the catalogue's hits (their full text is searched on /reports).
    let related_reports = related_reports(&state, &form).await?;
    let all_categories: Vec<_> = Category::ALL
        .iter()
        .map(|c| context! { code => c.code(), name => category_name(*c, lang) })
        .collect();
    let base = format!(
        "/search?q={}&category={}&year={}&validity={}&agency={}&",
        crate::error::encode_path(form.q.trim()),
        crate::error::encode_path(form.category.trim()),
        crate::error::encode_path(form.year.trim()),
        crate::error::encode_path(form.validity.trim()),
        crate::error::encode_path(form.agency.trim()),
    );
    let this_year = chrono::Datelike::year(&state.today());
    state.templates.render(
        "portal/search.html",
        lang,
        context! {
            q => form.q.trim(),
            category => form.category.trim(),
            year => form.year.trim().parse::<i32>().ok(),
            validity => form.validity.trim(),
            agency => form.agency_id(),
            searched => form.asks_anything(),
            total => total,
            at_least => at_least,
            hits => ser(&hits),
            page => page,
            pages => pages(total as u64, PER_PAGE as u32),
            base => base,
            all_categories => all_categories,
            years => (2008..=this_year).rev().collect::<Vec<i32>>(),
            validities => Validity::CODES,
            agencies => options,
            unfiltered => unfiltered,
            near => near,
            related_reports => related_reports,
            related_reports_href => format!("/reports?q={}", crate::error::encode_path(form.q.trim())),
            unfiltered_href => format!("/search?q={}", crate::error::encode_path(form.q.trim())),
            filters => context! {
                category => Category::from_code(form.category.trim()).map(|c| category_name(c, lang)),
                year => form.year.trim(),
                validity => form.validity.trim(),
                agency => form.agency_id().and_then(|id| names.get(&id).cloned()),
            },
        },
    )
}

/// How many annual reports the catalogue's search offers at most.
const RELATED_REPORTS: usize = 3;

/// The published annual reports whose title holds the words typed (a mention in a report's text is not
/// enough: nearly every report mentions 通知 or 公开), on the first page of a search with words.
async fn related_reports(
    state: &AppState,
    form: &SearchForm,
) -> Result<Vec<minijinja::Value>, WebError> {
    let first_page = form.page.trim().parse::<usize>().unwrap_or(1) <= 1;
    if form.q.trim().is_empty() || !first_page {
        return Ok(Vec::new());
    }
    let request = gongkai_app::reports::ReportRequest {
        q: form.q.clone(),
        agency: form.agency.clone(),
        ..Default::default()
    };
    let found =
        gongkai_app::reports::search_reports(&state.app, &request, RELATED_REPORTS * 3).await?;
    Ok(found
        .reports
        .into_iter()
        .filter(|r| r.hit.title_html.contains("<mark>"))
        .take(RELATED_REPORTS)
        .map(|r| {
            context! {
                href => format!("/agencies/{}/reports/{}", r.agency.0, r.year),
                title_html => r.hit.title_html,
                published_on => crate::display::date_of_days(r.hit.published_on),
            }
        })
        .collect())
}
