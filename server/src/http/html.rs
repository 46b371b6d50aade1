//! HTML pages as every capability answers them: the strict policy (no
//! inline script or style, no framing), `private, no-cache` (pages show who
//! is signed in), and same-origin referrers so our own forms carry an
//! `Origin` the cross-site check can read (under `no-referrer` browsers send
//! `Origin: null`).

use askama::Template;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// This origin's scripts, styles, images and media only; media and hls.js's
/// worker from `blob:` (Media Source); sockets back to this origin.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    media-src 'self' blob:; connect-src 'self'; worker-src 'self' blob:; manifest-src 'self'; \
    form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The same, for pages whose form ends in a redirect to another site (OAuth
/// consent sends the browser back to the app): browsers apply `form-action`
/// to the redirect too.
const CSP_FORMS_LEAVE: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    form-action 'self' http: https:; frame-ancestors 'none'; base-uri 'none'";

/// Where a page's forms may lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forms {
    /// Only to this site.
    Stay,
    /// Possibly on to another site (OAuth consent).
    MayLeave,
}

/// An HTML page with the headers above.
pub fn html(status: StatusCode, body: String, forms: Forms) -> Response {
    let mut resp = (status, body).into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    let csp = if forms == Forms::Stay { CSP } else { CSP_FORMS_LEAVE };
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(csp));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    resp
}

/// Render a template into such a page; a template error is logged and answered 500.
pub fn render(status: StatusCode, page: &impl Template, forms: Forms) -> Response {
    match page.render() {
        Ok(body) => html(status, body, forms),
        Err(e) => {
            tracing::error!(error = %e, "page did not render");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

/// Whether a form post comes from this site, as far as the browser says:
/// `Origin` (or, without it, `Referer`) must be the public URL's origin or
/// the host the request was sent to. A request naming neither (old
/// browsers, some privacy settings, non-browser clients) is left to the
/// CSRF token; `Origin: null` (sandboxed frames, odd redirects) is refused.
pub fn same_site(headers: &HeaderMap, public_url: &str) -> bool {
    let Some(sender) =
        headers.get(header::ORIGIN).or_else(|| headers.get(header::REFERER)).map(|v| v.to_str().unwrap_or("null"))
    else {
        return true;
    };
    let Ok(sender) = url::Url::parse(sender) else { return false };
    if url::Url::parse(public_url).is_ok_and(|u| u.origin() == sender.origin()) {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    sender.has_host() && host == Some(&sender[url::Position::BeforeHost..url::Position::AfterPort])
}
