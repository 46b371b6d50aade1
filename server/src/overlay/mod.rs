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
//! (per alert, 2–60), `lines` (chat, 1–50), `lang` (the alerts' language;
//! else the browser source's, else the operator's).

use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::http::error::ApiError;
use crate::i18n::Catalog;

const CHAT: &str = include_str!("chat.html");
const ALERTS: &str = include_str!("alerts.html");

/// The pages allow their own inline script and style and connections back to this server only.
const CSP: &str = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self' ws: wss:; img-src 'self' data:; base-uri 'none'; form-action 'none'";

/// `?lang=`: the overlay's language (else the browser source's own, else the operator's).
#[derive(Debug, serde::Deserialize)]
pub struct OverlayQuery {
    lang: Option<String>,
}

/// Where the page puts a name, and a number or amount, into a message.
const NAME: &str = "\u{e000}";
const VALUE: &str = "\u{e001}";

/// The alert texts of language `t` for the page's script: templates with
/// [`NAME`] and [`VALUE`] marks; the raid's for 0 to 110 viewers (Fluent
/// picks each plural form; past 110 the script uses 100 + n % 100, which
/// every language's rules treat alike).
fn messages(t: &Catalog) -> String {
    let raid: Vec<String> = (0..=110)
        .map(|n: i64| t.with_args("overlay-raid", &[("name", NAME)], Some(n)).replace(&t.number(n), VALUE))
        .collect();
    let json = serde_json::json!({
        "follow": t.with("overlay-follow", "name", NAME),
        "subscribe": t.with_args("overlay-subscribe", &[("name", NAME), ("tier", VALUE)], None),
        "donation": t.with_args("overlay-donation", &[("name", NAME), ("amount", VALUE)], None),
        "money": t.with_args("money", &[("amount", NAME), ("currency", VALUE)], None),
        "raid": raid,
        "token_missing": t.get("overlay-token-missing"),
    });
    // Inside a <script>: no "</script>" or "<!--" can come out of it.
    json.to_string().replace('<', "\\u003c")
}

fn page(template: &str, login: &str, lang: Option<&str>) -> Result<Response, ApiError> {
    crate::http::check_login(login)?;
    let t = lang.and_then(Catalog::for_tag).unwrap_or_else(Catalog::current);
    // A checked login is [a-z0-9_]: safe inside the page's script and markup.
    let html = template
        .replace("{{LOGIN}}", &login.to_lowercase())
        .replace("{{LANG}}", t.lang())
        .replace("{{DIR}}", t.dir())
        .replace("{{MESSAGES}}", &messages(t));
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
pub async fn chat(Path(login): Path<String>, Query(q): Query<OverlayQuery>) -> Result<Response, ApiError> {
    page(CHAT, &login, q.lang.as_deref())
}

/// `GET /overlay/{login}/alerts`.
pub async fn alerts(Path(login): Path<String>, Query(q): Query<OverlayQuery>) -> Result<Response, ApiError> {
    page(ALERTS, &login, q.lang.as_deref())
}
