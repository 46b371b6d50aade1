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
