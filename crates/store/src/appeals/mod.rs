//! The register of 行政复议 and 行政诉讼 cases about an agency's 政府信息公开 work (条例第五十一条), and table 四 of
//! one agency's annual report (条例第五十条第（三）项) counted from it. The counting rule lives in the domain
//! (`gongkai_domain::appeal::compile_t4`); this module only keeps the cases and reads them back.

mod store;

use std::future::Future;

use gongkai_domain::agency::AgencyId;
use gongkai_domain::appeal::{AppealCase, CaseKind, Decision, compile_t4};
use gongkai_domain::audit::ActorRef;
use gongkai_domain::report::Table4;

use crate::applications::ApplicationId;
use crate::error::StoreResult;

/// Database identity of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AppealCaseId(pub i64);

/// A case as the domain accepted it (`gongkai_domain::appeal::Filing`), ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAppealCase {
    pub agency: AgencyId,
    pub kind: CaseKind,
    pub filed_on: chrono::NaiveDate,
    /// The application the case is about; it must have been made to `agency`.
    pub application: Option<ApplicationId>,
    pub note: String,
}

/// A stored case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAppealCase {
    pub id: AppealCaseId,
    pub agency: AgencyId,
    /// Its kind, filing day and decision: what table 四 counts.
    pub case: AppealCase,
    pub application: Option<ApplicationId>,
    /// The linked application's tracking number.
    pub tracking_no: Option<String>,
    pub note: String,
}

pub trait AppealStore {
    /// Registers a case (audit event `review.register`). A linked application of another agency is refused.
    fn create_review_case(
        &self,
        new: &NewAppealCase,
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<StoredAppealCase>> + Send;
    /// Records the decision of a pending case (audit event `review.decide`). A case already decided, or a
    /// decision dated before the filing, is refused and nothing changes.
    fn record_review_decision(
        &self,
        id: AppealCaseId,
        decision: &Decision,
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<StoredAppealCase>> + Send;
    /// An agency's cases, newest filing first.
    fn review_cases_of(
        &self,
        agency: AgencyId,
    ) -> impl Future<Output = StoreResult<Vec<StoredAppealCase>>> + Send;
    fn review_case(
        &self,
        id: AppealCaseId,
    ) -> impl Future<Output = StoreResult<Option<StoredAppealCase>>> + Send;
}

/// Table 四 of `agency` for `year`, from its stored cases (see `gongkai_domain::appeal` for the counting).
pub async fn agency_t4<S>(store: &S, agency: AgencyId, year: i32) -> StoreResult<Table4>
where
    S: AppealStore + Sync,
{
    let cases: Vec<AppealCase> = store
        .review_cases_of(agency)
        .await?
        .into_iter()
        .map(|c| c.case)
        .collect();
    Ok(compile_t4(&cases, year))
}
