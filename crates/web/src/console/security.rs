//! The security administrator's page (安全管理员, 三员分立): the password and lock-out policy, the session limits
//! and the keys as this server is configured, the lock-outs in force with a way to lift one, and every account's
//! role with a way to change it. Nothing here reads an agency's records or an applicant.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use gongkai_app::accounts::security::{change_role, unlock};
use gongkai_domain::access::may_change_role;
use gongkai_domain::account::{
    AccountId, LOCKOUT_AFTER_FAILURES, LOCKOUT_MS, PASSWORD_MIN_CHARS, Role,
};
use gongkai_store::{AccountSecurityStore, AgencyStore};
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::page_context;
use crate::auth::{Global, can};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Done {
    done: String,
}

#[derive(Debug, Serialize)]
struct AccountRow {
    id: i64,
    username: String,
    display_name: String,
    agency: String,
    role: &'static str,
    active: bool,
    /// The roles it may be given here; empty for a platform administrator (made at the command line only).
    roles: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
struct LockRow {
    username: String,
    address: String,
    failures: i64,
    /// Milliseconds since the epoch (the page shows them in Beijing time).
    until_ms: i64,
}

pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    Query(done): Query<Done>,
    access: Global<can::ManageSecurity>,
) -> Result<Html<String>, WebError> {
    let me = access.official.account.role;
    let agencies = state.store.agencies().await?;
    let name_of = |id| {
        agencies
            .iter()
            .find(|a| Some(a.id) == id)
            .map(|a| a.profile.name.clone())
            .unwrap_or_default()
    };
    let accounts: Vec<AccountRow> = state
        .store
        .all_accounts()
        .await?
        .into_iter()
        .map(|a| AccountRow {
            id: a.id.0,
            username: a.username.to_string(),
            display_name: a.display_name.clone(),
            agency: name_of(a.agency),
            role: a.role.code(),
            active: a.active,
            roles: Role::ALL
                .into_iter()
                .filter(|r| {
                    a.id != access.official.account.id
                        && may_change_role(me, a.role, *r)
                        && (!r.needs_agency() || a.agency.is_some())
                })
                .map(Role::code)
                .collect(),
        })
        .collect();
    let locks: Vec<LockRow> = state
        .store
        .login_locks(chrono::Utc::now().timestamp_millis())
        .await?
        .into_iter()
        .map(|l| LockRow {
            until_ms: l.locked_until_ms,
            username: l.username,
            address: l.address,
            failures: l.failures,
        })
        .collect();
    let config = &state.config;
    let keyring = state.store.keyring();
    let policy = context! {
        password_min_chars => PASSWORD_MIN_CHARS,
        lockout_after => LOCKOUT_AFTER_FAILURES,
        lockout_minutes => LOCKOUT_MS / 60_000,
        login_burst => config.login_burst,
        login_refill_seconds => config.login_refill_seconds,
        session_hours => config.session_hours,
        session_idle_minutes => config.session_idle_minutes,
        crypto => match config.crypto {
            gongkai_app::config::CryptoProfile::Standard => "standard",
            gongkai_app::config::CryptoProfile::Gm => "gm",
        },
        chain_hash => match state.store.chain_hash() {
            gongkai_domain::audit::ChainHash::Sha256 => "SHA-256",
            gongkai_domain::audit::ChainHash::Sm3 => "SM3",
        },
        key_file => gongkai_app::keys::key_file(config).display().to_string(),
        keys => keyring.as_ref().map(|k| {
            k.keys().iter().map(|key| format!("{} ({})", key.id, key.algorithm.code())).collect::<Vec<_>>()
        }).unwrap_or_default(),
        current_key => keyring.as_ref().map(|k| k.current().id.clone()),
        retention_years => config.retention_years,
    };
    state.templates.render(
        "console/security.html",
        lang,
        context! {
            accounts => ser(&accounts),
            locks => ser(&locks),
            policy => policy,
            // Only the messages this page has: any other value in the address shows none.
            done => match done.done.as_str() {
                "role" | "unlock" => done.done.as_str(),
                _ => "",
            },
            ..page_context(&access.official)
        },
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RoleForm {
    role: String,
}

pub async fn set_role(
    State(state): State<AppState>,
    Path(account): Path<i64>,
    access: Global<can::ManageSecurity>,
    Form(form): Form<RoleForm>,
) -> Result<Response, WebError> {
    change_role(
        &state.store,
        &access.official.account,
        AccountId(account),
        &form.role,
        &access.official.actor_ref(),
    )
    .await?;
    Ok(Redirect::to("/console/security?done=role").into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct UnlockForm {
    username: String,
}

pub async fn lift_lock(
    State(state): State<AppState>,
    access: Global<can::ManageSecurity>,
    Form(form): Form<UnlockForm>,
) -> Result<Response, WebError> {
    unlock(&state.store, &form.username, &access.official.actor_ref()).await?;
    Ok(Redirect::to("/console/security?done=unlock").into_response())
}
