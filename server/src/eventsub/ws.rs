//! The event WebSocket (`/eventsub/ws`), EventSub's WebSocket transport: a
//! client connects, reads `session_welcome`, and creates subscriptions with
//! `{"method": "websocket", "session_id": ...}` through the REST API.
//!
//! Twitch's rules hold: no subscription within 10 s closes the socket (4003),
//! a client that sends anything closes it (4001), `session_keepalive` comes
//! whenever nothing else was sent for the keepalive interval, and on graceful
//! shutdown every client gets `session_reconnect` with a URL that resumes the
//! same session (and its subscriptions) when the server is back. A session
//! that ends any other way takes its subscriptions with it
//! (`websocket_disconnected`). Each session's queue is bounded: a client that
//! does not read is disconnected rather than slowing anyone else.
//!
//! Across nodes (Redis), a session lives on the node it connected to, which
//! keeps `aethex:es:session:<id>` alive in Redis while it is connected (and
//! for the resume grace after a graceful goodbye); notifications raised on
//! other nodes reach it on the `eventsub` topic, and a session whose key is
//! gone (its node died) loses its subscriptions on whichever node notices.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aethex_sdk::eventsub::{message_type, WsMessage, WsMetadata, WsSession};
use axum::extract::ws::{CloseFrame, Message as Frame, WebSocket};
use axum::extract::State;
use axum::response::Response;
use futures_util::{SinkExt as _, StreamExt as _};
use serde::Deserialize;
use tokio::sync::{mpsc, watch, Notify};

use super::{status, EventSub, Sub, Target};
use crate::http::error::{ApiError, Query, WebSocketUpgrade};
use crate::store::{now_ms, rfc3339};

/// Frames queued per session before a non-reading client is dropped.
pub const SESSION_QUEUE: usize = 512;
/// A session must subscribe within this long of its welcome.
const SUBSCRIBE_WITHIN: Duration = Duration::from_secs(10);
/// How long after a restart sessions may resume before their subscriptions lapse.
const RESUME_GRACE: Duration = Duration::from_secs(30);

struct Live {
    tx: mpsc::Sender<String>,
    used: Arc<AtomicBool>,
    kick: Arc<Notify>,
}

/// Sessions connected to this node.
pub struct Hub {
    sessions: Mutex<HashMap<String, Live>>,
    shutdown: watch::Sender<bool>,
    cluster: Arc<crate::cluster::Cluster>,
}

/// A connected session's key in Redis is renewed this often, and lives three times as long.
const KEY_RENEW: Duration = Duration::from_secs(10);
/// What a session's key holds between a graceful goodbye and the client's return.
const RECONNECTING: &str = "reconnecting";

fn session_key(id: &str) -> String {
    format!("{}es:session:{id}", crate::cluster::PREFIX)
}

/// Where frames wait for a session that is reconnecting.
pub(super) fn pending_key(id: &str) -> String {
    format!("{}es:pending:{id}", crate::cluster::PREFIX)
}

/// A frame as JSON text.
fn frame(kind: &str, sub: Option<&Sub>, payload: serde_json::Value) -> String {
    let msg = WsMessage {
        metadata: WsMetadata {
            message_id: crate::crypto::uuid(),
            message_type: kind.into(),
            message_timestamp: rfc3339(now_ms()),
            subscription_type: sub.map(|s| s.kind.clone()),
            subscription_version: sub.map(|s| s.version.clone()),
        },
        payload,
    };
    serde_json::to_string(&msg).unwrap_or_default()
}

impl Hub {
    /// No sessions yet.
    pub fn new(cluster: Arc<crate::cluster::Cluster>) -> Self {
        Self { sessions: Mutex::default(), shutdown: watch::channel(false).0, cluster }
    }

    /// Whether `session_id` is connected here or, with other nodes, on one of them.
    pub async fn is_live_anywhere(&self, session_id: &str) -> bool {
        if self.is_live(session_id) {
            return true;
        }
        let held: Option<Option<String>> = self.cluster.query(redis::cmd("GET").arg(session_key(session_id))).await;
        held.flatten().is_some_and(|v| v != RECONNECTING)
    }

    /// Whether `session_id` said goodbye gracefully and its client has not come back yet.
    pub async fn is_reconnecting(&self, session_id: &str) -> bool {
        let held: Option<Option<String>> = self.cluster.query(redis::cmd("GET").arg(session_key(session_id))).await;
        held.flatten().is_some_and(|v| v == RECONNECTING)
    }

    /// Which of `ids` no node holds or awaits (their subscriptions lapse);
    /// `None` when that cannot be known now (Redis unreachable).
    async fn gone(&self, ids: Vec<String>) -> Option<Vec<String>> {
        let ids: Vec<String> = ids.into_iter().filter(|id| !self.is_live(id)).collect();
        if ids.is_empty() || !self.cluster.is_shared() {
            return Some(ids);
        }
        let mut pipe = redis::pipe();
        for id in &ids {
            pipe.cmd("EXISTS").arg(session_key(id));
        }
        let exists: Vec<bool> = self.cluster.pipe(&pipe).await?;
        Some(ids.into_iter().zip(exists).filter(|(_, e)| !e).map(|(id, _)| id).collect())
    }

    async fn mark(&self, session_id: &str, value: Option<&str>, ttl: Duration) {
        if !self.cluster.is_shared() {
            return;
        }
        let cmd = match value {
            Some(v) => redis::cmd("SET").arg(session_key(session_id)).arg(v).arg("EX").arg(ttl.as_secs()).clone(),
            None => redis::cmd("DEL").arg(session_key(session_id)).clone(),
        };
        let _: Option<redis::Value> = self.cluster.query(&cmd).await;
    }

    /// Whether `session_id` is connected here.
    pub fn is_live(&self, session_id: &str) -> bool {
        self.sessions.lock().unwrap_or_else(|p| p.into_inner()).contains_key(session_id)
    }

    /// The session got a subscription: it may stay past the first 10 s.
    pub fn mark_used(&self, session_id: &str) {
        if let Some(l) = self.sessions.lock().unwrap_or_else(|p| p.into_inner()).get(session_id) {
            l.used.store(true, Ordering::Release);
        }
    }

    /// Queue a notification; a full queue disconnects the session.
    pub fn notify(&self, sub: &Sub, event: &serde_json::Value) {
        let Target::WebSocket { session_id } = &sub.target else { return };
        let text = frame(
            message_type::NOTIFICATION,
            Some(sub),
            serde_json::json!({"subscription": sub.wire(), "event": event}),
        );
        self.send(session_id, text);
    }

    /// Tell a session one of its subscriptions was revoked.
    pub fn revoked(&self, sub: &Sub) {
        let Target::WebSocket { session_id } = &sub.target else { return };
        self.send(
            session_id,
            frame(message_type::REVOCATION, Some(sub), serde_json::json!({"subscription": sub.wire()})),
        );
    }

    fn send(&self, session_id: &str, text: String) {
        let sessions = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(l) = sessions.get(session_id) {
            if l.tx.try_send(text).is_err() {
                tracing::info!(session = session_id, "event socket client is not reading; disconnecting it");
                l.kick.notify_one();
            }
        }
    }

    /// Graceful shutdown: every session gets `session_reconnect`.
    pub fn shutdown(&self) {
        let _ = self.shutdown.send(true);
    }
}

/// `?keepalive_timeout_seconds=&session_id=`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WsQuery {
    /// Seconds without a message before `session_keepalive`: 10–600, default 10.
    #[param(minimum = 10, maximum = 600)]
    pub keepalive_timeout_seconds: Option<u64>,
    /// Resume this session (the `reconnect_url` of a `session_reconnect` carries it).
    pub session_id: Option<String>,
}

/// `GET /eventsub/ws`.
#[utoipa::path(get, path = "/eventsub/ws", tag = "sockets", operation_id = "connectEventSubWebSocket",
    description = "EventSub's WebSocket transport: read `session_welcome`, then create subscriptions with \
        `{\"method\": \"websocket\", \"session_id\": ...}` within 10 seconds. Notifications, keepalives, \
        `session_reconnect` and `revocation` arrive as Twitch sends them; anything the client sends closes the socket.",
    params(WsQuery, crate::http::WebSocketHandshake),
    responses((status = 101, description = "Switching to the WebSocket protocol"),
        (status = 400, description = "`keepalive_timeout_seconds` is out of range, or not a WebSocket handshake", body = aethex_sdk::Problem)))]
pub async fn handler(
    State(es): State<Arc<EventSub>>,
    Query(q): Query<WsQuery>,
    WebSocketUpgrade(ws): WebSocketUpgrade,
) -> Result<Response, ApiError> {
    let keepalive = q.keepalive_timeout_seconds.unwrap_or(10);
    if !(10..=600).contains(&keepalive) {
        return Err(ApiError::bad_request("keepalive_timeout_seconds must be between 10 and 600"));
    }
    // Resume only a session that has subscriptions and is not connected now.
    let resumed = q.session_id.filter(|id| {
        !es.sockets.is_live(id)
            && es.all().iter().any(|s| {
                s.status == status::ENABLED && matches!(&s.target, Target::WebSocket { session_id } if session_id == id)
            })
    });
    Ok(ws.max_message_size(4096).on_upgrade(move |socket| session(socket, es, keepalive, resumed)))
}

async fn session(socket: WebSocket, es: Arc<EventSub>, keepalive: u64, resumed: Option<String>) {
    let id = resumed.clone().unwrap_or_else(crate::crypto::uuid);
    let (tx, mut rx) = mpsc::channel::<String>(SESSION_QUEUE);
    let used = Arc::new(AtomicBool::new(resumed.is_some()));
    let kick = Arc::new(Notify::new());
    {
        let mut sessions = es.sockets.sessions.lock().unwrap_or_else(|p| p.into_inner());
        if sessions.contains_key(&id) {
            return; // a racing resume of the same session won
        }
        sessions.insert(id.clone(), Live { tx, used: used.clone(), kick: kick.clone() });
    }
    es.sockets.mark(&id, Some(es.sockets.cluster.node()), KEY_RENEW * 3).await;
    if resumed.is_some() && es.sockets.cluster.is_shared() {
        // What arrived while the client was away, in order; once more a
        // moment later for frames a node queued as this one took over.
        es.take_pending(&id).await;
        let (again, sid) = (es.clone(), id.clone());
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(1)).await;
            again.take_pending(&sid).await;
        });
    }
    let mut stop = es.sockets.shutdown.subscribe();
    let (mut sink, mut stream) = socket.split();
    let welcome = WsSession {
        id: id.clone(),
        status: "connected".into(),
        connected_at: rfc3339(now_ms()),
        keepalive_timeout_seconds: Some(keepalive),
        reconnect_url: None,
    };
    let mut graceful = false;
    let mut close: Option<(u16, &str)> = None;
    if sink
        .send(Frame::Text(frame(message_type::SESSION_WELCOME, None, serde_json::json!({"session": welcome})).into()))
        .await
        .is_ok()
    {
        let unused_deadline = tokio::time::sleep(SUBSCRIBE_WITHIN);
        tokio::pin!(unused_deadline);
        let mut unused_checked = false;
        let idle = Duration::from_secs(keepalive);
        // Keepalives fill silences: the deadline moves only when something is sent.
        let mut keepalive_at = tokio::time::Instant::now() + idle;
        loop {
            tokio::select! {
                biased;
                _ = &mut unused_deadline, if !unused_checked => {
                    unused_checked = true;
                    if !used.load(Ordering::Acquire) {
                        close = Some((4003, "connection unused"));
                        break;
                    }
                }
                out = rx.recv() => {
                    let Some(text) = out else { break };
                    if sink.send(Frame::Text(text.into())).await.is_err() { break; }
                    keepalive_at = tokio::time::Instant::now() + idle;
                }
                _ = tokio::time::sleep_until(keepalive_at) => {
                    let ka = frame(message_type::SESSION_KEEPALIVE, None, serde_json::json!({}));
                    if sink.send(Frame::Text(ka.into())).await.is_err() { break; }
                    keepalive_at = tokio::time::Instant::now() + idle;
                }
                _ = kick.notified() => {
                    close = Some((4008, "network timeout"));
                    break;
                }
                _ = stop.changed() => {
                    let s = WsSession { status: "reconnecting".into(), reconnect_url: Some(es.reconnect_url(&id)), ..welcome.clone() };
                    let _ = sink.send(Frame::Text(frame(message_type::SESSION_RECONNECT, None, serde_json::json!({"session": s})).into())).await;
                    graceful = true;
                    close = Some((4004, "reconnect"));
                    break;
                }
                incoming = stream.next() => match incoming {
                    Some(Ok(Frame::Text(_))) | Some(Ok(Frame::Binary(_))) => {
                        close = Some((4001, "client sent inbound traffic"));
                        break;
                    }
                    Some(Ok(_)) => {} // ping/pong
                    Some(Err(_)) | None => break,
                },
            }
        }
    }
    if let Some((code, reason)) = close {
        let _ = sink.send(Frame::Close(Some(CloseFrame { code, reason: reason.into() }))).await;
    }
    let _ = sink.close().await;
    es.sockets.sessions.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
    if graceful {
        // Any node may take the session back within the grace period.
        es.sockets.mark(&id, Some(RECONNECTING), RESUME_GRACE).await;
    } else {
        es.sockets.mark(&id, None, KEY_RENEW).await;
        disconnect(&es, &id).await;
    }
}

/// With other nodes: renew this node's sessions in Redis.
pub async fn keep_sessions(es: std::sync::Weak<EventSub>) {
    let mut tick = tokio::time::interval(KEY_RENEW);
    loop {
        tick.tick().await;
        let Some(es) = es.upgrade() else { return };
        let ids: Vec<String> = es.sockets.sessions.lock().unwrap_or_else(|p| p.into_inner()).keys().cloned().collect();
        if ids.is_empty() {
            continue;
        }
        let mut pipe = redis::pipe();
        for id in &ids {
            pipe.cmd("SET")
                .arg(session_key(id))
                .arg(es.sockets.cluster.node())
                .arg("EX")
                .arg((KEY_RENEW * 3).as_secs())
                .ignore();
        }
        let _: Option<()> = es.sockets.cluster.pipe(&pipe).await;
    }
}

/// The session ended for good: its subscriptions lapse.
async fn disconnect(es: &EventSub, session_id: &str) {
    let subs: Vec<_> = es
        .all()
        .into_iter()
        .filter(|s| {
            s.status == status::ENABLED && matches!(&s.target, Target::WebSocket { session_id: id } if id == session_id)
        })
        .collect();
    for s in subs {
        if let Err(e) = es.set_status(&s.id, status::WEBSOCKET_DISCONNECTED).await {
            tracing::warn!(error = %e, "could not mark a websocket subscription disconnected");
        }
    }
}

/// After a restart, sessions that do not come back within the grace period
/// lose their subscriptions. With other nodes this repeats: a node that
/// died took its sessions with it, and their keys in Redis lapse.
pub async fn expire_orphans(es: Arc<EventSub>) {
    loop {
        tokio::time::sleep(RESUME_GRACE).await;
        let mut candidates: Vec<String> = es
            .all()
            .into_iter()
            .filter(|s| s.status == status::ENABLED)
            .filter_map(|s| match &s.target {
                Target::WebSocket { session_id } => Some(session_id.clone()),
                _ => None,
            })
            .collect();
        candidates.sort();
        candidates.dedup();
        if let Some(gone) = es.sockets.gone(candidates).await {
            for id in gone {
                if !es.sockets.is_live(&id) {
                    disconnect(&es, &id).await;
                }
            }
        }
        if !es.sockets.cluster.is_shared() {
            return;
        }
    }
}
