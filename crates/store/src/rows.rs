//! Rows to domain values. A stored value the domain refuses (an unknown role code, a bad credit code) is
//! reported as corrupt rather than guessed.

use gongkai_domain::account::{Account, AccountId, Role, Username};
use gongkai_domain::agency::{Agency, AgencyId, AgencyKind, AgencyProfile, Contact};
use gongkai_domain::audit::AuditEvent;
use gongkai_domain::credit_code::CreditCode;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::error::{StoreError, StoreResult};

pub(crate) const AGENCY_COLUMNS: &str = "id, parent_id, name, credit_code, kind, address, office_hours, \
     phone, fax, email, website, disclosure_office_name, disclosure_address, disclosure_office_hours, \
     disclosure_phone, disclosure_fax, disclosure_email, review_body, doc_prefix";

pub(crate) fn agency(row: &AnyRow) -> StoreResult<Agency> {
    let text = |col: &str| row.try_get::<String, _>(col);
    let kind_code = text("kind")?;
    let kind = AgencyKind::from_code(&kind_code)
        .ok_or_else(|| StoreError::Corrupt(format!("agency kind '{kind_code}'")))?;
    let credit_code = match row.try_get::<Option<String>, _>("credit_code")? {
        Some(code) => Some(
            CreditCode::parse(&code)
                .map_err(|e| StoreError::Corrupt(format!("credit code: {e}")))?,
        ),
        None => None,
    };
    Ok(Agency {
        id: AgencyId(row.try_get("id")?),
        parent: row.try_get::<Option<i64>, _>("parent_id")?.map(AgencyId),
        profile: AgencyProfile {
            name: text("name")?,
            credit_code,
            kind,
            contact: Contact {
                address: text("address")?,
                office_hours: text("office_hours")?,
                phone: text("phone")?,
                fax: text("fax")?,
                email: text("email")?,
            },
            website: text("website")?,
            office_name: text("disclosure_office_name")?,
            office: Contact {
                address: text("disclosure_address")?,
                office_hours: text("disclosure_office_hours")?,
                phone: text("disclosure_phone")?,
                fax: text("disclosure_fax")?,
                email: text("disclosure_email")?,
            },
            review_body: text("review_body")?,
            doc_prefix: text("doc_prefix")?,
        },
    })
}

pub(crate) const ACCOUNT_COLUMNS: &str = "id, username, display_name, role, agency_id, active, password_hash, failed_logins, locked_until_ms, must_change_password";

pub(crate) fn account(row: &AnyRow) -> StoreResult<Account> {
    let role_code: String = row.try_get("role")?;
    let role = Role::from_code(&role_code)
        .ok_or_else(|| StoreError::Corrupt(format!("role '{role_code}'")))?;
    let username: String = row.try_get("username")?;
    let username = Username::parse(&username)
        .map_err(|_| StoreError::Corrupt(format!("username '{username}'")))?;
    Ok(Account {
        id: AccountId(row.try_get("id")?),
        username,
        display_name: row.try_get("display_name")?,
        role,
        agency: row.try_get::<Option<i64>, _>("agency_id")?.map(AgencyId),
        active: row.try_get::<i64, _>("active")? != 0,
        must_change_password: row.try_get::<i64, _>("must_change_password")? != 0,
    })
}

pub(crate) const AUDIT_COLUMNS: &str = "seq, at_ms, actor_kind, actor_id, actor_name, action, agency_id, \
     target, detail, digest, prev_hash, hash";

pub(crate) fn audit_event(row: &AnyRow) -> StoreResult<AuditEvent> {
    Ok(AuditEvent {
        seq: row.try_get("seq")?,
        at_ms: row.try_get("at_ms")?,
        actor_kind: row.try_get("actor_kind")?,
        actor_id: row.try_get("actor_id")?,
        actor_name: row.try_get("actor_name")?,
        action: row.try_get("action")?,
        agency: row.try_get("agency_id")?,
        target: row.try_get("target")?,
        detail: row.try_get("detail")?,
        digest: row.try_get("digest")?,
        prev_hash: row.try_get("prev_hash")?,
        hash: row.try_get("hash")?,
    })
}
