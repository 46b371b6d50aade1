//! Reads from a PostgreSQL streaming replica (`AETHEX_DATABASE_REPLICA_URL`).
//!
//! Only the read paths that opt in (through [`super::Db::reader`]) go to the
//! replica; everything that writes, and every read inside a transaction,
//! stays on the primary. A probe asks the replica how far it has replayed
//! the primary's write-ahead log ten times a second. A read goes to the
//! replica only when the probe answered lately and the replica has replayed
//! at least the request's floor: the log position of its caller's last
//! write ([`scope`], set by `http::consistency` from what any node recorded
//! in Redis), so a caller always reads their own writes, whichever node
//! they write and read through. When the replica is down or behind, reads
//! go to the primary.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::AnyPool;

/// How often the replica's replay position is probed.
const PROBE_EVERY: Duration = Duration::from_millis(100);
/// A probe that takes longer counts as the replica being down.
const PROBE_TIMEOUT: Duration = Duration::from_millis(500);

tokio::task_local! {
    /// The write-ahead log position this request must see (its caller's last write).
    static FLOOR: u64;
}

/// Run `f` with reads that must see the log up to `floor`.
pub async fn scope<F: std::future::Future>(floor: u64, f: F) -> F::Output {
    FLOOR.scope(floor, f).await
}

/// This request's floor: nonzero when its caller wrote lately (then caches
/// must not answer it either).
pub fn floor() -> u64 {
    FLOOR.try_with(|f| *f).unwrap_or(0)
}

/// A PostgreSQL log sequence number (`16/B374D848`) as one integer.
pub fn parse_lsn(text: &str) -> Option<u64> {
    let (hi, lo) = text.trim().split_once('/')?;
    Some((u64::from_str_radix(hi, 16).ok()? << 32) | u64::from_str_radix(lo, 16).ok()?)
}

/// The replica and what the probe last saw of it.
#[derive(Debug)]
pub struct Replica {
    pool: AnyPool,
    up: AtomicBool,
    replayed: AtomicU64,
    /// Reads served by the replica, and those it could have served but the
    /// primary took (down or behind the floor).
    served: AtomicU64,
    declined: AtomicU64,
}

impl Replica {
    /// Connect lazily to the replica at `url` and start probing it.
    pub fn open(url: &str) -> Result<Arc<Self>, sqlx::Error> {
        let pool =
            AnyPoolOptions::new().max_connections(16).acquire_timeout(Duration::from_secs(1)).connect_lazy(url)?;
        let replica =
            Arc::new(Self { pool, up: false.into(), replayed: 0.into(), served: 0.into(), declined: 0.into() });
        tokio::spawn(probe(Arc::downgrade(&replica)));
        Ok(replica)
    }

    /// The pool to read from for this request.
    pub fn choose<'a>(&'a self, primary: &'a AnyPool) -> &'a AnyPool {
        let floor = floor();
        if self.up.load(Ordering::Acquire) && self.replayed.load(Ordering::Acquire) >= floor {
            self.served.fetch_add(1, Ordering::Relaxed);
            &self.pool
        } else {
            self.declined.fetch_add(1, Ordering::Relaxed);
            primary
        }
    }

    /// A read the replica failed was repeated on the primary.
    pub fn fell_back(&self) {
        self.served.fetch_sub(1, Ordering::Relaxed);
        self.declined.fetch_add(1, Ordering::Relaxed);
    }

    /// Whether the last probe reached the replica.
    pub fn is_up(&self) -> bool {
        self.up.load(Ordering::Acquire)
    }

    /// (reads the replica served, reads sent to the primary instead).
    pub fn counts(&self) -> (u64, u64) {
        (self.served.load(Ordering::Relaxed), self.declined.load(Ordering::Relaxed))
    }
}

async fn probe(replica: std::sync::Weak<Replica>) {
    let mut was_up = None;
    loop {
        let Some(r) = replica.upgrade() else { return };
        let seen = tokio::time::timeout(
            PROBE_TIMEOUT,
            sqlx::query_scalar::<_, Option<String>>("SELECT pg_last_wal_replay_lsn()::text").fetch_one(&r.pool),
        )
        .await;
        let lsn = match seen {
            Ok(Ok(Some(text))) => parse_lsn(&text),
            // NULL: not a standby (a primary was named as the replica).
            Ok(Ok(None)) => None,
            Ok(Err(e)) => {
                if was_up != Some(false) {
                    tracing::warn!(error = %e, "database replica unreachable: reads go to the primary");
                }
                None
            }
            Err(_) => None,
        };
        let up = lsn.is_some();
        if let Some(l) = lsn {
            r.replayed.store(l, Ordering::Release);
        }
        r.up.store(up, Ordering::Release);
        if up && was_up != Some(true) {
            tracing::info!("database replica reachable: reads go to it");
        }
        was_up = Some(up);
        drop(r);
        tokio::time::sleep(PROBE_EVERY).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lsns_compare_as_positions() {
        assert_eq!(parse_lsn("0/0"), Some(0));
        assert_eq!(parse_lsn("16/B374D848"), Some((0x16 << 32) | 0xB374D848));
        assert!(parse_lsn("1/0") > parse_lsn("0/FFFFFFFF"));
        assert_eq!(parse_lsn("nonsense"), None);
        assert_eq!(parse_lsn("G/0"), None);
    }
}
