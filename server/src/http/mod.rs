//! Cross-cutting HTTP concerns, as layers rather than code in handlers: the
//! problem-JSON error shape, caller resolution and rate limits, conditional
//! GETs and cache policy, Prometheus metrics, CORS, security headers, and the
//! accept loop with its timeouts and per-address connection cap.

pub mod cache;
pub mod consistency;
pub mod cors;
pub mod error;
pub mod headers;
pub mod html;
pub mod metrics;
pub mod page;
pub mod ratelimit;
pub mod serve;

use error::ApiError;

/// The viewer's address: the peer's, or, when the peer is one of `trusted`
/// proxies, the last address in `X-Forwarded-For` that is not one of them.
pub fn client_ip(
    peer: std::net::IpAddr,
    headers: &axum::http::HeaderMap,
    trusted: &[std::net::IpAddr],
) -> std::net::IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let forwarded =
        headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join(",");
    forwarded
        .rsplit(',')
        .filter_map(|a| a.trim().parse::<std::net::IpAddr>().ok())
        .find(|a| !trusted.contains(a))
        .unwrap_or(peer)
}

/// For echoing user input in messages without echoing megabytes.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}...", s.chars().take(max).collect::<String>())
    }
}

/// 400 for logins that break the rule, before touching the database.
pub fn check_login(login: &str) -> Result<(), ApiError> {
    if aethex_sdk::is_valid_login(login) {
        Ok(())
    } else {
        Err(ApiError::bad_request(format!(
            "invalid login '{}': use 3-25 characters of a-z, 0-9 and _",
            truncate(login, 40)
        )))
    }
}

/// Reject text fields with control characters or over a length, naming the field.
pub fn check_text(field: &str, value: &str, max_chars: usize) -> Result<(), ApiError> {
    if value.chars().count() > max_chars {
        return Err(ApiError::bad_request(format!("'{field}' is longer than {max_chars} characters")));
    }
    if value.chars().any(char::is_control) {
        return Err(ApiError::bad_request(format!("'{field}' must not contain control characters")));
    }
    Ok(())
}

/// The RFC 6455 handshake headers every socket endpoint needs; without them the answer is 400.
/// Only its OpenAPI description is used: the socket handlers check the headers themselves.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
#[allow(dead_code)]
pub struct WebSocketHandshake {
    /// Contains `upgrade`.
    #[param(rename = "Connection", pattern = "[Uu][Pp][Gg][Rr][Aa][Dd][Ee]")]
    connection: String,
    /// `websocket`.
    #[param(rename = "Upgrade", pattern = "^[ \\t]*[Ww][Ee][Bb][Ss][Oo][Cc][Kk][Ee][Tt][ \\t]*$")]
    upgrade: String,
    /// `13`.
    #[param(rename = "Sec-WebSocket-Version", pattern = "^[ \\t]*13[ \\t]*$")]
    sec_websocket_version: String,
    /// The client's nonce, 16 random bytes in base64.
    #[param(rename = "Sec-WebSocket-Key")]
    sec_websocket_key: String,
}

/// Whether the browser asked not to be tracked (Do-Not-Track or Global Privacy Control).
pub fn opted_out(headers: &axum::http::HeaderMap) -> bool {
    let on = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).is_some_and(|v| v.trim() == "1");
    on("dnt") || on("sec-gpc")
}

/// Largest request body any endpoint accepts.
pub const BODY_LIMIT: usize = 64 * 1024;

/// What every API request passes through after the edge, outermost first:
/// the gate (names the caller, counts the request against its bucket),
/// read-your-writes, the body deadline, and conditional GET. One layer, not
/// four, because axum clones and boxes each layer of a route per request.
pub struct Api {
    /// The rate-limit gate.
    pub gate: ratelimit::GateState,
    /// Read-your-writes.
    pub tracker: std::sync::Arc<consistency::Tracker>,
    /// How long a request body may take to arrive.
    pub body_timeout: std::time::Duration,
}

/// The layer of [`Api`].
pub async fn api(
    axum::extract::State(a): axum::extract::State<std::sync::Arc<Api>>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    ratelimit::gate(&a.gate, peer, req, |req| {
        consistency::around(&a.tracker, peer, req, |req| {
            serve::read_body(a.body_timeout, req, |req| cache::conditional_get(req, |req| next.run(req)))
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dnt_and_gpc_opt_out() {
        let mut h = axum::http::HeaderMap::new();
        assert!(!opted_out(&h));
        h.insert("dnt", "0".parse().unwrap());
        assert!(!opted_out(&h));
        h.insert("sec-gpc", "1".parse().unwrap());
        assert!(opted_out(&h));
        let mut h = axum::http::HeaderMap::new();
        h.insert("dnt", "1".parse().unwrap());
        assert!(opted_out(&h));
    }

    #[test]
    fn forwarded_addresses_count_only_from_trusted_proxies() {
        let proxy: std::net::IpAddr = "127.0.0.1".parse().unwrap();
        let mut h = axum::http::HeaderMap::new();
        h.insert("x-forwarded-for", "203.0.113.9, 81.2.69.160".parse().unwrap());
        assert_eq!(client_ip(proxy, &h, &[]), proxy, "no proxy trusted: the peer");
        assert_eq!(client_ip(proxy, &h, &[proxy]).to_string(), "81.2.69.160", "the nearest untrusted hop");
        h.insert("x-forwarded-for", "not an address".parse().unwrap());
        assert_eq!(client_ip(proxy, &h, &[proxy]), proxy);
    }
}
