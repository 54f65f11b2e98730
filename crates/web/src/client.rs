//! The client's address, as the throttles see it: the connection's peer, or behind a configured reverse proxy
//! the address that proxy saw (see [`gongkai_app::config::client_address`]). A client's own `X-Forwarded-For`
//! is never believed, so forging it does not escape a throttle.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::ConnectInfo;
use axum::http::Request;
use gongkai_app::Config;
use tower_governor::GovernorError;
use tower_governor::key_extractor::KeyExtractor;

#[derive(Clone)]
pub struct ClientAddress {
    config: Arc<Config>,
}

impl ClientAddress {
    pub fn new(config: Arc<Config>) -> Self {
        Self { config }
    }

    /// The client's address, or `None` when the server was not started with connection information.
    pub fn of<T>(&self, request: &Request<T>) -> Option<IpAddr> {
        client_of(&self.config, request.extensions(), request.headers())
    }
}

impl KeyExtractor for ClientAddress {
    type Key = IpAddr;

    fn extract<T>(&self, request: &Request<T>) -> Result<IpAddr, GovernorError> {
        self.of(request).ok_or(GovernorError::UnableToExtractKey)
    }
}

/// The client's address as a handler argument (see [`ClientAddress::of`]); 0.0.0.0 when the server was started
/// without connection information (never in `serve`).
pub struct ClientIp(pub IpAddr);

impl axum::extract::FromRequestParts<crate::state::AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &crate::state::AppState,
    ) -> Result<Self, Self::Rejection> {
        let unknown = IpAddr::from([0, 0, 0, 0]);
        Ok(Self(
            client_of(&state.config, &parts.extensions, &parts.headers).unwrap_or(unknown),
        ))
    }
}

fn client_of(
    config: &Config,
    extensions: &axum::http::Extensions,
    headers: &axum::http::HeaderMap,
) -> Option<IpAddr> {
    let peer = extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())?;
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter(|v| !v.trim().is_empty())
        .collect();
    Some(config.client_address(peer, forwarded.into_iter()))
}
