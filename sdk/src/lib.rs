//! `aethex-sdk`: the one Rust client of AeThex LIVE.
//!
//! It holds the single definition of every wire type ([`types`]), which the
//! server serialises and every client deserialises, and (with the default
//! `client` feature) an async REST and OAuth client built on reqwest with rustls.
//!
//! Boundaries: the SDK never depends on the server. The server depends on the
//! SDK's types only, with the `client` feature off.
//!
//! Feature `fuzzing` (dev-dependencies only) adds [`fuzz`], the one harness
//! every crate's fuzz targets run on.

pub mod chat_protocol;
#[cfg(feature = "chat-transport")]
pub mod chat_transport;
pub mod eventsub;
#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzz;
#[cfg(feature = "guard")]
pub mod guard;
#[cfg(all(test, feature = "guard"))]
mod guard_fuzz;
pub mod irc;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod time;
pub mod types;
pub use eventsub::{Condition, CreateSubscription, Event, EventSubSubscription, SubscriptionList, Transport};
#[cfg(feature = "i18n")]
pub mod i18n;
pub use types::*;

/// The PKCE S256 transform (RFC 7636 §4.2): base64url(SHA-256(verifier)).
/// Shared by clients (to make a challenge) and the server (to check one).
pub fn pkce_s256(verifier: &str) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier.as_bytes()))
}

#[cfg(feature = "client")]
mod client;
#[cfg(feature = "client")]
mod error;
#[cfg(feature = "client")]
pub use client::{Client, ClientAuth, Pkce};
#[cfg(feature = "client")]
pub mod chat_socket;
#[cfg(feature = "credentials")]
pub mod credentials;
#[cfg(feature = "client")]
pub mod event_socket;
#[cfg(feature = "receiver")]
pub mod receiver;
#[cfg(feature = "client")]
pub use error::{Error, Result};
