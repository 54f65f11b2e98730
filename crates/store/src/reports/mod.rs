//! The annual report's records: what an agency enters for a year (table-二 figures no record holds, the
//! sections' text), the reports it imported from before gongkai, and the versions it published. Compiling a
//! report from the records is a use case (`gongkai_app::reports`).

mod imported;
mod inputs;
mod published;

use std::collections::BTreeMap;
use std::future::Future;

use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::ActorRef;

use crate::error::StoreResult;

pub use imported::ImportedReport;
pub use published::{NewPublication, Publication, PublishedFile, PublishedPage};

/// What an agency entered for its report of a year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportInputs {
    /// Table-二 cell path → the figure as typed (`t2.a20_5.admin_license.decisions` → `152`).
    pub figures: BTreeMap<String, String>,
    /// The bodies of sections 一 to 六; an empty one is drafted from the records when compiled.
    pub sections: [String; 6],
}

pub trait ReportInputStore {
    /// What was entered for `agency`'s report of `year`; empty when nothing was.
    fn report_inputs(
        &self,
        agency: AgencyId,
        year: i32,
    ) -> impl Future<Output = StoreResult<ReportInputs>> + Send;
    /// Replaces what was entered, with its audit event (the caller checked the figures).
    fn save_report_inputs(
        &self,
        agency: AgencyId,
        year: i32,
        inputs: &ReportInputs,
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<()>> + Send;
}
