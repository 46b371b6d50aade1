//! Cross-cutting HTTP concerns, as layers rather than code in handlers: the
//! problem-JSON error shape, caller resolution and rate limits, conditional
//! GETs and cache policy, and Prometheus metrics.

pub mod cache;
pub mod error;
pub mod metrics;
pub mod ratelimit;

/// For echoing user input in messages without echoing megabytes.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}...", s.chars().take(max).collect::<String>())
    }
}
