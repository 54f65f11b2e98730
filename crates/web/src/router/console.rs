//! The staff console's routes (and the session's API calls), all behind the CSRF guard.

use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};

use super::routes::Routes;
use super::{ATTACHMENT_BODY_LIMIT, RESPONSE_BODY_LIMIT};
use crate::console::{
    accounts, agencies, appeal_forms, appeals, application_steps, applications, audit, case_list,
    catalog, home, item, item_files, item_publish, new_agency, oversight, password, register,
    report_import, report_publish, reports, security, staff_search, statistics, tokens,
};
use crate::state::AppState;
use crate::{api, auth};

pub(super) fn console(state: &AppState) -> Routes {
    Routes::new()
        .route("/console", get(home::show))
        .route("/console/logout", post(auth::login::logout))
        .route(
            "/console/password",
            get(password::form).post(password::change),
        )
        .route("/console/agencies/{agency}", get(agencies::show))
        .route(
            "/console/agencies/{agency}/edit",
            get(agencies::edit_form).post(agencies::edit_submit),
        )
        .route("/console/agencies/new", get(new_agency::root_form))
        .route("/console/agencies", post(new_agency::create_root))
        .route(
            "/console/agencies/{agency}/children/new",
            get(new_agency::child_form),
        )
        .route(
            "/console/agencies/{agency}/children",
            post(new_agency::create_child),
        )
        .route(
            "/console/agencies/{agency}/accounts",
            get(accounts::list).post(accounts::create),
        )
        .route(
            "/console/agencies/{agency}/accounts/{account}/active",
            post(accounts::set_active),
        )
        .route(
            "/console/agencies/{agency}/accounts/{account}/password",
            post(accounts::reset_password),
        )
        .route(
            "/console/agencies/{agency}/accounts/{account}/email",
            post(accounts::set_email),
        )
        .route(
            "/console/agencies/{agency}/tokens",
            get(tokens::list).post(tokens::issue),
        )
        .route(
            "/console/agencies/{agency}/tokens/{token}/revoke",
            get(tokens::confirm_revoke).post(tokens::revoke),
        )
        .route("/console/agencies/{agency}/audit", get(audit::of_agency))
        .route("/console/agencies/{agency}/oversight", get(oversight::show))
        .route("/console/agencies/{agency}/catalog", get(catalog::list))
        .route(
            "/console/agencies/{agency}/catalog/new",
            get(catalog::new_form).post(catalog::create),
        )
        .route(
            "/console/agencies/{agency}/catalog/{item}",
            get(item::show).post(item::update),
        )
        .route(
            "/console/agencies/{agency}/catalog/{item}/submit",
            post(item::submit),
        )
        .route(
            "/console/agencies/{agency}/catalog/{item}/approve",
            get(item_publish::confirm).post(item_publish::approve),
        )
        .route(
            "/console/agencies/{agency}/catalog/{item}/reject",
            post(item::reject),
        )
        .route(
            "/console/agencies/{agency}/catalog/{item}/withdraw",
            post(item::withdraw),
        )
        .route(
            "/console/agencies/{agency}/catalog/{item}/revise",
            post(item::revise),
        )
        .route(
            "/console/agencies/{agency}/catalog/{item}/attachments",
            post(item::attach).layer(DefaultBodyLimit::max(ATTACHMENT_BODY_LIMIT)),
        )
        .route(
            "/console/agencies/{agency}/catalog/{item}/attachments/{attachment}",
            get(item_files::open),
        )
        .route(
            "/console/agencies/{agency}/applications",
            get(case_list::list),
        )
        .route(
            "/console/agencies/{agency}/applications/new",
            get(register::form).post(register::submit),
        )
        .route(
            "/console/agencies/{agency}/applications/receipts/{tracking_no}/pdf",
            get(register::receipt_pdf),
        )
        .route(
            "/console/agencies/{agency}/applications/statistics",
            get(statistics::show),
        )
        .route(
            "/console/agencies/{agency}/applications/{application}",
            get(applications::timeline),
        )
        .route(
            "/console/agencies/{agency}/applications/{application}/steps",
            post(application_steps::take).layer(DefaultBodyLimit::max(RESPONSE_BODY_LIMIT)),
        )
        .route(
            "/console/agencies/{agency}/applications/{application}/letters/{file}",
            get(applications::letter),
        )
        .route(
            "/console/agencies/{agency}/applications/{application}/files/{file}",
            get(applications::file),
        )
        .route(
            "/console/agencies/{agency}/applications/{application}/id-proof",
            get(applications::id_proof),
        )
        .route("/console/agencies/{agency}/reports", get(reports::index))
        .route(
            "/console/agencies/{agency}/reports/import",
            post(report_import::upload).layer(DefaultBodyLimit::max(ATTACHMENT_BODY_LIMIT)),
        )
        .route(
            "/console/agencies/{agency}/reports/{year}",
            get(reports::show),
        )
        .route(
            "/console/agencies/{agency}/reports/{year}/inputs",
            post(reports::save_inputs),
        )
        .route(
            "/console/agencies/{agency}/reports/{year}/publish",
            post(report_publish::from_console),
        )
        .route(
            "/console/agencies/{agency}/reports/{year}/{file}",
            get(reports::draft),
        )
        .route(
            "/api/v1/agencies/{agency}/reports/{year}/publish",
            post(api::report_publish::publish_report),
        )
        .route("/api/v1/session", get(auth::session_info))
        .route("/console/agencies/{agency}/appeals", get(appeals::list))
        .route(
            "/console/agencies/{agency}/appeals/new",
            get(appeal_forms::new_form).post(appeal_forms::create),
        )
        .route(
            "/console/agencies/{agency}/appeals/{case}/decision",
            get(appeal_forms::decide_form).post(appeal_forms::decide),
        )
        .route("/console/search", get(staff_search::page))
        .route("/console/security", get(security::page))
        .route(
            "/console/security/accounts/{account}/role",
            post(security::set_role),
        )
        .route("/console/security/unlock", post(security::lift_lock))
        .route("/console/audit", get(audit::global))
        .route("/console/audit/verify", post(audit::verify))
        .map(|router| router.route_layer(from_fn_with_state(state.clone(), auth::csrf::guard)))
}
