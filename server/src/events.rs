//! The internal event bus: every capability publishes what happened here, and
//! consumers (webhooks, the event WebSocket, chat notices) subscribe. Payloads
//! are SDK wire types so what leaves the server is what was published.
//!
//! A broadcast channel: publishing never blocks; a consumer that falls more
//! than [`CAPACITY`] events behind is told how many it missed.

use aethex_sdk::{ChannelDonationEvent, ChannelSubscribeEvent, StreamOfflineEvent, StreamOnlineEvent};
use tokio::sync::broadcast;

/// Events buffered per slow consumer.
pub const CAPACITY: usize = 4096;

/// One platform event.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A channel went live.
    StreamOnline(StreamOnlineEvent),
    /// A channel went offline.
    StreamOffline(StreamOfflineEvent),
    /// Someone subscribed (or renewed).
    ChannelSubscribe(ChannelSubscribeEvent),
    /// Someone donated.
    ChannelDonation(ChannelDonationEvent),
}

impl Event {
    /// The EventSub subscription type.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::StreamOnline(_) => "stream.online",
            Event::StreamOffline(_) => "stream.offline",
            Event::ChannelSubscribe(_) => "channel.subscribe",
            Event::ChannelDonation(_) => "channel.donation",
        }
    }
}

/// The bus. Clone it freely.
#[derive(Debug, Clone)]
pub struct Bus {
    tx: broadcast::Sender<Event>,
}

impl Default for Bus {
    fn default() -> Self {
        Self { tx: broadcast::channel(CAPACITY).0 }
    }
}

impl Bus {
    /// Publish; with no subscriber the event is simply dropped.
    pub fn publish(&self, event: Event) {
        tracing::debug!(kind = event.kind(), "event");
        let _ = self.tx.send(event);
    }

    /// A new subscription that sees events published from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.tx.subscribe()
    }
}
