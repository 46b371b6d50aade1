//! Overlay pages for OBS's browser source (and any streaming tool that shows
//! a web page): `/overlay/{login}/chat` and `/overlay/{login}/alerts`. They
//! draw the same chat and alerts as the native OBS plugin's sources, for OBS
//! builds that have a browser source (Debian's does not).
//!
//! Chat reads the public JSON chat socket anonymously. Alerts need the
//! creator's token, which the page takes from the URL *fragment*
//! (`#token=...`): browsers never send a fragment to the server, so it stays
//! out of logs; the page subscribes its own event WebSocket session to
//! follows, subscriptions, donations and raids. Query options: `seconds`
//! (per alert, 2–60), `lines` (chat, 1–50).

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::http::error::ApiError;

const CHAT: &str = include_str!("chat.html");
const ALERTS: &str = include_str!("alerts.html");

/// The pages allow their own inline script and style and connections back to this server only.
const CSP: &str = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self' ws: wss:; img-src 'self' data:; base-uri 'none'; form-action 'none'";

fn page(template: &str, login: &str) -> Result<Response, ApiError> {
    crate::http::check_login(login)?;
    // A checked login is [a-z0-9_]: safe inside the page's script and markup.
    let html = template.replace("{{LOGIN}}", &login.to_lowercase());
    Ok((
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, CSP),
            (header::CACHE_CONTROL, "no-cache"),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        html,
    )
        .into_response())
}

/// `GET /overlay/{login}/chat`.
pub async fn chat(Path(login): Path<String>) -> Result<Response, ApiError> {
    page(CHAT, &login)
}

/// `GET /overlay/{login}/alerts`.
pub async fn alerts(Path(login): Path<String>) -> Result<Response, ApiError> {
    page(ALERTS, &login)
}
