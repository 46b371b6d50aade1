//! Security headers on every response, whatever produced it (API, pages,
//! HLS, errors): `X-Content-Type-Options: nosniff` so nothing is sniffed into
//! a script or a page, `Referrer-Policy: no-referrer` so URLs (which may carry
//! playback tokens) never leak to other sites, and HSTS when the public URL is
//! https. A handler that sets one of them itself keeps its own value.

use axum::extract::{Request, State};
use axum::http::header::{REFERRER_POLICY, STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

/// Whether the server is reached over https (so browsers may be told to keep to it).
#[derive(Debug, Clone, Copy)]
pub struct Https(pub bool);

/// The layer.
pub async fn security(State(Https(https)): State<Https>, req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.entry(X_CONTENT_TYPE_OPTIONS).or_insert(HeaderValue::from_static("nosniff"));
    h.entry(REFERRER_POLICY).or_insert(HeaderValue::from_static("no-referrer"));
    if https {
        h.entry(STRICT_TRANSPORT_SECURITY).or_insert(HeaderValue::from_static("max-age=31536000"));
    }
    resp
}
