//! Every route, and the layers around them.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::DefaultBodyLimit;
use axum::http::{Method, Response, StatusCode, header};
use axum::middleware::from_fn_with_state;
use axum::routing::{MethodRouter, get, post};
use tower_governor::GovernorLayer;
use tower_governor::governor::GovernorConfigBuilder;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::client::ClientAddress;
use crate::console::{
    accounts, agencies, appeal_forms, appeals, application_steps, applications, audit, case_list,
    catalog, home, item, item_files, item_publish, new_agency, oversight, password, register,
    report_import, report_publish, reports, staff_search, statistics, tokens,
};
use crate::error::WebError;
use crate::portal::{column, feeds, items};
use crate::state::AppState;
use crate::{api, auth, health, pages, portal};

/// An upload: the 50 MiB an attachment may have, and room for the form around it.
const ATTACHMENT_BODY_LIMIT: usize = 51 * 1024 * 1024;

/// An application with its proof of identity: the 5 MiB the file may have, and room for the form; a larger
/// file within this limit gets its own message in the form.
const APPLICATION_BODY_LIMIT: usize = 8 * 1024 * 1024;
/// A correction or a payment statement: up to five files of 10 MiB (the domain's limits), and the text.
const RESPONSE_BODY_LIMIT: usize = 51 * 1024 * 1024;

pub fn router(state: AppState) -> Router {
    let console = Router::new()
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
        .route("/console/audit", get(audit::global))
        .route("/console/audit/verify", post(audit::verify))
        .route_layer(from_fn_with_state(state.clone(), auth::csrf::guard));

    // One allowance per address for the online form and the API together (条例 sets no limit; this keeps one
    // sender from exhausting intake for everyone else).
    let intake = Limit {
        burst: state.config.intake.per_address_burst,
        refill_seconds: state.config.intake.per_address_refill_seconds,
        what: "intake",
    }
    .config(&state);
    Router::new()
        .route("/", get(portal::home))
        .route("/agencies/{id}", get(column::home))
        .route("/agencies/{id}/guide", get(column::guide))
        .route("/agencies/{id}/rules", get(column::rules))
        .route("/agencies/{id}/reports", get(column::reports))
        .route(
            "/agencies/{id}/apply",
            intake_throttled(
                get(portal::apply::page)
                    .post(portal::apply::submit)
                    .layer(DefaultBodyLimit::max(APPLICATION_BODY_LIMIT)),
                intake.as_ref(),
            ),
        )
        .route(
            "/agencies/{id}/apply/receipt/{tracking_no}",
            get(portal::receipt::page),
        )
        .route("/agencies/{id}/apply/form.docx", get(portal::forms::docx))
        .route("/agencies/{id}/apply/form.pdf", get(portal::forms::pdf))
        .route(
            "/agencies/{id}/apply/receipt/{tracking_no}/pdf",
            get(portal::receipt::pdf),
        )
        .route(
            "/status/letters/{file}",
            get(portal::letters::for_applicant),
        )
        .route("/status", get(portal::status::page))
        .route(
            "/status/correction",
            post(portal::status::correction).layer(DefaultBodyLimit::max(RESPONSE_BODY_LIMIT)),
        )
        .route(
            "/status/fee-paid",
            post(portal::status::fee_paid).layer(DefaultBodyLimit::max(RESPONSE_BODY_LIMIT)),
        )
        .route("/status/files/{id}", get(portal::status::disclosed))
        .route(
            "/agencies/{id}/reports/{year}",
            get(portal::reports::latest),
        )
        .route(
            "/agencies/{id}/reports/{year}/{file}",
            get(portal::reports::version),
        )
        .route("/agencies/{id}/category/{code}", get(column::category))
        .route("/agencies/{id}/feed.xml", get(feeds::atom))
        .route("/sitemap.xml", get(feeds::sitemap))
        .route("/sitemaps/{file}", get(feeds::sitemap_part))
        .route("/items/{*index_no}", get(items::item))
        .route("/attachments/{id}/{name}", get(items::attachment))
        .route("/search", get(portal::search::page))
        .route("/reports", get(portal::reports_search::page))
        .route("/deadline", get(portal::deadline::page))
        .route("/api/v1/deadline", get(api::deadline::get))
        .route(
            "/api/v1/applications",
            intake_throttled(post(api::applications::create), intake.as_ref()),
        )
        .route(
            "/api/v1/applications/status",
            get(api::applications::status),
        )
        .route("/api/v1/catalog", get(api::catalog::list))
        .route("/api/v1/catalog/{*index_no}", get(api::item::by_index_no))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/v1/agencies", get(api::agencies::list))
        .merge(casework_api())
        .route("/lang", get(portal::switch_lang))
        .route("/static/site.css", get(portal::stylesheet))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/console/login", login_routes(&state))
        .merge(console)
        .fallback(|| async { WebError::NotFound })
        .layer(from_fn_with_state(state.clone(), pages::render_errors))
        .layer(from_fn_with_state(state.clone(), pages::security_headers))
        // A body that stalls, or a request that drags on, ends (see `crate::connections` for the head).
        .layer(RequestBodyTimeoutLayer::new(Duration::from_secs(
            state.config.timeouts.body_idle_seconds.max(1),
        )))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(state.config.timeouts.request_seconds.max(1)),
        ))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// The caseworker's API: outside the console's CSRF layer, since a bearer token needs none; the
/// [`auth::caller::Caller`] extractor checks a session's `X-CSRF-Token` itself.
fn casework_api() -> Router<AppState> {
    use api::casework::{letter, list, register, show, step};
    Router::new()
        .route(
            "/api/v1/agencies/{agency}/applications",
            get(list::list).post(register::register),
        )
        .route(
            "/api/v1/agencies/{agency}/applications/{tracking_no}",
            get(show::show),
        )
        .route(
            "/api/v1/agencies/{agency}/applications/{tracking_no}/steps",
            post(step::take),
        )
        .route(
            "/api/v1/agencies/{agency}/applications/{tracking_no}/letters/{file}",
            get(letter::download),
        )
}

/// The span of a request in the logs: its method and path only. Query strings stay out, as they may hold what
/// a visitor searched for or an upload's CSRF token.
fn request_span<B>(request: &axum::http::Request<B>) -> tracing::Span {
    tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
}

/// The login form, with each client address throttled on submission (a burst, then one try per interval).
fn login_routes(state: &AppState) -> MethodRouter<AppState> {
    let routes = get(auth::login::form).post(auth::login::submit);
    let limit = Limit {
        burst: state.config.login_burst,
        refill_seconds: state.config.login_refill_seconds,
        what: "login",
    };
    match limit.config(state) {
        Some(config) => routes.layer(throttle(&config)),
        None => routes,
    }
}

fn intake_throttled(
    routes: MethodRouter<AppState>,
    config: Option<&Arc<ThrottleConfig>>,
) -> MethodRouter<AppState> {
    match config {
        Some(config) => routes.layer(throttle(config)),
        None => routes,
    }
}

/// How many submissions one client address may make in a row, and how soon it may make one more.
struct Limit {
    burst: u32,
    refill_seconds: u64,
    what: &'static str,
}

type ThrottleConfig =
    tower_governor::governor::GovernorConfig<ClientAddress, governor::middleware::NoOpMiddleware>;

/// A throttle layer over `config`; layers made from one config share each address's allowance.
fn throttle(
    config: &Arc<ThrottleConfig>,
) -> GovernorLayer<ClientAddress, governor::middleware::NoOpMiddleware, Body> {
    GovernorLayer::new(Arc::clone(config)).error_handler(too_many_attempts)
}

impl Limit {
    /// A throttle on POST keyed by the client's address (`None`, logged, when the numbers cannot make one).
    fn config(&self, state: &AppState) -> Option<Arc<ThrottleConfig>> {
        let built = GovernorConfigBuilder::default()
            .key_extractor(ClientAddress::new(Arc::clone(&state.config)))
            .period(Duration::from_secs(self.refill_seconds.max(1)))
            .burst_size(self.burst.max(1))
            .methods(vec![Method::POST])
            .finish();
        let Some(config) = built else {
            tracing::error!(
                limit = self.what,
                "throttling could not be configured; not throttled"
            );
            return None;
        };
        let config = Arc::new(config);
        // Forget addresses that have been quiet, so the table does not grow without bound.
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let limiter = Arc::clone(&config);
            runtime.spawn(async move {
                let mut tick = tokio::time::interval(Duration::from_secs(60));
                loop {
                    tick.tick().await;
                    limiter.limiter().retain_recent();
                }
            });
        }
        Some(config)
    }
}

/// A plain 429 with the seconds to wait; the page layer turns it into a page (or JSON under `/api`) in the
/// visitor's language and keeps `Retry-After`.
fn too_many_attempts(error: tower_governor::GovernorError) -> Response<Body> {
    let wait = match error {
        tower_governor::GovernorError::TooManyRequests { wait_time, .. } => wait_time.max(1),
        _ => 10,
    };
    let mut response = Response::new(Body::from("429 Too Many Requests"));
    *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    headers.insert(header::RETRY_AFTER, header::HeaderValue::from(wait));
    response
}
