//! The closed set of codes the web answers with (lemmy-style): every error page and every JSON error names
//! one of these, and each has a message in both locale files under `error_<code with _ for .>` (a test walks
//! [`ErrorCode::ALL`]), so no code can fall through to a generic message unnoticed.

use gongkai_domain::access::Denial;
use gongkai_search::SearchError;
use gongkai_store::StoreError;

macro_rules! error_codes {
    ($($variant:ident => $code:literal,)+) => {
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
        }
    };
}

error_codes! {
    AuthRequired => "auth.required",
    AuthCsrf => "auth.csrf",
    AccessRole => "access.role",
    AccessScope => "access.scope",
    HttpNotFound => "http.not_found",
    HttpInternal => "http.internal",
    HttpOther => "http.other",
    HttpBadRequest => "http.bad_request",
    HttpMethodNotAllowed => "http.method_not_allowed",
    HttpTooManyRequests => "http.too_many_requests",
    HttpBodyTooLarge => "http.body_too_large",
    HttpBadLang => "http.bad_lang",
    AccountSelfDisable => "account.self_disable",
    ApiBadDocNo => "api.bad_doc_no",
    ApplicationNotFound => "application.not_found",
    ApplicationInvalid => "application.invalid",
    ApplicationUnknownAgency => "application.unknown_agency",
    CalendarNoData => "calendar.no_data",
    CatalogFourEyes => "catalog.four_eyes",
    CatalogNotADraft => "catalog.not_a_draft",
    CatalogStepRefused => "catalog.step_refused",
    DeadlineBadDate => "deadline.bad_date",
    ReportYear => "report.year",
    SearchPageTooDeep => "search.page_too_deep",
    SearchInvalidItem => "search.invalid_item",
    SearchOpen => "search.open",
    SearchSchemaMismatch => "search.schema_mismatch",
    SearchPoisoned => "search.poisoned",
    SearchEngine => "search.engine",
    StatsBadYear => "stats.bad_year",
    StoreNotFound => "store.not_found",
    StoreConflict => "store.conflict",
    StoreUnreachable => "store.unreachable",
    StoreDatabase => "store.database",
    StoreCorrupt => "store.corrupt",
    StoreInvalidUrl => "store.invalid_url",
    StoreDataDir => "store.data_dir",
    StoreMigrate => "store.migrate",
    StoreAuditChain => "store.audit_chain",
    StoreRefused => "store.refused",
    StoreImportRow => "store.import_row",
}

impl ErrorCode {
    /// The message key of the code's text: `error_` and the code with `_` for `.`.
    pub fn key(self) -> String {
        format!("error_{}", self.as_str().replace('.', "_"))
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
        }
        for d in [Denial::Role, Denial::Scope] {
            assert_eq!(ErrorCode::from(d).as_str(), d.code());
        }
        let e = StoreError::NotFound { what: "agency" };
        assert_eq!(ErrorCode::from(&e).as_str(), e.code());
    }
}
