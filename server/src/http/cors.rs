//! CORS, so browser apps on other origins can use what is meant for them:
//! the bearer-token API, the OAuth endpoints an app calls from JavaScript
//! (token, device, revoke, validate), the RFC 8414 metadata, and HLS (players
//! embedded on other sites).
//!
//! Any origin may call them, never with cookies: the API authenticates by
//! bearer token only, so a cross-origin request carries no ambient
//! credential, and `Access-Control-Allow-Credentials` is never sent. Pages
//! with forms and cookies (login, consent, device approval) get no CORS
//! headers at all.

use std::time::Duration;

use axum::http::{header, request::Parts, HeaderName, HeaderValue, Method};
use tower_http::cors::{AllowOrigin, CorsLayer};

/// Whether `path` may be called from another origin.
pub fn is_cross_origin_path(path: &str) -> bool {
    path.starts_with("/api/")
        || path.starts_with("/hls/")
        || path.starts_with("/vod/")
        || path.starts_with("/clips/")
        || path.starts_with("/.well-known/")
        || matches!(path, "/oauth/token" | "/oauth/device" | "/oauth/revoke" | "/oauth/validate")
}

/// The layer: preflights answered for a day, the rate-limit and caching
/// headers readable by scripts.
pub fn layer() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(|_origin: &HeaderValue, parts: &Parts| {
            is_cross_origin_path(parts.uri.path())
        }))
        .allow_methods([Method::GET, Method::HEAD, Method::POST, Method::PUT, Method::PATCH, Method::DELETE])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::IF_NONE_MATCH,
            header::IF_MODIFIED_SINCE,
            HeaderName::from_static("client-id"),
        ])
        .expose_headers([
            HeaderName::from_static("ratelimit-limit"),
            HeaderName::from_static("ratelimit-remaining"),
            HeaderName::from_static("ratelimit-reset"),
            HeaderName::from_static("ratelimit-policy"),
            header::RETRY_AFTER,
            header::ETAG,
            header::LOCATION,
            header::WWW_AUTHENTICATE,
        ])
        .max_age(Duration::from_secs(86_400))
}
