//! An agency's disclosure column, in the layout of 国办公开办函〔2019〕61号: the column home (法定主动公开内容 by
//! category), 公开指南 generated from the agency's records (条例第十二条), 公开制度, a category's list, 年报 and
//! 依申请公开.

use axum::extract::{Path, Query, State};
use axum::response::Html;
use gongkai_domain::agency::{Agency, AgencyId};
use gongkai_domain::catalog::{Category, ItemState};
use gongkai_store::{AgencyStore, CatalogStore, ItemFilter};
use minijinja::{Value, context};
use serde::Deserialize;

use crate::display::{CategoryCount, ItemRow, category_name, pages};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;

const PER_PAGE: u32 = 20;

#[derive(Debug, Deserialize)]
pub struct Paging {
    page: Option<u32>,
}

/// What every page of the column needs: the agency, its parent, the demo flag and the current section.
async fn frame(state: &AppState, id: i64, current: &str) -> Result<(Agency, Value), WebError> {
    let agency = state
        .store
        .agency(AgencyId(id))
        .await?
        .ok_or(WebError::NotFound)?;
    let parent = match agency.parent {
        Some(p) => state
            .store
            .agency(p)
            .await?
            .map(|p| context! { id => p.id.0, name => p.profile.name }),
        None => None,
    };
    let ctx = context! { agency => ser(&agency), parent => parent, demo => state.demo, current => current };
    Ok((agency, ctx))
}

async fn counts(
    state: &AppState,
    agency: &Agency,
    lang: Lang,
) -> Result<Vec<CategoryCount>, WebError> {
    let found = state.store.category_counts(agency.id).await?;
    Ok(found
        .into_iter()
        .map(|(category, count)| CategoryCount {
            name: category_name(category, lang).to_owned(),
            code: category.code().to_owned(),
            count,
        })
        .collect())
}

fn published(agency: AgencyId, category: Option<Category>, page: u32, per_page: u32) -> ItemFilter {
    ItemFilter {
        agencies: Some(vec![agency]),
        states: Some(vec![ItemState::Published]),
        category,
        year: None,
        page,
        per_page,
    }
}

pub async fn home(
    State(state): State<AppState>,
    lang: Lang,
    Path(id): Path<i64>,
) -> Result<Html<String>, WebError> {
    let (agency, frame) = frame(&state, id, "catalog").await?;
    let categories = counts(&state, &agency, lang).await?;
    let (latest, _) = state
        .store
        .items(&published(agency.id, None, 1, 10))
        .await?;
    let latest: Vec<ItemRow> = latest.iter().filter_map(ItemRow::of).collect();
    let children: Vec<Value> = state
        .store
        .agencies()
        .await?
        .into_iter()
        .filter(|a| a.parent == Some(agency.id))
        .map(|a| context! { id => a.id.0, name => a.profile.name })
        .collect();
    state.templates.render(
        "portal/column.html",
        lang,
        context! { categories => ser(&categories), latest => ser(&latest), children => children, ..frame },
    )
}

pub async fn guide(
    State(state): State<AppState>,
    lang: Lang,
    Path(id): Path<i64>,
) -> Result<Html<String>, WebError> {
    let (agency, frame) = frame(&state, id, "guide").await?;
    // The guide's classification is every category the law gives this kind of agency (条例第二十条, and
    // 第二十一条's lists for city and county governments and their departments, or for 乡（镇）), with what each
    // holds today.
    let held = state.store.category_counts(agency.id).await?;
    let categories: Vec<CategoryCount> = Category::ALL
        .into_iter()
        .filter(|c| c.applies_to(agency.profile.kind))
        .map(|c| CategoryCount {
            code: c.code().to_owned(),
            name: category_name(c, lang).to_owned(),
            count: held
                .iter()
                .find(|(held, _)| *held == c)
                .map_or(0, |(_, n)| *n),
        })
        .collect();
    state.templates.render(
        "portal/guide.html",
        lang,
        context! { categories => ser(&categories), ..frame },
    )
}

async fn list(
    state: &AppState,
    lang: Lang,
    id: i64,
    current: &str,
    category: Option<Category>,
    heading: String,
    paging: &Paging,
) -> Result<Html<String>, WebError> {
    let (agency, frame) = frame(state, id, current).await?;
    let page = paging.page.unwrap_or(1).max(1);
    let (found, total) = state
        .store
        .items(&published(agency.id, category, page, PER_PAGE))
        .await?;
    let items: Vec<ItemRow> = found.iter().filter_map(ItemRow::of).collect();
    let base = match category {
        Some(c) => format!("/agencies/{id}/category/{}?", c.code()),
        None => format!("/agencies/{id}/{current}?"),
    };
    state.templates.render(
        "portal/list.html",
        lang,
        context! {
            heading => heading,
            items => ser(&items),
            total => total,
            page => page,
            pages => pages(total, PER_PAGE),
            base => base,
            categories => (),
            latest => (),
            children => (),
            ..frame
        },
    )
}

pub async fn category(
    State(state): State<AppState>,
    lang: Lang,
    Path((id, code)): Path<(i64, String)>,
    Query(paging): Query<Paging>,
) -> Result<Html<String>, WebError> {
    let category = Category::from_code(&code).ok_or(WebError::NotFound)?;
    let heading = category_name(category, lang).to_owned();
    list(
        &state,
        lang,
        id,
        "catalog",
        Some(category),
        heading,
        &paging,
    )
    .await
}

/// 公开制度: the agency's own rules on disclosure, published as items of category 二十条(十五) with the subject
/// 政府信息公开制度.
pub async fn rules(
    State(state): State<AppState>,
    lang: Lang,
    Path(id): Path<i64>,
) -> Result<Html<String>, WebError> {
    let (agency, frame) = frame(&state, id, "rules").await?;
    let (found, _) = state
        .store
        .items(&published(agency.id, None, 1, 200))
        .await?;
    let items: Vec<ItemRow> = found
        .iter()
        .filter(|i| {
            i.draft
                .subject
                .as_ref()
                .is_some_and(|s| s.as_str() == RULES_SUBJECT)
        })
        .filter_map(ItemRow::of)
        .collect();
    let heading = state
        .templates
        .messages()
        .text(*lang, "column_rules")
        .to_owned();
    state.templates.render(
        "portal/list.html",
        lang,
        context! {
            heading => heading,
            total => items.len(),
            items => ser(&items),
            page => 1,
            pages => 1,
            base => "",
            ..frame
        },
    )
}

/// The subject (主题分类) under which an agency files its own disclosure rules.
pub const RULES_SUBJECT: &str = "政府信息公开制度";

pub async fn reports(
    State(state): State<AppState>,
    lang: Lang,
    Path(id): Path<i64>,
) -> Result<Html<String>, WebError> {
    let (agency, frame) = frame(&state, id, "reports").await?;
    // Every published version, the latest of each year first; older versions stay readable.
    let publications: Vec<_> = state
        .store
        .publications_of(agency.id)
        .await?
        .into_iter()
        .map(|p| context! { year => p.year, version => p.version, note => p.note, published_on => p.published_on.to_string() })
        .collect();
    state.templates.render(
        "portal/page.html",
        lang,
        context! {
            publications => publications,
            // 条例第四十九条: the day the column promises the report by (1月31日, or 3月31日 for a 人民政府).
            report_due_month => agency.profile.kind.report_due().0,
            ..frame
        },
    )
}
