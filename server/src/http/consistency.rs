//! Read-your-writes when reads may go to a replica (`store::replica`).
//!
//! After an API request that writes succeeds, the primary's log position is
//! recorded for its caller (the user, else the app, else the client's
//! address) in this node's memory and, with other nodes, in Redis for a
//! minute. A later read by the same caller, through any node, runs with that
//! position as its floor: the replica serves it only once it has replayed
//! that far, and caches (a channel's row) do not answer it. Without a
//! replica the floor is 1 after any write; alone and without a replica
//! this layer does nothing.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::Request;
use axum::http::Method;
use axum::response::Response;

use crate::auth::Caller;
use crate::cluster::Cluster;
use crate::store::Db;

/// How long a write holds its caller's reads to the primary's position.
const REMEMBER: Duration = Duration::from_secs(60);
/// Callers remembered on one node before old ones are dropped.
const MAX_LOCAL: usize = 100_000;

/// Who wrote what, lately.
pub struct Tracker {
    db: Db,
    cluster: Arc<Cluster>,
    proxies: Vec<std::net::IpAddr>,
    local: Mutex<HashMap<String, (u64, Instant)>>,
}

impl Tracker {
    /// A tracker for `db`'s replica, shared with the other nodes through `cluster`.
    pub fn new(db: Db, cluster: Arc<Cluster>, proxies: Vec<std::net::IpAddr>) -> Arc<Self> {
        Arc::new(Self { db, cluster, proxies, local: Mutex::default() })
    }

    fn key(&self, req: &Request, peer: SocketAddr) -> String {
        match req.extensions().get::<Caller>().and_then(|c| c.0.as_ref()) {
            Some(p) => match p.user_id {
                Some(u) => format!("u:{u}"),
                None => format!("c:{}", p.client_id),
            },
            None => format!("ip:{}", crate::http::client_ip(peer.ip(), req.headers(), &self.proxies)),
        }
    }

    async fn floor(&self, key: &str) -> u64 {
        let here = {
            let local = self.local.lock().unwrap_or_else(|p| p.into_inner());
            local.get(key).filter(|(_, at)| at.elapsed() < REMEMBER).map_or(0, |(lsn, _)| *lsn)
        };
        let shared: Option<Option<u64>> = self.cluster.query(redis::cmd("GET").arg(redis_key(key))).await;
        here.max(shared.flatten().unwrap_or(0))
    }

    async fn wrote(&self, key: &str, lsn: u64) {
        {
            let mut local = self.local.lock().unwrap_or_else(|p| p.into_inner());
            if local.len() >= MAX_LOCAL {
                local.retain(|_, (_, at)| at.elapsed() < REMEMBER);
            }
            local.insert(key.to_string(), (lsn, Instant::now()));
        }
        let cmd = redis::cmd("SET").arg(redis_key(key)).arg(lsn).arg("EX").arg(REMEMBER.as_secs()).clone();
        let _: Option<redis::Value> = self.cluster.query(&cmd).await;
    }
}

fn redis_key(caller: &str) -> String {
    format!("{}lsn:{caller}", crate::cluster::PREFIX)
}

/// Around `next`, inside the rate-limit gate, which names the caller (both in [`super::api`]).
pub async fn around<F: std::future::Future<Output = Response>>(
    t: &Tracker,
    peer: SocketAddr,
    req: Request,
    next: impl FnOnce(Request) -> F,
) -> Response {
    if t.db.replica().is_none() && !t.cluster.is_shared() {
        return next(req).await;
    }
    let key = t.key(&req, peer);
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        let floor = t.floor(&key).await;
        return crate::store::replica::scope(floor, next(req)).await;
    }
    let resp = next(req).await;
    if resp.status().is_success() || resp.status().is_redirection() {
        let lsn = t.db.write_position().await.unwrap_or(1);
        t.wrote(&key, lsn).await;
    }
    resp
}
