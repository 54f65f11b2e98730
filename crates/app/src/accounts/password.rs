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

/// argon2id's working memory (19 MiB with the defaults), made once and reused by every [`Hasher::hash`] on one
/// thread: hashing thousands of passwords (an accounts import) allocates it once instead of for each, which
/// glibc would otherwise keep in its arenas (see BENCHMARKS.md, provisioning).
pub struct Hasher {
    memory: Vec<argon2::Block>,
}

impl Default for Hasher {
    fn default() -> Self {
        Self::new()
    }
}

impl Hasher {
    pub fn new() -> Self {
        Self {
            memory: vec![argon2::Block::default(); argon2::Params::DEFAULT.block_count()],
        }
    }

    /// The same PHC string as [`hash`] gives (argon2id, the crate's default parameters, a 16-byte random salt).
    pub fn hash(&mut self, password: &str) -> Result<String, AppError> {
        use argon2::password_hash::phc::{Output, ParamsString, Salt};
        let fail = |e: &dyn std::fmt::Display| AppError::Internal(format!("password hashing: {e}"));
        let mut salt = [0_u8; 16];
        getrandom::fill(&mut salt).map_err(|e| fail(&e))?;
        let salt = Salt::new(&salt).map_err(|e| fail(&e))?;
        let mut out = [0_u8; argon2::Params::DEFAULT_OUTPUT_LEN];
        Argon2::default()
            .hash_password_into_with_memory(password.as_bytes(), &salt, &mut out, &mut self.memory)
            .map_err(|e| fail(&e))?;
        let phc = PasswordHash {
            algorithm: argon2::Algorithm::Argon2id.ident(),
            version: Some(argon2::Version::V0x13.into()),
            params: ParamsString::try_from(&argon2::Params::DEFAULT).map_err(|e| fail(&e))?,
            salt: Some(salt),
            hash: Some(Output::new(&out).map_err(|e| fail(&e))?),
        };
        Ok(phc.to_string())
    }
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

    /// The reused-memory hasher writes the same kind of string as `hash`, each with its own salt, and every one
    /// verifies (the memory of one hash does not leak into the next).
    #[tokio::test]
    async fn the_reused_memory_hasher_makes_the_same_hashes() {
        let mut hasher = Hasher::new();
        let first = hasher.hash("一次性密码-甲乙丙丁").expect("hash");
        let second = hasher.hash("一次性密码-戊己庚辛").expect("hash");
        let plain = hash("一次性密码-甲乙丙丁".into()).await.expect("hash");
        let prefix = |h: &str| h.rsplitn(3, '$').nth(2).unwrap_or_default().to_owned();
        assert_eq!(prefix(&first), prefix(&plain), "{first} {plain}");
        assert!(verify("一次性密码-甲乙丙丁".into(), first.clone()).await);
        assert!(verify("一次性密码-戊己庚辛".into(), second.clone()).await);
        assert!(!verify("一次性密码-甲乙丙丁".into(), second).await);
        let again = hasher.hash("一次性密码-甲乙丙丁").expect("hash");
        assert_ne!(again, first, "a new salt each time");
    }
}
