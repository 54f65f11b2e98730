//! An agency's staff: the list, new accounts (only roles the official may grant) and disabling.

use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_app::accounts::{self, AccountRefusal, AccountRequest, create_staff_account};
use gongkai_domain::access::{Denial, may_grant};
use gongkai_domain::account::Role;
use gongkai_domain::field::FieldError;
use gongkai_store::{AccountStore, MailStore};
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::{field_errors, form_status, page_context};
use crate::auth::{Access, can};
use crate::error::{ErrorCode, WebError};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct AccountForm {
    username: String,
    display_name: String,
    role: String,
    email: String,
    #[serde(skip_serializing)]
    password: String,
}

#[derive(Debug, Deserialize)]
pub struct Flash {
    created: Option<String>,
    email_saved: Option<String>,
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
    /// The digest address of this account was saved.
    EmailSaved(&'a str),
    /// The digest address typed for this account is not an address.
    EmailBad(&'a str),
}

async fn render(
    state: &AppState,
    lang: Lang,
    access: &Access<can::ManageAccounts>,
    form: &AccountForm,
    errors: &[FieldError],
    notice: Notice<'_>,
) -> Result<Response, WebError> {
    let (mut created, mut reset, mut email_saved, mut email_bad) = (None, None, None, None);
    match notice {
        Notice::None => {}
        Notice::Created(name) => created = Some(name),
        Notice::Reset { username, password } => reset = Some(context! { username, password }),
        Notice::EmailSaved(name) => email_saved = Some(name),
        Notice::EmailBad(name) => email_bad = Some(name),
    }
    let mut staff = Vec::new();
    for account in state.store.accounts_of(Some(access.agency.id)).await? {
        let email = state.store.account_email(account.id).await?;
        let mut row = serde_json::to_value(&account).unwrap_or_default();
        row["email"] = email.into();
        staff.push(row);
    }
    let status = form_status(errors);
    let page = state.templates.render(
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
            email_saved => email_saved,
            email_bad => email_bad,
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
    let notice = match (&flash.created, &flash.email_saved) {
        (Some(name), _) => Notice::Created(name),
        (None, Some(name)) => Notice::EmailSaved(name),
        (None, None) => Notice::None,
    };
    render(&state, lang, &access, &form, &[], notice).await
}

pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::ManageAccounts>,
    Form(form): Form<AccountForm>,
) -> Result<Response, WebError> {
    let request = AccountRequest {
        username: form.username.clone(),
        display_name: form.display_name.clone(),
        role: form.role.clone(),
        password: form.password.clone(),
        email: form.email.clone(),
    };
    let by = access.official.actor_ref();
    let role = access.official.account.role;
    match create_staff_account(&state.store, access.agency.id, &request, role, &by).await {
        Ok(username) => Ok(Redirect::to(&format!(
            "/console/agencies/{}/accounts?created={}",
            access.agency.id, username
        ))
        .into_response()),
        Err(AccountRefusal::RoleNotGrantable) => Err(WebError::Forbidden(Denial::Role)),
        Err(AccountRefusal::Fields(errors)) => {
            render(&state, lang, &access, &form, &errors, Notice::None).await
        }
        Err(AccountRefusal::App(e)) => Err(e.into()),
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
    let new =
        accounts::reset_password(&state.store, target.id, &access.official.actor_ref()).await?;
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

#[derive(Debug, Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    email: String,
}

/// An administrator sets (or clears) the address a staff member's daily digest goes to.
pub async fn set_email(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::ManageAccounts>,
    Form(form): Form<EmailForm>,
) -> Result<Response, WebError> {
    let target = access.account.as_ref().ok_or(WebError::NotFound)?;
    let by = access.official.actor_ref();
    match accounts::set_staff_email(&state.store, access.agency.id, target.id, &form.email, &by)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/console/agencies/{}/accounts?email_saved={}",
            access.agency.id, target.username
        ))
        .into_response()),
        Err(AccountRefusal::Fields(_)) => {
            let blank = AccountForm {
                role: Role::Clerk.code().to_owned(),
                ..AccountForm::default()
            };
            let notice = Notice::EmailBad(target.username.as_str());
            let mut page = render(&state, lang, &access, &blank, &[], notice).await?;
            *page.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(page)
        }
        Err(AccountRefusal::RoleNotGrantable) => Err(WebError::Forbidden(Denial::Role)),
        Err(AccountRefusal::App(e)) => Err(e.into()),
    }
}
