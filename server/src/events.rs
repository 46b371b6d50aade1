//! The internal event bus: every capability publishes what happened here, and
//! consumers (the webhook outbox, the event WebSocket, chat notices) subscribe.
//! Events are the SDK's [`Event`], so what leaves the server is what was published.
//!
//! A broadcast channel: publishing never blocks; a consumer that falls more
//! than [`CAPACITY`] events behind is told how many it missed. Each event gets
//! a sequence number, and the durable consumer (the EventSub outbox) reports
//! the highest one it has committed, so a request handler can answer only
//! after the event it caused is safe on disk ([`Bus::publish_committed`]).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use aethex_sdk::Event;
use tokio::sync::{broadcast, watch};

/// Events buffered per slow consumer.
pub const CAPACITY: usize = 4096;

/// How long [`Bus::publish_committed`] waits for the outbox before answering anyway.
const COMMIT_WAIT: Duration = Duration::from_secs(5);

/// One published event with its sequence number.
#[derive(Debug, Clone)]
pub struct Published {
    /// Increasing per process, from 1.
    pub seq: u64,
    /// The event.
    pub event: Event,
}

/// The bus. Clone it freely.
#[derive(Debug, Clone)]
pub struct Bus {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// Numbering and sending happen under one lock so consumers see sequence order.
    tx: Mutex<(u64, broadcast::Sender<Published>)>,
    committed: watch::Sender<u64>,
    durable: AtomicBool,
}

impl Default for Bus {
    fn default() -> Self {
        Self {
            inner: Arc::new(Inner {
                tx: Mutex::new((0, broadcast::channel(CAPACITY).0)),
                committed: watch::channel(0).0,
                durable: AtomicBool::new(false),
            }),
        }
    }
}

impl Bus {
    /// Publish; with no subscriber the event is simply dropped. Returns its sequence number.
    pub fn publish(&self, event: Event) -> u64 {
        tracing::debug!(kind = event.kind(), "event");
        let mut guard = self.inner.tx.lock().unwrap_or_else(|p| p.into_inner());
        guard.0 += 1;
        let seq = guard.0;
        let _ = guard.1.send(Published { seq, event });
        seq
    }

    /// Publish, then wait (briefly) until the durable consumer has stored what
    /// the event owes, so a caller that answers afterwards never acknowledges
    /// something a crash could lose.
    pub async fn publish_committed(&self, event: Event) {
        let seq = self.publish(event);
        if !self.inner.durable.load(Ordering::Acquire) {
            return;
        }
        let mut rx = self.inner.committed.subscribe();
        if tokio::time::timeout(COMMIT_WAIT, rx.wait_for(|c| *c >= seq)).await.is_err() {
            tracing::warn!(seq, "event outbox is slow; answering before the event is stored");
        }
    }

    /// A new subscription that sees events published from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Published> {
        self.inner.tx.lock().unwrap_or_else(|p| p.into_inner()).1.subscribe()
    }

    /// Called once by the durable consumer: from now on [`Bus::publish_committed`] waits for it.
    pub fn register_durable(&self) {
        self.inner.durable.store(true, Ordering::Release);
    }

    /// The durable consumer has stored everything up to `seq`.
    pub fn mark_committed(&self, seq: u64) {
        self.inner.committed.send_if_modified(|c| {
            let moved = seq > *c;
            *c = (*c).max(seq);
            moved
        });
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
    async fn committed_publish_waits_for_the_durable_consumer() {
        let bus = Bus::default();
        let mut rx = bus.subscribe();
        bus.register_durable();
        let b = bus.clone();
        let consumer = tokio::spawn(async move {
            let p = rx.recv().await.unwrap();
            assert_eq!(p.seq, 1);
            b.mark_committed(p.seq);
        });
        bus.publish_committed(ev()).await;
        consumer.await.unwrap();
        assert_eq!(*bus.inner.committed.borrow(), 1);
        assert_eq!(bus.publish(ev()), 2);
    }
}
