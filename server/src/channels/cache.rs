//! Hot channel rows, remembered for seconds: `GET /api/channels/{login}` is
//! the API's most asked read (players, bots, overlays poll it), and the
//! answer changes rarely.
//!
//! An entry is the answer itself: the envelope's JSON and its ETag, made
//! once, so a hit costs neither serialising nor hashing. It lives [`TTL`]. This capability's own writes (an update, a
//! playback-token switch) drop the login here at once and, with other
//! nodes, on the `channels` topic; going live or offline drops it through
//! the bus. A caller who just wrote (their request carries a read-your-writes
//! floor) is never answered from here, so they read their write on any node
//! even before the other nodes heard of it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aethex_sdk::Channel;

use crate::cluster::Cluster;
use crate::events::{Bus, Event};

/// How long a channel row is believed.
pub const TTL: Duration = Duration::from_secs(2);
const MAX: usize = 50_000;
const TOPIC: &str = "channels";

/// A channel's answer, ready to send.
#[derive(Clone)]
pub struct Answer {
    /// `{"data": [channel]}`.
    pub body: bytes::Bytes,
    /// Its strong ETag (as `http::cache` makes them).
    pub etag: String,
}

impl Answer {
    /// The answer for `channel`.
    pub fn of(channel: &Channel) -> Self {
        let body =
            bytes::Bytes::from(serde_json::to_vec(&aethex_sdk::Envelope::one(channel.clone())).unwrap_or_default());
        let etag = crate::http::cache::etag_of(&body);
        Self { body, etag }
    }
}

/// The cache of one server.
pub struct Channels {
    map: Mutex<HashMap<String, (Answer, Instant)>>,
    cluster: Arc<Cluster>,
}

impl Channels {
    /// An empty cache that follows the bus and, with other nodes, their drops.
    pub fn start(bus: &Bus, cluster: Arc<Cluster>) -> Arc<Self> {
        let me = Arc::new(Self { map: Mutex::default(), cluster });
        let rx = bus.subscribe();
        tokio::spawn(follow_bus(Arc::downgrade(&me), rx));
        if me.cluster.is_shared() {
            tokio::spawn(follow_nodes(Arc::downgrade(&me)));
        }
        me
    }

    /// The remembered answer, unless this request must see fresh rows.
    pub fn get(&self, login: &str) -> Option<Answer> {
        if crate::store::replica::floor() > 0 {
            return None;
        }
        let map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        map.get(login).filter(|(_, at)| at.elapsed() < TTL).map(|(c, _)| c.clone())
    }

    /// Remember `channel` as just read; its answer.
    pub fn put(&self, channel: &Channel) -> Answer {
        let answer = Answer::of(channel);
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= MAX {
            map.retain(|_, (_, at)| at.elapsed() < TTL);
        }
        map.insert(channel.login.clone(), (answer.clone(), Instant::now()));
        answer
    }

    /// `login` changed: forget it here and on the other nodes.
    pub fn changed(&self, login: &str) {
        self.forget(login);
        self.cluster.publish(TOPIC, login.to_string());
    }

    fn forget(&self, login: &str) {
        self.map.lock().unwrap_or_else(|p| p.into_inner()).remove(login);
    }
}

async fn follow_bus(
    cache: std::sync::Weak<Channels>,
    mut rx: tokio::sync::broadcast::Receiver<crate::events::Published>,
) {
    loop {
        let login = match rx.recv().await {
            Ok(p) => match p.event {
                Event::StreamOnline(e) => e.broadcaster_user_login,
                Event::StreamOffline(e) => e.broadcaster_user_login,
                Event::ChannelUpdate(e) => e.broadcaster_user_login,
                _ => continue,
            },
            // Missed events: forget everything rather than serve a stale row.
            Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                let Some(c) = cache.upgrade() else { return };
                c.map.lock().unwrap_or_else(|p| p.into_inner()).clear();
                continue;
            }
            Err(_) => return,
        };
        let Some(c) = cache.upgrade() else { return };
        c.changed(&login);
    }
}

async fn follow_nodes(cache: std::sync::Weak<Channels>) {
    let Some(mut rx) = cache.upgrade().map(|c| c.cluster.subscribe(TOPIC)) else { return };
    loop {
        match rx.recv().await {
            Ok(m) => {
                let Some(c) = cache.upgrade() else { return };
                c.forget(&m.payload);
            }
            Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                let Some(c) = cache.upgrade() else { return };
                c.map.lock().unwrap_or_else(|p| p.into_inner()).clear();
            }
            Err(_) => return,
        }
    }
}
