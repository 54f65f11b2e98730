//! The storage capabilities, one trait per aggregate. Writes take the acting [`ActorRef`] because each one is
//! recorded as an audit event in the same transaction.

use std::future::Future;

use gongkai_domain::account::{Account, AccountId, Role, Username};
use gongkai_domain::agency::{Agency, AgencyId, AgencyProfile, AgencyTree};
use gongkai_domain::audit::{ActorRef, Anchor, AuditEvent, ChainBreak};

use crate::error::StoreResult;

pub trait AgencyStore {
    /// Creates an agency below `parent` (None for the top of a tree).
    fn create_agency(
        &self,
        parent: Option<AgencyId>,
        profile: &AgencyProfile,
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<Agency>> + Send;
    fn agency(&self, id: AgencyId) -> impl Future<Output = StoreResult<Option<Agency>>> + Send;
    /// Finds an agency by its exact name or its unified social credit code.
    fn agency_by_name_or_code(
        &self,
        key: &str,
    ) -> impl Future<Output = StoreResult<Option<Agency>>> + Send;
    /// Every agency, in order of creation.
    fn agencies(&self) -> impl Future<Output = StoreResult<Vec<Agency>>> + Send;
    fn agency_tree(&self) -> impl Future<Output = StoreResult<AgencyTree>> + Send;
    fn update_agency(
        &self,
        id: AgencyId,
        profile: &AgencyProfile,
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<Agency>> + Send;
}

/// A new staff account; the password arrives already hashed (argon2id, by the web layer).
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub username: Username,
    pub display_name: String,
    pub role: Role,
    pub agency: Option<AgencyId>,
    pub password_hash: String,
}

/// What a login attempt is checked against.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub account: Account,
    pub password_hash: String,
    pub failed_logins: i64,
    pub locked_until_ms: Option<i64>,
}

pub trait AccountStore {
    fn create_account(
        &self,
        new: &NewAccount,
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<Account>> + Send;
    fn account(&self, id: AccountId) -> impl Future<Output = StoreResult<Option<Account>>> + Send;
    fn credentials(
        &self,
        username: &Username,
    ) -> impl Future<Output = StoreResult<Option<Credentials>>> + Send;
    /// The accounts of one agency, or the system administrators when `agency` is None.
    fn accounts_of(
        &self,
        agency: Option<AgencyId>,
    ) -> impl Future<Output = StoreResult<Vec<Account>>> + Send;
    /// Sets a new password, clears the lock, and ends every session of the account but `keep_session` (the
    /// one the owner changed it from), so that a stolen session dies with the old password.
    fn set_password(
        &self,
        id: AccountId,
        password_hash: &str,
        keep_session: Option<&str>,
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// Disabling an account also ends its sessions.
    fn set_active(
        &self,
        id: AccountId,
        active: bool,
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// Until when logging in as `username` from `address` is locked, if it is.
    fn login_lock(
        &self,
        username: &str,
        address: &str,
    ) -> impl Future<Output = StoreResult<Option<i64>>> + Send;
    /// Counts a failed login as `username` (an account or not) from `address`, locking that pair after too many,
    /// and audits it; returns the failures in a row and the lock. The same statements run whether or not the
    /// account exists.
    fn record_failed_login(
        &self,
        username: &str,
        address: &str,
    ) -> impl Future<Output = StoreResult<(i64, Option<i64>)>> + Send;
}

/// A signed-in session as stored (the token itself is only known to the browser).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub account: AccountId,
    pub csrf_token: String,
    pub expires_at_ms: i64,
}

pub trait SessionStore {
    /// Opens a session after a successful login: clears the failure count and records the login.
    fn open_session(
        &self,
        account: &Account,
        token_hash: &str,
        csrf_token: &str,
        ttl_ms: i64,
    ) -> impl Future<Output = StoreResult<SessionRecord>> + Send;
    /// The live session for a token hash: not expired, and used within the last `idle_ms` (that use is
    /// recorded, at most once a minute).
    fn session(
        &self,
        token_hash: &str,
        idle_ms: i64,
    ) -> impl Future<Output = StoreResult<Option<SessionRecord>>> + Send;
    fn close_session(
        &self,
        token_hash: &str,
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// Deletes expired sessions; returns how many.
    fn purge_expired_sessions(&self) -> impl Future<Output = StoreResult<u64>> + Send;
}

/// Which events to list, newest first.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only events about these agencies (None: every event).
    pub agencies: Option<Vec<AgencyId>>,
    /// Only events with a smaller sequence number (for paging back).
    pub before_seq: Option<i64>,
    pub limit: u32,
}

pub trait AuditLog {
    fn audit_events(
        &self,
        filter: &AuditFilter,
    ) -> impl Future<Output = StoreResult<Vec<AuditEvent>>> + Send;
    /// Reads the whole trail in order and checks every link; `Ok(Err(..))` names the first broken event.
    /// `anchors` are event hashes recorded outside the database; each must still match.
    fn verify_audit(
        &self,
        anchors: &[Anchor],
        progress: &(dyn Fn(u64) + Sync),
    ) -> impl Future<Output = StoreResult<Result<u64, ChainBreak>>> + Send;
    /// The newest event's number and hash, to be recorded outside the database.
    fn audit_head(&self) -> impl Future<Output = StoreResult<Option<Anchor>>> + Send;
}
