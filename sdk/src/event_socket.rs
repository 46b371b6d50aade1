//! The event WebSocket client: connects to `/eventsub/ws`, subscribes, and
//! keeps the feed alive across dropped links and server restarts. The OBS
//! plugin, the Discord bot and `aethex event listen` read events through it.
//!
//! On `session_reconnect` it follows `reconnect_url`; whenever the server
//! welcomes it with a session id other than the one it subscribed on (a new
//! connection after a drop, or a server that forgot the old session) it
//! subscribes again, so a consumer only ever sees events and state changes.

use std::time::Duration;

use futures_util::StreamExt as _;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::Message as WsFrame;
use url::Url;

use crate::client::Client;
use crate::error::Error;
use crate::eventsub::{
    message_type, Condition, CreateSubscription, Event, EventSubSubscription, Transport, WsMessage, WsSession,
};

/// What the socket reports, in order.
#[derive(Debug, Clone)]
// Notifications are the common case; boxing them would add an allocation to each.
#[allow(clippy::large_enum_variant)]
pub enum SocketEvent {
    /// Connected and subscribed (again, when `resubscribed`).
    Connected {
        /// The session id.
        session_id: String,
        /// Whether subscriptions were created on this connection (false when a reconnect kept them).
        resubscribed: bool,
    },
    /// An event.
    Notification {
        /// Unique per message; deduplicate on it.
        message_id: String,
        /// The subscription that matched.
        subscription: EventSubSubscription,
        /// The typed event.
        event: Event,
    },
    /// The platform ended a subscription (authorization revoked, user removed).
    Revocation(EventSubSubscription),
    /// The link dropped; the socket is reconnecting.
    Disconnected(String),
    /// A subscription request failed; the socket keeps running without it.
    SubscribeFailed {
        /// The event type.
        kind: String,
        /// Why.
        error: String,
    },
}

/// What to subscribe to on every new session.
#[derive(Debug, Clone)]
pub struct Interest {
    /// Event type, e.g. `channel.follow`.
    pub kind: String,
    /// Version, `1` for every AeThex type.
    pub version: String,
    /// Condition, usually [`Condition::broadcaster`].
    pub condition: Condition,
}

impl Interest {
    /// Version 1 of `kind` on the channel with id `broadcaster_id`.
    pub fn channel(kind: &str, broadcaster_id: &str) -> Self {
        Self { kind: kind.into(), version: "1".into(), condition: Condition::broadcaster(broadcaster_id) }
    }
}

/// A running event WebSocket. Dropping it closes the connection.
#[derive(Debug)]
pub struct EventSocket {
    rx: mpsc::Receiver<SocketEvent>,
    task: JoinHandle<()>,
}

impl EventSocket {
    /// Events queued for a slow reader before the socket waits for it.
    pub const QUEUE: usize = 1024;

    /// Connect with `client`'s token (scope `webhooks:manage` plus what each
    /// event type needs) and subscribe to `interests` on every new session.
    pub fn connect(client: Client, interests: Vec<Interest>) -> Self {
        let (tx, rx) = mpsc::channel(Self::QUEUE);
        let task = tokio::spawn(run(client, interests, tx));
        Self { rx, task }
    }

    /// The next thing that happened; `None` once the socket has stopped
    /// (it only stops when the base URL cannot be a WebSocket URL).
    pub async fn next(&mut self) -> Option<SocketEvent> {
        self.rx.recv().await
    }
}

impl Drop for EventSocket {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn run(client: Client, interests: Vec<Interest>, tx: mpsc::Sender<SocketEvent>) {
    let Ok(base) = client.event_socket_url() else { return };
    let mut url = base.clone();
    let mut subscribed_on: Option<String> = None;
    let mut backoff = Duration::from_millis(250);
    loop {
        let outcome = session(&client, &url, &interests, &mut subscribed_on, &tx).await;
        if tx.is_closed() {
            return;
        }
        match outcome {
            Ended::Reconnect(to) => {
                url = to;
                backoff = Duration::from_millis(250);
                continue;
            }
            Ended::Lost(reason, was_connected) => {
                let _ = tx.send(SocketEvent::Disconnected(reason)).await;
                if was_connected {
                    backoff = Duration::from_millis(250);
                }
            }
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_secs(30));
        // A reconnect URL names one session; once it fails, a plain connection
        // is the way back (the old session, if the server still has it, is
        // reused only through its own URL).
        if url != base && backoff > Duration::from_secs(8) {
            url = base.clone();
        }
    }
}

enum Ended {
    /// The server asked us to move (`session_reconnect`).
    Reconnect(Url),
    /// The link failed; whether it had been up.
    Lost(String, bool),
}

async fn session(
    client: &Client,
    url: &Url,
    interests: &[Interest],
    subscribed_on: &mut Option<String>,
    tx: &mpsc::Sender<SocketEvent>,
) -> Ended {
    let (mut ws, _) = match tokio_tungstenite::connect_async(url.as_str()).await {
        Ok(c) => c,
        Err(e) => return Ended::Lost(format!("connect: {e}"), false),
    };
    let welcome = match tokio::time::timeout(Duration::from_secs(10), read_message(&mut ws)).await {
        Ok(Some(m)) if m.metadata.message_type == message_type::SESSION_WELCOME => m,
        Ok(_) => return Ended::Lost("no session_welcome".into(), false),
        Err(_) => return Ended::Lost("timed out waiting for session_welcome".into(), false),
    };
    let Some(session) =
        welcome.payload.get("session").and_then(|s| serde_json::from_value::<WsSession>(s.clone()).ok())
    else {
        return Ended::Lost("malformed session_welcome".into(), false);
    };
    let resubscribe = subscribed_on.as_deref() != Some(session.id.as_str());
    if resubscribe {
        for i in interests {
            let req = CreateSubscription {
                kind: i.kind.clone(),
                version: i.version.clone(),
                condition: i.condition.clone(),
                transport: Transport::websocket(session.id.clone()),
            };
            if let Err(e) = client.create_eventsub_subscription(&req).await {
                if matches!(e, Error::Transport(_) | Error::Server { .. }) {
                    return Ended::Lost(format!("subscribe: {e}"), false);
                }
                let _ = tx.send(SocketEvent::SubscribeFailed { kind: i.kind.clone(), error: e.to_string() }).await;
            }
        }
        *subscribed_on = Some(session.id.clone());
    }
    let _ = tx.send(SocketEvent::Connected { session_id: session.id.clone(), resubscribed: resubscribe }).await;
    // Silence longer than the keepalive interval (plus slack) means a dead link.
    let silence = Duration::from_secs(session.keepalive_timeout_seconds.unwrap_or(10) + 5);
    loop {
        let msg = match tokio::time::timeout(silence, read_message(&mut ws)).await {
            Ok(Some(m)) => m,
            Ok(None) => {
                *subscribed_on = None;
                return Ended::Lost("connection closed".into(), true);
            }
            Err(_) => {
                *subscribed_on = None;
                let _ = ws.close(None).await;
                return Ended::Lost("no keepalive".into(), true);
            }
        };
        match msg.metadata.message_type.as_str() {
            message_type::NOTIFICATION => {
                let sub = msg.payload.get("subscription").cloned().and_then(|s| serde_json::from_value(s).ok());
                let event = msg.payload.get("event").cloned();
                if let (Some(subscription), Some(event)) = (sub, event) {
                    let subscription: EventSubSubscription = subscription;
                    match Event::from_parts(&subscription.kind, event) {
                        Ok(event) => {
                            let m =
                                SocketEvent::Notification { message_id: msg.metadata.message_id, subscription, event };
                            if tx.send(m).await.is_err() {
                                return Ended::Lost("reader gone".into(), true);
                            }
                        }
                        Err(e) => tracing::warn!(error = %e, "skipping an event this SDK cannot read"),
                    }
                }
            }
            message_type::REVOCATION => {
                if let Some(sub) = msg.payload.get("subscription").cloned().and_then(|s| serde_json::from_value(s).ok())
                {
                    let _ = tx.send(SocketEvent::Revocation(sub)).await;
                }
            }
            message_type::SESSION_RECONNECT => {
                let to = msg
                    .payload
                    .get("session")
                    .and_then(|s| s.get("reconnect_url"))
                    .and_then(|u| u.as_str())
                    .and_then(|u| Url::parse(u).ok());
                if let Some(to) = to {
                    return Ended::Reconnect(to);
                }
            }
            _ => {} // keepalives and anything newer
        }
    }
}

/// The next JSON message; `None` when the socket closed or broke.
async fn read_message<S>(ws: &mut S) -> Option<WsMessage>
where
    S: futures_util::Stream<Item = Result<WsFrame, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    while let Some(frame) = ws.next().await {
        match frame {
            Ok(WsFrame::Text(t)) => match serde_json::from_str::<WsMessage>(&t) {
                Ok(m) => return Some(m),
                Err(e) => tracing::warn!(error = %e, "skipping a malformed event socket message"),
            },
            Ok(WsFrame::Close(_)) | Err(_) => return None,
            Ok(_) => {} // pings are answered by tungstenite
        }
    }
    None
}
