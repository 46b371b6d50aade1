//! Multi-node chat through Redis pub/sub (`AETHEX_REDIS_URL`): every room
//! event a node produces, and every change to a room's moderation state, is
//! published to `aethex:chat:<login>`; every node applies what other nodes
//! publish to its own copy of the room. If Redis goes away, each node keeps
//! serving its own clients, logs it once, and reconnects with backoff;
//! messages sent while apart are not replayed.

use std::sync::Arc;
use std::time::Duration;

use aethex_sdk::ChatSettings;
use futures_util::StreamExt as _;
use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;

use super::{Chat, RoomEvent};

/// Envelopes queued for Redis; when Redis is slow or down, the oldest wait
/// and new ones are dropped (local delivery never waits for Redis).
const QUEUE: usize = 4096;
const PREFIX: &str = "aethex:chat:";

/// What crosses between nodes.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// A rendered room event.
    Event {
        /// Tagged IRC line.
        irc_tags: String,
        /// Plain IRC line.
        irc_plain: String,
        /// JSON frame.
        json: String,
        /// Only for twitch.tv/commands clients.
        command_only: bool,
        /// Only for the room's moderators.
        #[serde(default)]
        mods_only: bool,
    },
    /// New AutoMod and report settings.
    Automod {
        /// The settings.
        settings: aethex_sdk::AutomodSettings,
    },
    /// A chat message for history.
    History {
        /// The message.
        message: aethex_sdk::ChatMessage,
    },
    /// A ban or timeout.
    Ban {
        /// Who.
        user_id: i64,
        /// Until (Unix ms), or permanent.
        until: Option<i64>,
    },
    /// A ban lifted.
    Unban {
        /// Who.
        user_id: i64,
    },
    /// New room modes.
    Settings {
        /// The modes.
        settings: ChatSettings,
    },
    /// A moderator appointed or removed.
    Moderator {
        /// Who.
        user_id: i64,
        /// Appointed or removed.
        on: bool,
    },
    /// One message deleted.
    Delete {
        /// The message id.
        id: String,
    },
    /// The whole chat cleared.
    Clear,
    /// The room's blocked terms, replaced.
    BlockedTerms {
        /// Lower-case terms.
        terms: Vec<String>,
    },
}

#[derive(Debug, Serialize, Deserialize)]
struct Envelope {
    node: String,
    room: String,
    change: Change,
}

/// This node's link to Redis.
#[derive(Debug)]
pub struct Fanout {
    node: String,
    tx: mpsc::Sender<Envelope>,
}

impl Fanout {
    /// Publish a change of `room` to the other nodes (never waits).
    pub fn publish(&self, room: &str, change: Change) {
        let env = Envelope { node: self.node.clone(), room: room.to_string(), change };
        if self.tx.try_send(env).is_err() {
            tracing::debug!("redis fan-out queue full; a change stays local");
        }
    }

    /// A room event as a change (`mods_only`: for the moderators alone).
    pub fn event(ev: &RoomEvent, mods_only: bool) -> Change {
        Change::Event {
            irc_tags: ev.irc_tags.clone(),
            irc_plain: ev.irc_plain.clone(),
            json: ev.json.clone(),
            command_only: ev.command_only,
            mods_only,
        }
    }
}

/// Connect this node to Redis at `url` and start relaying. The returned
/// handle publishes; a background task applies other nodes' changes to `chat`.
pub fn start(url: &str, chat: std::sync::Weak<Chat>) -> Result<Arc<Fanout>, redis::RedisError> {
    let client = redis::Client::open(url)?;
    let node = crate::crypto::uuid();
    let (tx, mut rx) = mpsc::channel::<Envelope>(QUEUE);
    let fanout = Arc::new(Fanout { node: node.clone(), tx });

    // Publisher: one multiplexed connection, re-made after failures. While
    // Redis is away it tries at most once a second (2 s each), and changes in
    // between stay local rather than queue behind a hanging connect.
    let pub_client = client.clone();
    tokio::spawn(async move {
        let mut conn: Option<redis::aio::MultiplexedConnection> = None;
        let mut last_try: Option<tokio::time::Instant> = None;
        while let Some(env) = rx.recv().await {
            let Ok(payload) = serde_json::to_string(&env) else { continue };
            if conn.is_none() && last_try.is_none_or(|t| t.elapsed() >= Duration::from_secs(1)) {
                last_try = Some(tokio::time::Instant::now());
                conn = tokio::time::timeout(Duration::from_secs(2), pub_client.get_multiplexed_async_connection())
                    .await
                    .ok()
                    .and_then(Result::ok);
            }
            if let Some(c) = conn.as_mut() {
                let sent: Result<i64, _> =
                    redis::cmd("PUBLISH").arg(format!("{PREFIX}{}", env.room)).arg(payload).query_async(c).await;
                if sent.is_err() {
                    conn = None;
                }
            }
        }
    });

    // Subscriber: apply other nodes' changes; reconnect with backoff.
    tokio::spawn(async move {
        let mut backoff = Duration::from_millis(200);
        let mut was_down = false;
        loop {
            match client.get_async_pubsub().await {
                Ok(mut pubsub) => {
                    if pubsub.psubscribe(format!("{PREFIX}*")).await.is_ok() {
                        if was_down {
                            tracing::info!("redis is back: chat fans out across nodes again");
                        }
                        was_down = false;
                        backoff = Duration::from_millis(200);
                        let mut stream = pubsub.on_message();
                        while let Some(msg) = stream.next().await {
                            let Some(chat) = chat.upgrade() else { return };
                            let Ok(payload) = msg.get_payload::<String>() else { continue };
                            match serde_json::from_str::<Envelope>(&payload) {
                                Ok(env) if env.node != node => chat.apply_remote(&env.room, env.change),
                                Ok(_) => {}
                                Err(e) => tracing::warn!(error = %e, "unreadable chat envelope from redis"),
                            }
                        }
                    }
                }
                Err(e) => {
                    if !was_down {
                        tracing::warn!(error = %e, "redis unavailable: serving local chat clients only until it returns");
                    }
                }
            }
            if chat.upgrade().is_none() {
                return;
            }
            if !was_down {
                tracing::warn!("lost redis: serving local chat clients only until it returns");
            }
            was_down = true;
            tokio::time::sleep(backoff).await;
            backoff = (backoff * 2).min(Duration::from_secs(5));
        }
    });
    Ok(fanout)
}
