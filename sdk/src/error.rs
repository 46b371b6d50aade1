//! The client's typed errors: callers branch on what happened (retry later,
//! log in again, fix the request) without parsing messages.

use std::time::Duration;

/// Everything a call to the platform can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Over the rate limit; wait `retry_after` before the next call.
    #[error("rate limited; retry after {retry_after:?}")]
    RateLimited {
        /// How long the server asked us to wait.
        retry_after: Duration,
    },
    /// The token is missing, wrong, revoked or expired: log in again.
    #[error("unauthorized: {message}")]
    Unauthorized {
        /// The server's explanation.
        message: String,
    },
    /// The token is valid but lacks a scope or the caller does not own the object.
    #[error("forbidden: {message}")]
    Forbidden {
        /// The server's explanation (names the missing scope where one is missing).
        message: String,
    },
    /// The object does not exist.
    #[error("not found: {message}")]
    NotFound {
        /// The server's explanation.
        message: String,
    },
    /// The request itself is wrong (bad field, too large, conflicting state).
    #[error("invalid request: {message}")]
    Invalid {
        /// The server's explanation.
        message: String,
    },
    /// An OAuth endpoint said no (RFC 6749 §5.2 codes such as `invalid_grant`).
    #[error("oauth error {error}: {description}")]
    OAuth {
        /// The OAuth error code.
        error: String,
        /// Its description.
        description: String,
    },
    /// The device flow ran out of time before the user approved.
    #[error("the device code expired before it was approved")]
    DeviceCodeExpired,
    /// The user pressed "deny" on the activation page.
    #[error("the user denied the authorization request")]
    AccessDenied,
    /// The server failed (5xx) or answered something we cannot read.
    #[error("server error {status}: {message}")]
    Server {
        /// HTTP status.
        status: u16,
        /// Body or explanation.
        message: String,
    },
    /// The server could not be reached or the connection broke.
    #[error("could not reach the server: {0}")]
    Transport(#[from] reqwest::Error),
    /// A WebSocket (chat or events) could not be opened or broke.
    #[error("{0}")]
    Socket(String),
    /// A base URL or path that is not a URL.
    #[error("bad URL: {0}")]
    Url(#[from] url::ParseError),
}

/// Result with the SDK's error.
pub type Result<T, E = Error> = std::result::Result<T, E>;
