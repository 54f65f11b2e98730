//! Provisioning agencies: a new agency below an existing one, or at the top of a tree (a system administrator
//! starting a platform, or a new city). The profile was checked by the domain (`AgencyProfile`); a name or
//! credit code already taken is a field problem, not an error.

use gongkai_domain::agency::{Agency, AgencyId, AgencyProfile};
use gongkai_domain::audit::ActorRef;
use gongkai_domain::field::{FieldError, FieldProblem};
use gongkai_store::{AgencyStore, Store, StoreError};

use crate::error::AppError;

/// Why no agency was created.
#[derive(Debug)]
pub enum AgencyRefusal {
    Fields(Vec<FieldError>),
    App(AppError),
}

pub async fn create_agency(
    store: &Store,
    parent: Option<AgencyId>,
    profile: &AgencyProfile,
    by: &ActorRef,
) -> Result<Agency, AgencyRefusal> {
    match store.create_agency(parent, profile, by).await {
        Ok(agency) => Ok(agency),
        Err(StoreError::Conflict { field }) => {
            let field = if field == "credit_code" {
                "credit_code"
            } else {
                "name"
            };
            Err(AgencyRefusal::Fields(vec![FieldError::new(
                field,
                FieldProblem::Taken,
            )]))
        }
        Err(e) => Err(AgencyRefusal::App(e.into())),
    }
}

/// The ids of an agency and of every agency below it: what a filter "an agency (含下级机关)" means.
pub async fn subtree_ids(store: &Store, agency: AgencyId) -> Result<Vec<i64>, AppError> {
    Ok(store
        .agency_tree()
        .await?
        .subtree(agency)
        .into_iter()
        .map(|a| a.0)
        .collect())
}
