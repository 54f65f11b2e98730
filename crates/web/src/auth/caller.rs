//! Who calls the caseworker's API, and may they: an integration with an agency's API token
//! (`Authorization: Bearer gkt_…`, no CSRF token needed, since a browser never sends it by itself), or a
//! signed-in official's session cookie, whose writes must also carry the session's `X-CSRF-Token` (from
//! `GET /api/v1/session`). Either way the same role matrix and agency scope decide
//! (`gongkai_domain::access::authorize`), for the agency named by the `{agency}` path segment. Failures are
//! JSON: 401 without valid credentials, 403 outside the role or the agency.

use std::marker::PhantomData;

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use axum::http::{Method, header};
use gongkai_app::tokens;
use gongkai_domain::access::{Actor, Capability, Denial, authorize};
use gongkai_domain::account::AccountId;
use gongkai_domain::agency::{Agency, AgencyTree};
use gongkai_domain::audit::ActorRef;
use gongkai_store::StoredApiToken;

use super::csrf::{CSRF_HEADER, same_origin};
use super::{Official, Policy, agency_in_scope};
use crate::error::{ErrorCode, WebError};
use crate::security::same_secret;
use crate::state::AppState;

/// How the caller proved who they are.
#[derive(Debug, Clone)]
pub enum Credential {
    Token(StoredApiToken),
    Session(Official),
}

/// A caller allowed `P` on the agency named by the `{agency}` path segment.
pub struct Caller<P: Policy> {
    pub credential: Credential,
    pub agency: Agency,
    pub tree: AgencyTree,
    policy: PhantomData<P>,
}

impl<P: Policy> Caller<P> {
    /// The actor as the role matrix reads it. A token is no account: `authorize` reads only its role and
    /// agency, and no account id is ever looked up from it.
    pub fn actor(&self) -> Actor {
        actor_of(&self.credential)
    }

    /// Who the audit trail and the application's events name: the token itself, or the official.
    pub fn actor_ref(&self) -> ActorRef {
        match &self.credential {
            Credential::Token(t) => t.actor_ref(),
            Credential::Session(o) => o.actor_ref(),
        }
    }

    /// May the caller also do `capability` here (an extension needs a reviewer, 条例第三十三条第二款)?
    pub fn may(&self, capability: Capability) -> Result<(), Denial> {
        authorize(&self.actor(), capability, self.agency.id, &self.tree)
    }
}

fn actor_of(credential: &Credential) -> Actor {
    match credential {
        Credential::Token(t) => Actor {
            account: AccountId(0),
            role: t.role,
            agency: Some(t.agency),
        },
        Credential::Session(o) => o.actor(),
    }
}

/// The bearer token of the request: `None` without an `Authorization` header, an error for any other scheme.
fn bearer(parts: &Parts) -> Result<Option<&str>, WebError> {
    let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let text = value
        .to_str()
        .map_err(|_| WebError::ApiUnauthorized(ErrorCode::AuthToken))?;
    match text.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => Ok(Some(token.trim())),
        _ => Err(WebError::ApiUnauthorized(ErrorCode::AuthToken)),
    }
}

async fn credential(parts: &mut Parts, state: &AppState) -> Result<Credential, WebError> {
    if let Some(secret) = bearer(parts)? {
        let token = tokens::authenticate(&state.store, secret)
            .await?
            .ok_or(WebError::ApiUnauthorized(ErrorCode::AuthToken))?;
        // Every call with a token is audited with the token as actor, refused ones included.
        let call = format!("{} {}", parts.method, parts.uri.path());
        tokens::record_use(&state.store, &token, &call).await?;
        return Ok(Credential::Token(token));
    }
    let official = Official::resolve(parts, state)
        .await?
        .ok_or(WebError::ApiUnauthorized(ErrorCode::AuthTokenRequired))?;
    // A session cookie is sent by the browser on its own: a write must prove it came from our page.
    if !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
        let token = parts
            .headers
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !same_origin(&parts.headers, state.config.public_url.as_deref())
            || !same_secret(token, &official.csrf_token)
        {
            return Err(WebError::Csrf);
        }
    }
    Ok(Credential::Session(official))
}

impl<P: Policy> FromRequestParts<AppState> for Caller<P> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let credential = credential(parts, state).await?;
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| WebError::NotFound)?;
        let (agency, tree) =
            agency_in_scope(state, &params, &actor_of(&credential), P::CAPABILITY).await?;
        Ok(Self {
            credential,
            agency,
            tree,
            policy: PhantomData,
        })
    }
}
