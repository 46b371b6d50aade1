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

/// Add the security headers to `resp` (a handler's own values are kept).
pub fn secure(resp: &mut Response, https: bool) {
    let h = resp.headers_mut();
    h.entry(X_CONTENT_TYPE_OPTIONS).or_insert(HeaderValue::from_static("nosniff"));
    h.entry(REFERRER_POLICY).or_insert(HeaderValue::from_static("no-referrer"));
    if https {
        h.entry(STRICT_TRANSPORT_SECURITY).or_insert(HeaderValue::from_static("max-age=31536000"));
    }
}

/// What every request passes through first, in one layer: the security
/// headers, metrics, the request's language, and CORS, outermost first.
/// One layer rather than four because axum clones and boxes each layer of a
/// route for every request (with [`super::Api`], the authenticated read path
/// went from 0.44 to about 0.6 of nginx's requests/s, `docs/scaling.md`).
pub struct Edge {
    /// Reached over https (HSTS).
    pub https: bool,
    /// Request counts and latencies.
    pub metrics: std::sync::Arc<super::metrics::Metrics>,
    /// How the language is chosen.
    pub languages: crate::i18n::Negotiation,
}

/// The layer.
pub async fn edge(State(edge): State<std::sync::Arc<Edge>>, req: Request, next: Next) -> Response {
    let mut resp = super::metrics::around(&edge.metrics, req, |req| {
        crate::i18n::around(edge.languages, req, |req| super::cors::around(req, next))
    })
    .await;
    secure(&mut resp, edge.https);
    resp
}
