//! The web app viewers and creators use: server-rendered pages (askama
//! templates in `server/templates`, compiled into the binary) with small
//! progressive-enhancement scripts (`assets/`), every string from one
//! message catalogue (`crate::i18n`).
//!
//! - `discover.rs`: home (`/`, shared with IRC over WebSocket, which Twitch
//!   clients expect at the root), the directory, search;
//! - `channel.rs`: the channel page and its forms (follow, clip), the embed
//!   player, clip and past-broadcast pages;
//! - `creator.rs`: settings and the creator dashboard;
//! - `shell.rs`: compiled-in assets (the vendored hls.js from
//!   `server/vendor/hls.js`, refreshed by `scripts/refresh-hlsjs`), the PWA's
//!   manifest, service worker and offline page.
//!
//! This file: the state, the routes, and what every page shares (the signed-in
//! viewer, the error page, the same-site form check).
//!
//! Every page is answered through `http::html` (strict CSP, no framing).

use std::sync::Arc;

use askama::Template;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use subtle::ConstantTimeEq as _;

use crate::auth::pages::WebSession;
use crate::http::html::Forms;
use crate::i18n::Catalog;
use crate::ingest::Ingest;
use crate::store::Db;

/// What the web app reads: accounts and streams through their capabilities.
#[derive(Clone)]
pub struct WebState {
    /// Storage.
    pub db: Db,
    /// Live streams.
    pub ingest: Arc<Ingest>,
    /// Chat rooms (for IRC over WebSocket at `/`).
    pub chat: Arc<crate::chat::Chat>,
    /// Where follows are announced.
    pub bus: crate::events::Bus,
    /// The public URL (forms' same-site check).
    pub config: Arc<crate::config::Config>,
    /// Channel changes and stream keys, as the API makes them.
    pub channels: crate::channels::ChannelsState,
    /// Webhooks (the creator dashboard's).
    pub eventsub: Arc<crate::eventsub::EventSub>,
    /// Stream summaries (the creator's analytics page).
    pub analytics: Arc<crate::analytics::Analytics>,
    /// The home row and "similar channels".
    pub recs: Arc<crate::recs::Recs>,
}

mod analytics;
mod channel;
mod channel_analytics;
mod creator;
mod discover;
pub mod language;
mod moderation;
mod platform;
mod shell;

/// This capability's routes (outside the API gate, under the per-address limit).
pub fn router<S: Clone + Send + Sync + 'static>(state: WebState) -> Router<S> {
    Router::new()
        .route("/", get(discover::root))
        // Only files are compressed, never pages: a page holds a CSRF token
        // beside text a visitor typed, which compression would let an
        // attacker guess byte by byte (BREACH).
        .merge(
            Router::new()
                .route("/static/{*file}", get(shell::asset))
                .route("/manifest.webmanifest", get(shell::manifest))
                .route("/sw.js", get(shell::service_worker))
                .route("/favicon.ico", get(shell::favicon))
                .layer(tower_http::compression::CompressionLayer::new()),
        )
        .route("/offline", get(shell::offline))
        .route("/language", post(language::choose))
        .route("/{login}", get(channel::channel_page))
        .route("/search", get(discover::search_page))
        .route("/directory", get(discover::directory))
        .route("/directory/{category}", get(discover::directory_category))
        .route("/settings", get(creator::settings).post(creator::settings_save))
        .route("/settings/notify/{login}/off", post(creator::settings_notify_off))
        .route("/settings/recommendations", post(creator::settings_recommendations))
        .route("/dashboard", get(creator::dashboard))
        .route("/dashboard/analytics", get(analytics::latest))
        .route("/dashboard/analytics/channel", get(channel_analytics::show))
        .route("/dashboard/analytics/{stream}", get(analytics::stream))
        .route("/dashboard/platform", get(platform::show))
        .route("/moderation/{login}", get(moderation::show))
        .route("/moderation/{login}/held/{id}/{action}", post(moderation::held))
        .route("/moderation/{login}/reports/{id}/{verdict}", post(moderation::report))
        .route("/moderation/{login}/settings", post(moderation::settings))
        .route("/dashboard/channel", post(creator::dashboard_channel))
        .route("/dashboard/stream-key", post(creator::dashboard_reset_key))
        .route("/dashboard/moderators", post(creator::dashboard_add_moderator))
        .route("/dashboard/moderators/{login}/remove", post(creator::dashboard_remove_moderator))
        .route("/dashboard/blocked-terms", post(creator::dashboard_blocked_term))
        .route("/dashboard/raid", post(creator::dashboard_raid))
        .route("/dashboard/webhooks", post(creator::dashboard_add_webhook))
        .route("/dashboard/webhooks/{id}/delete", post(creator::dashboard_delete_webhook))
        .route("/embed/{login}", get(channel::embed))
        .route("/{login}/clip", post(channel::make_clip))
        .route("/clip/{id}", get(channel::clip_page))
        .route("/videos/{id}", get(channel::video_page))
        .route("/{login}/subscribe", post(channel::subscribe))
        .route("/{login}/donate", post(channel::donate))
        .route("/{login}/follow", post(channel::follow))
        .route("/{login}/unfollow", post(channel::unfollow))
        .with_state(state)
}

pub(super) fn render(status: StatusCode, page: &impl Template) -> Response {
    crate::http::html::render(status, page, Forms::Stay)
}

pub(super) async fn viewer(state: &WebState, headers: &HeaderMap) -> Option<WebSession> {
    match crate::auth::pages::web_session(&state.db, headers).await {
        Ok(s) => s,
        Err(e) => {
            tracing::error!(error = %e, "reading the browser session failed");
            None
        }
    }
}

/// The first-party cookie the player keeps this browser's analytics id in
/// (when the browser allows analytics), so pages can recommend from what it watched.
pub(super) const VIEWER_COOKIE: &str = "aethex_viewer";

/// Who a recommendation list is for: the signed-in user, or this browser.
pub(super) fn who(headers: &HeaderMap, user: Option<&WebSession>) -> crate::recs::Who {
    let browser = crate::auth::pages::cookie(headers, VIEWER_COOKIE).filter(|b| crate::recs::api::valid_browser(b));
    crate::recs::Who {
        user: user.map(|u| u.user_id),
        browser: if user.is_some() { None } else { browser },
        language: crate::recs::api::accept_language(headers),
    }
}

/// The error page, in the app's look.
#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    t: &'static Catalog,
    user: Option<WebSession>,
    title: String,
    message: String,
}

pub(super) fn error_page(status: StatusCode, user: Option<WebSession>, title: &str, message: &str) -> Response {
    let t = Catalog::current();
    render(status, &ErrorPage { t, user, title: t.get(title), message: t.get(message) })
}

pub(super) fn internal(e: sqlx::Error, user: Option<WebSession>) -> Response {
    tracing::error!(error = %e, "page storage error");
    error_page(StatusCode::INTERNAL_SERVER_ERROR, user, "error-internal-title", "error-internal")
}

/// The signed-in viewer behind a form on `login`'s page: from this site,
/// with their session's CSRF token; else the answer (log in, or refused).
pub(super) async fn form_user(
    state: &WebState,
    headers: &HeaderMap,
    form: &std::collections::HashMap<String, String>,
    login: &str,
) -> Result<WebSession, Response> {
    let user = viewer(state, headers).await;
    if !crate::http::html::same_site(headers, &state.config.public_url) {
        return Err(error_page(StatusCode::FORBIDDEN, user, "error-title", "form-cross-site"));
    }
    let Some(u) = user else {
        return Err(Redirect::to(&format!("/login?next=/{}", urlencode(login))).into_response());
    };
    if !form.get("csrf").is_some_and(|c| bool::from(c.as_bytes().ct_eq(u.csrf.as_bytes()))) {
        return Err(error_page(StatusCode::FORBIDDEN, Some(u), "error-title", "form-expired"));
    }
    Ok(u)
}

pub(super) fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
