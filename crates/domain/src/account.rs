//! Staff accounts and their roles. Citizens have no accounts: they act through tracking numbers and query codes.

use serde::{Deserialize, Serialize};

use crate::agency::AgencyId;
use crate::field::{FieldError, FieldProblem};

/// Database identity of a staff account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AccountId(pub i64);

impl std::fmt::Display for AccountId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// What an official may do; where they may do it is the account's agency (see [`crate::access`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 系统管理员: the platform's agencies and accounts, everywhere; no casework.
    SystemAdmin,
    /// 机关管理员: one agency's profile and staff.
    AgencyAdmin,
    /// 经办人: one agency's casework (drafts, applications).
    Clerk,
    /// 审核人: approves one agency's publishing (保密审查) and extensions.
    Reviewer,
    /// 监督人员: reads an agency's whole subtree, changes nothing.
    Supervisor,
    /// 审计管理员 (三员分立, 等保 2.0): reads the whole audit trail, administrators' events included, and nothing
    /// else; changes nothing. The only role that reads other administrators' events.
    AuditAdmin,
    /// 安全管理员 (三员分立, 等保 2.0): the security policy, lock-outs and the roles of existing accounts; reads
    /// no agency's records and creates no account.
    SecurityAdmin,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Self::SystemAdmin,
        Self::AgencyAdmin,
        Self::Clerk,
        Self::Reviewer,
        Self::Supervisor,
        Self::AuditAdmin,
        Self::SecurityAdmin,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::SystemAdmin => "system_admin",
            Self::AgencyAdmin => "agency_admin",
            Self::Clerk => "clerk",
            Self::Reviewer => "reviewer",
            Self::Supervisor => "supervisor",
            Self::AuditAdmin => "audit_admin",
            Self::SecurityAdmin => "security_admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Every role but the platform's administrators belongs to one agency.
    pub fn needs_agency(self) -> bool {
        !self.is_platform_administrator()
    }

    /// 系统管理员、安全管理员、审计管理员: the three administrators of the platform (三员分立).
    pub fn is_platform_administrator(self) -> bool {
        matches!(
            self,
            Self::SystemAdmin | Self::SecurityAdmin | Self::AuditAdmin
        )
    }

    /// An administrator's role: its events are read by the audit administrator only (三员分立).
    pub fn is_administrator(self) -> bool {
        self.is_platform_administrator() || self == Self::AgencyAdmin
    }
}

/// A login name: 3 to 32 characters of lower-case ASCII letters, digits, `.`, `_` and `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Username(String);

impl Username {
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let name = input.trim().to_ascii_lowercase();
        let ok = (3..=32).contains(&name.len())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
            && name
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        if ok {
            Ok(Self(name))
        } else {
            Err(FieldError::new("username", FieldProblem::BadUsername))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Username {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A stored account (the password hash stays in the store layer and never reaches a page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    pub id: AccountId,
    pub username: Username,
    pub display_name: String,
    pub role: Role,
    pub agency: Option<AgencyId>,
    pub active: bool,
    /// The password was set by someone else (a reset, a new account): it must be changed before anything else.
    pub must_change_password: bool,
}

pub const PASSWORD_MIN_CHARS: usize = 12;
pub const PASSWORD_MAX_BYTES: usize = 256;

/// Checks a new password: long enough to resist guessing (NIST SP 800-63B favours length over composition
/// rules), bounded so hashing cannot be used to exhaust the server, and not the login name.
pub fn check_new_password(password: &str, username: &Username) -> Result<(), FieldError> {
    let problem = if password.chars().count() < PASSWORD_MIN_CHARS {
        Some(FieldProblem::PasswordTooShort)
    } else if password.len() > PASSWORD_MAX_BYTES {
        Some(FieldProblem::PasswordTooLong)
    } else if password.to_ascii_lowercase().contains(username.as_str()) {
        Some(FieldProblem::PasswordContainsUsername)
    } else {
        None
    };
    match problem {
        Some(p) => Err(FieldError::new("password", p)),
        None => Ok(()),
    }
}

/// Consecutive failed logins that lock an account, and for how long.
pub const LOCKOUT_AFTER_FAILURES: i64 = 5;
pub const LOCKOUT_MS: i64 = 15 * 60 * 1000;

/// When an account with `failures` consecutive failed logins (counting the one just made) unlocks, if it is
/// locked at all.
pub fn locked_until(failures: i64, now_ms: i64) -> Option<i64> {
    (failures >= LOCKOUT_AFTER_FAILURES).then_some(now_ms + LOCKOUT_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_normalised_and_checked() {
        assert_eq!(
            Username::parse(" Clerk.Li ").map(|u| u.to_string()),
            Ok("clerk.li".into())
        );
        assert!(Username::parse("ab").is_err());
        assert!(Username::parse("李明").is_err());
        assert!(Username::parse("-admin").is_err());
    }

    #[test]
    fn passwords_need_length_and_must_not_hold_the_name() {
        let u = Username::parse("clerk").unwrap_or_else(|e| panic!("{e:?}"));
        let problem = |pw: &str| check_new_password(pw, &u).err().map(|e| e.problem);
        assert_eq!(problem("short"), Some(FieldProblem::PasswordTooShort));
        assert_eq!(
            problem("my-Clerk-password"),
            Some(FieldProblem::PasswordContainsUsername)
        );
        assert_eq!(
            problem(&"x".repeat(300)),
            Some(FieldProblem::PasswordTooLong)
        );
        assert_eq!(problem("孟州 交易 中心 春天 来了"), None);
    }

    #[test]
    fn the_fifth_failure_locks_for_fifteen_minutes() {
        assert_eq!(locked_until(4, 1000), None);
        assert_eq!(locked_until(5, 1000), Some(1000 + 15 * 60 * 1000));
    }
}
