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

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;

/// Whether `path` may be called from another origin.
pub fn is_cross_origin_path(path: &str) -> bool {
    path.starts_with("/api/")
        || path.starts_with("/hls/")
        || path.starts_with("/vod/")
        || path.starts_with("/clips/")
        || path.starts_with("/.well-known/")
        || matches!(path, "/oauth/token" | "/oauth/device" | "/oauth/revoke" | "/oauth/validate")
}

/// Every answer varies by these (as `tower_http::cors` sends it).
const VARY: HeaderValue =
    HeaderValue::from_static("origin, access-control-request-method, access-control-request-headers");
const METHODS: HeaderValue = HeaderValue::from_static("GET,HEAD,POST,PUT,PATCH,DELETE");
const HEADERS: HeaderValue =
    HeaderValue::from_static("authorization,content-type,if-none-match,if-modified-since,client-id");
/// The rate-limit and caching headers, readable by scripts.
const EXPOSE: HeaderValue = HeaderValue::from_static(
    "ratelimit-limit,ratelimit-remaining,ratelimit-reset,ratelimit-policy,retry-after,etag,location,www-authenticate",
);
/// Preflights are remembered for a day.
const MAX_AGE: HeaderValue = HeaderValue::from_static("86400");

/// CORS around `next`: an allowed origin is echoed; preflights (every `OPTIONS`) are
/// answered here. The behaviour of `tower_http::cors::CorsLayer` configured
/// the same way, written out because that layer's configuration is cloned
/// for every request of every route, which was a tenth of the read path's
/// time; this has no state.
pub async fn around(req: Request, next: Next) -> Response {
    let origin = req.headers().get(header::ORIGIN).filter(|_| is_cross_origin_path(req.uri().path())).cloned();
    if req.method() == Method::OPTIONS {
        let mut res = Response::new(Body::empty());
        let h = res.headers_mut();
        h.insert(header::VARY, VARY);
        h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, METHODS);
        h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HEADERS);
        h.insert(header::ACCESS_CONTROL_MAX_AGE, MAX_AGE);
        if let Some(o) = origin {
            h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, o);
        }
        return res;
    }
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.append(header::VARY, VARY);
    h.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSE);
    if let Some(o) = origin {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, o);
    }
    res
}
