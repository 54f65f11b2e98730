//! A whole agency tree written in one transaction (`gongkai import agencies`): each row creates its agency or
//! brings an existing one (found by its credit code, else its name) up to the row; a row that matches already
//! changes nothing, so a second run of the same file writes nothing. Each change is audited.

use gongkai_domain::agency::{Agency, AgencyProfile, Contact};
use gongkai_domain::audit::ActorRef;
use sqlx::AssertSqlSafe;

use crate::Store;
use crate::agencies::{insert_agency, update_agency_in};
use crate::error::{StoreError, StoreResult};
use crate::rows::{self, AGENCY_COLUMNS};
use crate::write::WriteTx;

/// One agency of the file, checked: its profile (empty fields are left as the store has them) and its parent's
/// name or credit code (None at the top of a tree). Parents come before their children.
#[derive(Debug, Clone)]
pub struct AgencyImportRow {
    pub line: usize,
    pub profile: AgencyProfile,
    pub parent: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgencyImportOutcome {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

pub trait AgencyImportStore {
    /// Writes every row in one transaction; nothing is written if one fails.
    fn import_agencies(
        &self,
        rows: &[AgencyImportRow],
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<AgencyImportOutcome>> + Send;
}

async fn find(w: &mut WriteTx, key: &str) -> StoreResult<Option<Agency>> {
    let sql = format!(
        "SELECT {AGENCY_COLUMNS} FROM agencies WHERE name = $1 OR credit_code = $2 ORDER BY id LIMIT 1"
    );
    let row = sqlx::query(AssertSqlSafe(sql))
        .bind(key.trim())
        .bind(key.trim().to_ascii_uppercase())
        .fetch_optional(w.conn())
        .await?;
    row.as_ref().map(rows::agency).transpose()
}

/// `given` over `kept`: what the row gives replaces what the store has; an empty field keeps it.
fn merged(kept: &AgencyProfile, given: &AgencyProfile) -> AgencyProfile {
    let pick = |given: &str, kept: &str| {
        if given.trim().is_empty() {
            kept.to_owned()
        } else {
            given.to_owned()
        }
    };
    let contact = |g: &Contact, k: &Contact| Contact {
        address: pick(&g.address, &k.address),
        office_hours: pick(&g.office_hours, &k.office_hours),
        phone: pick(&g.phone, &k.phone),
        fax: pick(&g.fax, &k.fax),
        email: pick(&g.email, &k.email),
    };
    AgencyProfile {
        name: given.name.clone(),
        credit_code: given
            .credit_code
            .clone()
            .or_else(|| kept.credit_code.clone()),
        kind: given.kind,
        contact: contact(&given.contact, &kept.contact),
        website: pick(&given.website, &kept.website),
        office_name: pick(&given.office_name, &kept.office_name),
        office: contact(&given.office, &kept.office),
        review_body: pick(&given.review_body, &kept.review_body),
        doc_prefix: pick(&given.doc_prefix, &kept.doc_prefix),
    }
}

impl AgencyImportStore for Store {
    async fn import_agencies(
        &self,
        rows: &[AgencyImportRow],
        by: &ActorRef,
    ) -> StoreResult<AgencyImportOutcome> {
        let mut w = self.begin_write().await?;
        let mut done = AgencyImportOutcome::default();
        for row in rows {
            let parent = match &row.parent {
                None => None,
                Some(key) => Some(
                    find(&mut w, key)
                        .await?
                        .ok_or(StoreError::NotFound {
                            what: "parent agency",
                        })?
                        .id,
                ),
            };
            let existing = match &row.profile.credit_code {
                Some(code) => match find(&mut w, code.as_str()).await? {
                    Some(found) => Some(found),
                    None => find(&mut w, &row.profile.name).await?,
                },
                None => find(&mut w, &row.profile.name).await?,
            };
            match existing {
                Some(kept) => {
                    let profile = merged(&kept.profile, &row.profile);
                    if profile == kept.profile && parent == kept.parent {
                        done.unchanged += 1;
                    } else {
                        update_agency_in(&mut w, kept.id, parent, &profile, by).await?;
                        done.updated += 1;
                    }
                }
                None => {
                    insert_agency(&mut w, parent, &row.profile, by).await?;
                    done.created += 1;
                }
            }
        }
        w.commit().await?;
        Ok(done)
    }
}
