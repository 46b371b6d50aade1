//! The song queue over HTTP, for overlays and players (Nightbot has
//! `/1/song_requests/queue`; this is the same idea, local to the bot):
//!
//! - `GET /api/songs/queue`: `{"current": Song|null, "queue": [Song...]}`, public;
//! - `POST /api/songs/next`: finish the current song and start the next;
//! - `DELETE /api/songs/{id}`: remove one request;
//! - `POST /api/channel/send/{token}`: a message through a Nightbot response
//!   URL ([`crate::respond`]), `message` as a form field or in a JSON object.
//!
//! Changes need `Authorization: Bearer <http.token>`; without a configured
//! token the API is read-only. Errors are problem JSON. A fixed budget of
//! requests per second protects the bot's database from a looping overlay.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use sha2::{Digest as _, Sha256};

use crate::respond::{Responses, SendError};
use crate::store::Store;

/// Requests served per second before 429.
pub const REQUESTS_PER_SECOND: u64 = 50;

/// Largest request body (a chat message is at most 400 characters).
const MAX_BODY: usize = 16 * 1024;

#[derive(Clone)]
struct Api {
    store: Store,
    channel: String,
    token_hash: Option<[u8; 32]>,
    window: Arc<(AtomicU64, AtomicU64)>,
    responses: Option<Responses>,
}

/// The router for `channel`'s queue; `token` enables changes; `responses`
/// takes messages sent through response URLs.
pub fn router(store: Store, channel: String, token: Option<&str>, responses: Option<Responses>) -> Router {
    let api = Api {
        store,
        channel,
        token_hash: token.filter(|t| !t.is_empty()).map(|t| Sha256::digest(t.as_bytes()).into()),
        window: Arc::default(),
        responses,
    };
    Router::new()
        .route("/api/songs/queue", get(queue))
        .route("/api/songs/next", post(next))
        .route("/api/songs/{id}", delete(remove))
        .route("/api/channel/send/{token}", post(send))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .route("/health", get(|| async { "ok" }))
        .fallback(|| async { problem(StatusCode::NOT_FOUND, "no such endpoint") })
        .layer(axum::middleware::from_fn_with_state(api.clone(), limit))
        .with_state(api)
}

fn problem(status: StatusCode, detail: &str) -> Response {
    let body = serde_json::json!({"type": "about:blank", "title": status.canonical_reason().unwrap_or(""), "status": status.as_u16(), "detail": detail});
    (status, [("content-type", "application/problem+json")], body.to_string()).into_response()
}

async fn limit(State(api): State<Api>, req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let sec = crate::now_ms() as u64 / 1000;
    let (window, count) = &*api.window;
    if window.swap(sec, Ordering::Relaxed) != sec {
        count.store(0, Ordering::Relaxed);
    }
    if count.fetch_add(1, Ordering::Relaxed) >= REQUESTS_PER_SECOND {
        let mut r = problem(StatusCode::TOO_MANY_REQUESTS, "too many requests; slow down");
        r.headers_mut().insert("retry-after", axum::http::HeaderValue::from_static("1"));
        return r;
    }
    next.run(req).await
}

fn authorised(api: &Api, headers: &HeaderMap) -> Result<(), Box<Response>> {
    let Some(want) = api.token_hash else {
        return Err(Box::new(problem(
            StatusCode::FORBIDDEN,
            "the queue is read-only: set http.token in the bot's config to allow changes",
        )));
    };
    let given = headers.get("authorization").and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    let ok = given.is_some_and(|g| {
        let h: [u8; 32] = Sha256::digest(g.as_bytes()).into();
        // Comparing digests: equal-length, and a mismatch's position says nothing about the token.
        h.iter().zip(want.iter()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
    });
    if ok {
        Ok(())
    } else {
        Err(Box::new(problem(StatusCode::UNAUTHORIZED, "missing or wrong bearer token")))
    }
}

fn db_error(e: crate::store::StoreError) -> Response {
    tracing::error!(error = %e, "song queue API");
    problem(StatusCode::INTERNAL_SERVER_ERROR, "the bot's database failed")
}

async fn queue(State(api): State<Api>) -> Response {
    match api.store.queue(&api.channel).await {
        Ok(q) => {
            let current = q.iter().find(|s| s.state == "playing").cloned();
            let waiting: Vec<_> = q.into_iter().filter(|s| s.state == "queued").collect();
            Json(serde_json::json!({"current": current, "queue": waiting})).into_response()
        }
        Err(e) => db_error(e),
    }
}

async fn next(State(api): State<Api>, headers: HeaderMap) -> Response {
    if let Err(r) = authorised(&api, &headers) {
        return *r;
    }
    match api.store.advance(&api.channel).await {
        Ok(current) => Json(serde_json::json!({"current": current})).into_response(),
        Err(e) => db_error(e),
    }
}

async fn remove(State(api): State<Api>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    if let Err(r) = authorised(&api, &headers) {
        return *r;
    }
    let Ok(id) = id.parse::<i64>() else {
        return problem(StatusCode::BAD_REQUEST, "the song id is a number");
    };
    match api.store.remove_song(&api.channel, id).await {
        Ok(true) => StatusCode::NO_CONTENT.into_response(),
        Ok(false) => problem(StatusCode::NOT_FOUND, "no such song in the queue"),
        Err(e) => db_error(e),
    }
}

/// `POST /api/channel/send/{token}`: Nightbot's `/1/channel/send` through a response URL.
async fn send(
    State(api): State<Api>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let Some(responses) = &api.responses else {
        return problem(StatusCode::NOT_FOUND, "no such endpoint");
    };
    let json =
        headers.get("content-type").and_then(|v| v.to_str().ok()).is_some_and(|c| c.starts_with("application/json"));
    let message = if json {
        match serde_json::from_slice::<serde_json::Value>(&body) {
            Ok(v) => v["message"].as_str().map(str::to_string),
            Err(_) => return problem(StatusCode::BAD_REQUEST, "the body is not JSON"),
        }
    } else {
        serde_urlencoded::from_bytes::<Vec<(String, String)>>(&body)
            .ok()
            .and_then(|f| f.into_iter().find(|(k, _)| k == "message").map(|(_, v)| v))
    };
    match responses.send(&token, message.as_deref().unwrap_or(""), crate::now_ms()) {
        Ok(()) => Json(serde_json::json!({"status": 200})).into_response(),
        Err(e @ SendError::Gone) => problem(StatusCode::NOT_FOUND, &e.to_string()),
        Err(e @ SendError::Empty) => problem(StatusCode::BAD_REQUEST, &e.to_string()),
        Err(e @ SendError::Busy) => problem(StatusCode::SERVICE_UNAVAILABLE, &e.to_string()),
        Err(e @ SendError::TooSoon(ms)) => {
            let mut r = problem(StatusCode::TOO_MANY_REQUESTS, &e.to_string());
            let secs = ((ms + 999) / 1000).max(1).to_string();
            if let Ok(v) = axum::http::HeaderValue::from_str(&secs) {
                r.headers_mut().insert("retry-after", v);
            }
            r
        }
    }
}
