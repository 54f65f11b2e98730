//! Every route, and the layers around them.

mod console;
mod routes;
mod throttle;

use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::error::WebError;
use crate::portal::{column, feeds, items};
use crate::state::AppState;
use crate::{api, health, pages, portal};
use routes::Routes;
use throttle::{Limit, intake_throttled, login_routes};

/// An upload: the 50 MiB an attachment may have, and room for the form around it.
const ATTACHMENT_BODY_LIMIT: usize = 51 * 1024 * 1024;

/// An application with its proof of identity: the 5 MiB the file may have, and room for the form; a larger
/// file within this limit gets its own message in the form.
const APPLICATION_BODY_LIMIT: usize = 8 * 1024 * 1024;
/// A correction or a payment statement: up to five files of 10 MiB (the domain's limits), and the text.
const RESPONSE_BODY_LIMIT: usize = 51 * 1024 * 1024;

pub fn router(state: AppState) -> Router {
    routes(state).0
}

/// The path of every route, as the router declares it (`/console/agencies/{agency}`): the access matrix test
/// tries each one, so a route added without a rule there fails it.
pub fn route_paths(state: AppState) -> Vec<&'static str> {
    routes(state).1
}

fn routes(state: AppState) -> (Router, Vec<&'static str>) {
    let console = console::console(&state);
    // One allowance per address for the online form and the API together (条例 sets no limit; this keeps one
    // sender from exhausting intake for everyone else).
    let intake = Limit {
        burst: state.config.intake.per_address_burst,
        refill_seconds: state.config.intake.per_address_refill_seconds,
        what: "intake",
    }
    .config(&state);
    Routes::new()
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
        .map(|router| {
            let state = &state;
            router
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
                // Outermost: a kept public page goes out without passing the layers that made it (it was
                // logged and given its headers when rendered).
                .layer(from_fn_with_state(state.clone(), crate::page_cache::serve))
        })
        .with_state(state)
}

/// The caseworker's API: outside the console's CSRF layer, since a bearer token needs none; the
/// [`auth::caller::Caller`] extractor checks a session's `X-CSRF-Token` itself.
fn casework_api() -> Routes {
    use api::casework::{letter, list, register, show, step};
    Routes::new()
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
