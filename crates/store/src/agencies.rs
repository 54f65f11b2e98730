//! [`AgencyStore`] for [`Store`].

use gongkai_domain::agency::{Agency, AgencyId, AgencyProfile, AgencyTree};
use gongkai_domain::audit::{ActorRef, AuditAction, AuditEntry};
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AssertSqlSafe, Row};

use crate::error::{StoreError, StoreResult};
use crate::rows::{self, AGENCY_COLUMNS};
use crate::write::WriteTx;
use crate::{AgencyStore, Store};

/// Binds the profile's fields as `$1` to `$16`, in the column order both statements use.
fn bind_profile<'q>(
    query: Query<'q, Any, AnyArguments>,
    p: &'q AgencyProfile,
) -> Query<'q, Any, AnyArguments> {
    query
        .bind(&p.name)
        .bind(p.credit_code.as_ref().map(|c| c.to_string()))
        .bind(p.kind.code())
        .bind(&p.contact.address)
        .bind(&p.contact.office_hours)
        .bind(&p.contact.phone)
        .bind(&p.contact.fax)
        .bind(&p.contact.email)
        .bind(&p.website)
        .bind(&p.office_name)
        .bind(&p.office.address)
        .bind(&p.office.office_hours)
        .bind(&p.office.phone)
        .bind(&p.office.fax)
        .bind(&p.office.email)
        .bind(&p.review_body)
        .bind(&p.doc_prefix)
}

fn profile_detail(parent: Option<AgencyId>, profile: &AgencyProfile) -> String {
    serde_json::json!({ "parent": parent, "profile": profile }).to_string()
}

impl AgencyStore for Store {
    async fn create_agency(
        &self,
        parent: Option<AgencyId>,
        profile: &AgencyProfile,
        by: &ActorRef,
    ) -> StoreResult<Agency> {
        let mut w = self.begin_write().await?;
        let agency = insert_agency(&mut w, parent, profile, by).await?;
        w.commit().await?;
        Ok(agency)
    }

    async fn agency(&self, id: AgencyId) -> StoreResult<Option<Agency>> {
        let sql = format!("SELECT {AGENCY_COLUMNS} FROM agencies WHERE id = $1");
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(rows::agency).transpose()
    }

    async fn agency_by_name_or_code(&self, key: &str) -> StoreResult<Option<Agency>> {
        let key = key.trim();
        let sql = format!(
            "SELECT {AGENCY_COLUMNS} FROM agencies WHERE name = $1 OR credit_code = $2 ORDER BY id LIMIT 1"
        );
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(key)
            .bind(key.to_ascii_uppercase())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(rows::agency).transpose()
    }

    async fn agencies(&self) -> StoreResult<Vec<Agency>> {
        Ok(self.agencies_shared().await?.as_ref().clone())
    }

    async fn agency_tree(&self) -> StoreResult<AgencyTree> {
        let found = sqlx::query("SELECT id, parent_id FROM agencies")
            .fetch_all(&self.pool)
            .await?;
        let mut links = Vec::with_capacity(found.len());
        for row in &found {
            let parent: Option<i64> = row.try_get("parent_id")?;
            links.push((AgencyId(row.try_get("id")?), parent.map(AgencyId)));
        }
        Ok(AgencyTree::from_links(links))
    }

    async fn update_agency(
        &self,
        id: AgencyId,
        profile: &AgencyProfile,
        by: &ActorRef,
    ) -> StoreResult<Agency> {
        let mut w = self.begin_write().await?;
        let parent: Option<Option<i64>> =
            sqlx::query_scalar("SELECT parent_id FROM agencies WHERE id = $1")
                .bind(id.0)
                .fetch_optional(w.conn())
                .await?;
        let Some(parent) = parent else {
            return Err(StoreError::NotFound { what: "agency" });
        };
        let agency = update_agency_in(&mut w, id, parent.map(AgencyId), profile, by).await?;
        w.commit().await?;
        Ok(agency)
    }
}

/// Inserts an agency below `parent` within `w`, audited.
pub(crate) async fn insert_agency(
    w: &mut WriteTx,
    parent: Option<AgencyId>,
    profile: &AgencyProfile,
    by: &ActorRef,
) -> StoreResult<Agency> {
    let row = bind_profile(
        sqlx::query(
            "INSERT INTO agencies (name, credit_code, kind, address, office_hours, phone, fax, email, \
             website, disclosure_office_name, disclosure_address, disclosure_office_hours, \
             disclosure_phone, disclosure_fax, disclosure_email, review_body, doc_prefix, parent_id, \
             created_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) \
             RETURNING id",
        ),
        profile,
    )
    .bind(parent.map(|a| a.0))
    .bind(w.now_ms)
    .fetch_one(w.conn())
    .await?;
    let id: i64 = row.try_get("id")?;
    w.audit(&AuditEntry {
        actor: by.clone(),
        action: AuditAction::AgencyCreate,
        agency: Some(id),
        target: format!("agency:{id}"),
        detail: profile_detail(parent, profile),
    })
    .await?;
    Ok(Agency {
        id: AgencyId(id),
        parent,
        profile: profile.clone(),
    })
}

/// Sets agency `id`'s profile and parent within `w`, audited.
pub(crate) async fn update_agency_in(
    w: &mut WriteTx,
    id: AgencyId,
    parent: Option<AgencyId>,
    profile: &AgencyProfile,
    by: &ActorRef,
) -> StoreResult<Agency> {
    bind_profile(
        sqlx::query(
            "UPDATE agencies SET name = $1, credit_code = $2, kind = $3, address = $4, \
             office_hours = $5, phone = $6, fax = $7, email = $8, website = $9, \
             disclosure_office_name = $10, disclosure_address = $11, disclosure_office_hours = $12, \
             disclosure_phone = $13, disclosure_fax = $14, disclosure_email = $15, review_body = $16, \
             doc_prefix = $17, parent_id = $18 \
             WHERE id = $19",
        ),
        profile,
    )
    .bind(parent.map(|a| a.0))
    .bind(id.0)
    .execute(w.conn())
    .await?;
    w.audit(&AuditEntry {
        actor: by.clone(),
        action: AuditAction::AgencyUpdate,
        agency: Some(id.0),
        target: format!("agency:{id}"),
        detail: profile_detail(parent, profile),
    })
    .await?;
    Ok(Agency {
        id,
        parent,
        profile: profile.clone(),
    })
}

impl Store {
    /// Every agency in order of creation, shared: every agency write moves the public change sequence
    /// (`AuditAction::changes_public_pages`), so the list read at one sequence serves every caller until it
    /// moves (a page or an API call with 2,000 agencies reads one row, not 2,000). The sequence is read before
    /// the list, so a list is never kept under a sequence newer than itself.
    pub async fn agencies_shared(&self) -> StoreResult<std::sync::Arc<Vec<Agency>>> {
        let seq = self.public_change().await.ok().map(|c| c.seq);
        if let Some(seq) = seq
            && let Ok(cached) = self.agency_cache.lock()
            && let Some((at, list)) = cached.as_ref()
            && *at == seq
        {
            return Ok(std::sync::Arc::clone(list));
        }
        let sql = format!("SELECT {AGENCY_COLUMNS} FROM agencies ORDER BY id");
        let found = sqlx::query(AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?;
        let list: Vec<Agency> = found.iter().map(rows::agency).collect::<StoreResult<_>>()?;
        let list = std::sync::Arc::new(list);
        if let Some(seq) = seq
            && let Ok(mut cached) = self.agency_cache.lock()
        {
            *cached = Some((seq, std::sync::Arc::clone(&list)));
        }
        Ok(list)
    }
}
