//! Cross-cutting HTTP concerns, as layers rather than code in handlers: the
//! problem-JSON error shape, caller resolution and rate limits, conditional
//! GETs and cache policy, and Prometheus metrics.

pub mod cache;
pub mod error;
pub mod metrics;
pub mod ratelimit;
