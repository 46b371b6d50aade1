//! Nightbot's response URLs: every `$(urlfetch)` request carries a
//! `Nightbot-Response-Url` header, a link the fetched service may POST chat
//! messages to later without any other credential (Nightbot's
//! `/1/channel/send`), so slow work (a lookup, a game move) can answer after
//! the 5 s urlfetch limit. Here the link is the bot's own HTTP API,
//! `POST /api/channel/send/{token}`, and each one is bounded: it lives
//! [`TTL_MS`], carries at most [`MAX_MESSAGES`] messages, one per
//! [`MIN_GAP_MS`] (Nightbot's send limit), and at most [`MAX_LIVE`] exist at
//! once (the oldest go first). Tokens are random and stored as SHA-256
//! digests. Messages go through the bot's flood cap and 400-character cut like
//! every other reply.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use rand::RngCore as _;
use sha2::{Digest as _, Sha256};

/// How long a response URL works.
pub const TTL_MS: i64 = 10 * 60_000;
/// Most messages through one response URL.
pub const MAX_MESSAGES: u32 = 5;
/// Least time between two messages through one response URL.
pub const MIN_GAP_MS: i64 = 5_000;
/// Most response URLs alive at once.
pub const MAX_LIVE: usize = 1_000;
/// Messages waiting for the chat connection before senders get 503.
pub const QUEUE: usize = 32;

/// Why a message was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Unknown, expired or used-up URL.
    #[error("this response URL is unknown, expired or used up")]
    Gone,
    /// Too soon after the last message; retry after this many ms.
    #[error("one message per {} s through a response URL", MIN_GAP_MS / 1000)]
    TooSoon(i64),
    /// No message, or only whitespace.
    #[error("send a non-empty `message`")]
    Empty,
    /// The chat connection is not keeping up.
    #[error("the bot is busy; try again shortly")]
    Busy,
}

struct Entry {
    expires: i64,
    left: u32,
    last: Option<i64>,
}

#[derive(Default)]
struct Inner {
    live: HashMap<[u8; 32], Entry>,
    order: VecDeque<[u8; 32]>,
}

/// The live response URLs and the way to the chat connection. Clone freely.
#[derive(Clone)]
pub struct Responses {
    inner: Arc<Mutex<Inner>>,
    base: String,
    out: tokio::sync::mpsc::Sender<String>,
}

impl std::fmt::Debug for Responses {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Responses").field("base", &self.base).finish_non_exhaustive()
    }
}

impl Responses {
    /// Response URLs under `base` (the bot's HTTP API as the fetched services
    /// reach it); accepted messages arrive on the returned receiver.
    pub fn new(base: &str) -> (Self, tokio::sync::mpsc::Receiver<String>) {
        let (out, rx) = tokio::sync::mpsc::channel(QUEUE);
        (Self { inner: Arc::default(), base: base.trim_end_matches('/').to_string(), out }, rx)
    }

    /// A new response URL, valid from `now`.
    pub fn issue(&self, now: i64) -> String {
        let mut raw = [0u8; 24];
        rand::thread_rng().fill_bytes(&mut raw);
        let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw);
        let key: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        let mut i = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        // Drop expired ones from the front, then the oldest beyond the cap.
        while let Some(k) = i.order.front().copied() {
            let stale = i.live.get(&k).is_none_or(|e| e.expires <= now);
            if !stale && i.order.len() < MAX_LIVE {
                break;
            }
            i.order.pop_front();
            i.live.remove(&k);
        }
        i.live.insert(key, Entry { expires: now + TTL_MS, left: MAX_MESSAGES, last: None });
        i.order.push_back(key);
        format!("{}/api/channel/send/{token}", self.base)
    }

    /// Accept `message` through `token` at `now` and hand it to the chat connection.
    pub fn send(&self, token: &str, message: &str, now: i64) -> Result<(), SendError> {
        let message = message.trim();
        if message.is_empty() {
            return Err(SendError::Empty);
        }
        let key: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        {
            let mut i = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            let e = i.live.get_mut(&key).filter(|e| e.expires > now && e.left > 0).ok_or(SendError::Gone)?;
            if let Some(last) = e.last.filter(|l| now - l < MIN_GAP_MS) {
                return Err(SendError::TooSoon(MIN_GAP_MS - (now - last)));
            }
            e.last = Some(now);
            e.left -= 1;
        }
        let text = crate::cap(message, crate::manage::MAX_RESPONSE);
        self.out.try_send(text).map_err(|_| SendError::Busy)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn token(url: &str) -> &str {
        url.rsplit('/').next().unwrap()
    }

    #[test]
    fn a_response_url_carries_a_few_paced_messages_then_expires() {
        let (r, mut rx) = Responses::new("http://bot.example:8089/");
        let url = r.issue(0);
        assert!(url.starts_with("http://bot.example:8089/api/channel/send/"), "{url}");
        let t = token(&url);
        assert_eq!(r.send(t, "  ", 0), Err(SendError::Empty));
        assert_eq!(r.send(t, "first", 0), Ok(()));
        assert_eq!(r.send(t, "too soon", 4_000), Err(SendError::TooSoon(1_000)));
        for n in 1..MAX_MESSAGES {
            assert_eq!(r.send(t, &format!("m{n}"), n as i64 * MIN_GAP_MS), Ok(()));
        }
        assert_eq!(r.send(t, "one more", 60_000), Err(SendError::Gone), "used up");
        assert_eq!(rx.try_recv().unwrap(), "first");

        let later = r.issue(0);
        assert_eq!(r.send(token(&later), "late", TTL_MS), Err(SendError::Gone), "expired");
        assert_eq!(r.send("made-up", "hi", 0), Err(SendError::Gone));
        assert_ne!(token(&r.issue(0)), token(&r.issue(0)), "tokens are random");
    }

    #[test]
    fn messages_are_cut_live_urls_bounded_and_a_full_queue_is_busy() {
        let (r, mut rx) = Responses::new("http://b");
        let t = r.issue(0);
        r.send(token(&t), &"x".repeat(1000), 0).unwrap();
        assert_eq!(rx.try_recv().unwrap().chars().count(), crate::manage::MAX_RESPONSE);

        let first = r.issue(1);
        for _ in 0..MAX_LIVE {
            r.issue(1);
        }
        assert_eq!(r.send(token(&first), "hi", 2), Err(SendError::Gone), "the oldest went first");
        assert!(r.inner.lock().unwrap().live.len() <= MAX_LIVE);

        let urls: Vec<String> = (0..=QUEUE).map(|_| r.issue(3)).collect();
        for u in &urls[..QUEUE] {
            r.send(token(u), "queued", 3).unwrap();
        }
        assert_eq!(r.send(token(&urls[QUEUE]), "overflow", 3), Err(SendError::Busy));
    }
}
