//! An agency's API tokens (`/console/agencies/{agency}/tokens`), for its administrators: the list with each
//! token's role, issue day, last use and revocation; a new token for an integration, whose secret is shown
//! this once; and revocation after a confirmation page. Every write is an audit event (the store).

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_app::tokens::{self, TokenRefusal, TokenRequest};
use gongkai_domain::access::TOKEN_ROLES;
use gongkai_domain::account::Role;
use gongkai_domain::field::FieldError;
use gongkai_store::{ApiTokenId, StoredApiToken};
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

use super::{field_errors, form_status, page_context};
use crate::auth::{Access, can};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct TokenForm {
    name: String,
    role: String,
}

#[derive(Debug, Deserialize)]
pub struct Flash {
    revoked: Option<String>,
}

/// A token as the list shows it (never its hash).
fn row(t: &StoredApiToken) -> Value {
    context! {
        id => t.id.0, name => &t.name, role => t.role.code(), created_at_ms => t.created_at_ms,
        created_by => &t.created_by, last_used_at_ms => t.last_used_at_ms, revoked_at_ms => t.revoked_at_ms,
    }
}

/// What the page announces above the list.
enum Notice<'a> {
    None,
    /// A new token's secret, shown this once.
    Issued {
        name: &'a str,
        secret: &'a str,
    },
    Revoked(&'a str),
}

async fn render(
    state: &AppState,
    lang: Lang,
    access: &Access<can::ManageAccounts>,
    form: &TokenForm,
    errors: &[FieldError],
    notice: Notice<'_>,
) -> Result<Response, WebError> {
    let (issued, revoked) = match notice {
        Notice::None => (None, None),
        Notice::Issued { name, secret } => (Some(context! { name, secret }), None),
        Notice::Revoked(name) => (None, Some(name)),
    };
    let status = match (&issued, form_status(errors)) {
        (Some(_), _) => StatusCode::CREATED,
        (None, status) => status,
    };
    let list = tokens::tokens_of(&state.store, access.agency.id).await?;
    let page = state.templates.render(
        "console/tokens.html",
        lang,
        context! {
            agency => ser(&access.agency),
            tokens => list.iter().map(row).collect::<Vec<_>>(),
            roles => TOKEN_ROLES.iter().map(|r| r.code()).collect::<Vec<_>>(),
            form => ser(form),
            errors => field_errors(errors),
            issued => issued,
            revoked => revoked,
            ..page_context(&access.official)
        },
    )?;
    // The secret must not linger in a cache.
    Ok((
        status,
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        page,
    )
        .into_response())
}

pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    Query(flash): Query<Flash>,
    access: Access<can::ManageAccounts>,
) -> Result<Response, WebError> {
    let form = TokenForm {
        role: Role::Clerk.code().to_owned(),
        ..TokenForm::default()
    };
    let notice = flash
        .revoked
        .as_deref()
        .map_or(Notice::None, Notice::Revoked);
    render(&state, lang, &access, &form, &[], notice).await
}

pub async fn issue(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::ManageAccounts>,
    Form(form): Form<TokenForm>,
) -> Result<Response, WebError> {
    let request = TokenRequest {
        name: form.name.clone(),
        role: form.role.clone(),
    };
    let by = access.official.actor_ref();
    match tokens::issue_token(&state.store, access.agency.id, &request, &by).await {
        Ok(issued) => {
            let blank = TokenForm {
                role: Role::Clerk.code().to_owned(),
                ..TokenForm::default()
            };
            let notice = Notice::Issued {
                name: &issued.token.name,
                secret: &issued.secret,
            };
            render(&state, lang, &access, &blank, &[], notice).await
        }
        Err(TokenRefusal::Fields(errors)) => {
            render(&state, lang, &access, &form, &errors, Notice::None).await
        }
        Err(TokenRefusal::App(e)) => Err(e.into()),
    }
}

/// One of the agency's tokens, named in the path; another agency's is not found.
async fn token_of(
    state: &AppState,
    access: &Access<can::ManageAccounts>,
    id: i64,
) -> Result<StoredApiToken, WebError> {
    tokens::tokens_of(&state.store, access.agency.id)
        .await?
        .into_iter()
        .find(|t| t.id.0 == id)
        .ok_or(WebError::NotFound)
}

/// The confirmation page before a token is revoked.
pub async fn confirm_revoke(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::ManageAccounts>,
    Path((_, id)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    let token = token_of(&state, &access, id).await?;
    let page = state.templates.render(
        "console/token_revoke.html",
        lang,
        context! { agency => ser(&access.agency), token => row(&token), ..page_context(&access.official) },
    )?;
    Ok(page.into_response())
}

pub async fn revoke(
    State(state): State<AppState>,
    access: Access<can::ManageAccounts>,
    Path((_, id)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    let token = token_of(&state, &access, id).await?;
    let by = access.official.actor_ref();
    if !token.is_revoked() {
        tokens::revoke_token(&state.store, access.agency.id, ApiTokenId(id), &by).await?;
    }
    let name: String = url_encode(&token.name);
    Ok(Redirect::to(&format!(
        "/console/agencies/{}/tokens?revoked={name}",
        access.agency.id.0
    ))
    .into_response())
}

fn url_encode(text: &str) -> String {
    serde_urlencoded::to_string([("", text)])
        .map(|s| s.trim_start_matches('=').to_owned())
        .unwrap_or_default()
}
