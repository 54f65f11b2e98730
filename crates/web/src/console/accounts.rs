//! An agency's staff: the list, new accounts (only roles the official may grant) and disabling.

use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_domain::access::{Denial, may_grant};
use gongkai_domain::account::{Role, Username, check_new_password};
use gongkai_domain::field::{FieldError, FieldProblem};
use gongkai_store::{AccountStore, NewAccount, StoreError};
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::{field_errors, form_status, page_context};
use crate::auth::{Access, can, password};
use crate::error::{ErrorCode, WebError};
use crate::i18n::Lang;
use crate::security::random_password;
use crate::state::AppState;
use crate::views::ser;

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct AccountForm {
    username: String,
    display_name: String,
    role: String,
    #[serde(skip_serializing)]
    password: String,
}

#[derive(Debug, Deserialize)]
pub struct Flash {
    created: Option<String>,
}

/// Roles an account of an agency can have that this official may hand out.
fn grantable(granter: Role) -> Vec<&'static str> {
    Role::ALL
        .into_iter()
        .filter(|r| r.needs_agency() && may_grant(granter, *r))
        .map(Role::code)
        .collect()
}

/// What the page announces above the list.
enum Notice<'a> {
    None,
    Created(&'a str),
    /// A new password, shown this once.
    Reset {
        username: &'a str,
        password: &'a str,
    },
}

async fn render(
    state: &AppState,
    lang: Lang,
    access: &Access<can::ManageAccounts>,
    form: &AccountForm,
    errors: &[FieldError],
    notice: Notice<'_>,
) -> Result<Response, WebError> {
    let (created, reset) = match notice {
        Notice::None => (None, None),
        Notice::Created(name) => (Some(name), None),
        Notice::Reset { username, password } => (None, Some(context! { username, password })),
    };
    let staff = state.store.accounts_of(Some(access.agency.id)).await?;
    let status = form_status(errors);
    let page = state.views.render(
        "console/accounts.html",
        lang,
        context! {
            agency => ser(&access.agency),
            staff => ser(&staff),
            roles => grantable(access.official.account.role),
            form => ser(form),
            errors => field_errors(errors),
            created => created,
            reset => reset,
            ..page_context(&access.official)
        },
    )?;
    Ok((status, page).into_response())
}

pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    Query(flash): Query<Flash>,
    access: Access<can::ManageAccounts>,
) -> Result<Response, WebError> {
    let form = AccountForm {
        role: Role::Clerk.code().to_owned(),
        ..AccountForm::default()
    };
    let notice = flash
        .created
        .as_deref()
        .map_or(Notice::None, Notice::Created);
    render(&state, lang, &access, &form, &[], notice).await
}

pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::ManageAccounts>,
    Form(form): Form<AccountForm>,
) -> Result<Response, WebError> {
    let role = Role::from_code(&form.role);
    // A role this official may not hand out (or one that belongs to no agency) is refused outright.
    if let Some(r) = role
        && (!r.needs_agency() || !may_grant(access.official.account.role, r))
    {
        return Err(WebError::Forbidden(Denial::Role));
    }
    let mut errors = Vec::new();
    if role.is_none() {
        errors.push(FieldError::new("role", FieldProblem::Required));
    }
    if form.display_name.trim().is_empty() {
        errors.push(FieldError::new("display_name", FieldProblem::Required));
    } else if form.display_name.chars().count() > 50 {
        errors.push(FieldError::new("display_name", FieldProblem::TooLong));
    }
    let username = Username::parse(&form.username)
        .map_err(|e| errors.push(e))
        .ok();
    if let Some(u) = &username
        && let Err(e) = check_new_password(&form.password, u)
    {
        errors.push(e);
    }
    let (Some(username), Some(role), true) = (username, role, errors.is_empty()) else {
        return render(&state, lang, &access, &form, &errors, Notice::None).await;
    };
    let new = NewAccount {
        username: username.clone(),
        display_name: form.display_name.trim().to_owned(),
        role,
        agency: Some(access.agency.id),
        password_hash: password::hash(form.password.clone()).await?,
    };
    match state
        .store
        .create_account(&new, &access.official.actor_ref())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/console/agencies/{}/accounts?created={}",
            access.agency.id, username
        ))
        .into_response()),
        Err(StoreError::Conflict { .. }) => {
            let taken = [FieldError::new("username", FieldProblem::Taken)];
            render(&state, lang, &access, &form, &taken, Notice::None).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize)]
pub struct ActiveForm {
    active: String,
}

pub async fn set_active(
    State(state): State<AppState>,
    access: Access<can::ManageAccounts>,
    Form(form): Form<ActiveForm>,
) -> Result<Response, WebError> {
    let target = access.account.as_ref().ok_or(WebError::NotFound)?;
    if target.id == access.official.account.id {
        return Err(WebError::BadRequest(ErrorCode::AccountSelfDisable));
    }
    let active = form.active == "1";
    state
        .store
        .set_active(target.id, active, &access.official.actor_ref())
        .await?;
    Ok(Redirect::to(&format!("/console/agencies/{}/accounts", access.agency.id)).into_response())
}

/// An administrator gives a staff member a new password (a forgotten one, or a lock to lift): shown once,
/// every session of the account ended.
pub async fn reset_password(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::ManageAccounts>,
) -> Result<Response, WebError> {
    let target = access.account.as_ref().ok_or(WebError::NotFound)?;
    let new = random_password().map_err(|e| WebError::Internal(format!("random: {e}")))?;
    let hash = password::hash(new.clone()).await?;
    state
        .store
        .set_password(target.id, &hash, None, &access.official.actor_ref())
        .await?;
    let form = AccountForm {
        role: Role::Clerk.code().to_owned(),
        ..AccountForm::default()
    };
    let notice = Notice::Reset {
        username: target.username.as_str(),
        password: &new,
    };
    render(&state, lang, &access, &form, &[], notice).await
}
