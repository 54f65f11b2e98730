//! Signing in. Every failure, a locked name included, says only "wrong name or password" (no account
//! discovery), and takes the same steps whether the account exists or not: the lock is read, a password hash
//! is verified (a decoy one for an unknown name), and the failure is counted and audited. Five failures in a
//! row lock the name from that client address for fifteen minutes; from any other address it stays open, so a
//! stranger cannot keep an official, or the administrator, locked out (等保 2.0: 登录失败处理).

use std::net::IpAddr;

use gongkai_domain::account::{Account, Username};
use gongkai_store::{AccountStore, SessionStore};

use crate::accounts::password;
use crate::context::App;
use crate::error::AppError;
use crate::secrets::random_token;

/// The most characters of a typed name kept as the key of its failures (a real name is far shorter).
const MAX_KEY_CHARS: usize = 64;

/// A session just opened: the token for the browser's cookie (only its hash is stored) and the form token.
pub struct Opened {
    pub account: Account,
    pub token: String,
    pub csrf_token: String,
}

/// Why nobody was signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInRefusal {
    /// Wrong name or password, or the name is locked from this address: the same answer for all three.
    Failed,
    /// The password was right but the account is disabled (only someone who knows the password learns it).
    Disabled,
}

/// The key failures of `typed` are counted under: the account's normalised name, or the typed text, trimmed,
/// lower-cased and cut short, for a name no account could have.
fn failure_key(typed: &str) -> String {
    match Username::parse(typed) {
        Ok(name) => name.as_str().to_owned(),
        Err(_) => typed
            .trim()
            .to_lowercase()
            .chars()
            .take(MAX_KEY_CHARS)
            .collect(),
    }
}

/// Signs `username` in from `address` for `ttl_ms`, or says why not.
pub async fn sign_in(
    app: &App,
    username: &str,
    given_password: String,
    address: IpAddr,
    ttl_ms: i64,
) -> Result<Result<Opened, SignInRefusal>, AppError> {
    let key = failure_key(username);
    let address = address.to_string();
    let lock = app.store.login_lock(&key, &address).await?;
    let credentials = match Username::parse(username) {
        Ok(name) => app.store.credentials(&name).await?,
        Err(_) => None,
    };
    let stored = credentials.as_ref().map_or_else(
        || password::DECOY_HASH.to_owned(),
        |c| c.password_hash.clone(),
    );
    let matches = password::verify(given_password, stored).await;
    let Some(credentials) = credentials.filter(|_| matches && lock.is_none()) else {
        app.store.record_failed_login(&key, &address).await?;
        return Ok(Err(SignInRefusal::Failed));
    };
    if !credentials.account.active {
        return Ok(Err(SignInRefusal::Disabled));
    }
    let token = random_token().map_err(|e| AppError::Internal(format!("random: {e}")))?;
    let csrf_token = random_token().map_err(|e| AppError::Internal(format!("random: {e}")))?;
    app.store
        .open_session(
            &credentials.account,
            &crate::secrets::token_hash(&token),
            &csrf_token,
            ttl_ms,
        )
        .await?;
    Ok(Ok(Opened {
        account: credentials.account,
        token,
        csrf_token,
    }))
}

/// Whether `given_password` is the signed-in official's own (asked again before a change): a wrong one counts
/// as a failed login from `address`, and once that name is locked from there no guess is checked, so a borrowed
/// session cannot be used to try passwords without end.
pub async fn confirm_password(
    app: &App,
    username: &Username,
    given_password: String,
    address: IpAddr,
) -> Result<bool, AppError> {
    let key = username.as_str();
    let address = address.to_string();
    let locked = app.store.login_lock(key, &address).await?.is_some();
    let stored = app
        .store
        .credentials(username)
        .await?
        .map_or_else(|| password::DECOY_HASH.to_owned(), |c| c.password_hash);
    let matches = password::verify(given_password, stored).await;
    if locked || !matches {
        app.store.record_failed_login(key, &address).await?;
        return Ok(false);
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_counted_under_one_key_however_it_is_typed() {
        assert_eq!(failure_key(" Clerk.Li "), "clerk.li");
        assert_eq!(failure_key("ADMIN"), "admin");
        assert_eq!(
            failure_key(" 李明 "),
            "李明",
            "no account can have it; still counted"
        );
        assert_eq!(
            failure_key(&"x".repeat(10_000)).chars().count(),
            MAX_KEY_CHARS
        );
    }
}
