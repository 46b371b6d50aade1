//! Web Push: a go-live notification to every follower who asked for one,
//! on every browser they subscribed (RFC 8030 delivery, RFC 8291 `aes128gcm`
//! payload encryption in `ece.rs`, RFC 8292 VAPID in `vapid.rs`).
//!
//! Owns `push_subscriptions` and `push_notify`. The VAPID key lives in the
//! data directory (`vapid.key`, 0600), made on first start: changing it
//! would orphan every subscription. The web app's script subscribes a
//! browser and toggles "Notify me" per channel through `/push/*`, with the
//! browser session and its CSRF token (header `X-CSRF-Token`), same-site only.
//!
//! Fan-out: `stream.online` on the bus starts one task per go-live, apart
//! from ingest (the bus never waits), that sends each subscription once,
//! at most [`CONCURRENCY`] at a time, each with a deadline: 2xx is done,
//! 404/410 removes the subscription, 413 and other 4xx are dropped and
//! logged, 429, 5xx and timeouts are retried with backoff (honouring
//! `Retry-After`) up to [`ATTEMPTS`] times. A push endpoint is a URL someone
//! else chose, so it passes the SSRF guard, like webhooks.

pub mod ece;
pub mod vapid;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use futures_util::StreamExt as _;
use serde::Deserialize;

use crate::crypto::Sealer;
use crate::events::{Bus, Event};
use crate::store::{now_ms, Db};
use aethex_sdk::guard;
use vapid::Vapid;

/// Pushes in flight at once per go-live.
pub const CONCURRENCY: usize = 64;
/// Tries per subscription (the first and the retries).
pub const ATTEMPTS: u32 = 4;
/// How long a push service may take to answer.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a push service keeps an undelivered go-live (seconds): after
/// half an hour "X is live" is stale.
const TTL_SECS: u32 = 1800;
/// Subscriptions one user may register (browsers and devices).
const MAX_PER_USER: i64 = 20;

/// The push capability: its storage, key and HTTP client.
pub struct Push {
    db: Db,
    vapid: Vapid,
    /// VAPID `sub`: who the push service can contact.
    subject: String,
    http: reqwest::Client,
    policy: guard::Policy,
    /// Backoff before the first retry (doubled each time).
    retry_base: Duration,
    /// The operator's language, for followers who chose none.
    default_language: &'static str,
}

/// Why the push capability could not start.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// The old key file could not be read.
    #[error("VAPID key file {path}: {source}")]
    KeyFile {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The key file does not hold a P-256 key.
    #[error("VAPID key file {0} holds no valid key")]
    BadKey(String),
    /// The shared key could not be read or stored.
    #[error("the Web Push key in the database: {0}")]
    Db(#[from] sqlx::Error),
    /// The shared key does not open with this node's secret key.
    #[error("the Web Push key in the database does not open with this node's secret key: every node needs the same AETHEX_SECRET_KEY")]
    Sealed,
}

impl Push {
    /// Start with the VAPID key every node shares ([`shared_key`]).
    pub async fn open(db: Db, config: &crate::config::Config, sealer: &Sealer) -> Result<Arc<Self>, PushError> {
        let vapid = shared_key(&db, &config.data_dir, sealer).await?;
        let subject = if config.public_url.starts_with("https://") {
            config.public_url.clone()
        } else {
            "mailto:push@aethex.invalid".to_string()
        };
        let policy = guard::Policy { allow_private: config.webhook.allow_private, allow_http: false };
        let http = reqwest::Client::builder()
            .user_agent("AeThex-Push/1")
            .redirect(reqwest::redirect::Policy::none())
            .dns_resolver(guard::GuardedResolver::new(policy))
            .connect_timeout(REQUEST_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .pool_max_idle_per_host(CONCURRENCY)
            .build()
            .unwrap_or_else(|e| {
                tracing::error!(error = %e, "push HTTP client with custom settings failed; using defaults");
                reqwest::Client::new()
            });
        Ok(Arc::new(Self {
            db,
            vapid,
            subject,
            http,
            policy,
            retry_base: config.webhook.retry_base,
            default_language: config.languages.default,
        }))
    }

    /// The key browsers subscribe with (`applicationServerKey`), base64url.
    pub fn public_key(&self) -> String {
        self.vapid.public_key_b64url()
    }
}

/// What the push routes use.
#[derive(Clone)]
pub struct PushState {
    /// Storage.
    pub db: Db,
    /// The capability.
    pub push: Arc<Push>,
    /// The public URL (same-site check).
    pub config: Arc<crate::config::Config>,
}

/// This capability's routes (browser session, outside the API gate).
pub fn router<S: Clone + Send + Sync + 'static>(state: PushState) -> Router<S> {
    Router::new()
        .route("/push/key", get(key))
        .route("/push/subscriptions", post(subscribe).delete(unsubscribe))
        .route("/push/notify/{login}", put(notify_on).delete(notify_off).get(notify_get))
        .with_state(state)
}

async fn key(State(state): State<PushState>) -> Response {
    Json(serde_json::json!({ "public_key": state.push.public_key() })).into_response()
}

fn problem(status: StatusCode, message: &str) -> Response {
    crate::http::error::ApiError::new(status, message.to_string()).into_response()
}

/// The signed-in user behind a script's request from our own page.
async fn caller(state: &PushState, headers: &HeaderMap) -> Result<(i64, String), Response> {
    crate::auth::pages::script_user(&state.db, headers, &state.config.public_url).await.map_err(|e| e.into_response())
}

/// A browser's `PushSubscription.toJSON()`.
#[derive(Debug, Deserialize)]
struct SubscriptionJson {
    endpoint: String,
    keys: Keys,
}

#[derive(Debug, Deserialize)]
struct Keys {
    p256dh: String,
    auth: String,
}

#[derive(Debug, Deserialize)]
struct EndpointJson {
    endpoint: String,
}

/// `POST /push/subscriptions`: remember this browser's subscription.
async fn subscribe(State(state): State<PushState>, headers: HeaderMap, body: axum::body::Bytes) -> Response {
    let (user_id, _) = match caller(&state, &headers).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let Ok(sub) = serde_json::from_slice::<SubscriptionJson>(&body) else {
        return problem(StatusCode::BAD_REQUEST, "expected {endpoint, keys: {p256dh, auth}} as a browser makes it");
    };
    if sub.endpoint.len() > 1024 || state.push.policy.check_url(&sub.endpoint).is_err() {
        return problem(StatusCode::UNPROCESSABLE_ENTITY, "the endpoint is not a public https URL");
    }
    let (Ok(p256dh), Ok(auth)) = (
        URL_SAFE_NO_PAD.decode(sub.keys.p256dh.trim_end_matches('=')),
        URL_SAFE_NO_PAD.decode(sub.keys.auth.trim_end_matches('=')),
    ) else {
        return problem(StatusCode::UNPROCESSABLE_ENTITY, "keys must be base64url");
    };
    // The keys must work before they are stored: a test encryption.
    if let Err(e) = ece::encrypt(b"check", &p256dh, &auth) {
        return problem(StatusCode::UNPROCESSABLE_ENTITY, &format!("unusable keys: {e}"));
    }
    let count: Result<i64, _> = sqlx::query_scalar("SELECT COUNT(*) FROM push_subscriptions WHERE user_id = $1")
        .bind(user_id)
        .fetch_one(&state.db.pool)
        .await;
    match count {
        Ok(n) if n >= MAX_PER_USER => {
            return problem(StatusCode::CONFLICT, "too many push subscriptions; remove one on another device")
        }
        Ok(_) => {}
        Err(e) => return internal(e),
    }
    // One endpoint belongs to one browser: a re-subscription replaces its keys and owner.
    let res = sqlx::query(
        "INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (endpoint) DO UPDATE SET user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth",
    )
    .bind(crate::crypto::uuid())
    .bind(user_id)
    .bind(&sub.endpoint)
    .bind(URL_SAFE_NO_PAD.encode(&p256dh))
    .bind(URL_SAFE_NO_PAD.encode(&auth))
    .bind(now_ms())
    .execute(&state.db.pool)
    .await;
    match res {
        Ok(_) => StatusCode::CREATED.into_response(),
        Err(e) => internal(e),
    }
}

/// `DELETE /push/subscriptions`: forget this browser's subscription.
async fn unsubscribe(State(state): State<PushState>, headers: HeaderMap, body: axum::body::Bytes) -> Response {
    let (user_id, _) = match caller(&state, &headers).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let Ok(sub) = serde_json::from_slice::<EndpointJson>(&body) else {
        return problem(StatusCode::BAD_REQUEST, "expected {endpoint}");
    };
    match sqlx::query("DELETE FROM push_subscriptions WHERE user_id = $1 AND endpoint = $2")
        .bind(user_id)
        .bind(&sub.endpoint)
        .execute(&state.db.pool)
        .await
    {
        Ok(_) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => internal(e),
    }
}

fn internal(e: sqlx::Error) -> Response {
    tracing::error!(error = %e, "push storage error");
    problem(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
}

async fn channel_of(state: &PushState, login: &str) -> Result<i64, Response> {
    match crate::accounts::user_id_by_login(&state.db, &login.to_ascii_lowercase()).await {
        Ok(Some(id)) => Ok(id),
        Ok(None) => Err(problem(StatusCode::NOT_FOUND, "no such channel")),
        Err(e) => Err(internal(e)),
    }
}

async fn set_notify(state: PushState, headers: HeaderMap, login: String, on: bool) -> Response {
    let (user_id, _) = match caller(&state, &headers).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let channel = match channel_of(&state, &login).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    match set_notify_for(&state.db, user_id, channel, on).await {
        Ok(()) => Json(serde_json::json!({ "notify": on })).into_response(),
        Err(e) => internal(e),
    }
}

/// Turn `user_id`'s go-live push for `channel` on or off (unfollowing turns it off).
pub async fn set_notify_for(db: &Db, user_id: i64, channel: i64, on: bool) -> Result<(), sqlx::Error> {
    let q = if on {
        "INSERT INTO push_notify (user_id, channel_id, created_at) VALUES ($1, $2, $3) ON CONFLICT (user_id, channel_id) DO NOTHING"
    } else {
        "DELETE FROM push_notify WHERE user_id = $1 AND channel_id = $2 AND $3 >= 0"
    };
    sqlx::query(q).bind(user_id).bind(channel).bind(now_ms()).execute(&db.pool).await.map(|_| ())
}

/// The channels `user_id` gets go-live pushes for.
pub async fn notified_channels(db: &Db, user_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT channel_id FROM push_notify WHERE user_id = $1 ORDER BY created_at DESC")
        .bind(user_id)
        .fetch_all(&db.pool)
        .await
}

/// Whether `user_id` asked for go-live pushes of `channel`.
pub async fn notify_of(db: &Db, user_id: i64, channel: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM push_notify WHERE user_id = $1 AND channel_id = $2")
        .bind(user_id)
        .bind(channel)
        .fetch_one(&db.pool)
        .await?;
    Ok(n > 0)
}

async fn notify_on(State(state): State<PushState>, headers: HeaderMap, Path(login): Path<String>) -> Response {
    set_notify(state, headers, login, true).await
}

async fn notify_off(State(state): State<PushState>, headers: HeaderMap, Path(login): Path<String>) -> Response {
    set_notify(state, headers, login, false).await
}

async fn notify_get(State(state): State<PushState>, headers: HeaderMap, Path(login): Path<String>) -> Response {
    let Ok(Some(s)) = crate::auth::pages::web_session(&state.db, &headers).await else {
        return problem(StatusCode::UNAUTHORIZED, "log in first");
    };
    let channel = match channel_of(&state, &login).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    match notify_of(&state.db, s.user_id, channel).await {
        Ok(on) => Json(serde_json::json!({ "notify": on })).into_response(),
        Err(e) => internal(e),
    }
}

/// One stored subscription.
#[derive(Debug, Clone)]
struct Target {
    id: String,
    /// The notification in its user's language.
    payload: Arc<str>,
    endpoint: String,
    p256dh: Vec<u8>,
    auth: Vec<u8>,
}

/// What happened to one push.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The push service took it.
    Sent,
    /// The subscription is gone (404/410) and was removed.
    Removed,
    /// Refused for good (413, other 4xx, bad keys, a refused address).
    Dropped,
    /// Still failing after every attempt.
    GaveUp,
}

/// The VAPID key every node signs with. Browsers subscribe with the public
/// key of whichever node served the page, and a push service refuses a push
/// signed with another, so the key lives in the database, sealed with the
/// secret key, not in each node's data directory. A `vapid.key` file from
/// before becomes the shared key when there is none yet, so existing
/// subscriptions keep working; the first node to store one wins.
async fn shared_key(db: &Db, data_dir: &std::path::Path, sealer: &Sealer) -> Result<Vapid, PushError> {
    const READ: &str = "SELECT sealed FROM push_keys WHERE id = 1";
    let path = data_dir.join("vapid.key");
    let shown = path.display().to_string();
    let local = match std::fs::read(&path) {
        Ok(bytes) => Some(Vapid::from_bytes(&bytes).map_err(|_| PushError::BadKey(shown.clone()))?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => return Err(PushError::KeyFile { path: shown, source }),
    };
    if sqlx::query_scalar::<_, String>(READ).fetch_optional(&db.pool).await?.is_none() {
        let made = local.is_none();
        let candidate = local.as_ref().map_or_else(|| Vapid::generate().to_bytes(), Vapid::to_bytes);
        let stored = sqlx::query(
            "INSERT INTO push_keys (id, sealed, created_at) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING",
        )
        .bind(sealer.seal(&hex::encode(candidate)))
        .bind(now_ms())
        .execute(&db.pool)
        .await?
        .rows_affected();
        if stored == 1 {
            tracing::info!(from_file = !made, "stored the Web Push (VAPID) key every node shares");
        }
    }
    let sealed: String = sqlx::query_scalar(READ).fetch_one(&db.pool).await?;
    let bytes = sealer.open(&sealed).ok().and_then(|h| hex::decode(h).ok()).ok_or(PushError::Sealed)?;
    let vapid = Vapid::from_bytes(&bytes).map_err(|_| PushError::Sealed)?;
    if local.is_some_and(|l| l.public_key() != vapid.public_key()) {
        tracing::warn!(path = %shown, "this node's old VAPID key file differs from the shared key; subscriptions made with it will be refused by push services");
    }
    Ok(vapid)
}

/// Follow the bus: every `stream.online` fans out to its channel's followers.
pub fn spawn(push: Arc<Push>, bus: &Bus) {
    let mut rx = bus.subscribe();
    tokio::spawn(async move {
        while let Some(ev) = crate::events::next(&mut rx, "push").await {
            if let Event::StreamOnline(online) = ev {
                let push = push.clone();
                // Its own task: one slow push service never holds the next go-live.
                tokio::spawn(async move {
                    let started = std::time::Instant::now();
                    match push.fan_out(&online).await {
                        Ok(counts) => tracing::info!(
                            channel = %online.broadcaster_user_login,
                            sent = counts.sent, removed = counts.removed, dropped = counts.dropped, gave_up = counts.gave_up,
                            ms = started.elapsed().as_millis() as u64,
                            "go-live push fan-out done"
                        ),
                        Err(e) => tracing::error!(error = %e, "go-live push fan-out failed"),
                    }
                });
            }
        }
    });
}

/// How a fan-out went.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    /// Delivered.
    pub sent: usize,
    /// Subscriptions removed (404/410).
    pub removed: usize,
    /// Refused for good.
    pub dropped: usize,
    /// Failing after every attempt.
    pub gave_up: usize,
}

impl Push {
    /// Send the go-live of `online` to every subscription of every user who
    /// asked for it: each subscription once.
    pub async fn fan_out(&self, online: &aethex_sdk::StreamOnlineEvent) -> Result<Counts, sqlx::Error> {
        let channel: i64 = online.broadcaster_user_id.parse().unwrap_or(0);
        let rows: Vec<(String, i64, String, String, String)> = sqlx::query_as(
            "SELECT s.id, s.user_id, s.endpoint, s.p256dh, s.auth FROM push_subscriptions s
             JOIN push_notify n ON n.user_id = s.user_id WHERE n.channel_id = $1",
        )
        .bind(channel)
        .fetch_all(&self.db.pool)
        .await?;
        let channel_row = crate::accounts::channels(&self.db, &[channel]).await?;
        let body = channel_row.first().map(|c| c.title.clone()).unwrap_or_default();
        // Each follower's notification in the language they chose (else the operator's).
        let users: Vec<i64> = rows.iter().map(|r| r.1).collect();
        let locales = crate::accounts::locales(&self.db, &users).await?;
        let mut payloads: HashMap<&'static str, Arc<str>> = HashMap::new();
        let mut payload_for = |user: i64| -> Arc<str> {
            let t = locales.get(&user).and_then(|l| crate::i18n::Catalog::for_tag(l)).unwrap_or_else(|| {
                crate::i18n::Catalog::for_tag(self.default_language).unwrap_or_else(crate::i18n::Catalog::english)
            });
            payloads
                .entry(t.lang())
                .or_insert_with(|| {
                    let title = t.with("push-live-title", "name", &online.broadcaster_user_name);
                    serde_json::json!({
                        "title": title,
                        "body": body,
                        "url": format!("/{}?ref=push", online.broadcaster_user_login),
                        "tag": format!("live-{}", online.broadcaster_user_login),
                        "lang": t.lang(),
                        "dir": t.dir(),
                    })
                    .to_string()
                    .into()
                })
                .clone()
        };
        let topic = format!("live-{}", online.broadcaster_user_login);
        let targets: Vec<Target> = rows
            .into_iter()
            .filter_map(|(id, user, endpoint, p, a)| {
                Some(Target {
                    id,
                    payload: payload_for(user),
                    endpoint,
                    p256dh: URL_SAFE_NO_PAD.decode(p).ok()?,
                    auth: URL_SAFE_NO_PAD.decode(a).ok()?,
                })
            })
            .collect();
        let outcomes: Vec<Outcome> = futures_util::stream::iter(targets)
            .map(|t| {
                let topic = topic.as_str();
                async move { self.deliver(&t, topic).await }
            })
            .buffer_unordered(CONCURRENCY)
            .collect()
            .await;
        let mut c = Counts::default();
        for o in outcomes {
            match o {
                Outcome::Sent => c.sent += 1,
                Outcome::Removed => c.removed += 1,
                Outcome::Dropped => c.dropped += 1,
                Outcome::GaveUp => c.gave_up += 1,
            }
        }
        Ok(c)
    }

    /// One subscription: encrypt, sign, POST, retry what may pass later.
    async fn deliver(&self, t: &Target, topic: &str) -> Outcome {
        let body = match ece::encrypt(t.payload.as_bytes(), &t.p256dh, &t.auth) {
            Ok(b) => b,
            Err(e) => {
                tracing::warn!(subscription = %t.id, error = %e, "push keys unusable; dropped");
                return Outcome::Dropped;
            }
        };
        if let Err(e) = self.policy.check_url(&t.endpoint) {
            tracing::warn!(subscription = %t.id, error = %e, "push endpoint refused by the SSRF guard");
            return Outcome::Dropped;
        }
        let mut delay = self.retry_base;
        for attempt in 1..=ATTEMPTS {
            let now =
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
            let Ok(authorization) = self.vapid.authorization(&t.endpoint, &self.subject, now) else {
                return Outcome::Dropped;
            };
            let sent = self
                .http
                .post(&t.endpoint)
                .header("TTL", TTL_SECS.to_string())
                .header("Urgency", "high")
                .header("Topic", topic)
                .header("Content-Encoding", "aes128gcm")
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", authorization)
                .body(body.clone())
                .send()
                .await;
            let retry_after = match sent {
                Ok(r) if r.status().is_success() => return Outcome::Sent,
                Ok(r) if matches!(r.status().as_u16(), 404 | 410) => {
                    if let Err(e) = sqlx::query("DELETE FROM push_subscriptions WHERE id = $1")
                        .bind(&t.id)
                        .execute(&self.db.pool)
                        .await
                    {
                        tracing::error!(error = %e, "could not remove an expired push subscription");
                    }
                    return Outcome::Removed;
                }
                Ok(r) if r.status().as_u16() == 429 || r.status().is_server_error() => r
                    .headers()
                    .get(reqwest::header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
                    .map(Duration::from_secs),
                Ok(r) => {
                    tracing::warn!(subscription = %t.id, status = r.status().as_u16(), "push refused; dropped");
                    return Outcome::Dropped;
                }
                Err(e) => {
                    tracing::debug!(subscription = %t.id, attempt, error = %e, "push failed; will retry");
                    None
                }
            };
            if attempt < ATTEMPTS {
                // Retry-After is honoured, within reason (a minute).
                tokio::time::sleep(retry_after.unwrap_or(delay).min(Duration::from_secs(60))).await;
                delay *= 2;
            }
        }
        tracing::warn!(subscription = %t.id, "push still failing after every attempt; gave up");
        Outcome::GaveUp
    }
}

/// The user's push subscriptions (without their keys) and go-live choices, for their data export.
pub async fn export_user(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Vec<crate::store::Export>, sqlx::Error> {
    use crate::store::export_rows;
    Ok(vec![
        export_rows(
            conn,
            "push_subscriptions",
            "SELECT id, endpoint, created_at FROM push_subscriptions WHERE user_id = $1",
            id,
        )
        .await?,
        export_rows(
            conn,
            "push_notify",
            "SELECT user_id, channel_id, created_at FROM push_notify WHERE user_id = $1 OR channel_id = $1",
            id,
        )
        .await?,
    ])
}

/// Remove the user's push subscriptions and go-live choices, both ways.
pub async fn erase_user(conn: &mut sqlx::AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM push_subscriptions WHERE user_id = $1").bind(id).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM push_notify WHERE user_id = $1 OR channel_id = $1").bind(id).execute(&mut *conn).await?;
    Ok(())
}
