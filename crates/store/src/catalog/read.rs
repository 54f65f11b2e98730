//! Catalogue reads.

use chrono::NaiveDate;
use gongkai_domain::agency::AgencyId;
use gongkai_domain::catalog::{Category, ItemState, PublicationDates, Validity, change_day};
use sqlx::{AssertSqlSafe, Row};

use super::rows::{self, ATTACHMENT_COLUMNS, ITEM_COLUMNS};
use super::{AttachmentRecord, CatalogItem, ItemFilter, ItemId};
use crate::Store;
use crate::error::{StoreError, StoreResult};

pub(super) async fn item(store: &Store, id: ItemId) -> StoreResult<Option<CatalogItem>> {
    let sql = format!("SELECT {ITEM_COLUMNS} FROM catalog_items WHERE id = $1");
    let row = sqlx::query(AssertSqlSafe(sql))
        .bind(id.0)
        .fetch_optional(&store.pool)
        .await?;
    row.as_ref().map(rows::item).transpose()
}

pub(super) async fn item_by_index_no(
    store: &Store,
    index_no: &str,
) -> StoreResult<Option<CatalogItem>> {
    let sql = format!("SELECT {ITEM_COLUMNS} FROM catalog_items WHERE index_no = $1");
    let row = sqlx::query(AssertSqlSafe(sql))
        .bind(index_no.trim())
        .fetch_optional(&store.pool)
        .await?;
    row.as_ref().map(rows::item).transpose()
}

/// The WHERE clause of a filter. Agency ids, state codes and the year come from typed values, never from
/// user text, so they are written inline; the category (which a visitor may type) is a bound parameter.
fn where_clause(filter: &ItemFilter) -> (String, Option<String>) {
    let mut parts = vec!["1 = 1".to_owned()];
    if let Some(agencies) = &filter.agencies {
        let list: Vec<String> = agencies.iter().map(|a| a.0.to_string()).collect();
        parts.push(if list.is_empty() {
            "1 = 0".to_owned()
        } else {
            format!("agency_id IN ({})", list.join(","))
        });
    }
    if let Some(states) = &filter.states {
        let list: Vec<String> = states.iter().map(|s| format!("'{}'", s.code())).collect();
        parts.push(if list.is_empty() {
            "1 = 0".to_owned()
        } else {
            format!("state IN ({})", list.join(","))
        });
    }
    if let Some(year) = filter.year {
        // Dates are 'YYYY-MM-DD' text on both backends, so a range on the text is a range on the date.
        parts.push(format!(
            "published_on >= '{year:04}-01-01' AND published_on <= '{year:04}-12-31'"
        ));
    }
    let category = filter.category.map(|c| c.code().to_owned());
    if category.is_some() {
        parts.push("category = $1".to_owned());
    }
    (parts.join(" AND "), category)
}

pub(super) async fn items(
    store: &Store,
    filter: &ItemFilter,
) -> StoreResult<(Vec<CatalogItem>, u64)> {
    let (clause, category) = where_clause(filter);
    let per_page = i64::from(filter.per_page.clamp(1, 200));
    let offset = i64::from(filter.page.max(1) - 1) * per_page;
    let count_sql = format!("SELECT COUNT(*) FROM catalog_items WHERE {clause}");
    let list_sql = format!(
        "SELECT {ITEM_COLUMNS} FROM catalog_items WHERE {clause} \
         ORDER BY COALESCE(published_on, formed_on) DESC, id DESC LIMIT {per_page} OFFSET {offset}"
    );
    let mut count = sqlx::query_scalar::<_, i64>(AssertSqlSafe(count_sql));
    let mut list = sqlx::query(AssertSqlSafe(list_sql));
    if let Some(c) = &category {
        count = count.bind(c.clone());
        list = list.bind(c.clone());
    }
    let total = count.fetch_one(&store.pool).await?;
    let found = list.fetch_all(&store.pool).await?;
    let items = found
        .iter()
        .map(rows::item)
        .collect::<StoreResult<Vec<_>>>()?;
    Ok((items, u64::try_from(total).unwrap_or(0)))
}

pub(super) async fn changed_since(
    store: &Store,
    after_seq: i64,
    limit: u32,
) -> StoreResult<Vec<CatalogItem>> {
    let sql = format!(
        "SELECT {ITEM_COLUMNS} FROM catalog_items WHERE change_seq > $1 ORDER BY change_seq LIMIT $2"
    );
    let found = sqlx::query(AssertSqlSafe(sql))
        .bind(after_seq)
        .bind(i64::from(limit.clamp(1, 10_000)))
        .fetch_all(&store.pool)
        .await?;
    found.iter().map(rows::item).collect()
}

pub(super) async fn attachments(store: &Store, item: ItemId) -> StoreResult<Vec<AttachmentRecord>> {
    let sql = format!(
        "SELECT {ATTACHMENT_COLUMNS} FROM catalog_attachments WHERE item_id = $1 ORDER BY id"
    );
    let found = sqlx::query(AssertSqlSafe(sql))
        .bind(item.0)
        .fetch_all(&store.pool)
        .await?;
    found.iter().map(rows::attachment).collect()
}

pub(super) async fn attachment(store: &Store, id: i64) -> StoreResult<Option<AttachmentRecord>> {
    let sql = format!("SELECT {ATTACHMENT_COLUMNS} FROM catalog_attachments WHERE id = $1");
    let row = sqlx::query(AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&store.pool)
        .await?;
    row.as_ref().map(rows::attachment).transpose()
}

pub(super) async fn category_counts(
    store: &Store,
    agency: AgencyId,
) -> StoreResult<Vec<(Category, u64)>> {
    let found = sqlx::query(
        "SELECT category, COUNT(*) AS n FROM catalog_items WHERE agency_id = $1 AND state = $2 \
         GROUP BY category ORDER BY category",
    )
    .bind(agency.0)
    .bind(ItemState::Published.code())
    .fetch_all(&store.pool)
    .await?;
    let mut out = Vec::with_capacity(found.len());
    for row in &found {
        let n: i64 = row.try_get("n")?;
        let code: String = row.try_get("category")?;
        let category = Category::from_code(&code)
            .ok_or_else(|| StoreError::Corrupt(format!("category '{code}'")))?;
        out.push((category, u64::try_from(n).unwrap_or(0)));
    }
    Ok(out)
}

pub(super) async fn publication_dates(
    store: &Store,
    agency: AgencyId,
) -> StoreResult<Vec<PublicationDates>> {
    let found = sqlx::query(
        "SELECT formed_on, validity, validity_on, published_on, version_published_on, state \
         FROM catalog_items WHERE agency_id = $1 AND state <> $2",
    )
    .bind(agency.0)
    .bind(ItemState::Withdrawn.code())
    .fetch_all(&store.pool)
    .await?;
    let optional = |row: &sqlx::any::AnyRow, col: &str| -> StoreResult<Option<NaiveDate>> {
        row.try_get::<Option<String>, _>(col)?
            .as_deref()
            .map(rows::date)
            .transpose()
    };
    let mut out = Vec::with_capacity(found.len());
    for row in &found {
        let formed_on = rows::date(&row.try_get::<String, _>("formed_on")?)?;
        let code: String = row.try_get("validity")?;
        let validity = Validity::from_code(&code, optional(row, "validity_on")?)
            .ok_or_else(|| StoreError::Corrupt(format!("validity '{code}'")))?;
        let state: String = row.try_get("state")?;
        out.push(PublicationDates {
            formed_on,
            changed_on: change_day(validity, formed_on),
            published_on: optional(row, "published_on")?,
            version_published_on: optional(row, "version_published_on")?,
            is_published: state == ItemState::Published.code(),
        });
    }
    Ok(out)
}
