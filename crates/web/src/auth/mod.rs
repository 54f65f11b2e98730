//! Who is asking, and may they: the session extractor [`Official`] and the one access check, [`Access`] (for
//! an agency's records, the agency taken from the `{agency}` path segment) and [`Global`] (for platform-wide
//! pages). Handlers never decide access themselves; they ask for `Access<can::EditAgency>` and the like.

pub mod caller;
pub mod csrf;
pub mod login;

use std::marker::PhantomData;

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use gongkai_domain::access::{Actor, Capability, Denial, authorize, role_allows};
use gongkai_domain::account::{Account, AccountId, Role};
use gongkai_domain::agency::{Agency, AgencyId, AgencyTree};
use gongkai_domain::audit::ActorRef;
use gongkai_store::{
    AccountStore, AgencyStore, ApplicationId, ApplicationStore, CatalogItem, CatalogStore, ItemId,
    SessionStore, StoredApplication,
};

use crate::error::WebError;
use crate::security::{cookie, token_hash};
use crate::state::AppState;

/// A signed-in official.
#[derive(Debug, Clone)]
pub struct Official {
    pub account: Account,
    pub csrf_token: String,
    pub token_hash: String,
}

impl Official {
    pub fn actor(&self) -> Actor {
        Actor {
            account: self.account.id,
            role: self.account.role,
            agency: self.account.agency,
        }
    }

    pub fn actor_ref(&self) -> ActorRef {
        ActorRef::Official {
            id: self.account.id.0,
            username: self.account.username.to_string(),
        }
    }

    /// Looks the session up once per request; later extractors reuse it.
    pub async fn resolve(parts: &mut Parts, state: &AppState) -> Result<Option<Self>, WebError> {
        if let Some(found) = parts.extensions.get::<Official>() {
            return Ok(Some(found.clone()));
        }
        let Some(token) = cookie(&parts.headers, state.cookies().session_cookie()) else {
            return Ok(None);
        };
        let hash = token_hash(&token);
        let Some(session) = state.store.session(&hash, state.session_idle_ms()).await? else {
            return Ok(None);
        };
        let Some(account) = state.store.account(session.account).await? else {
            return Ok(None);
        };
        if !account.active {
            return Ok(None);
        }
        // A password someone else set (a reset, a new account) is changed before anything else is done with it.
        let path = parts.uri.path();
        if account.must_change_password && !PASSWORD_CHANGE_PATHS.contains(&path) {
            return Err(WebError::PasswordChangeRequired {
                api: path.starts_with("/api/"),
            });
        }
        let official = Official {
            account,
            csrf_token: session.csrf_token,
            token_hash: hash,
        };
        parts.extensions.insert(official.clone());
        Ok(Some(official))
    }
}

/// What an official whose password must be changed may still reach: the change itself, and leaving.
const PASSWORD_CHANGE_PATHS: [&str; 3] =
    ["/console/password", "/console/logout", "/api/v1/session"];

impl FromRequestParts<AppState> for Official {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        match Self::resolve(parts, state).await? {
            Some(o) => Ok(o),
            None => Err(WebError::Unauthenticated {
                next: parts.uri.path().to_owned(),
            }),
        }
    }
}

/// A capability as a type, so that a handler's signature says what it needs.
pub trait Policy: Send + Sync + 'static {
    const CAPABILITY: Capability;
}

/// The policies handlers ask for, one per [`Capability`].
pub mod can {
    use super::{Capability, Policy};

    macro_rules! policies {
        ($($name:ident),*) => {$(
            pub struct $name;
            impl Policy for $name {
                const CAPABILITY: Capability = Capability::$name;
            }
        )*};
    }
    policies!(
        ViewAgency,
        EditAgency,
        ManageAccounts,
        CreateAgency,
        ViewAudit,
        HandleRecords,
        ReviewRecords,
        ReadCases,
        Oversee,
        ManageSecurity
    );
}

/// An official allowed `P` on the agency named by the `{agency}` path segment.
pub struct Access<P: Policy> {
    pub official: Official,
    pub agency: Agency,
    pub tree: AgencyTree,
    /// The account named by an `{account}` path segment; it belongs to `agency`.
    pub account: Option<Account>,
    /// The catalogue item named by an `{item}` path segment; it belongs to `agency`.
    pub item: Option<CatalogItem>,
    /// The application named by an `{application}` path segment; it was made to `agency`.
    pub application: Option<StoredApplication>,
    policy: PhantomData<P>,
}

impl<P: Policy> FromRequestParts<AppState> for Access<P> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let official = Official::from_request_parts(parts, state).await?;
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| WebError::NotFound)?;
        let (agency, tree) =
            agency_in_scope(state, &params, &official.actor(), P::CAPABILITY).await?;
        // A record named in the path must belong to the agency whose access was just checked, or reaching it
        // through one's own agency's address would bypass the scope.
        let account = match params.iter().find(|(key, _)| *key == "account") {
            None => None,
            Some((_, value)) => {
                let id = value.parse::<i64>().map_err(|_| WebError::NotFound)?;
                let found = state
                    .store
                    .account(AccountId(id))
                    .await?
                    .ok_or(WebError::NotFound)?;
                if found.agency != Some(agency.id) {
                    return Err(WebError::Forbidden(Denial::Scope));
                }
                Some(found)
            }
        };
        let item = match params.iter().find(|(key, _)| *key == "item") {
            None => None,
            Some((_, value)) => {
                let id = value.parse::<i64>().map_err(|_| WebError::NotFound)?;
                let found = state
                    .store
                    .item(ItemId(id))
                    .await?
                    .ok_or(WebError::NotFound)?;
                if found.agency != agency.id {
                    return Err(WebError::Forbidden(Denial::Scope));
                }
                Some(found)
            }
        };
        let application = match params.iter().find(|(key, _)| *key == "application") {
            None => None,
            Some((_, value)) => {
                let id = value.parse::<i64>().map_err(|_| WebError::NotFound)?;
                let found = state
                    .store
                    .application(ApplicationId(id))
                    .await?
                    .ok_or(WebError::NotFound)?;
                if found.agency != agency.id {
                    return Err(WebError::Forbidden(Denial::Scope));
                }
                Some(found)
            }
        };
        Ok(Self {
            official,
            agency,
            tree,
            account,
            item,
            application,
            policy: PhantomData,
        })
    }
}

/// The agency named by the `{agency}` path segment, if `actor` may do `capability` there (the one scope check
/// of the console's pages and the caseworker's API alike), with the agency tree it was checked against.
pub async fn agency_in_scope(
    state: &AppState,
    params: &RawPathParams,
    actor: &Actor,
    capability: Capability,
) -> Result<(Agency, AgencyTree), WebError> {
    let id = params
        .iter()
        .find(|(key, _)| *key == "agency")
        .and_then(|(_, value)| value.parse::<i64>().ok())
        .map(AgencyId)
        .ok_or(WebError::NotFound)?;
    let tree = state.store.agency_tree().await?;
    // An agency that does not exist is outside everyone's scope but a system administrator's, so only
    // they learn that it is missing; everyone else is refused as for any agency not theirs.
    if !tree.contains(id) {
        return Err(if actor.role == Role::SystemAdmin {
            WebError::NotFound
        } else {
            WebError::Forbidden(Denial::Scope)
        });
    }
    authorize(actor, capability, id, &tree).map_err(WebError::Forbidden)?;
    let agency = state.store.agency(id).await?.ok_or(WebError::NotFound)?;
    Ok((agency, tree))
}

/// An official allowed `P` across the whole platform (only a system administrator's scope is that wide).
pub struct Global<P: Policy> {
    pub official: Official,
    policy: PhantomData<P>,
}

impl<P: Policy> FromRequestParts<AppState> for Global<P> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let official = Official::from_request_parts(parts, state).await?;
        let role = official.account.role;
        if !role_allows(role, P::CAPABILITY) {
            return Err(WebError::Forbidden(Denial::Role));
        }
        if role.needs_agency() {
            return Err(WebError::Forbidden(Denial::Scope));
        }
        Ok(Self {
            official,
            policy: PhantomData,
        })
    }
}

/// `GET /api/v1/session`: who is signed in, and the CSRF token a JSON call of the staff API sends in the
/// `X-CSRF-Token` header. Never cached (it carries the token); 401 when nobody is signed in.
pub async fn session_info(
    axum::extract::State(state): axum::extract::State<AppState>,
    mut parts: Parts,
) -> Result<axum::response::Response, WebError> {
    use axum::response::IntoResponse;
    let Some(official) = Official::resolve(&mut parts, &state).await? else {
        return Err(WebError::ApiUnauthorized(
            crate::error::ErrorCode::AuthTokenRequired,
        ));
    };
    let a = &official.account;
    let body = axum::Json(serde_json::json!({
        "username": a.username.as_str(),
        "role": a.role.code(),
        "agency": a.agency.map(|id| id.0),
        "csrf_token": official.csrf_token,
        "csrf_header": csrf::CSRF_HEADER,
    }));
    Ok(([(axum::http::header::CACHE_CONTROL, "no-store")], body).into_response())
}
