//! The web app viewers and creators use: server-rendered pages (askama
//! templates in `server/templates`, compiled into the binary) with small
//! progressive-enhancement scripts (`assets/`), every string from one
//! message catalogue (`crate::i18n`).
//!
//! Pages: home (`/`, shared with IRC over WebSocket, which Twitch clients
//! expect at the root), a channel (`/{login}`: player, chat, stream info,
//! offline card), and a 404 page. Assets are served from `/static/` and
//! the vendored hls.js from `server/vendor/hls.js` (refreshed by
//! `scripts/refresh-hlsjs`); the player loads it only where the browser has
//! Media Source Extensions, else it plays HLS natively.
//!
//! Every page is answered through `http::html` (strict CSP, no framing).

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use subtle::ConstantTimeEq as _;

use crate::auth::pages::{PageForm, WebSession};
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
}

/// This capability's routes (outside the API gate, under the per-address limit).
pub fn router<S: Clone + Send + Sync + 'static>(state: WebState) -> Router<S> {
    Router::new()
        .route("/", get(root))
        // Only files are compressed, never pages: a page holds a CSRF token
        // beside text a visitor typed, which compression would let an
        // attacker guess byte by byte (BREACH).
        .merge(
            Router::new()
                .route("/static/{*file}", get(asset))
                .route("/manifest.webmanifest", get(manifest))
                .route("/sw.js", get(service_worker))
                .route("/favicon.ico", get(favicon))
                .layer(tower_http::compression::CompressionLayer::new()),
        )
        .route("/offline", get(offline))
        .route("/{login}", get(channel_page))
        .route("/search", get(search_page))
        .route("/directory", get(directory))
        .route("/directory/{category}", get(directory_category))
        .route("/settings", get(settings).post(settings_save))
        .route("/settings/notify/{login}/off", post(settings_notify_off))
        .route("/dashboard", get(dashboard))
        .route("/dashboard/channel", post(dashboard_channel))
        .route("/dashboard/stream-key", post(dashboard_reset_key))
        .route("/embed/{login}", get(embed))
        .route("/{login}/clip", post(make_clip))
        .route("/clip/{id}", get(clip_page))
        .route("/videos/{id}", get(video_page))
        .route("/{login}/follow", post(follow))
        .route("/{login}/unfollow", post(unfollow))
        .with_state(state)
}

fn render(status: StatusCode, page: &impl Template) -> Response {
    crate::http::html::render(status, page, Forms::Stay)
}

async fn viewer(state: &WebState, headers: &HeaderMap) -> Option<WebSession> {
    match crate::auth::pages::web_session(&state.db, headers).await {
        Ok(s) => s,
        Err(e) => {
            tracing::error!(error = %e, "reading the browser session failed");
            None
        }
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

fn error_page(status: StatusCode, user: Option<WebSession>, title: &str, message: &str) -> Response {
    let t = Catalog::english();
    render(status, &ErrorPage { t, user, title: t.get(title), message: t.get(message) })
}

fn internal(e: sqlx::Error, user: Option<WebSession>) -> Response {
    tracing::error!(error = %e, "page storage error");
    error_page(StatusCode::INTERNAL_SERVER_ERROR, user, "error-internal-title", "error-internal")
}

/// A live channel as a card.
#[derive(Clone)]
pub struct Card {
    /// Channel id.
    pub channel: i64,
    /// Stream session id (its thumbnail).
    pub id: i64,
    /// Channel login.
    pub login: String,
    /// Display name.
    pub name: String,
    /// Stream title.
    pub title: String,
    /// Category.
    pub category: String,
    /// Viewers in the last minute.
    pub viewers: i64,
}

/// Everything live on this node, most watched first.
async fn live_cards(state: &WebState) -> Result<Vec<Card>, sqlx::Error> {
    let live: Vec<_> = state.ingest.all().into_iter().filter(|s| !s.is_ended()).collect();
    let ids: Vec<i64> = live.iter().map(|s| s.channel_id).collect();
    let rows = crate::accounts::channels(&state.db, &ids).await?;
    let mut cards: Vec<Card> = live
        .iter()
        .filter_map(|s| {
            let c = rows.iter().find(|c| c.id == s.channel_id)?;
            Some(Card {
                channel: s.channel_id,
                id: s.session_id,
                login: c.login.clone(),
                name: c.display_name.clone(),
                title: c.title.clone(),
                category: c.category.clone(),
                viewers: s.viewer_count(),
            })
        })
        .collect();
    cards.sort_by(|a, b| b.viewers.cmp(&a.viewers).then_with(|| a.login.cmp(&b.login)));
    Ok(cards)
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    t: &'static Catalog,
    user: Option<WebSession>,
    /// Followed channels live now, then the others (login, display name).
    following_live: Vec<Card>,
    following_offline: Vec<(String, String)>,
    /// Every followed channel as `[{login, name}]`, for the offline page's IndexedDB copy.
    follows_json: String,
    live: Vec<Card>,
    /// Categories live now, with their viewers.
    categories: Vec<(String, i64)>,
}

/// `GET /`: IRC over WebSocket for an upgrade request (where tmi.js
/// connects, as on Twitch's chat host), the home page otherwise.
async fn root(
    State(state): State<WebState>,
    headers: HeaderMap,
    ws: Result<axum::extract::ws::WebSocketUpgrade, axum::extract::ws::rejection::WebSocketUpgradeRejection>,
) -> Response {
    if let Ok(ws) = ws {
        return crate::chat::ws::irc_upgrade(state.chat.clone(), ws);
    }
    let user = viewer(&state, &headers).await;
    let live = match live_cards(&state).await {
        Ok(l) => l,
        Err(e) => return internal(e, user),
    };
    let (mut following_live, mut following_offline) = (Vec::new(), Vec::new());
    if let Some(u) = &user {
        let ids = match crate::social::followed_channels(&state.db, u.user_id).await {
            Ok(ids) => ids,
            Err(e) => return internal(e, user),
        };
        following_live = live.iter().filter(|c| ids.contains(&c.channel)).map(Card::clone).collect();
        let offline: Vec<i64> = ids.iter().copied().filter(|id| !live.iter().any(|c| c.channel == *id)).collect();
        match crate::accounts::channels(&state.db, &offline).await {
            Ok(rows) => following_offline = rows.into_iter().map(|c| (c.login, c.display_name)).collect(),
            Err(e) => return internal(e, user),
        }
    }
    let follows_json = serde_json::Value::from(
        following_live
            .iter()
            .map(|c| (c.login.clone(), c.name.clone()))
            .chain(following_offline.iter().cloned())
            .map(|(login, name)| serde_json::json!({"login": login, "name": name}))
            .collect::<Vec<_>>(),
    )
    .to_string();
    let mut by_category: BTreeMap<String, i64> = BTreeMap::new();
    for c in live.iter().filter(|c| !c.category.is_empty()) {
        *by_category.entry(c.category.clone()).or_default() += c.viewers;
    }
    let mut categories: Vec<_> = by_category.into_iter().collect();
    categories.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let t = Catalog::english();
    let page = HomePage { t, user, following_live, following_offline, follows_json, live, categories };
    render(StatusCode::OK, &page)
}

#[derive(Template)]
#[template(path = "channel.html")]
struct ChannelPage {
    t: &'static Catalog,
    user: Option<WebSession>,
    channel: crate::accounts::ChannelRow,
    /// The live session's id and viewers, when live.
    live: Option<(i64, i64)>,
    /// The last broadcast, when offline.
    last: Option<aethex_sdk::Stream>,
    /// Whether the signed-in viewer follows this channel.
    following: bool,
    /// Whether they asked for a push when it goes live.
    notify: bool,
    /// Whether this server records (so live streams can be clipped).
    recording: bool,
    /// Recorded past broadcasts: (session id, title, ended at).
    videos: Vec<(i64, String, String)>,
    /// Newest clips.
    clips: Vec<crate::ingest::vod::Clip>,
}

/// `GET /{login}`: the channel page, or the 404 page.
async fn channel_page(State(state): State<WebState>, headers: HeaderMap, Path(login): Path<String>) -> Response {
    let user = viewer(&state, &headers).await;
    let login = login.to_ascii_lowercase();
    if !aethex_sdk::is_valid_login(&login) {
        return error_page(StatusCode::NOT_FOUND, user, "not-found-title", "not-found-page");
    }
    let channel = match state.db.pool.acquire().await {
        Ok(mut conn) => crate::accounts::channel(&mut conn, &login).await,
        Err(e) => Err(e),
    };
    let channel = match channel {
        Ok(Some(c)) => c,
        Ok(None) => return error_page(StatusCode::NOT_FOUND, user, "not-found-title", "not-found-channel"),
        Err(e) => return internal(e, user),
    };
    let live = state.ingest.get(&login).filter(|s| !s.is_ended()).map(|s| (s.session_id, s.viewer_count()));
    let last = if live.is_none() {
        match crate::ingest::api::last_broadcast(&state.db, channel.id).await {
            Ok(l) => l,
            Err(e) => return internal(e, user),
        }
    } else {
        None
    };
    let (following, notify) = match &user {
        Some(u) => {
            let standing = crate::social::standing(&state.db, u.user_id, channel.id).await;
            let notify = crate::push::notify_of(&state.db, u.user_id, channel.id).await;
            match (standing, notify) {
                (Ok((_, since)), Ok(notify)) => (since.is_some(), notify),
                (Err(e), _) | (_, Err(e)) => return internal(e, user),
            }
        }
        None => (false, false),
    };
    let data_dir = &state.config.data_dir;
    let videos = match crate::ingest::api::past_broadcasts(&state.db, channel.id, 12).await {
        Ok(v) => v
            .into_iter()
            .filter_map(|b| {
                let id: i64 = b.id.parse().ok()?;
                crate::ingest::vod::has_recording(data_dir, &channel.login, id)
                    .then(|| (id, b.title, b.ended_at.unwrap_or_default()))
            })
            .collect(),
        Err(e) => return internal(e, user),
    };
    let clips = match crate::ingest::vod::clips_of(&state.db, channel.id, 12).await {
        Ok(c) => c,
        Err(e) => return internal(e, user),
    };
    let recording = state.config.record;
    let page =
        ChannelPage { t: Catalog::english(), user, channel, live, last, following, notify, recording, videos, clips };
    render(StatusCode::OK, &page)
}

/// The signed-in viewer behind a form on `login`'s page: from this site,
/// with their session's CSRF token; else the answer (log in, or refused).
async fn form_user(
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

/// `POST /{login}/follow`.
async fn follow(state: State<WebState>, headers: HeaderMap, login: Path<String>, form: PageForm) -> Response {
    follow_form(state, headers, login, form, true).await
}

/// `POST /{login}/unfollow`.
async fn unfollow(state: State<WebState>, headers: HeaderMap, login: Path<String>, form: PageForm) -> Response {
    follow_form(state, headers, login, form, false).await
}

/// The follow button's form: the signed-in viewer's session and CSRF token,
/// from this site. A script asking for JSON gets `{"following": ...}` (the
/// page, and its player, stay); a plain form post goes back to the channel.
async fn follow_form(
    State(state): State<WebState>,
    headers: HeaderMap,
    Path(login): Path<String>,
    PageForm(form): PageForm,
    follow: bool,
) -> Response {
    let login = login.to_ascii_lowercase();
    let u = match form_user(&state, &headers, &form, &login).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    let channel = match crate::accounts::user_id_by_login(&state.db, &login).await {
        Ok(Some(id)) => id,
        Ok(None) => return error_page(StatusCode::NOT_FOUND, Some(u), "not-found-title", "not-found-channel"),
        Err(e) => return internal(e, Some(u)),
    };
    if channel == u.user_id {
        return error_page(StatusCode::CONFLICT, Some(u), "error-title", "follow-own-channel");
    }
    let done = if follow {
        crate::social::follow_channel(&state.db, &state.bus, u.user_id, channel).await.map(|_| ())
    } else {
        // No go-live pushes from a channel one no longer follows.
        match crate::social::unfollow_channel(&state.db, u.user_id, channel).await {
            Ok(()) => crate::push::set_notify_for(&state.db, u.user_id, channel, false).await,
            Err(e) => Err(e),
        }
    };
    if let Err(e) = done {
        return internal(e, Some(u));
    }
    let wants_json = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("json"));
    if wants_json {
        return axum::Json(serde_json::json!({ "following": follow })).into_response();
    }
    Redirect::to(&format!("/{login}")).into_response()
}

/// `POST /{login}/clip`: the last 30 s of the live stream (or, with
/// `session` and `start`, 30 s of a past broadcast from `start` seconds),
/// cut from the recording; then the clip's page.
async fn make_clip(
    State(state): State<WebState>,
    headers: HeaderMap,
    Path(login): Path<String>,
    PageForm(form): PageForm,
) -> Response {
    let login = login.to_ascii_lowercase();
    let u = match form_user(&state, &headers, &form, &login).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    let channel = match state.db.pool.acquire().await {
        Ok(mut conn) => crate::accounts::channel(&mut conn, &login).await,
        Err(e) => Err(e),
    };
    let channel = match channel {
        Ok(Some(c)) => c,
        Ok(None) => return error_page(StatusCode::NOT_FOUND, Some(u), "not-found-title", "not-found-channel"),
        Err(e) => return internal(e, Some(u)),
    };
    let start: Option<f64> =
        form.get("start").and_then(|v| v.parse().ok()).filter(|v: &f64| v.is_finite() && *v >= 0.0);
    let session = match (form.get("session").and_then(|v| v.parse::<i64>().ok()), state.ingest.get(&login)) {
        (Some(id), _) => id,
        (None, Some(live)) if !live.is_ended() => live.session_id,
        _ => return error_page(StatusCode::CONFLICT, Some(u), "error-title", "clip-not-live"),
    };
    let secs = crate::ingest::vod::LIVE_CLIP_SECS;
    let made = crate::ingest::vod::create_clip(
        &state.db,
        &state.config.data_dir,
        channel.id,
        &login,
        session,
        u.user_id,
        &channel.title,
        start,
        secs,
        state.ingest.ffmpeg.as_deref(),
    )
    .await;
    match made {
        Ok(clip) => Redirect::to(&format!("/clip/{}", clip.id)).into_response(),
        Err(crate::ingest::vod::ClipError::NotRecorded) => {
            error_page(StatusCode::CONFLICT, Some(u), "error-title", "clip-not-recorded")
        }
        Err(crate::ingest::vod::ClipError::TooEarly) => {
            error_page(StatusCode::CONFLICT, Some(u), "error-title", "clip-too-early")
        }
        Err(e) => {
            tracing::error!(error = %e, "clip failed");
            error_page(StatusCode::INTERNAL_SERVER_ERROR, Some(u), "error-internal-title", "error-internal")
        }
    }
}

#[derive(Template)]
#[template(path = "clip.html")]
struct ClipPage {
    t: &'static Catalog,
    user: Option<WebSession>,
    clip: crate::ingest::vod::Clip,
    login: String,
    name: String,
    seconds: String,
}

/// `GET /clip/{id}`.
async fn clip_page(State(state): State<WebState>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let user = viewer(&state, &headers).await;
    let clip = match crate::ingest::vod::clip(&state.db, &id).await {
        Ok(Some(c)) => c,
        Ok(None) => return error_page(StatusCode::NOT_FOUND, user, "not-found-title", "not-found-clip"),
        Err(e) => return internal(e, user),
    };
    let (login, name) = match crate::accounts::names(&state.db, &[clip.channel_id]).await {
        Ok(n) => n.get(&clip.channel_id).cloned().unwrap_or_default(),
        Err(e) => return internal(e, user),
    };
    let seconds = format!("{:.0}", clip.duration_ms as f64 / 1000.0);
    render(StatusCode::OK, &ClipPage { t: Catalog::english(), user, clip, login, name, seconds })
}

#[derive(Template)]
#[template(path = "video.html")]
struct VideoPage {
    t: &'static Catalog,
    user: Option<WebSession>,
    video: aethex_sdk::Stream,
    session: i64,
}

/// `GET /videos/{id}`: a recorded past broadcast.
async fn video_page(State(state): State<WebState>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let user = viewer(&state, &headers).await;
    let Some(session) = id.parse::<i64>().ok().filter(|n| *n > 0) else {
        return error_page(StatusCode::NOT_FOUND, user, "not-found-title", "not-found-video");
    };
    let video = match crate::ingest::api::broadcast(&state.db, session).await {
        Ok(Some(v)) if v.ended_at.is_some() => v,
        Ok(_) => return error_page(StatusCode::NOT_FOUND, user, "not-found-title", "not-found-video"),
        Err(e) => return internal(e, user),
    };
    if !crate::ingest::vod::has_recording(&state.config.data_dir, &video.broadcaster_login, session) {
        return error_page(StatusCode::NOT_FOUND, user, "not-found-title", "not-found-video");
    }
    render(StatusCode::OK, &VideoPage { t: Catalog::english(), user, video, session })
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The app's own files, compiled in.
const ASSETS: &[(&str, &str, &[u8])] = &[
    ("app.css", "text/css; charset=utf-8", include_bytes!("assets/app.css")),
    ("player.js", "text/javascript; charset=utf-8", include_bytes!("assets/player.js")),
    ("chat.js", "text/javascript; charset=utf-8", include_bytes!("assets/chat.js")),
    ("signup.js", "text/javascript; charset=utf-8", include_bytes!("assets/signup.js")),
    ("follow.js", "text/javascript; charset=utf-8", include_bytes!("assets/follow.js")),
    ("notify.js", "text/javascript; charset=utf-8", include_bytes!("assets/notify.js")),
    ("clip.js", "text/javascript; charset=utf-8", include_bytes!("assets/clip.js")),
    ("app.js", "text/javascript; charset=utf-8", include_bytes!("assets/app.js")),
    ("offline.js", "text/javascript; charset=utf-8", include_bytes!("assets/offline.js")),
    ("icons/icon-192.png", "image/png", include_bytes!("assets/icons/icon-192.png")),
    ("icons/icon-512.png", "image/png", include_bytes!("assets/icons/icon-512.png")),
    ("hls.light.min.js", "text/javascript; charset=utf-8", include_bytes!("../../vendor/hls.js/hls.light.min.js")),
    ("hls.js.LICENSE.txt", "text/plain; charset=utf-8", include_bytes!("../../vendor/hls.js/LICENSE")),
];

/// A short hash of every asset and the service worker: the service worker's
/// cache name, so a server with other assets replaces the cached shell.
static ASSET_VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    use sha2::Digest as _;
    let mut h = sha2::Sha256::new();
    for (name, _, body) in ASSETS {
        h.update(name.as_bytes());
        h.update(body);
    }
    h.update(SERVICE_WORKER.as_bytes());
    h.update(OFFLINE_MARKER.as_bytes());
    hex::encode(&h.finalize()[..6])
});

const SERVICE_WORKER: &str = include_str!("assets/sw.js");
/// Part of the version: the offline page's template changes with the binary.
const OFFLINE_MARKER: &str = env!("CARGO_PKG_VERSION");

/// `GET /sw.js`: at the root, so its scope is the whole site; never cached
/// by HTTP (browsers check it for updates).
async fn service_worker() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")],
        SERVICE_WORKER.replace("__VERSION__", &ASSET_VERSION),
    )
        .into_response()
}

/// `GET /manifest.webmanifest`: what installing the app needs (W3C App Manifest).
async fn manifest() -> Response {
    let t = Catalog::english();
    let icon = |size: u32, purpose: &str| serde_json::json!({"src": format!("/static/icons/icon-{size}.png"), "sizes": format!("{size}x{size}"), "type": "image/png", "purpose": purpose});
    let body = serde_json::json!({
        "name": t.get("site-name"),
        "short_name": "AeThex",
        "description": t.get("app-description"),
        "lang": t.lang(),
        "dir": "ltr",
        "id": "/",
        "start_url": "/?source=pwa",
        "scope": "/",
        "display": "standalone",
        "background_color": "#0f0f14",
        "theme_color": "#5b21b6",
        "icons": [icon(192, "any"), icon(512, "any"), icon(192, "maskable"), icon(512, "maskable")],
    });
    (
        [(header::CONTENT_TYPE, "application/manifest+json"), (header::CACHE_CONTROL, "public, max-age=3600")],
        body.to_string(),
    )
        .into_response()
}

#[derive(Template)]
#[template(path = "offline.html")]
struct OfflinePage {
    t: &'static Catalog,
    user: Option<WebSession>,
}

/// `GET /offline`: the page the service worker shows without a network. It
/// is cached and shared, so it shows nobody's data: the followed channels
/// come from the browser's own IndexedDB.
async fn offline() -> Response {
    let mut resp = render(StatusCode::OK, &OfflinePage { t: Catalog::english(), user: None });
    resp.headers_mut().insert(header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-cache"));
    resp
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    t: &'static Catalog,
    user: Option<WebSession>,
    query: String,
    /// (login, display name, title, category, live)
    results: Vec<(String, String, String, String, bool)>,
    searched: bool,
}

/// `GET /search?q=`: channels by name, title, category, tags (the API's full-text search).
async fn search_page(
    State(state): State<WebState>,
    headers: HeaderMap,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Response {
    let user = viewer(&state, &headers).await;
    let query: String = q.get("q").map(|v| v.trim().chars().take(200).collect()).unwrap_or_default();
    let clean = !query.chars().any(char::is_control);
    let mut results = Vec::new();
    if !query.is_empty() && clean {
        let ids = match crate::accounts::search::search_channel_ids(&state.db, &query, 0, 50).await {
            Ok(ids) => ids,
            Err(e) => return internal(e, user),
        };
        let live = match crate::ingest::live_channel_ids(&state.db, &ids).await {
            Ok(l) => l,
            Err(e) => return internal(e, user),
        };
        match crate::accounts::channels(&state.db, &ids).await {
            Ok(rows) => {
                results = rows
                    .into_iter()
                    .map(|c| {
                        let on = live.contains(&c.id);
                        (c.login, c.display_name, c.title, c.category, on)
                    })
                    .collect()
            }
            Err(e) => return internal(e, user),
        }
    }
    let status = if clean { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    let searched = !query.is_empty();
    render(status, &SearchPage { t: Catalog::english(), user, query, results, searched })
}

#[derive(Template)]
#[template(path = "directory.html")]
struct DirectoryPage {
    t: &'static Catalog,
    user: Option<WebSession>,
    /// The category shown, or every category.
    category: Option<String>,
    live: Vec<Card>,
    categories: Vec<(String, i64)>,
}

/// `GET /directory`: every category live now, with its viewers.
async fn directory(state: State<WebState>, headers: HeaderMap) -> Response {
    directory_of(state, headers, None).await
}

/// `GET /directory/{category}`: the channels live in one category.
async fn directory_category(state: State<WebState>, headers: HeaderMap, Path(category): Path<String>) -> Response {
    directory_of(state, headers, Some(category)).await
}

async fn directory_of(State(state): State<WebState>, headers: HeaderMap, category: Option<String>) -> Response {
    let user = viewer(&state, &headers).await;
    let all = match live_cards(&state).await {
        Ok(l) => l,
        Err(e) => return internal(e, user),
    };
    let mut by_category: BTreeMap<String, i64> = BTreeMap::new();
    for c in all.iter().filter(|c| !c.category.is_empty()) {
        *by_category.entry(c.category.clone()).or_default() += c.viewers;
    }
    let mut categories: Vec<_> = by_category.into_iter().collect();
    categories.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let live = match &category {
        Some(cat) => all.into_iter().filter(|c| c.category.eq_ignore_ascii_case(cat)).collect(),
        None => all,
    };
    render(StatusCode::OK, &DirectoryPage { t: Catalog::english(), user, category, live, categories })
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    t: &'static Catalog,
    user: Option<WebSession>,
    display_name: String,
    description: String,
    /// Channels with go-live pushes on: (login, display name).
    notified: Vec<(String, String)>,
    notice: Option<String>,
    error: Option<String>,
}

async fn settings_with(state: &WebState, u: WebSession, notice: Option<&str>, error: Option<&str>) -> Response {
    let t = Catalog::english();
    let channel = match state.db.pool.acquire().await {
        Ok(mut conn) => crate::accounts::channel(&mut conn, &u.login).await,
        Err(e) => Err(e),
    };
    let channel = match channel {
        Ok(Some(c)) => c,
        Ok(None) => return error_page(StatusCode::NOT_FOUND, Some(u), "not-found-title", "not-found-channel"),
        Err(e) => return internal(e, Some(u)),
    };
    let ids = match crate::push::notified_channels(&state.db, u.user_id).await {
        Ok(ids) => ids,
        Err(e) => return internal(e, Some(u)),
    };
    let notified = match crate::accounts::channels(&state.db, &ids).await {
        Ok(rows) => rows.into_iter().map(|c| (c.login, c.display_name)).collect(),
        Err(e) => return internal(e, Some(u)),
    };
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = SettingsPage {
        t,
        user: Some(u),
        display_name: channel.display_name,
        description: channel.description,
        notified,
        notice: notice.map(|n| t.get(n)),
        error: error.map(|e| t.get(e)),
    };
    render(status, &page)
}

/// `GET /settings`: profile and notifications.
async fn settings(State(state): State<WebState>, headers: HeaderMap) -> Response {
    match viewer(&state, &headers).await {
        Some(u) => settings_with(&state, u, None, None).await,
        None => Redirect::to("/login?next=/settings").into_response(),
    }
}

/// `POST /settings`: display name and the channel's "about" text.
async fn settings_save(State(state): State<WebState>, headers: HeaderMap, PageForm(form): PageForm) -> Response {
    let login = viewer(&state, &headers).await.map(|u| u.login).unwrap_or_default();
    let u = match form_user(&state, &headers, &form, &login).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    let name = form.get("display_name").map(|v| v.trim().to_string()).unwrap_or_default();
    match crate::accounts::set_display_name(&state.db, u.user_id, &name).await {
        Ok(true) => {}
        Ok(false) => return settings_with(&state, u, None, Some("settings-name-rule")).await,
        Err(e) => return internal(e, Some(u)),
    }
    let description = form.get("description").map(|v| v.trim().to_string()).unwrap_or_default();
    let update = aethex_sdk::ChannelUpdate { description: Some(description), ..Default::default() };
    match crate::channels::apply_update(&state.channels, u.user_id, &u.login, &update).await {
        Ok(_) => settings_with(&state, u, Some("dashboard-saved"), None).await,
        Err(_) => settings_with(&state, u, None, Some("settings-about-rule")).await,
    }
}

/// `POST /settings/notify/{login}/off`: no more go-live pushes from a channel.
async fn settings_notify_off(
    State(state): State<WebState>,
    headers: HeaderMap,
    Path(login): Path<String>,
    PageForm(form): PageForm,
) -> Response {
    let me = viewer(&state, &headers).await.map(|u| u.login).unwrap_or_default();
    let u = match form_user(&state, &headers, &form, &me).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    match crate::accounts::user_id_by_login(&state.db, &login.to_ascii_lowercase()).await {
        Ok(Some(channel)) => match crate::push::set_notify_for(&state.db, u.user_id, channel, false).await {
            Ok(()) => Redirect::to("/settings").into_response(),
            Err(e) => internal(e, Some(u)),
        },
        Ok(None) => error_page(StatusCode::NOT_FOUND, Some(u), "not-found-title", "not-found-channel"),
        Err(e) => internal(e, Some(u)),
    }
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    t: &'static Catalog,
    user: Option<WebSession>,
    channel: crate::accounts::ChannelRow,
    live: bool,
    stream_key: String,
    ingest_url: String,
    followers: Vec<(String, String, String)>,
    /// A message id: what the last change did, or why it was refused (its text).
    notice: Option<String>,
    error: Option<String>,
}

/// The dashboard of the signed-in creator, with a notice or an error.
async fn dashboard_with(state: &WebState, u: WebSession, notice: Option<&str>, error: Option<String>) -> Response {
    let t = Catalog::english();
    let channel = match state.db.pool.acquire().await {
        Ok(mut conn) => crate::accounts::channel(&mut conn, &u.login).await,
        Err(e) => Err(e),
    };
    let channel = match channel {
        Ok(Some(c)) => c,
        Ok(None) => return error_page(StatusCode::NOT_FOUND, Some(u), "not-found-title", "not-found-channel"),
        Err(e) => return internal(e, Some(u)),
    };
    let stream_key = match crate::accounts::stream_key(&state.db, &state.channels.sealer, channel.id).await {
        Ok(k) => k,
        Err(e) => {
            tracing::error!(error = %e, "could not open a stream key");
            return error_page(StatusCode::INTERNAL_SERVER_ERROR, Some(u), "error-internal-title", "error-internal");
        }
    };
    let followers = match crate::social::recent_followers(&state.db, channel.id, 10).await {
        Ok(f) => f.into_iter().map(|(l, n, at)| (l, n, crate::store::rfc3339(at))).collect(),
        Err(e) => return internal(e, Some(u)),
    };
    let live = state.ingest.get(&channel.login).is_some_and(|s| !s.is_ended());
    let page = DashboardPage {
        t,
        ingest_url: state.config.ingest_url(),
        user: Some(u),
        channel,
        live,
        stream_key,
        followers,
        notice: notice.map(|n| t.get(n)),
        error,
    };
    let status = if page.error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let mut resp = render(status, &page);
    // The stream key is on this page: never stored by a cache.
    resp.headers_mut().insert(header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
    resp
}

/// `GET /dashboard`: the creator's own channel: stream key, how to go live,
/// stream info, recent followers.
async fn dashboard(State(state): State<WebState>, headers: HeaderMap) -> Response {
    match viewer(&state, &headers).await {
        Some(u) => dashboard_with(&state, u, None, None).await,
        None => Redirect::to("/login?next=/dashboard").into_response(),
    }
}

/// `POST /dashboard/channel`: title, category, tags, language.
async fn dashboard_channel(State(state): State<WebState>, headers: HeaderMap, PageForm(form): PageForm) -> Response {
    let login = viewer(&state, &headers).await.map(|u| u.login).unwrap_or_default();
    let u = match form_user(&state, &headers, &form, &login).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    let field = |k: &str| form.get(k).map(|v| v.trim().to_string());
    let tags = field("tags")
        .map(|t| t.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect::<Vec<_>>());
    let update = aethex_sdk::ChannelUpdate {
        title: field("title"),
        category: field("category"),
        tags,
        language: field("language").filter(|l| !l.is_empty()),
        ..Default::default()
    };
    match crate::channels::apply_update(&state.channels, u.user_id, &u.login, &update).await {
        Ok(_) => dashboard_with(&state, u, Some("dashboard-saved"), None).await,
        Err(e) => dashboard_with(&state, u, None, Some(e.message)).await,
    }
}

/// `POST /dashboard/stream-key`: a new stream key (the old one stops working).
async fn dashboard_reset_key(State(state): State<WebState>, headers: HeaderMap, PageForm(form): PageForm) -> Response {
    let login = viewer(&state, &headers).await.map(|u| u.login).unwrap_or_default();
    let u = match form_user(&state, &headers, &form, &login).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    match crate::accounts::reset_stream_key(&state.db, &state.channels.sealer, u.user_id).await {
        Ok(_) => dashboard_with(&state, u, Some("dashboard-key-reset"), None).await,
        Err(e) => internal(e, Some(u)),
    }
}

#[derive(Template)]
#[template(path = "embed.html")]
struct EmbedPage {
    t: &'static Catalog,
    login: String,
    name: String,
    live: bool,
}

/// `GET /embed/{login}`: the player alone, for other sites to frame.
async fn embed(State(state): State<WebState>, Path(login): Path<String>) -> Response {
    let login = login.to_ascii_lowercase();
    let id = match aethex_sdk::is_valid_login(&login) {
        true => crate::accounts::user_id_by_login(&state.db, &login).await,
        false => Ok(None),
    };
    let name = match id {
        Ok(Some(id)) => match crate::accounts::names(&state.db, &[id]).await {
            Ok(n) => n.get(&id).map(|x| x.1.clone()),
            Err(e) => return internal(e, None),
        },
        Ok(None) => None,
        Err(e) => return internal(e, None),
    };
    let Some(name) = name else {
        return error_page(StatusCode::NOT_FOUND, None, "not-found-title", "not-found-channel");
    };
    let live = state.ingest.get(&login).is_some_and(|s| !s.is_ended());
    let mut resp = render(StatusCode::OK, &EmbedPage { t: Catalog::english(), login, name, live });
    // Any site may frame the player (and only the player).
    let h = resp.headers_mut();
    h.remove(header::X_FRAME_OPTIONS);
    if let Ok(csp) = axum::http::HeaderValue::from_str(
        &h.get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .replace("frame-ancestors 'none'", "frame-ancestors *"),
    ) {
        h.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    resp
}

/// `GET /favicon.ico`: browsers ask for it on every site; the app icon.
async fn favicon() -> Response {
    asset(Path("icons/icon-192.png".to_string())).await
}

/// `GET /static/{file}`.
async fn asset(Path(file): Path<String>) -> Response {
    let Some((_, kind, body)) = ASSETS.iter().find(|(name, _, _)| *name == file) else {
        return (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "no such file")
            .into_response();
    };
    (
        [
            (header::CONTENT_TYPE, *kind),
            // An hour: assets change with the server's version, and `no-cache`
            // would cost phones a round trip per page.
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        *body,
    )
        .into_response()
}
