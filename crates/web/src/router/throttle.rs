//! Throttles keyed by the client's address: the login form, and intake (the online form and the API together).

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Method, Response, StatusCode, header};
use axum::routing::{MethodRouter, get};
use tower_governor::GovernorLayer;
use tower_governor::governor::GovernorConfigBuilder;

use crate::auth;
use crate::client::ClientAddress;
use crate::state::AppState;

/// The login form, with each client address throttled on submission (a burst, then one try per interval).
pub(super) fn login_routes(state: &AppState) -> MethodRouter<AppState> {
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

pub(super) fn intake_throttled(
    routes: MethodRouter<AppState>,
    config: Option<&Arc<ThrottleConfig>>,
) -> MethodRouter<AppState> {
    match config {
        Some(config) => routes.layer(throttle(config)),
        None => routes,
    }
}

/// How many submissions one client address may make in a row, and how soon it may make one more.
pub(super) struct Limit {
    pub(super) burst: u32,
    pub(super) refill_seconds: u64,
    pub(super) what: &'static str,
}

pub(super) type ThrottleConfig =
    tower_governor::governor::GovernorConfig<ClientAddress, governor::middleware::NoOpMiddleware>;

/// A throttle layer over `config`; layers made from one config share each address's allowance.
fn throttle(
    config: &Arc<ThrottleConfig>,
) -> GovernorLayer<ClientAddress, governor::middleware::NoOpMiddleware, Body> {
    GovernorLayer::new(Arc::clone(config)).error_handler(too_many_attempts)
}

impl Limit {
    /// A throttle on POST keyed by the client's address (`None`, logged, when the numbers cannot make one).
    pub(super) fn config(&self, state: &AppState) -> Option<Arc<ThrottleConfig>> {
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
