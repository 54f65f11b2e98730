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
        let peer = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip())?;
        let forwarded: Vec<&str> = request
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter(|v| !v.trim().is_empty())
            .collect();
        Some(self.config.client_address(peer, forwarded.into_iter()))
    }
}

impl KeyExtractor for ClientAddress {
    type Key = IpAddr;

    fn extract<T>(&self, request: &Request<T>) -> Result<IpAddr, GovernorError> {
        self.of(request).ok_or(GovernorError::UnableToExtractKey)
    }
}
