//! The app shell: the compiled-in assets, the PWA's manifest, service
//! worker and offline page, the favicon.

use askama::Template;
use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use super::render;
use crate::auth::pages::WebSession;
use crate::i18n::Catalog;

/// The app's own files, compiled in.
const ASSETS: &[(&str, &str, &[u8])] = &[
    ("app.css", "text/css; charset=utf-8", include_bytes!("assets/app.css")),
    ("player.js", "text/javascript; charset=utf-8", include_bytes!("assets/player.js")),
    ("chat.js", "text/javascript; charset=utf-8", include_bytes!("assets/chat.js")),
    ("signup.js", "text/javascript; charset=utf-8", include_bytes!("assets/signup.js")),
    ("notify.js", "text/javascript; charset=utf-8", include_bytes!("assets/notify.js")),
    ("clip.js", "text/javascript; charset=utf-8", include_bytes!("assets/clip.js")),
    ("forms.js", "text/javascript; charset=utf-8", include_bytes!("assets/forms.js")),
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
pub(super) async fn service_worker() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")],
        SERVICE_WORKER.replace("__VERSION__", &ASSET_VERSION),
    )
        .into_response()
}

/// `GET /manifest.webmanifest`: what installing the app needs (W3C App Manifest).
pub(super) async fn manifest() -> Response {
    let t = Catalog::current();
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
pub(super) async fn offline() -> Response {
    let mut resp = render(StatusCode::OK, &OfflinePage { t: Catalog::current(), user: None });
    resp.headers_mut().insert(header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-cache"));
    resp
}

/// `GET /favicon.ico`: browsers ask for it on every site; the app icon.
pub(super) async fn favicon() -> Response {
    asset(Path("icons/icon-192.png".to_string())).await
}

/// `GET /static/{file}`.
pub(super) async fn asset(Path(file): Path<String>) -> Response {
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
