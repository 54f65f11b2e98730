//! Who may do what, where: the one place the role matrix and agency scope are decided. The web layer asks
//! [`authorize`] from a single extractor; no handler decides access on its own.

use serde::Serialize;

use crate::account::{AccountId, Role};
use crate::agency::{AgencyId, AgencyTree};

/// Something an official can ask to do to an agency's records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Capability {
    /// Read an agency's profile, staff list and records.
    ViewAgency,
    /// Change an agency's profile (name, contacts, disclosure office).
    EditAgency,
    /// Create, disable and reset the accounts of an agency's staff.
    ManageAccounts,
    /// Create an agency below another one.
    CreateAgency,
    /// Read the audit trail of an agency.
    ViewAudit,
    /// Casework: catalogue drafts, applications, letters.
    HandleRecords,
    /// 保密审查 and the approval of extensions.
    ReviewRecords,
    /// Read an agency's applications (work queue and timelines) without acting on them; the applicant's
    /// personal data stays with [`Capability::HandleRecords`].
    ReadCases,
    /// The oversight table of an agency and the agencies below it (条例第六条、第四十九条: the 主管部门 supervises
    /// the disclosure work of the agencies below it).
    Oversee,
    /// The platform's security: the password and lock-out policy and the keys as configured, lifting a
    /// lock-out, and the roles of existing accounts (安全管理员, 三员分立).
    ManageSecurity,
}

impl Capability {
    pub const ALL: [Capability; 10] = [
        Self::ViewAgency,
        Self::EditAgency,
        Self::ManageAccounts,
        Self::CreateAgency,
        Self::ViewAudit,
        Self::HandleRecords,
        Self::ReviewRecords,
        Self::ReadCases,
        Self::Oversee,
        Self::ManageSecurity,
    ];
}

/// The official asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub account: AccountId,
    pub role: Role,
    /// None only for a system administrator.
    pub agency: Option<AgencyId>,
}

/// Why a request was refused; both answer 403.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Denial {
    /// The role never allows this.
    Role,
    /// The role allows it, but not for this agency.
    Scope,
}

impl Denial {
    pub fn code(self) -> &'static str {
        match self {
            Self::Role => "access.role",
            Self::Scope => "access.scope",
        }
    }
}

/// The role matrix. A system administrator runs the platform but does no casework, so that nobody both
/// configures accounts and decides applications; a supervisor only reads.
pub fn role_allows(role: Role, capability: Capability) -> bool {
    use Capability::*;
    match role {
        // 三员分立: the system administrator runs agencies and accounts but does not read the audit trail, which is
        // the audit administrator's, who changes nothing.
        Role::SystemAdmin => {
            matches!(
                capability,
                ViewAgency | EditAgency | ManageAccounts | CreateAgency | Oversee
            )
        }
        // The audit administrator reads the audit trail and nothing else, not even an agency's pages.
        Role::AuditAdmin => matches!(capability, ViewAudit),
        // The security administrator sets roles, lifts lock-outs and reads the security policy; it neither
        // creates accounts nor reads any agency's records.
        Role::SecurityAdmin => matches!(capability, ManageSecurity),
        Role::AgencyAdmin => matches!(
            capability,
            ViewAgency | EditAgency | ManageAccounts | ViewAudit | Oversee
        ),
        Role::Clerk => matches!(capability, ViewAgency | HandleRecords | ReadCases),
        Role::Reviewer => matches!(
            capability,
            ViewAgency | HandleRecords | ReviewRecords | ReadCases
        ),
        Role::Supervisor => matches!(capability, ViewAgency | ViewAudit | ReadCases | Oversee),
    }
}

/// The agencies an actor's role reaches: everything for a system administrator, the subtree for a
/// supervisor, the own agency for everyone else.
pub fn in_scope(actor: &Actor, target: AgencyId, tree: &AgencyTree) -> bool {
    match (actor.role, actor.agency) {
        (Role::SystemAdmin | Role::AuditAdmin | Role::SecurityAdmin, _) => true,
        (Role::Supervisor, Some(home)) => tree.is_within(target, home),
        (_, Some(home)) => home == target && tree.contains(target),
        (_, None) => false,
    }
}

/// May `actor` do `capability` to the records of agency `target`?
pub fn authorize(
    actor: &Actor,
    capability: Capability,
    target: AgencyId,
    tree: &AgencyTree,
) -> Result<(), Denial> {
    if !role_allows(actor.role, capability) {
        return Err(Denial::Role);
    }
    if !in_scope(actor, target, tree) {
        return Err(Denial::Scope);
    }
    Ok(())
}

/// May an official with `granter` create an account with `granted`? The three platform administrators
/// (系统、安全、审计管理员) are made only at the command line by whoever runs the server (`gongkai admin add`), so
/// that no administrator can make another, or a second account of their own, with wider powers.
pub fn may_grant(granter: Role, granted: Role) -> bool {
    match granter {
        Role::SystemAdmin => !granted.is_platform_administrator(),
        // Never beyond the granter's own reach: an agency administrator's is its agency, so not a supervisor
        // (who reads every agency below) nor a platform administrator.
        Role::AgencyAdmin => matches!(granted, Role::AgencyAdmin | Role::Clerk | Role::Reviewer),
        _ => false,
    }
}

/// May a security administrator change an account from `current` to `granted`? Only among the agency roles:
/// a platform administrator's role is never taken away or given here (三员分立).
pub fn may_change_role(changer: Role, current: Role, granted: Role) -> bool {
    changer == Role::SecurityAdmin
        && !current.is_platform_administrator()
        && !granted.is_platform_administrator()
}

/// The roles an API token may carry: the casework roles. An integration registers and handles applications;
/// it never administers accounts or agencies, and a token that only reads is a supervisor's session's work.
pub const TOKEN_ROLES: [Role; 2] = [Role::Clerk, Role::Reviewer];

/// May an API token be issued with `role`?
pub fn token_role(role: Role) -> bool {
    TOKEN_ROLES.contains(&role)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> AgencyTree {
        AgencyTree::from_links([
            (AgencyId(1), None),
            (AgencyId(2), Some(AgencyId(1))),
            (AgencyId(3), Some(AgencyId(1))),
        ])
    }

    fn actor(role: Role, agency: Option<i64>) -> Actor {
        Actor {
            account: AccountId(7),
            role,
            agency: agency.map(AgencyId),
        }
    }

    #[test]
    fn an_official_of_one_agency_cannot_reach_another() {
        let clerk = actor(Role::Clerk, Some(2));
        assert_eq!(
            authorize(&clerk, Capability::ViewAgency, AgencyId(2), &tree()),
            Ok(())
        );
        assert_eq!(
            authorize(&clerk, Capability::ViewAgency, AgencyId(3), &tree()),
            Err(Denial::Scope)
        );
        assert_eq!(
            authorize(&clerk, Capability::ViewAgency, AgencyId(1), &tree()),
            Err(Denial::Scope)
        );
    }

    #[test]
    fn a_supervisor_reads_the_subtree_and_changes_nothing() {
        let sup = actor(Role::Supervisor, Some(1));
        for id in [1, 2, 3] {
            assert_eq!(
                authorize(&sup, Capability::ViewAudit, AgencyId(id), &tree()),
                Ok(())
            );
            assert_eq!(
                authorize(&sup, Capability::EditAgency, AgencyId(id), &tree()),
                Err(Denial::Role)
            );
        }
        let dept_sup = actor(Role::Supervisor, Some(2));
        assert_eq!(
            authorize(&dept_sup, Capability::ViewAgency, AgencyId(1), &tree()),
            Err(Denial::Scope)
        );
    }

    #[test]
    fn the_matrix_row_by_row() {
        let allowed = |role| {
            Capability::ALL
                .into_iter()
                .filter(|&c| role_allows(role, c))
                .count()
        };
        assert_eq!(allowed(Role::SystemAdmin), 5);
        // 三员分立: each platform administrator does one thing.
        assert_eq!(allowed(Role::AuditAdmin), 1);
        assert_eq!(allowed(Role::SecurityAdmin), 1);
        assert!(role_allows(Role::SecurityAdmin, Capability::ManageSecurity));
        assert!(!role_allows(Role::SystemAdmin, Capability::ManageSecurity));
        assert!(!role_allows(Role::SecurityAdmin, Capability::ViewAgency));
        assert!(!role_allows(Role::AuditAdmin, Capability::ViewAgency));
        assert!(!role_allows(Role::SystemAdmin, Capability::ViewAudit));
        assert!(!role_allows(Role::AuditAdmin, Capability::ReadCases));
        assert!(!role_allows(Role::AuditAdmin, Capability::ManageAccounts));
        assert_eq!(allowed(Role::AgencyAdmin), 5);
        assert_eq!(allowed(Role::Clerk), 3);
        assert_eq!(allowed(Role::Reviewer), 4);
        assert_eq!(allowed(Role::Supervisor), 4);
        // A supervisor reads the cases below it and oversees, but handles none and sees no applicant.
        assert!(role_allows(Role::Supervisor, Capability::ReadCases));
        assert!(!role_allows(Role::Supervisor, Capability::HandleRecords));
        assert!(!role_allows(Role::Clerk, Capability::Oversee));
        assert!(!role_allows(Role::SystemAdmin, Capability::HandleRecords));
        assert!(role_allows(Role::Reviewer, Capability::ReviewRecords));
        assert!(!role_allows(Role::Clerk, Capability::ReviewRecords));
    }

    #[test]
    fn no_administrator_makes_a_platform_administrator_in_the_console() {
        for platform in [Role::SystemAdmin, Role::SecurityAdmin, Role::AuditAdmin] {
            for granter in Role::ALL {
                assert!(
                    !may_grant(granter, platform),
                    "{granter:?} makes {platform:?}"
                );
            }
            assert!(!may_change_role(Role::SecurityAdmin, Role::Clerk, platform));
            assert!(!may_change_role(Role::SecurityAdmin, platform, Role::Clerk));
        }
        assert!(may_grant(Role::SystemAdmin, Role::Supervisor));
        assert!(!may_grant(Role::SecurityAdmin, Role::Clerk));
        assert!(may_change_role(
            Role::SecurityAdmin,
            Role::Clerk,
            Role::Reviewer
        ));
        assert!(!may_change_role(
            Role::SystemAdmin,
            Role::Clerk,
            Role::Reviewer
        ));
        assert!(!may_change_role(
            Role::AgencyAdmin,
            Role::Clerk,
            Role::Reviewer
        ));
        assert!(may_grant(Role::AgencyAdmin, Role::Reviewer));
        assert!(!may_grant(Role::Clerk, Role::Clerk));
    }

    #[test]
    fn an_agency_missing_from_the_tree_is_out_of_scope() {
        let admin = actor(Role::AgencyAdmin, Some(9));
        assert_eq!(
            authorize(&admin, Capability::ViewAgency, AgencyId(9), &tree()),
            Err(Denial::Scope)
        );
    }

    #[test]
    fn tokens_carry_casework_roles_only() {
        assert!(token_role(Role::Clerk) && token_role(Role::Reviewer));
        for role in [Role::SystemAdmin, Role::AgencyAdmin, Role::Supervisor] {
            assert!(!token_role(role), "{role:?}");
        }
    }
}
