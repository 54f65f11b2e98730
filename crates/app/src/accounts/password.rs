//! argon2id password hashes (the crate's defaults: 19 MiB, 2 passes, 1 lane, as OWASP recommends), computed on
//! the blocking pool so that a login does not stall other requests.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use crate::error::AppError;

pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(|e| AppError::Internal(format!("password hashing task: {e}")))?
}

/// [`hash`] on the calling thread (for work that spreads many hashes over threads of its own).
pub fn hash_now(password: &str) -> Result<String, AppError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("password hashing: {e}")))
}

/// True when `password` matches `stored`. A stored value that is not a PHC string matches nothing.
pub async fn verify(password: String, stored: String) -> bool {
    tokio::task::spawn_blocking(move || match PasswordHash::new(&stored) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    })
    .await
    .unwrap_or(false)
}

/// A real hash of a password nobody knows, verified against when a login names an unknown user so that the
/// answer takes as long as for a known one (no account discovery through timing).
pub const DECOY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Ww6hLuFv0oEdzLsu2j3E2m0hVKEJ2ZQ5pG8sQnvTqEk";

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let h = hash("孟州 交易 中心 春天 来了".into()).await.expect("hash");
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify("孟州 交易 中心 春天 来了".into(), h.clone()).await);
        assert!(!verify("wrong password!".into(), h).await);
        assert!(!verify("anything".into(), "not a hash".into()).await);
        assert!(
            PasswordHash::new(DECOY_HASH).is_ok(),
            "the decoy parses, so it costs a full verify"
        );
    }
}
