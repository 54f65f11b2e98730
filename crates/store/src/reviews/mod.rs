//! The register of 行政复议 and 行政诉讼 cases about an agency's 政府信息公开 work (条例第五十一条), and table 四 of
//! one agency's annual report (条例第五十条第（三）项) counted from it. The counting rule lives in the domain
//! (`gongkai_domain::review::compile_t4`); this module only keeps the cases and reads them back.

mod store;

use std::future::Future;

use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::ActorRef;
use gongkai_domain::report::Table4;
use gongkai_domain::review::{CaseKind, Decision, ReviewCase, compile_t4};

use crate::applications::ApplicationId;
use crate::error::StoreResult;

/// Database identity of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReviewCaseId(pub i64);

/// A case as the domain accepted it (`gongkai_domain::review::Filing`), ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReviewCase {
    pub agency: AgencyId,
    pub kind: CaseKind,
    pub filed_on: chrono::NaiveDate,
    /// The application the case is about; it must have been made to `agency`.
    pub application: Option<ApplicationId>,
    pub note: String,
}

/// A stored case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredReviewCase {
    pub id: ReviewCaseId,
    pub agency: AgencyId,
    /// Its kind, filing day and decision: what table 四 counts.
    pub case: ReviewCase,
    pub application: Option<ApplicationId>,
    /// The linked application's tracking number.
    pub tracking_no: Option<String>,
    pub note: String,
}

pub trait ReviewCaseStore {
    /// Registers a case (audit event `review.register`). A linked application of another agency is refused.
    fn create_review_case(
        &self,
        new: &NewReviewCase,
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<StoredReviewCase>> + Send;
    /// Records the decision of a pending case (audit event `review.decide`). A case already decided, or a
    /// decision dated before the filing, is refused and nothing changes.
    fn record_review_decision(
        &self,
        id: ReviewCaseId,
        decision: &Decision,
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<StoredReviewCase>> + Send;
    /// An agency's cases, newest filing first.
    fn review_cases_of(
        &self,
        agency: AgencyId,
    ) -> impl Future<Output = StoreResult<Vec<StoredReviewCase>>> + Send;
    fn review_case(
        &self,
        id: ReviewCaseId,
    ) -> impl Future<Output = StoreResult<Option<StoredReviewCase>>> + Send;
}

/// Table 四 of `agency` for `year`, from its stored cases (see `gongkai_domain::review` for the counting).
pub async fn agency_t4<S>(store: &S, agency: AgencyId, year: i32) -> StoreResult<Table4>
where
    S: ReviewCaseStore + Sync,
{
    let cases: Vec<ReviewCase> = store
        .review_cases_of(agency)
        .await?
        .into_iter()
        .map(|c| c.case)
        .collect();
    Ok(compile_t4(&cases, year))
}
