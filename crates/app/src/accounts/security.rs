//! The security administrator's work (安全管理员, 三员分立): the roles of existing accounts and the lifting of
//! lock-outs. Accounts are created by the system administrator and an agency's administrator
//! ([`super::provision`]); the three platform administrators only at the command line.

use gongkai_domain::access::may_change_role;
use gongkai_domain::account::{Account, AccountId, Role};
use gongkai_domain::audit::ActorRef;
use gongkai_store::{AccountSecurityStore, AccountStore, Store};

use crate::error::{AppError, AppResult};
use crate::error_code::ErrorCode;

/// Gives `target` the role `role_code`, as `by` (whose account is `changer`). The account's sessions end, so the
/// new role holds from its next login.
pub async fn change_role(
    store: &Store,
    changer: &Account,
    target: AccountId,
    role_code: &str,
    by: &ActorRef,
) -> AppResult<Role> {
    let account = store
        .account(target)
        .await?
        .ok_or(AppError::NotFound(ErrorCode::HttpNotFound))?;
    let role = Role::from_code(role_code.trim())
        .ok_or(AppError::Refused(ErrorCode::AccountRoleNotChangeable))?;
    if account.id == changer.id {
        return Err(AppError::Refused(ErrorCode::AccountSelfRole));
    }
    if !may_change_role(changer.role, account.role, role) {
        return Err(AppError::Refused(ErrorCode::AccountRoleNotChangeable));
    }
    // Every agency role works within one agency; an account without one cannot take it.
    if role.needs_agency() && account.agency.is_none() {
        return Err(AppError::Refused(ErrorCode::AccountRoleNeedsAgency));
    }
    if role != account.role {
        store.set_role(account.id, role, by).await?;
    }
    Ok(role)
}

/// Lifts the lock-out of `username` from every address; how many lock-outs and failure counts were lifted.
pub async fn unlock(store: &Store, username: &str, by: &ActorRef) -> AppResult<u64> {
    Ok(store.unlock_login(username.trim(), by).await?)
}
