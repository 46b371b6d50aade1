//! The internal event bus: every capability publishes what happened here, and
//! consumers (EventSub, chat notices) subscribe. Events are the SDK's
//! [`Event`], so what leaves the server is what was published.
//!
//! A broadcast channel: publishing never blocks; a consumer that falls more
//! than [`CAPACITY`] events behind is told how many it missed.
//!
//! Durability: a change that owes events runs as a [`Change`], one database
//! transaction holding both the capability's own rows (a follow, a donation, a
//! stream session...) and the outbox rows the events owe, which the
//! registered [`Outbox`] (EventSub) writes just before commit. Either both
//! land or neither does, and the request that caused them fails with a 5xx.
//! Only events with no row behind them (chat messages, which live in memory)
//! go through [`Bus::publish`] alone; EventSub stores theirs after the fact,
//! so a crash in that moment can lose their webhook notifications.

use std::sync::{Arc, Mutex, OnceLock, Weak};

pub use aethex_sdk::Event;
use futures_util::future::BoxFuture;
use sqlx::AnyConnection;
use tokio::sync::broadcast;

use crate::store::Db;

/// Events buffered per slow consumer.
pub const CAPACITY: usize = 4096;

/// One published event with its sequence number.
#[derive(Debug, Clone)]
pub struct Published {
    /// Increasing per process, from 1.
    pub seq: u64,
    /// The event.
    pub event: Event,
    /// Its outbox rows were committed with the change that caused it
    /// ([`Change::commit`]): the durable consumer must not store them again.
    pub staged: bool,
}

/// Work to do once a change's transaction has committed (hand outbox rows
/// to delivery workers, write WebSocket frames).
pub type AfterCommit = Box<dyn FnOnce() + Send>;

/// Writes what events owe into the transaction of the change that caused them.
pub trait Outbox: Send + Sync {
    /// Store what `events` owe through `conn` (an open transaction); the
    /// returned work runs only if that transaction commits.
    fn stage<'a>(
        &'a self,
        conn: &'a mut AnyConnection,
        events: &'a [Event],
    ) -> BoxFuture<'a, Result<AfterCommit, sqlx::Error>>;
}

/// The bus. Clone it freely.
#[derive(Clone)]
pub struct Bus {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Bus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bus").finish_non_exhaustive()
    }
}

struct Inner {
    /// Numbering and sending happen under one lock so consumers see sequence order.
    tx: Mutex<(u64, broadcast::Sender<Published>)>,
    /// Weak: the outbox (EventSub) holds the bus, not the other way round.
    outbox: OnceLock<Weak<dyn Outbox>>,
}

impl Default for Bus {
    fn default() -> Self {
        Self { inner: Arc::new(Inner { tx: Mutex::new((0, broadcast::channel(CAPACITY).0)), outbox: OnceLock::new() }) }
    }
}

/// The next event for the consumer `who`; `None` once the bus is gone. A
/// consumer that fell behind loses what it missed (logged) and goes on.
pub async fn next(rx: &mut broadcast::Receiver<Published>, who: &'static str) -> Option<Event> {
    loop {
        match rx.recv().await {
            Ok(p) => return Some(p.event),
            Err(broadcast::error::RecvError::Lagged(n)) => {
                tracing::warn!(missed = n, consumer = who, "fell behind the event bus");
            }
            Err(broadcast::error::RecvError::Closed) => return None,
        }
    }
}

impl Bus {
    /// Publish an event that has no row behind it; with no subscriber it is
    /// simply dropped. Returns its sequence number.
    pub fn publish(&self, event: Event) -> u64 {
        self.send(event, false)
    }

    fn send(&self, event: Event, staged: bool) -> u64 {
        tracing::debug!(kind = event.kind(), staged, "event");
        let mut guard = self.inner.tx.lock().unwrap_or_else(|p| p.into_inner());
        guard.0 += 1;
        let seq = guard.0;
        let _ = guard.1.send(Published { seq, event, staged });
        seq
    }

    /// A new subscription that sees events published from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Published> {
        self.inner.tx.lock().unwrap_or_else(|p| p.into_inner()).1.subscribe()
    }

    /// Called once by the durable consumer: from now on every [`Change`] stores
    /// what its events owe through `outbox`.
    pub fn set_outbox(&self, outbox: Weak<dyn Outbox>) {
        let _ = self.inner.outbox.set(outbox);
    }

    /// Begin a change that may owe events: its rows and their outbox rows commit together.
    pub async fn change(&self, db: &Db) -> Result<Change, sqlx::Error> {
        Ok(Change { tx: db.begin_write().await?, events: Vec::new(), bus: self.clone() })
    }
}

/// One database transaction plus the events it causes.
pub struct Change {
    tx: sqlx::Transaction<'static, sqlx::Any>,
    events: Vec<Event>,
    bus: Bus,
}

impl Change {
    /// The transaction, for the capability's own SQL.
    pub fn conn(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }

    /// An event this change causes, published only if it commits.
    pub fn emit(&mut self, event: Event) {
        self.events.push(event);
    }

    /// Store the events' outbox rows in the transaction, commit, then publish
    /// the events. On error nothing is stored and nothing is published.
    pub async fn commit(mut self) -> Result<(), sqlx::Error> {
        let outbox = self.bus.inner.outbox.get().and_then(Weak::upgrade);
        let after = match &outbox {
            Some(o) if !self.events.is_empty() => Some(o.stage(&mut self.tx, &self.events).await?),
            _ => None,
        };
        self.tx.commit().await?;
        if let Some(after) = after {
            after();
        }
        let staged = outbox.is_some();
        for e in self.events {
            self.bus.send(e, staged);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aethex_sdk::StreamOfflineEvent;

    fn ev() -> Event {
        Event::StreamOffline(StreamOfflineEvent {
            broadcaster_user_id: "1".into(),
            broadcaster_user_login: "a".into(),
            broadcaster_user_name: "A".into(),
        })
    }

    #[tokio::test]
    async fn events_of_a_change_are_published_only_when_it_commits() {
        let dir = std::env::temp_dir().join(format!("aethex-events-{}", std::process::id()));
        let db = Db::open(None, &dir).await.unwrap();
        let bus = Bus::default();
        let mut rx = bus.subscribe();
        let mut dropped = bus.change(&db).await.unwrap();
        dropped.emit(ev());
        drop(dropped); // rolled back: nothing published
        let mut change = bus.change(&db).await.unwrap();
        change.emit(ev());
        change.commit().await.unwrap();
        let p = rx.recv().await.unwrap();
        assert_eq!((p.seq, p.staged), (1, false), "no outbox registered: the consumer must store it");
        assert!(rx.try_recv().is_err());
        assert_eq!(bus.publish(ev()), 2);
        let _ = std::fs::remove_dir_all(dir);
    }
}
