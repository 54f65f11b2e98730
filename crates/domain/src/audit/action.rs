//! What an audit event records: a closed set, so that every write names one of them and the console can
//! translate each (`action_<code with _ for .>`). The stored text of each is [`AuditAction::as_str`], unchanged
//! from when these were string constants, so existing trails still verify.

/// One kind of write recorded in the audit trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    AgencyCreate,
    AgencyUpdate,
    AccountCreate,
    AccountPassword,
    AccountEnable,
    AccountDisable,
    /// A security administrator changed an account's role.
    AccountRole,
    /// A security administrator lifted the lock-out of a login name.
    AccountUnlock,
    SessionLogin,
    SessionLoginFailed,
    SessionLogout,
    CatalogCreate,
    CatalogUpdate,
    CatalogSubmit,
    CatalogApprove,
    CatalogReject,
    CatalogWithdraw,
    CatalogRevise,
    CatalogImport,
    CatalogAttach,
    /// An application for disclosure received (条例第二十九条、第三十一条).
    ApplicationReceive,
    /// A step on an application: one of its events, with the digests of the letter served with it.
    ApplicationEvent,
    /// A caseworker saw an applicant's personal data in full (the case page, the proof of identity):
    /// 个人信息保护法第五十一条 asks that access to personal information be controlled and traceable.
    ApplicationPersonalView,
    /// A closed case's applicant anonymised after the retention period (个人信息保护法第十九条).
    ApplicationAnonymise,
    ReportInputs,
    ReportPublish,
    ReportImport,
    /// A 行政复议 or 行政诉讼 case registered (条例第五十一条).
    ReviewRegister,
    ReviewDecide,
    /// An agency administrator issued an API token to an integration.
    ApiTokenIssue,
    ApiTokenRevoke,
    /// A call of the API made with a token (every one is recorded, reads included).
    ApiTokenUse,
    /// A staff account's e-mail address for notifications set or cleared.
    AccountEmail,
}

impl AuditAction {
    pub const ALL: [AuditAction; 33] = [
        Self::AgencyCreate,
        Self::AgencyUpdate,
        Self::AccountCreate,
        Self::AccountPassword,
        Self::AccountEnable,
        Self::AccountDisable,
        Self::AccountRole,
        Self::AccountUnlock,
        Self::SessionLogin,
        Self::SessionLoginFailed,
        Self::SessionLogout,
        Self::CatalogCreate,
        Self::CatalogUpdate,
        Self::CatalogSubmit,
        Self::CatalogApprove,
        Self::CatalogReject,
        Self::CatalogWithdraw,
        Self::CatalogRevise,
        Self::CatalogImport,
        Self::CatalogAttach,
        Self::ApplicationReceive,
        Self::ApplicationEvent,
        Self::ApplicationPersonalView,
        Self::ApplicationAnonymise,
        Self::ReportInputs,
        Self::ReportPublish,
        Self::ReportImport,
        Self::ReviewRegister,
        Self::ReviewDecide,
        Self::ApiTokenIssue,
        Self::ApiTokenRevoke,
        Self::ApiTokenUse,
        Self::AccountEmail,
    ];

    /// Whether a write of this kind can change what the public portal shows (an agency's name or guide, the
    /// catalogue, a published report): such writes move the store's public change sequence, which every node's
    /// page cache follows. Staff, sessions, applications and appeals never appear on a public page.
    pub fn changes_public_pages(self) -> bool {
        matches!(
            self,
            Self::AgencyCreate
                | Self::AgencyUpdate
                | Self::CatalogCreate
                | Self::CatalogUpdate
                | Self::CatalogSubmit
                | Self::CatalogApprove
                | Self::CatalogReject
                | Self::CatalogWithdraw
                | Self::CatalogRevise
                | Self::CatalogImport
                | Self::CatalogAttach
                | Self::ReportPublish
                | Self::ReportImport
        )
    }

    /// The stored text, such as `agency.update`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AgencyCreate => "agency.create",
            Self::AgencyUpdate => "agency.update",
            Self::AccountCreate => "account.create",
            Self::AccountPassword => "account.password",
            Self::AccountEnable => "account.enable",
            Self::AccountDisable => "account.disable",
            Self::AccountRole => "account.role",
            Self::AccountUnlock => "account.unlock",
            Self::SessionLogin => "session.login",
            Self::SessionLoginFailed => "session.login_failed",
            Self::SessionLogout => "session.logout",
            Self::CatalogCreate => "catalog.create",
            Self::CatalogUpdate => "catalog.update",
            Self::CatalogSubmit => "catalog.submit",
            Self::CatalogApprove => "catalog.approve",
            Self::CatalogReject => "catalog.reject",
            Self::CatalogWithdraw => "catalog.withdraw",
            Self::CatalogRevise => "catalog.revise",
            Self::CatalogImport => "catalog.import",
            Self::CatalogAttach => "catalog.attach",
            Self::ApplicationReceive => "application.receive",
            Self::ApplicationEvent => "application.event",
            Self::ApplicationPersonalView => "application.personal_view",
            Self::ApplicationAnonymise => "application.anonymise",
            Self::ReportInputs => "report.inputs",
            Self::ReportPublish => "report.publish",
            Self::ReportImport => "report.import",
            Self::ReviewRegister => "review.register",
            Self::ReviewDecide => "review.decide",
            Self::ApiTokenIssue => "api_token.issue",
            Self::ApiTokenRevoke => "api_token.revoke",
            Self::ApiTokenUse => "api_token.use",
            Self::AccountEmail => "account.email",
        }
    }

    /// The action a stored text names; `None` for text gongkai never wrote.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == text)
    }

    /// The message key of its name in the console (`action_agency_update`).
    pub fn message_key(self) -> String {
        format!("action_{}", self.as_str().replace('.', "_"))
    }
}

impl std::fmt::Display for AuditAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_its_own_stored_text_and_reads_back() {
        let mut seen = std::collections::HashSet::new();
        for a in AuditAction::ALL {
            assert!(seen.insert(a.as_str()), "{a} twice");
            assert_eq!(AuditAction::parse(a.as_str()), Some(a));
        }
        assert_eq!(AuditAction::parse("agency.delete"), None);
        assert_eq!(
            AuditAction::SessionLoginFailed.message_key(),
            "action_session_login_failed"
        );
    }

    #[test]
    fn only_agency_catalogue_and_published_report_writes_change_public_pages() {
        let public: Vec<&str> = AuditAction::ALL
            .iter()
            .filter(|a| a.changes_public_pages())
            .map(|a| a.as_str())
            .collect();
        assert!(
            public.iter().all(|a| a.starts_with("agency.")
                || a.starts_with("catalog.")
                || a.starts_with("report.")),
            "{public:?}"
        );
        for private in [
            AuditAction::SessionLogin,
            AuditAction::ApplicationEvent,
            AuditAction::AccountCreate,
            AuditAction::ReportInputs,
        ] {
            assert!(!private.changes_public_pages(), "{private}");
        }
        assert!(AuditAction::ReportPublish.changes_public_pages());
    }
}
