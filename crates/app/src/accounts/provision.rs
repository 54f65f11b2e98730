//! Staff accounts: created by an administrator for an agency, the first system administrator from the command
//! line, and a password reset that hands out a one-time password. Every write is an audit event (the store).

use gongkai_domain::access::may_grant;
use gongkai_domain::account::{AccountId, Role, Username, check_new_password};
use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::ActorRef;
use gongkai_domain::field::{FieldError, FieldProblem, check_email};
use gongkai_store::{AccountStore, MailStore, NewAccount, Store, StoreError};

use super::password;
use crate::error::{AppError, AppResult};
use crate::secrets::random_password;

/// An account as an administrator typed it.
#[derive(Debug, Clone, Default)]
pub struct AccountRequest {
    pub username: String,
    pub display_name: String,
    /// A [`Role`] code.
    pub role: String,
    pub password: String,
    /// Optional: where the staff member's daily digest goes.
    pub email: String,
}

/// Why no account was created.
#[derive(Debug)]
pub enum AccountRefusal {
    /// The granter may not hand out that role (or it belongs to no agency).
    RoleNotGrantable,
    Fields(Vec<FieldError>),
    App(AppError),
}

impl From<AppError> for AccountRefusal {
    fn from(e: AppError) -> Self {
        Self::App(e)
    }
}

/// Creates a staff account of `agency`, as an official whose role is `granter`.
pub async fn create_staff_account(
    store: &Store,
    agency: AgencyId,
    request: &AccountRequest,
    granter: Role,
    by: &ActorRef,
) -> Result<Username, AccountRefusal> {
    let role = Role::from_code(&request.role);
    // A role this official may not hand out (or one that belongs to no agency) is refused outright.
    if let Some(r) = role
        && (!r.needs_agency() || !may_grant(granter, r))
    {
        return Err(AccountRefusal::RoleNotGrantable);
    }
    let mut errors = Vec::new();
    if role.is_none() {
        errors.push(FieldError::new("role", FieldProblem::Required));
    }
    if request.display_name.trim().is_empty() {
        errors.push(FieldError::new("display_name", FieldProblem::Required));
    } else if request.display_name.chars().count() > 50 {
        errors.push(FieldError::new("display_name", FieldProblem::TooLong));
    }
    let username = Username::parse(&request.username)
        .map_err(|e| errors.push(e))
        .ok();
    if let Some(u) = &username
        && let Err(e) = check_new_password(&request.password, u)
    {
        errors.push(e);
    }
    check_email(&mut errors, "email", &request.email);
    let (Some(username), Some(role), true) = (username, role, errors.is_empty()) else {
        return Err(AccountRefusal::Fields(errors));
    };
    let new = NewAccount {
        username: username.clone(),
        display_name: request.display_name.trim().to_owned(),
        role,
        agency: Some(agency),
        password_hash: password::hash(request.password.clone()).await?,
    };
    match store.create_account(&new, by).await {
        Ok(account) => {
            if !request.email.trim().is_empty() {
                store
                    .set_account_email(account.id, request.email.trim(), by)
                    .await
                    .map_err(|e| AccountRefusal::App(e.into()))?;
            }
            Ok(username)
        }
        Err(StoreError::Conflict { .. }) => Err(AccountRefusal::Fields(vec![FieldError::new(
            "username",
            FieldProblem::Taken,
        )])),
        Err(e) => Err(AccountRefusal::App(e.into())),
    }
}

/// Gives `account` a new one-time password (a forgotten one, or a lock to lift) and returns it; the store ends
/// every session of the account.
pub async fn reset_password(store: &Store, account: AccountId, by: &ActorRef) -> AppResult<String> {
    let new = random_password().map_err(|e| AppError::Internal(format!("random: {e}")))?;
    let hash = password::hash(new.clone()).await?;
    store.set_password(account, &hash, None, by).await?;
    Ok(new)
}

/// Creates a system administrator with a generated password (the first one, from the command line) and
/// returns the password to hand over.
pub async fn add_system_admin(
    store: &Store,
    username: Username,
    display_name: &str,
    by: &ActorRef,
) -> AppResult<String> {
    add_platform_admin(store, username, display_name, Role::SystemAdmin, by).await
}

/// Creates a platform administrator (系统管理员 or 审计管理员, 三员分立) with a generated password, from the
/// command line, and returns the password to hand over.
pub async fn add_platform_admin(
    store: &Store,
    username: Username,
    display_name: &str,
    role: Role,
    by: &ActorRef,
) -> AppResult<String> {
    if role.needs_agency() {
        return Err(AppError::Refused(crate::error_code::ErrorCode::AccessRole));
    }
    let pw = random_password().map_err(|e| AppError::Internal(format!("random: {e}")))?;
    let new = NewAccount {
        username,
        display_name: display_name.to_owned(),
        role,
        agency: None,
        password_hash: password::hash(pw.clone()).await?,
    };
    store.create_account(&new, by).await?;
    Ok(pw)
}

/// Sets (or, empty, clears) the address the daily digest of `account`, a staff member of `agency`, goes to.
/// An account of another agency is not found.
pub async fn set_staff_email(
    store: &Store,
    agency: AgencyId,
    account: AccountId,
    email: &str,
    by: &ActorRef,
) -> Result<(), AccountRefusal> {
    let found = store.account(account).await.map_err(AppError::from)?;
    if found.is_none_or(|a| a.agency != Some(agency)) {
        return Err(AccountRefusal::App(AppError::NotFound(
            crate::error_code::ErrorCode::HttpNotFound,
        )));
    }
    let mut errors = Vec::new();
    check_email(&mut errors, "email", email);
    if !errors.is_empty() {
        return Err(AccountRefusal::Fields(errors));
    }
    store
        .set_account_email(account, email.trim(), by)
        .await
        .map_err(|e| AccountRefusal::App(e.into()))
}
