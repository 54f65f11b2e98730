//! The staff console (`/console`): pages for officials, each behind the access extractors of
//! [`crate::auth`] and, for forms, the CSRF layer.

pub mod accounts;
pub mod agencies;
pub mod appeal_forms;
pub mod appeals;
pub mod application_steps;
pub mod applications;
pub mod audit;
pub mod audit_words;
pub mod case_list;
pub mod catalog;
pub mod flash;
pub mod home;
pub mod item;
pub mod item_files;
pub mod item_publish;
pub mod new_agency;
pub mod oversight;
mod oversight_chart;
mod oversight_export;
pub mod password;
pub mod register;
pub mod report_import;
pub mod report_publish;
pub mod reports;
pub mod security;
pub mod staff_search;
pub mod statistics;
pub mod step_files;
pub mod tokens;

use gongkai_domain::access::{Capability, authorize};
use gongkai_domain::agency::{Agency, AgencyTree};
use gongkai_domain::field::FieldError;
use minijinja::{Value, context};
use serde::Serialize;

use crate::auth::Official;

/// What every console page shows of the signed-in official, and the token its forms carry.
pub fn page_context(official: &Official) -> Value {
    let a = &official.account;
    context! {
        me => context! {
            username => a.username.as_str(),
            display_name => &a.display_name,
            role => a.role.code(),
            is_system_admin => a.role == gongkai_domain::account::Role::SystemAdmin,
            is_audit_admin => a.role == gongkai_domain::account::Role::AuditAdmin,
            is_security_admin => a.role == gongkai_domain::account::Role::SecurityAdmin,
            // Only roles that read agencies' records search them.
            may_search => gongkai_domain::access::role_allows(
                a.role,
                gongkai_domain::access::Capability::ViewAgency
            ),
        },
        csrf => &official.csrf_token,
    }
}

/// Which actions on `agency` the official may take, for the buttons a page shows (the extractors still
/// check each request).
#[derive(Debug, Serialize)]
pub struct AllowedActions {
    pub edit: bool,
    pub manage_accounts: bool,
    pub create_child: bool,
    pub view_audit: bool,
    pub handle: bool,
    /// Read the applications (the work queue and timelines).
    pub read_cases: bool,
    pub oversee: bool,
}

pub fn allowed_actions(official: &Official, agency: &Agency, tree: &AgencyTree) -> AllowedActions {
    let actor = official.actor();
    let may = |c| authorize(&actor, c, agency.id, tree).is_ok();
    AllowedActions {
        edit: may(Capability::EditAgency),
        manage_accounts: may(Capability::ManageAccounts),
        create_child: may(Capability::CreateAgency),
        view_audit: may(Capability::ViewAudit),
        handle: may(Capability::HandleRecords),
        read_cases: may(Capability::ReadCases),
        oversee: may(Capability::Oversee),
    }
}

/// A form sent back with problems answers 422, so that tools and tests see the refusal, not a 200.
pub fn form_status(errors: &[FieldError]) -> axum::http::StatusCode {
    if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// Field problems as `{field: message_key}` for the form templates.
pub fn field_errors(errors: &[FieldError]) -> Value {
    let map: std::collections::BTreeMap<String, String> = errors
        .iter()
        .map(|e| {
            (
                e.field.replace('.', "_"),
                format!("field_{}", e.problem.code()),
            )
        })
        .collect();
    Value::from(minijinja::value::Serde(&map))
}
