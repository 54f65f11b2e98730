//! The closed set of codes the platform answers with (lemmy-style): every error page and every JSON error names
//! one of these, and each has a message in both locale files under `error_<code with _ for .>` (a test walks
//! [`ErrorCode::ALL`]), so no code can fall through to a generic message unnoticed.

use gongkai_domain::access::Denial;
use gongkai_search::SearchError;
use gongkai_store::StoreError;

macro_rules! error_codes {
    ($($variant:ident => $code:literal, $key:literal,)+) => {
        /// A stable, machine-readable error code of the web's answers.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $($variant,)+
        }

        impl ErrorCode {
            /// Every code, for the test that each has its words.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)+];

            /// The code as the API and the error pages show it, such as `http.not_found`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)+
                }
            }

            /// The message key of the code's text: `error_` and the code with `_` for `.` (a test checks
            /// the two agree).
            pub fn message_key(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $key,)+
                }
            }
        }
    };
}

error_codes! {
    AuthRequired => "auth.required", "error_auth_required",
    AuthCsrf => "auth.csrf", "error_auth_csrf",
    AuthPasswordChange => "auth.password_change", "error_auth_password_change",
    AuthToken => "auth.token", "error_auth_token",
    AuthTokenRequired => "auth.token_required", "error_auth_token_required",
    AccessRole => "access.role", "error_access_role",
    AccessScope => "access.scope", "error_access_scope",
    HttpNotFound => "http.not_found", "error_http_not_found",
    HttpInternal => "http.internal", "error_http_internal",
    HttpOther => "http.other", "error_http_other",
    HttpBadRequest => "http.bad_request", "error_http_bad_request",
    HttpMethodNotAllowed => "http.method_not_allowed", "error_http_method_not_allowed",
    HttpTooManyRequests => "http.too_many_requests", "error_http_too_many_requests",
    HttpBodyTooLarge => "http.body_too_large", "error_http_body_too_large",
    HttpBadLang => "http.bad_lang", "error_http_bad_lang",
    AccountSelfDisable => "account.self_disable", "error_account_self_disable",
    AccountRoleNotChangeable => "account.role_not_changeable", "error_account_role_not_changeable",
    AccountRoleNeedsAgency => "account.role_needs_agency", "error_account_role_needs_agency",
    AccountSelfRole => "account.self_role", "error_account_self_role",
    ApiBadDocNo => "api.bad_doc_no", "error_api_bad_doc_no",
    ApplicationNotFound => "application.not_found", "error_application_not_found",
    ApplicationInvalid => "application.invalid", "error_application_invalid",
    ApplicationTooManyFromApplicant => "application.too_many_from_applicant", "error_application_too_many_from_applicant",
    ApplicationStepRefused => "application.step_refused", "error_application_step_refused",
    ApplicationChanged => "application.changed", "error_application_changed",
    ApplicationUnknownAgency => "application.unknown_agency", "error_application_unknown_agency",
    CalendarNoData => "calendar.no_data", "error_calendar_no_data",
    CatalogFourEyes => "catalog.four_eyes", "error_catalog_four_eyes",
    CatalogNotADraft => "catalog.not_a_draft", "error_catalog_not_a_draft",
    CatalogStepRefused => "catalog.step_refused", "error_catalog_step_refused",
    DeadlineBadDate => "deadline.bad_date", "error_deadline_bad_date",
    ReportYear => "report.year", "error_report_year",
    ReportHasErrors => "report.has_errors", "error_report_has_errors",
    ReportUnconfirmedWarnings => "report.unconfirmed_warnings", "error_report_unconfirmed_warnings",
    ReportNoteMissing => "report.note_missing", "error_report_note_missing",
    SearchPageTooDeep => "search.page_too_deep", "error_search_page_too_deep",
    SearchInvalidItem => "search.invalid_item", "error_search_invalid_item",
    SearchOpen => "search.open", "error_search_open",
    SearchSchemaMismatch => "search.schema_mismatch", "error_search_schema_mismatch",
    SearchPoisoned => "search.poisoned", "error_search_poisoned",
    SearchInUse => "search.in_use", "error_search_in_use",
    SearchEngine => "search.engine", "error_search_engine",
    StatsBadYear => "stats.bad_year", "error_stats_bad_year",
    StoreNotFound => "store.not_found", "error_store_not_found",
    StoreConflict => "store.conflict", "error_store_conflict",
    StoreUnreachable => "store.unreachable", "error_store_unreachable",
    StoreDatabase => "store.database", "error_store_database",
    StoreCrypto => "store.crypto", "error_store_crypto",
    StoreCorrupt => "store.corrupt", "error_store_corrupt",
    StoreInvalidUrl => "store.invalid_url", "error_store_invalid_url",
    StoreDataDir => "store.data_dir", "error_store_data_dir",
    StoreMigrate => "store.migrate", "error_store_migrate",
    StoreAuditChain => "store.audit_chain", "error_store_audit_chain",
    StoreRefused => "store.refused", "error_store_refused",
    StoreImportRow => "store.import_row", "error_store_import_row",
    ReportPlaceholder => "report.placeholder", "error_report_placeholder",
    CatalogDateInFuture => "catalog.date_in_future", "error_catalog_date_in_future",
}

impl ErrorCode {
    /// The message key of the code's text: `error_` and the code with `_` for `.`.
    pub fn key(self) -> String {
        self.message_key().to_owned()
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<Denial> for ErrorCode {
    fn from(d: Denial) -> Self {
        match d {
            Denial::Role => Self::AccessRole,
            Denial::Scope => Self::AccessScope,
        }
    }
}

impl From<&StoreError> for ErrorCode {
    fn from(e: &StoreError) -> Self {
        match e {
            StoreError::InvalidUrl { .. } => Self::StoreInvalidUrl,
            StoreError::Unreachable { .. } => Self::StoreUnreachable,
            StoreError::DataDir { .. } => Self::StoreDataDir,
            StoreError::Migrate(_) => Self::StoreMigrate,
            StoreError::NotFound { .. } => Self::StoreNotFound,
            StoreError::Conflict { .. } => Self::StoreConflict,
            StoreError::Corrupt(_) => Self::StoreCorrupt,
            StoreError::Refused(_) => Self::StoreRefused,
            StoreError::ImportRow { .. } => Self::StoreImportRow,
            StoreError::AuditChain(_) => Self::StoreAuditChain,
            StoreError::Database(_) => Self::StoreDatabase,
            StoreError::Crypto(_) => Self::StoreCrypto,
        }
    }
}

impl From<&SearchError> for ErrorCode {
    fn from(e: &SearchError) -> Self {
        match e {
            SearchError::PageTooDeep { .. } => Self::SearchPageTooDeep,
            SearchError::InvalidItem(_) => Self::SearchInvalidItem,
            SearchError::Open { .. } => Self::SearchOpen,
            SearchError::SchemaMismatch(_) => Self::SearchSchemaMismatch,
            SearchError::Poisoned => Self::SearchPoisoned,
            SearchError::InUse { .. } => Self::SearchInUse,
            SearchError::Engine(_) => Self::SearchEngine,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_agree_with_the_lower_layers() {
        let mut seen = std::collections::BTreeSet::new();
        for c in ErrorCode::ALL {
            assert!(seen.insert(c.as_str()), "{c} twice");
            assert_eq!(
                c.message_key(),
                format!("error_{}", c.as_str().replace('.', "_"))
            );
        }
        for d in [Denial::Role, Denial::Scope] {
            assert_eq!(ErrorCode::from(d).as_str(), d.code());
        }
        let e = StoreError::NotFound { what: "agency" };
        assert_eq!(ErrorCode::from(&e).as_str(), e.code());
    }
}
