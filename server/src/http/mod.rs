//! Cross-cutting HTTP concerns, as layers rather than code in handlers: the
//! problem-JSON error shape, caller resolution and rate limits, conditional
//! GETs and cache policy, Prometheus metrics, CORS, security headers, and the
//! accept loop with its timeouts and per-address connection cap.

pub mod cache;
pub mod cors;
pub mod error;
pub mod headers;
pub mod html;
pub mod metrics;
pub mod page;
pub mod ratelimit;
pub mod serve;

use error::ApiError;

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

/// Largest request body any endpoint accepts.
pub const BODY_LIMIT: usize = 64 * 1024;
