//! EventSub: subscriptions to platform events, delivered to webhooks
//! ([`delivery`], durable through the `eventsub_outbox` table) and to the event
//! WebSocket ([`ws`]). [`api`] is the REST surface, [`guard`] the SSRF guard.
//!
//! Flow: a capability that changes something commits its rows together with
//! the outbox rows its events owe: [`crate::events::Change`] calls this
//! capability's [`Outbox::stage`], which matches the events against the
//! enabled subscriptions held in memory and writes one outbox row per webhook
//! subscription in that transaction; after commit each row goes to its
//! subscription's own delivery worker and WebSocket notifications to their
//! sessions' queues. Events published on the [`Bus`] alone (chat messages)
//! are matched and stored by [`EventSub::consume`] after the fact.

pub mod api;
pub mod delivery;
mod subscribe;
pub use aethex_sdk::guard;
pub(crate) use subscribe::SubscribeError;
pub mod ws;

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use aethex_sdk::eventsub::{Condition, EventSubSubscription, Transport};
use aethex_sdk::Event;
use sqlx::any::AnyRow;
use tokio::sync::broadcast;

use futures_util::future::BoxFuture;

pub use crate::config::WebhookConfig;
use crate::crypto::Sealer;
use crate::events::{AfterCommit, Bus, Outbox};
use crate::store::{int, rfc3339, text, Db};

/// Most events routed in one go (one outbox transaction).
const ROUTE_BATCH: usize = 64;

/// Subscription statuses.
pub mod status {
    /// Delivering.
    pub const ENABLED: &str = "enabled";
    /// Waiting for the callback to answer the challenge.
    pub const PENDING: &str = "webhook_callback_verification_pending";
    /// The callback answered the challenge wrongly or not at all.
    pub const VERIFICATION_FAILED: &str = "webhook_callback_verification_failed";
    /// Revoked after repeated delivery failures.
    pub const FAILURES_EXCEEDED: &str = "notification_failures_exceeded";
    /// The WebSocket session it was bound to ended.
    pub const WEBSOCKET_DISCONNECTED: &str = "websocket_disconnected";
}

/// Where a subscription's notifications go.
#[derive(Debug, Clone)]
pub enum Target {
    /// POSTs to a callback, signed with the secret.
    Webhook {
        /// The callback URL.
        callback: String,
        /// The HMAC key (opened from its sealed form).
        secret: String,
    },
    /// Frames on an event WebSocket session.
    WebSocket {
        /// The session id.
        session_id: String,
    },
}

/// A subscription as the server holds it in memory.
#[derive(Debug, Clone)]
pub struct Sub {
    /// Id (UUID).
    pub id: String,
    /// The app whose token created it.
    pub client_id: String,
    /// The user whose token created it.
    pub user_id: i64,
    /// Event type.
    pub kind: String,
    /// Version.
    pub version: String,
    /// Condition.
    pub condition: Condition,
    /// The condition field that names the channel.
    pub condition_key: String,
    /// That channel.
    pub broadcaster_id: i64,
    /// Delivery target.
    pub target: Target,
    /// Status (see [`status`]).
    pub status: String,
    /// Cost against the app's limit.
    pub cost: i64,
    /// Unix ms.
    pub created_at: i64,
}

impl Sub {
    /// The wire object (never with the secret).
    pub fn wire(&self) -> EventSubSubscription {
        let transport = match &self.target {
            Target::Webhook { callback, .. } => {
                Transport { method: "webhook".into(), callback: Some(callback.clone()), ..Default::default() }
            }
            Target::WebSocket { session_id } => Transport {
                method: "websocket".into(),
                session_id: Some(session_id.clone()),
                connected_at: Some(rfc3339(self.created_at)),
                ..Default::default()
            },
        };
        EventSubSubscription {
            id: self.id.clone(),
            status: self.status.clone(),
            kind: self.kind.clone(),
            version: self.version.clone(),
            condition: self.condition.clone(),
            transport,
            created_at: rfc3339(self.created_at),
            cost: self.cost,
        }
    }

    fn is_webhook(&self) -> bool {
        matches!(self.target, Target::Webhook { .. })
    }
}

/// The columns [`EventSub::sub_from_row`] reads.
pub const SUB_COLUMNS: &str = "id, client_id, user_id, type, version, condition, condition_key, broadcaster_id, method, callback, secret_sealed, session_id, status, cost, created_at";

/// Subscriptions in memory: all of them by id, and the enabled ones by what they match.
#[derive(Default)]
struct Cache {
    by_id: HashMap<String, Arc<Sub>>,
    by_match: HashMap<(String, String, i64), Vec<Arc<Sub>>>,
}

impl Cache {
    fn put(&mut self, sub: Arc<Sub>) {
        self.remove(&sub.id);
        if sub.status == status::ENABLED {
            self.by_match
                .entry((sub.kind.clone(), sub.condition_key.clone(), sub.broadcaster_id))
                .or_default()
                .push(sub.clone());
        }
        self.by_id.insert(sub.id.clone(), sub);
    }

    fn remove(&mut self, id: &str) -> Option<Arc<Sub>> {
        let old = self.by_id.remove(id)?;
        let key = (old.kind.clone(), old.condition_key.clone(), old.broadcaster_id);
        if let Some(list) = self.by_match.get_mut(&key) {
            list.retain(|s| s.id != id);
            if list.is_empty() {
                self.by_match.remove(&key);
            }
        }
        Some(old)
    }
}

/// The EventSub capability. One per process; cheap to share.
pub struct EventSub {
    db: Db,
    sealer: Sealer,
    /// Delivery settings.
    pub config: WebhookConfig,
    cache: RwLock<Cache>,
    /// Webhook delivery (workers, poller, verification).
    pub delivery: delivery::Delivery,
    /// Event WebSocket sessions on this node.
    pub sockets: ws::Hub,
    /// Base URL for `reconnect_url`.
    public_url: String,
    /// The other nodes: frames for sessions held elsewhere, subscription changes.
    cluster: Arc<crate::cluster::Cluster>,
    /// Self, for tasks spawned from `&self` methods.
    me: std::sync::Weak<EventSub>,
}

impl EventSub {
    /// Load subscriptions and start consuming the bus, the retry poller and
    /// any verification left pending by a previous run.
    pub async fn start(
        db: Db,
        sealer: Sealer,
        bus: Bus,
        config: WebhookConfig,
        public_url: String,
        cluster: Arc<crate::cluster::Cluster>,
    ) -> Result<Arc<Self>, sqlx::Error> {
        let es = Arc::new_cyclic(|me| Self {
            me: me.clone(),
            delivery: delivery::Delivery::new(config),
            db,
            sealer,
            config,
            cache: RwLock::new(Cache::default()),
            sockets: ws::Hub::new(cluster.clone()),
            public_url,
            cluster,
        });
        es.reload().await?;
        es.delivery.spawn_clearer(es.db.clone());
        bus.set_outbox(Arc::downgrade(&es) as std::sync::Weak<dyn Outbox>);
        let rx = bus.subscribe();
        tokio::spawn(es.clone().consume(rx));
        tokio::spawn(delivery::poll(es.clone()));
        for sub in es.all().into_iter().filter(|s| s.status == status::PENDING) {
            tokio::spawn(delivery::verify(es.clone(), sub));
        }
        tokio::spawn(ws::expire_orphans(es.clone()));
        if es.cluster.is_shared() {
            tokio::spawn(listen(Arc::downgrade(&es)));
            tokio::spawn(ws::keep_sessions(Arc::downgrade(&es)));
        }
        Ok(es)
    }

    /// A strong handle to self for spawned tasks.
    pub fn handle(&self) -> Option<Arc<EventSub>> {
        self.me.upgrade()
    }

    /// The database.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Read every subscription from the database into memory (other nodes may have changed them).
    pub async fn reload(&self) -> Result<(), sqlx::Error> {
        let rows =
            sqlx::query(&format!("SELECT {SUB_COLUMNS} FROM eventsub_subscriptions")).fetch_all(&self.db.pool).await?;
        let mut cache = Cache::default();
        for r in &rows {
            match self.sub_from_row(r) {
                Ok(s) => cache.put(Arc::new(s)),
                Err(e) => tracing::error!(error = %e, "unreadable subscription row"),
            }
        }
        *self.cache.write().unwrap_or_else(|p| p.into_inner()) = cache;
        Ok(())
    }

    /// Build a [`Sub`] from a row selected with [`SUB_COLUMNS`].
    pub fn sub_from_row(&self, r: &AnyRow) -> Result<Sub, sqlx::Error> {
        use sqlx::Row as _;
        let decode = |e: String| sqlx::Error::Decode(e.into());
        let condition: Condition = serde_json::from_str(&text(r, "condition")?).map_err(|e| decode(e.to_string()))?;
        let target = match text(r, "method")?.as_str() {
            "webhook" => {
                let sealed: String = r.try_get("secret_sealed")?;
                Target::Webhook {
                    callback: r.try_get("callback")?,
                    secret: self.sealer.open(&sealed).map_err(|e| decode(e.to_string()))?,
                }
            }
            _ => Target::WebSocket { session_id: r.try_get("session_id")? },
        };
        Ok(Sub {
            id: text(r, "id")?,
            client_id: text(r, "client_id")?,
            user_id: int(r, "user_id")?,
            kind: text(r, "type")?,
            version: text(r, "version")?,
            condition,
            condition_key: text(r, "condition_key")?,
            broadcaster_id: int(r, "broadcaster_id")?,
            target,
            status: text(r, "status")?,
            cost: int(r, "cost")?,
            created_at: int(r, "created_at")?,
        })
    }

    /// One subscription, any status.
    pub fn get(&self, id: &str) -> Option<Arc<Sub>> {
        self.cache.read().unwrap_or_else(|p| p.into_inner()).by_id.get(id).cloned()
    }

    /// Every subscription in memory.
    pub fn all(&self) -> Vec<Arc<Sub>> {
        self.cache.read().unwrap_or_else(|p| p.into_inner()).by_id.values().cloned().collect()
    }

    /// Put a new or changed subscription (just written to the database) in
    /// memory, and tell the other nodes to re-read it.
    pub fn remember(&self, sub: Sub) -> Arc<Sub> {
        let sub = Arc::new(sub);
        self.cache.write().unwrap_or_else(|p| p.into_inner()).put(sub.clone());
        self.tell_nodes(&Across::Sub { id: sub.id.clone() });
        sub
    }

    /// Drop a subscription (just deleted) from memory, here and on the other nodes.
    pub fn forget(&self, id: &str) -> Option<Arc<Sub>> {
        self.tell_nodes(&Across::Sub { id: id.to_string() });
        self.cache.write().unwrap_or_else(|p| p.into_inner()).remove(id)
    }

    fn tell_nodes(&self, msg: &Across) {
        if self.cluster.is_shared() {
            if let Ok(json) = serde_json::to_string(msg) {
                self.cluster.publish(TOPIC, json);
            }
        }
    }

    /// A frame for a session this node does not hold: to the node that
    /// holds it, or, while its client is reconnecting after a graceful
    /// goodbye, kept in Redis for whichever node it comes back to.
    async fn send_elsewhere(&self, session_id: &str, msg: &Across) {
        let Ok(json) = serde_json::to_string(msg) else { return };
        if self.sockets.is_reconnecting(session_id).await {
            let key = ws::pending_key(session_id);
            let mut pipe = redis::pipe();
            pipe.cmd("RPUSH").arg(&key).arg(&json).ignore().cmd("EXPIRE").arg(&key).arg(60).ignore();
            if self.cluster.pipe::<()>(&pipe).await.is_some() {
                return;
            }
        }
        self.cluster.publish(TOPIC, json);
    }

    /// Frames kept for `session_id` while it was reconnecting, now that it is back here.
    pub(crate) async fn take_pending(&self, session_id: &str) {
        let key = ws::pending_key(session_id);
        let mut pipe = redis::pipe();
        pipe.cmd("LRANGE").arg(&key).arg(0).arg(-1).cmd("DEL").arg(&key).ignore();
        let Some((frames,)) = self.cluster.pipe::<(Vec<String>,)>(&pipe).await else { return };
        for f in frames {
            if let Ok(Across::Frame { sub, event }) = serde_json::from_str::<Across>(&f) {
                let sub = match self.get(&sub) {
                    Some(s) => Some(s),
                    None => self.refresh(&sub).await.unwrap_or(None),
                };
                if let Some(s) = sub {
                    self.sockets.notify(&s, &event);
                }
            }
        }
    }

    /// Re-read one subscription another node changed.
    async fn refresh(&self, id: &str) -> Result<Option<Arc<Sub>>, sqlx::Error> {
        let row = sqlx::query(&format!("SELECT {SUB_COLUMNS} FROM eventsub_subscriptions WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.db.pool)
            .await?;
        let mut cache = self.cache.write().unwrap_or_else(|p| p.into_inner());
        match row {
            Some(r) => {
                let sub = Arc::new(self.sub_from_row(&r)?);
                cache.put(sub.clone());
                Ok(Some(sub))
            }
            None => {
                cache.remove(id);
                Ok(None)
            }
        }
    }

    /// Change a subscription's status in the database and in memory.
    pub async fn set_status(&self, id: &str, new_status: &str) -> Result<Option<Arc<Sub>>, sqlx::Error> {
        sqlx::query("UPDATE eventsub_subscriptions SET status = $1 WHERE id = $2")
            .bind(new_status)
            .bind(id)
            .execute(&self.db.pool)
            .await?;
        Ok(self.get(id).map(|old| self.remember(Sub { status: new_status.to_string(), ..(*old).clone() })))
    }

    /// Enabled subscriptions that `event` matches.
    fn matching(&self, event: &Event) -> Vec<Arc<Sub>> {
        let cache = self.cache.read().unwrap_or_else(|p| p.into_inner());
        let mut out = Vec::new();
        for (key, id) in event.condition_keys() {
            let Ok(id) = id.parse::<i64>() else { continue };
            if let Some(list) = cache.by_match.get(&(event.kind().to_string(), key.to_string(), id)) {
                out.extend(list.iter().cloned());
            }
        }
        out
    }

    /// The bus consumer for events published without a [`crate::events::Change`]
    /// (chat messages): their outbox rows are stored here, after the fact.
    /// Events that queued up meanwhile are taken together, so a burst costs
    /// one database transaction instead of one per event.
    async fn consume(self: Arc<Self>, mut rx: broadcast::Receiver<crate::events::Published>) {
        loop {
            let mut batch = Vec::new();
            match rx.recv().await {
                Ok(p) => batch.push(p),
                Err(broadcast::error::RecvError::Lagged(n)) => {
                    tracing::error!(missed = n, "EventSub fell behind the event bus; those events were not delivered");
                    continue;
                }
                Err(broadcast::error::RecvError::Closed) => return,
            }
            while batch.len() < ROUTE_BATCH {
                match rx.try_recv() {
                    Ok(p) => batch.push(p),
                    Err(_) => break, // empty, lagged (reported on the next recv) or closed
                }
            }
            let events: Vec<&Event> = batch.iter().filter(|p| !p.staged).map(|p| &p.event).collect();
            self.route(&events).await;
        }
    }

    /// What `events` owe: outbox jobs for webhooks, frames for event sockets.
    fn plan(&self, events: &[&Event]) -> (Vec<delivery::Job>, Vec<(Arc<Sub>, serde_json::Value)>) {
        let (mut jobs, mut frames) = (Vec::new(), Vec::new());
        for event in events {
            let subs = self.matching(event);
            if subs.is_empty() {
                continue;
            }
            let payload = event.payload();
            let (hooks, sockets): (Vec<_>, Vec<_>) = subs.into_iter().partition(|s| s.is_webhook());
            jobs.extend(delivery::Job::notifications(&hooks, &payload));
            frames.extend(sockets.into_iter().map(|s| (s, payload.clone())));
        }
        (jobs, frames)
    }

    /// Hand stored jobs to their workers and write socket frames (to the
    /// node holding the session, when it is not this one).
    fn deliver(&self, jobs: Vec<delivery::Job>, frames: Vec<(Arc<Sub>, serde_json::Value)>) {
        for (s, payload) in frames {
            match &s.target {
                Target::WebSocket { session_id } if !self.sockets.is_live(session_id) => {
                    if let Some(es) = self.handle().filter(|_| self.cluster.is_shared()) {
                        let (session_id, msg) =
                            (session_id.clone(), Across::Frame { sub: s.id.clone(), event: payload });
                        tokio::spawn(async move { es.send_elsewhere(&session_id, &msg).await });
                    }
                }
                _ => self.sockets.notify(&s, &payload),
            }
        }
        for job in jobs {
            self.delivery.dispatch(self, job);
        }
    }

    /// Deliver events that were published without a transaction of their own.
    pub async fn route(&self, events: &[&Event]) {
        let (jobs, frames) = self.plan(events);
        if !jobs.is_empty() {
            if let Err(e) = delivery::store(&self.db, &jobs, self.delivery.lease_until()).await {
                // Still deliver from memory; only a crash before delivery loses these.
                tracing::error!(error = %e, n = jobs.len(), "could not store webhook deliveries");
            }
        }
        self.deliver(jobs, frames);
    }

    /// The URL a client reconnects to for `session_id`.
    pub fn reconnect_url(&self, session_id: &str) -> String {
        let ws_base = self.public_url.replacen("https://", "wss://", 1).replacen("http://", "ws://", 1);
        format!("{ws_base}/eventsub/ws?session_id={session_id}")
    }
}

/// The cluster topic of this capability.
const TOPIC: &str = "eventsub";

/// What crosses between nodes.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
enum Across {
    /// A notification for a socket session, for whichever node holds it.
    Frame {
        /// The subscription.
        sub: String,
        /// The event.
        event: serde_json::Value,
    },
    /// A subscription was made, changed or deleted: re-read it.
    Sub {
        /// Its id.
        id: String,
    },
}

/// Other nodes' frames and subscription changes.
async fn listen(es: std::sync::Weak<EventSub>) {
    let Some(mut rx) = es.upgrade().map(|e| e.cluster.subscribe(TOPIC)) else { return };
    loop {
        let msg = match rx.recv().await {
            Ok(m) => m,
            Err(broadcast::error::RecvError::Lagged(n)) => {
                tracing::error!(missed = n, "fell behind other nodes' event frames; those were not delivered");
                continue;
            }
            Err(broadcast::error::RecvError::Closed) => return,
        };
        let Some(es) = es.upgrade() else { return };
        match serde_json::from_str::<Across>(&msg.payload) {
            Ok(Across::Frame { sub, event }) => {
                let sub = match es.get(&sub) {
                    Some(s) => Some(s),
                    None => es.refresh(&sub).await.unwrap_or(None),
                };
                if let Some(s) = sub.filter(|s| s.status == status::ENABLED) {
                    es.sockets.notify(&s, &event);
                }
            }
            Ok(Across::Sub { id }) => match es.refresh(&id).await {
                Ok(Some(s)) => {
                    if let Target::WebSocket { session_id } = &s.target {
                        es.sockets.mark_used(session_id);
                    }
                }
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e, "could not re-read a subscription another node changed"),
            },
            Err(e) => tracing::warn!(error = %e, "unreadable eventsub message from another node"),
        }
    }
}

impl Outbox for EventSub {
    fn stage<'a>(
        &'a self,
        conn: &'a mut sqlx::AnyConnection,
        events: &'a [Event],
    ) -> BoxFuture<'a, Result<AfterCommit, sqlx::Error>> {
        Box::pin(async move {
            let events: Vec<&Event> = events.iter().collect();
            let (jobs, frames) = self.plan(&events);
            if !jobs.is_empty() {
                delivery::store_in(conn, &jobs, self.delivery.lease_until()).await?;
            }
            let me = self.handle();
            let after: AfterCommit = Box::new(move || {
                if let Some(es) = me {
                    es.deliver(jobs, frames);
                }
            });
            Ok(after)
        })
    }
}

/// The user's EventSub subscriptions (made by them or about their channel;
/// webhook secrets stay out), for their data export.
pub async fn export_user(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Vec<crate::store::Export>, sqlx::Error> {
    Ok(vec![
        crate::store::export_rows(
            conn,
            "eventsub_subscriptions",
            "SELECT id, client_id, type, version, condition, method, callback, status, created_at
         FROM eventsub_subscriptions WHERE user_id = $1 OR broadcaster_id = $1",
            id,
        )
        .await?,
    ])
}

/// Remove the subscriptions the user made or that watch their channel (and
/// their undelivered events); events still owed to others that name the user
/// are rewritten to name `pseudonym` and no id. Call [`EventSub::reload`] after the commit.
pub async fn erase_user(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    login: &str,
    pseudonym: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "DELETE FROM eventsub_outbox WHERE subscription_id IN
         (SELECT id FROM eventsub_subscriptions WHERE user_id = $1 OR broadcaster_id = $1)",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM eventsub_subscriptions WHERE user_id = $1 OR broadcaster_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    // Bodies are JSON: the login and the id appear as whole JSON strings.
    let (login_json, id_json) = (format!("\"{login}\""), format!("\"{id}\""));
    sqlx::query(
        "UPDATE eventsub_outbox SET body = REPLACE(REPLACE(body, $1, $2), $3, '\"\"')
         WHERE body LIKE $4 OR body LIKE $5",
    )
    .bind(&login_json)
    .bind(format!("\"{pseudonym}\""))
    .bind(&id_json)
    .bind(format!("%{login_json}%"))
    .bind(format!("%{id_json}%"))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Deliveries waiting in the outbox (webhook and socket health on the operator's dashboard).
pub async fn backlog(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM eventsub_outbox").fetch_one(&db.pool).await
}
