//! Validated access tokens, remembered for a few seconds so the API's hot
//! path does not ask the database who a token belongs to on every request.
//!
//! A remembered token is used until [`TTL`] passes, it expires, or a token
//! is revoked anywhere: a revocation in this process ([`revoked`]) empties
//! every cache here at once; with other nodes, it bumps a counter in Redis
//! that each node reads four times a second, emptying its cache when the
//! counter moved. So a revoked token stops working on its own node at once
//! and on the others within a quarter of a second (or [`TTL`], if Redis is
//! away). Unknown and bad tokens are never remembered.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{principal_for, Principal, TokenError};
use crate::cluster::Cluster;
use crate::store::Db;

/// How long a validated token is believed without asking again.
pub const TTL: Duration = Duration::from_secs(5);
/// Tokens remembered before the cache is emptied (memory stays bounded).
const MAX: usize = 100_000;
/// How often the nodes' revocation counter is read.
const POLL: Duration = Duration::from_millis(250);
const COUNTER: &str = "aethex:auth:revocations";

/// Revocations in this process; every cache compares it with its own view.
static REVOKED: AtomicU64 = AtomicU64::new(0);

/// A token was revoked (or deleted): no cache may answer for any token
/// validated before now.
pub fn revoked() {
    REVOKED.fetch_add(1, Ordering::AcqRel);
}

/// The cache of one server.
pub struct Principals {
    db: Db,
    map: Mutex<Cache>,
}

#[derive(Default)]
struct Cache {
    /// The revocation count the entries were validated under.
    seen: u64,
    /// The nodes' counter as last read.
    remote: Option<i64>,
    entries: HashMap<[u8; 32], (Principal, Instant)>,
}

impl Principals {
    /// A cache over `db`; with other nodes, kept in step through `cluster`.
    pub fn new(db: Db, cluster: Arc<Cluster>) -> Arc<Self> {
        let me = Arc::new(Self { db, map: Mutex::default() });
        if cluster.is_shared() {
            tokio::spawn(follow(Arc::downgrade(&me), cluster));
        }
        me
    }

    /// Who `token` belongs to: remembered, or asked of the database.
    pub async fn get(&self, token: &str) -> Result<Principal, TokenError> {
        let key = key(token);
        let now = REVOKED.load(Ordering::Acquire);
        {
            let mut c = self.map.lock().unwrap_or_else(|p| p.into_inner());
            if c.seen != now {
                c.entries.clear();
                c.seen = now;
            }
            if let Some((p, at)) = c.entries.get(&key) {
                if at.elapsed() < TTL && p.expires_at > crate::store::now_ms() {
                    return Ok(p.clone());
                }
            }
        }
        let p = principal_for(&self.db, token).await?;
        let mut c = self.map.lock().unwrap_or_else(|p| p.into_inner());
        // A revocation while we asked: the answer may be from before it.
        if c.seen == now && REVOKED.load(Ordering::Acquire) == now {
            if c.entries.len() >= MAX {
                c.entries.clear();
            }
            c.entries.insert(key, (p.clone(), Instant::now()));
        }
        Ok(p)
    }

    fn clear(&self) {
        self.map.lock().unwrap_or_else(|p| p.into_inner()).entries.clear();
    }
}

fn key(token: &str) -> [u8; 32] {
    use sha2::Digest as _;
    sha2::Sha256::digest(token.as_bytes()).into()
}

/// With other nodes: publish this process's revocations and follow theirs.
async fn follow(cache: std::sync::Weak<Principals>, cluster: Arc<Cluster>) {
    let mut published = REVOKED.load(Ordering::Acquire);
    let mut tick = tokio::time::interval(POLL);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let Some(cache) = cache.upgrade() else { return };
        let here = REVOKED.load(Ordering::Acquire);
        let counter: Option<i64> = if here != published {
            let n = cluster.query(redis::cmd("INCR").arg(COUNTER)).await;
            if n.is_some() {
                published = here;
            }
            n
        } else {
            cluster.query::<Option<i64>>(redis::cmd("GET").arg(COUNTER)).await.map(|v| v.unwrap_or(0))
        };
        let Some(counter) = counter else { continue };
        let changed = {
            let mut c = cache.map.lock().unwrap_or_else(|p| p.into_inner());
            let changed = c.remote.is_some_and(|r| r != counter);
            c.remote = Some(counter);
            changed
        };
        if changed {
            cache.clear();
        }
    }
}
