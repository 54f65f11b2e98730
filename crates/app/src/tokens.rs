//! API tokens for integrations (a records system, a scanning desk): an agency administrator issues one for the
//! agency and one casework role and sees its secret once; only the SHA-256 of the secret is stored (32 random
//! bytes need no slow hash); a call presents the secret, which is hashed, looked up and compared in constant
//! time; a revoked or unknown token opens nothing; every call made with a token is an audit event with the token
//! as the actor.

use gongkai_domain::access::token_role;
use gongkai_domain::account::Role;
use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::ActorRef;
use gongkai_domain::field::{FieldError, FieldProblem};
use gongkai_store::{ApiTokenId, ApiTokenStore, NewApiToken, Store, StoredApiToken};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::error::{AppError, AppResult};
use crate::secrets::random_token;

/// What every secret starts with, so that one pasted somewhere it does not belong is recognised.
pub const TOKEN_PREFIX: &str = "gkt_";

/// The longest name an administrator may give a token.
const NAME_MAX_CHARS: usize = 100;

/// A token as the administrator asked for it.
#[derive(Debug, Clone, Default)]
pub struct TokenRequest {
    pub name: String,
    /// A [`Role`] code; only the casework roles may be given.
    pub role: String,
}

/// A token just issued, with its secret: shown this once and never again.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    pub token: StoredApiToken,
    pub secret: String,
}

/// Why no token was issued.
#[derive(Debug)]
pub enum TokenRefusal {
    Fields(Vec<FieldError>),
    App(AppError),
}

/// What the store keeps of a secret.
pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Issues a token of `agency` (audit event `api_token.issue`).
pub async fn issue_token(
    store: &Store,
    agency: AgencyId,
    request: &TokenRequest,
    by: &ActorRef,
) -> Result<IssuedToken, TokenRefusal> {
    let name = request.name.trim();
    let mut errors = Vec::new();
    if name.is_empty() {
        errors.push(FieldError::new("name", FieldProblem::Required));
    } else if name.chars().count() > NAME_MAX_CHARS {
        errors.push(FieldError::new("name", FieldProblem::TooLong));
    }
    let role = Role::from_code(request.role.trim()).filter(|r| token_role(*r));
    if role.is_none() {
        errors.push(FieldError::new("role", FieldProblem::UnknownChoice));
    }
    let Some(role) = role.filter(|_| errors.is_empty()) else {
        return Err(TokenRefusal::Fields(errors));
    };
    let random = random_token().map_err(|e| TokenRefusal::App(AppError::internal(e)))?;
    let secret = format!("{TOKEN_PREFIX}{random}");
    let new = NewApiToken {
        agency,
        name: name.to_owned(),
        role,
        token_hash: secret_hash(&secret),
    };
    let token = store
        .issue_api_token(&new, by)
        .await
        .map_err(|e| TokenRefusal::App(e.into()))?;
    Ok(IssuedToken { token, secret })
}

/// The token a caller presented, if it is one of ours and not revoked.
pub async fn authenticate(store: &Store, secret: &str) -> AppResult<Option<StoredApiToken>> {
    let secret = secret.trim();
    if !secret.starts_with(TOKEN_PREFIX) {
        return Ok(None);
    }
    let hash = secret_hash(secret);
    let Some(found) = store.api_token_by_hash(&hash).await? else {
        return Ok(None);
    };
    // The lookup matched the hash already; compared again in constant time so that no code path answers
    // faster or slower for a near miss.
    let same = bool::from(found.token_hash.as_bytes().ct_eq(hash.as_bytes()));
    Ok((same && !found.is_revoked()).then_some(found))
}

/// Records a call made with `token` (`call`: method and path), as the token.
pub async fn record_use(store: &Store, token: &StoredApiToken, call: &str) -> AppResult<()> {
    Ok(store.record_api_token_use(token.id, call).await?)
}

/// The tokens of `agency`, revoked ones included.
pub async fn tokens_of(store: &Store, agency: AgencyId) -> AppResult<Vec<StoredApiToken>> {
    Ok(store.api_tokens_of(agency).await?)
}

/// Revokes a token of `agency` (audit event `api_token.revoke`); it opens nothing from then on.
pub async fn revoke_token(
    store: &Store,
    agency: AgencyId,
    id: ApiTokenId,
    by: &ActorRef,
) -> AppResult<StoredApiToken> {
    Ok(store.revoke_api_token(agency, id, by).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_is_stored_as_its_sha256_only() {
        let hash = secret_hash("gkt_abc");
        assert_eq!(hash.len(), 64);
        assert_ne!(hash, secret_hash("gkt_abd"));
        assert!(!hash.contains("abc"));
    }
}
