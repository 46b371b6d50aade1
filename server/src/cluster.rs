//! Several nodes as one platform. Owns no table: this node's id and address,
//! and its link to the Redis that every node shares (`AETHEX_REDIS_URL`).
//!
//! Capabilities reach other nodes only through this module: [`Cluster::publish`]
//! and [`Cluster::subscribe`] carry messages on named topics (another node's
//! message arrives once on every other node, never back on its sender), and
//! [`Cluster::conn`] hands out the shared connection for state kept in Redis
//! (rate-limit buckets, the live-stream directory, event socket liveness).
//!
//! Without Redis (one node) every call is a cheap no-op: `conn` is `None`,
//! publishing does nothing and subscribers never hear anything. While Redis
//! is down the same holds: callers fall back to what their node knows alone,
//! and the link retries at most once a second, never blocking a request for
//! longer than [`CONNECT_TIMEOUT`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::StreamExt as _;
use tokio::sync::{broadcast, mpsc};

/// Messages waiting to be published; beyond this, new ones are dropped (logged).
const PUBLISH_QUEUE: usize = 8192;
/// Messages a slow local subscriber of one topic may fall behind.
const TOPIC_BUFFER: usize = 4096;
/// The longest a request waits for a connection to Redis.
pub const CONNECT_TIMEOUT: Duration = Duration::from_millis(500);
/// The longest a command waits for Redis's answer.
pub const COMMAND_TIMEOUT: Duration = Duration::from_millis(500);
/// Every key and channel this platform uses starts with this.
pub const PREFIX: &str = "aethex:";

/// A message from another node on a topic.
#[derive(Debug, Clone)]
pub struct Remote {
    /// The sending node's id.
    pub node: String,
    /// What it sent (each topic's owner defines the format; JSON so far).
    pub payload: String,
}

/// This node and its link to the others.
pub struct Cluster {
    node: String,
    url: Option<String>,
    client: Option<redis::Client>,
    conn: Mutex<Option<redis::aio::MultiplexedConnection>>,
    last_attempt: Mutex<Option<Instant>>,
    connecting: tokio::sync::Mutex<()>,
    out: Option<mpsc::Sender<(String, String)>>,
    topics: Mutex<HashMap<String, broadcast::Sender<Arc<Remote>>>>,
    draining: std::sync::atomic::AtomicBool,
}

impl std::fmt::Debug for Cluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cluster").field("node", &self.node).field("redis", &self.client.is_some()).finish()
    }
}

impl Cluster {
    /// A node alone: nothing crosses to other nodes.
    pub fn single() -> Arc<Self> {
        Arc::new(Self {
            node: crate::crypto::uuid(),
            url: None,
            client: None,
            conn: Mutex::new(None),
            last_attempt: Mutex::new(None),
            connecting: tokio::sync::Mutex::new(()),
            out: None,
            topics: Mutex::default(),
            draining: false.into(),
        })
    }

    /// Join the nodes sharing the Redis at `redis_url`; `node_url` is how
    /// other nodes reach this one's HTTP (proxied HLS). The link to Redis
    /// is made lazily and re-made after failures.
    pub fn connect(redis_url: &str, node_url: Option<String>) -> Result<Arc<Self>, redis::RedisError> {
        let client = redis::Client::open(redis_url)?;
        let (tx, rx) = mpsc::channel(PUBLISH_QUEUE);
        let cluster = Arc::new(Self {
            node: crate::crypto::uuid(),
            url: node_url,
            client: Some(client),
            conn: Mutex::new(None),
            last_attempt: Mutex::new(None),
            connecting: tokio::sync::Mutex::new(()),
            out: Some(tx),
            topics: Mutex::default(),
            draining: false.into(),
        });
        tokio::spawn(publisher(Arc::downgrade(&cluster), rx));
        tokio::spawn(subscriber(Arc::downgrade(&cluster)));
        Ok(cluster)
    }

    /// This process's id among the nodes (new at every start).
    pub fn node(&self) -> &str {
        &self.node
    }

    /// The base URL other nodes use to reach this node's HTTP, if set.
    pub fn node_url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// This node was told to stop: `/readyz` says so, so the load balancer
    /// sends new requests elsewhere.
    pub fn start_draining(&self) {
        self.draining.store(true, std::sync::atomic::Ordering::Release);
    }

    /// Whether this node is draining.
    pub fn is_draining(&self) -> bool {
        self.draining.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Whether other nodes may exist (Redis is configured).
    pub fn is_shared(&self) -> bool {
        self.client.is_some()
    }

    /// The shared connection to Redis, or `None` (no Redis, or it is down:
    /// the caller decides alone). Clones are cheap and pipeline.
    pub async fn conn(&self) -> Option<redis::aio::MultiplexedConnection> {
        let client = self.client.as_ref()?;
        if let Some(c) = self.conn.lock().unwrap_or_else(|p| p.into_inner()).clone() {
            return Some(c);
        }
        // One connect at a time; the others take its result or give up.
        let _one = tokio::time::timeout(CONNECT_TIMEOUT, self.connecting.lock()).await.ok()?;
        if let Some(c) = self.conn.lock().unwrap_or_else(|p| p.into_inner()).clone() {
            return Some(c);
        }
        {
            let mut last = self.last_attempt.lock().unwrap_or_else(|p| p.into_inner());
            if last.is_some_and(|t| t.elapsed() < Duration::from_secs(1)) {
                return None;
            }
            *last = Some(Instant::now());
        }
        match tokio::time::timeout(CONNECT_TIMEOUT, client.get_multiplexed_async_connection()).await {
            Ok(Ok(c)) => {
                tracing::info!("connected to redis");
                *self.conn.lock().unwrap_or_else(|p| p.into_inner()) = Some(c.clone());
                Some(c)
            }
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "redis unreachable: this node decides alone until it returns");
                None
            }
            Err(_) => {
                tracing::warn!("redis did not answer: this node decides alone until it returns");
                None
            }
        }
    }

    /// Run `cmd` on the shared connection with [`COMMAND_TIMEOUT`]; `None`
    /// when there is no Redis or it failed (a failure drops the connection
    /// so the next call makes a new one).
    pub async fn query<T: redis::FromRedisValue>(&self, cmd: &redis::Cmd) -> Option<T> {
        self.exec(|mut c| async move { cmd.query_async::<T>(&mut c).await }).await
    }

    /// Run a pipeline; see [`Cluster::query`].
    pub async fn pipe<T: redis::FromRedisValue>(&self, pipe: &redis::Pipeline) -> Option<T> {
        self.exec(|mut c| async move { pipe.query_async::<T>(&mut c).await }).await
    }

    /// Run a Lua script; see [`Cluster::query`].
    pub async fn script<T: redis::FromRedisValue>(&self, inv: &redis::ScriptInvocation<'_>) -> Option<T> {
        self.exec(|mut c| async move { inv.invoke_async::<T>(&mut c).await }).await
    }

    /// One exchange on the shared connection, bounded by [`COMMAND_TIMEOUT`].
    async fn exec<T, F>(&self, send: impl FnOnce(redis::aio::MultiplexedConnection) -> F) -> Option<T>
    where
        F: std::future::Future<Output = redis::RedisResult<T>>,
    {
        let c = self.conn().await?;
        match tokio::time::timeout(COMMAND_TIMEOUT, send(c)).await {
            Ok(Ok(v)) => Some(v),
            Ok(Err(e)) => {
                self.failed(&e);
                None
            }
            Err(_) => {
                tracing::warn!("redis command timed out");
                self.drop_conn();
                None
            }
        }
    }

    fn failed(&self, e: &redis::RedisError) {
        // A wrong answer (a type error in our own command) keeps the link.
        if e.is_io_error() || e.is_connection_dropped() || e.is_timeout() || e.is_connection_refusal() {
            tracing::warn!(error = %e, "lost redis");
            self.drop_conn();
        } else {
            tracing::error!(error = %e, "redis refused a command");
        }
    }

    fn drop_conn(&self) {
        *self.conn.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// Send `payload` on `topic` to every other node (never waits; dropped
    /// without Redis, or when the queue is full).
    pub fn publish(&self, topic: &str, payload: String) {
        if let Some(out) = &self.out {
            if out.try_send((topic.to_string(), payload)).is_err() {
                tracing::warn!(topic, "cluster publish queue full; a message stays on this node");
            }
        }
    }

    /// Other nodes' messages on `topic`, from now on.
    pub fn subscribe(&self, topic: &str) -> broadcast::Receiver<Arc<Remote>> {
        let mut topics = self.topics.lock().unwrap_or_else(|p| p.into_inner());
        topics.entry(topic.to_string()).or_insert_with(|| broadcast::channel(TOPIC_BUFFER).0).subscribe()
    }

    fn deliver(&self, topic: &str, remote: Remote) {
        let topics = self.topics.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(tx) = topics.get(topic) {
            let _ = tx.send(Arc::new(remote));
        }
    }
}

/// The wire form of a topic message: the sender's node id, a newline, the payload.
fn channel_of(topic: &str) -> String {
    format!("{PREFIX}topic:{topic}")
}

async fn publisher(cluster: std::sync::Weak<Cluster>, mut rx: mpsc::Receiver<(String, String)>) {
    while let Some((topic, payload)) = rx.recv().await {
        let Some(c) = cluster.upgrade() else { return };
        let msg = format!("{}\n{payload}", c.node);
        let sent: Option<i64> = c.query(redis::cmd("PUBLISH").arg(channel_of(&topic)).arg(msg)).await;
        if sent.is_none() {
            tracing::debug!(topic, "a cluster message was not published (redis unavailable)");
        }
    }
}

async fn subscriber(cluster: std::sync::Weak<Cluster>) {
    let mut backoff = Duration::from_millis(100);
    let mut was_down = false;
    loop {
        let Some(client) = cluster.upgrade().and_then(|c| c.client.clone()) else { return };
        match client.get_async_pubsub().await {
            Ok(mut pubsub) => {
                if pubsub.psubscribe(format!("{PREFIX}topic:*")).await.is_ok() {
                    if was_down {
                        tracing::info!("redis is back: this node hears the others again");
                    }
                    backoff = Duration::from_millis(100);
                    let mut stream = pubsub.on_message();
                    while let Some(msg) = stream.next().await {
                        let Some(c) = cluster.upgrade() else { return };
                        let Ok(body) = msg.get_payload::<String>() else { continue };
                        let Some(topic) = msg.get_channel_name().strip_prefix(&format!("{PREFIX}topic:")) else {
                            continue;
                        };
                        let Some((node, payload)) = body.split_once('\n') else { continue };
                        if node != c.node {
                            c.deliver(topic, Remote { node: node.to_string(), payload: payload.to_string() });
                        }
                    }
                }
            }
            Err(e) => {
                if !was_down {
                    tracing::warn!(error = %e, "redis unavailable: this node hears no other until it returns");
                    was_down = true;
                }
            }
        }
        if !was_down {
            tracing::warn!("lost redis: this node hears no other until it returns");
        }
        was_down = true;
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_secs(2));
    }
}
