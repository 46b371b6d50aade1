//! Cache policy and conditional GETs. Public data is cacheable as the product
//! vision asks (live data 5 minutes, discovery 1 hour); every 200 GET carries a
//! strong ETag so clients can revalidate with `If-None-Match` and get a 304.

use axum::body::Body;
use axum::extract::{MatchedPath, Request};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest as _, Sha256};

/// Bodies larger than this are passed through without an ETag.
const MAX_ETAG_BODY: usize = 1 << 20;

/// The `Cache-Control` of a route; `None` for "no ETag, no store".
pub(crate) fn policy(route: &str) -> Option<&'static str> {
    match route {
        "/api/search/channels" => Some("public, max-age=3600"),
        "/api/channels/{login}" | "/api/streams" | "/api/streams/{id}" | "/api/channels/{login}/followers" => {
            Some("public, max-age=300")
        }
        "/api/streams/{id}/thumbnail.jpg" => Some("public, max-age=10"),
        "/api/channels/{login}/stream-key"
        | "/api/channels/{login}/stream-key/reset"
        | "/api/channels/{login}/playback-token" => None,
        "/api/openapi.json" => Some("public, max-age=3600"),
        _ => Some("private, no-cache"),
    }
}

/// The strong ETag of a body: the first 128 bits of its SHA-256, quoted.
pub fn etag_of(bytes: &[u8]) -> String {
    format!("\"{}\"", &hex::encode(Sha256::digest(bytes))[..32])
}

fn matches(if_none_match: &str, etag: &str) -> bool {
    if_none_match.trim() == "*"
        || if_none_match.split(',').map(|t| t.trim().trim_start_matches("W/")).any(|t| t == etag)
}

/// Around `next` (inside [`super::api`]): set cache headers on GETs under `/api`, answer 304 where the client's copy is current.
pub async fn conditional_get<F: std::future::Future<Output = Response>>(
    req: Request,
    next: impl FnOnce(Request) -> F,
) -> Response {
    let route = req.extensions().get::<MatchedPath>().cloned();
    let Some(route) = route.filter(|r| r.as_str().starts_with("/api/")) else {
        return next(req).await;
    };
    let Some(cache_control) = policy(route.as_str()) else {
        let mut resp = next(req).await;
        resp.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return resp;
    };
    if req.method() != Method::GET {
        return next(req).await;
    }
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).map(str::to_string);
    let resp = next(req).await;
    if resp.status() != StatusCode::OK {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    // A handler that serves a remembered answer brings its ETag along.
    let (etag, body) = match parts.headers.get(header::ETAG).and_then(|v| v.to_str().ok()) {
        Some(e) => (e.to_string(), body),
        None => {
            let bytes = match axum::body::to_bytes(body, MAX_ETAG_BODY).await {
                Ok(b) => b,
                Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
            };
            (etag_of(&bytes), Body::from(bytes))
        }
    };
    let cc = HeaderValue::from_static(cache_control);
    if if_none_match.as_deref().is_some_and(|inm| matches(inm, &etag)) {
        let mut not_modified = StatusCode::NOT_MODIFIED.into_response();
        if let Ok(v) = HeaderValue::from_str(&etag) {
            not_modified.headers_mut().insert(header::ETAG, v);
        }
        not_modified.headers_mut().insert(header::CACHE_CONTROL, cc);
        return not_modified;
    }
    if let Ok(v) = HeaderValue::from_str(&etag) {
        parts.headers.insert(header::ETAG, v);
    }
    parts.headers.insert(header::CACHE_CONTROL, cc);
    parts.headers.insert(header::VARY, HeaderValue::from_static("Authorization"));
    Response::from_parts(parts, body)
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn if_none_match_forms() {
        assert!(matches("\"abc\"", "\"abc\""));
        assert!(matches("W/\"abc\"", "\"abc\""));
        assert!(matches("\"x\", \"abc\"", "\"abc\""));
        assert!(matches("*", "\"abc\""));
        assert!(!matches("\"abd\"", "\"abc\""));
    }
}
