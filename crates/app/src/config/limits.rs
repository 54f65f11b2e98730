//! How much one sender may ask of the service, and whose word is taken for the sender's address. 条例 sets no
//! limit on applications; these keep one sender (or a script) from exhausting intake for every other citizen.

use std::net::IpAddr;

use ipnet::IpNet;
use serde::Deserialize;

/// The `[intake]` section: online applications (the form and `POST /api/v1/applications` together). Staff who
/// register a letter or a visit are not limited.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IntakeLimits {
    /// Applications one client address may submit in a row before it must wait.
    pub per_address_burst: u32,
    /// Seconds after which an address that used its burst may submit one more.
    pub per_address_refill_seconds: u64,
    /// Applications one applicant (the same 证件 or 统一社会信用代码) may file online in 24 hours, to all
    /// agencies together; a resubmission of the same request is not counted (it files nothing).
    pub per_identity_per_day: u32,
}

impl Default for IntakeLimits {
    fn default() -> Self {
        Self {
            per_address_burst: 10,
            per_address_refill_seconds: 30,
            per_identity_per_day: 30,
        }
    }
}

/// The `[timeouts]` section: how long a client may take, so that slow or half-open connections cannot hold the
/// server (等保 2.0: resource control).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Timeouts {
    /// Seconds a connection has to send a request's head (line and headers) before it is closed.
    pub header_read_seconds: u64,
    /// Seconds a request body may pause between two chunks.
    pub body_idle_seconds: u64,
    /// Seconds a whole request may take, its body included (a 50 MiB upload at 4 Mbit/s takes about 100).
    pub request_seconds: u64,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            header_read_seconds: 10,
            body_idle_seconds: 15,
            request_seconds: 180,
        }
    }
}

/// The proxies whose `X-Forwarded-For` is believed: loopback by default (nginx on the same machine).
pub fn default_trusted_proxies() -> Vec<IpNet> {
    ["127.0.0.0/8", "::1/128"]
        .iter()
        .filter_map(|n| n.parse().ok())
        .collect()
}

/// The address of the client behind a request: the connection's peer, or, when the peer is a trusted proxy,
/// the nearest address in `X-Forwarded-For` (read from the right) that is not itself a trusted proxy. The
/// leftmost entries are whatever the client wrote and are never believed, so a forged header changes nothing.
pub fn client_address<'a>(
    peer: IpAddr,
    forwarded_for: impl DoubleEndedIterator<Item = &'a str>,
    trusted: &[IpNet],
) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut nearest = peer;
    for entry in forwarded_for.rev() {
        match parse_forwarded(entry) {
            Some(ip) if is_trusted(&ip) => nearest = ip,
            Some(ip) => return ip,
            // A hop we cannot read: the last address we could vouch for stands for the client.
            None => return nearest,
        }
    }
    nearest
}

/// One `X-Forwarded-For` entry: an address, possibly with a port (`1.2.3.4:5678`, `[::1]:80`).
fn parse_forwarded(entry: &str) -> Option<IpAddr> {
    let e = entry.trim();
    if let Ok(ip) = e.parse() {
        return Some(ip);
    }
    if let Ok(sock) = e.parse::<std::net::SocketAddr>() {
        return Some(sock.ip());
    }
    e.strip_prefix('[')
        .and_then(|r| r.split_once(']'))
        .and_then(|(ip, _)| ip.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("address")
    }

    fn client(peer: &str, header: &str, trusted: &[&str]) -> IpAddr {
        let trusted: Vec<IpNet> = trusted.iter().map(|n| n.parse().expect("net")).collect();
        let entries = header.split(',').filter(|e| !e.trim().is_empty());
        client_address(ip(peer), entries, &trusted)
    }

    #[test]
    fn a_forged_leftmost_address_is_never_believed() {
        let lo = ["127.0.0.0/8"];
        // nginx on loopback appends the address it saw: the rightmost entry is the client.
        assert_eq!(client("127.0.0.1", "203.0.113.9", &lo), ip("203.0.113.9"));
        assert_eq!(
            client("127.0.0.1", "1.1.1.1, 203.0.113.9", &lo),
            ip("203.0.113.9"),
            "the client wrote 1.1.1.1 itself"
        );
        // Not from a trusted proxy: the header is the client's own words.
        assert_eq!(client("198.51.100.7", "1.1.1.1", &lo), ip("198.51.100.7"));
        // Two trusted hops: the first untrusted address from the right.
        assert_eq!(
            client(
                "127.0.0.1",
                "9.9.9.9, 203.0.113.9, 10.0.0.5",
                &["127.0.0.0/8", "10.0.0.0/8"]
            ),
            ip("203.0.113.9")
        );
        // No header, or nothing but proxies: the nearest proxy stands for the client.
        assert_eq!(client("127.0.0.1", "", &lo), ip("127.0.0.1"));
        assert_eq!(
            client("127.0.0.1", "garbage, 127.0.0.2", &lo),
            ip("127.0.0.2")
        );
        assert_eq!(
            client("127.0.0.1", "[2001:db8::1]:443", &lo),
            ip("2001:db8::1")
        );
        assert_eq!(
            client("127.0.0.1", "203.0.113.9:5000", &lo),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn loopback_is_trusted_by_default() {
        let trusted = default_trusted_proxies();
        assert!(trusted.iter().any(|n| n.contains(&ip("127.0.0.1"))));
        assert!(trusted.iter().any(|n| n.contains(&ip("::1"))));
        assert!(!trusted.iter().any(|n| n.contains(&ip("10.0.0.1"))));
    }
}
