//! A node's short memory of the HLS media it fetched from other nodes.
//!
//! Without it, every viewer of a stream who lands on a node other than the
//! one ingesting it costs that origin one request per part and segment: with
//! three nodes, two thirds of all media requests reach the origin twice over.
//! With it, each node asks the origin once per part and segment, whatever its
//! number of viewers, as nginx's `proxy_cache` with `proxy_cache_lock` does
//! in front of one node (`deploy/nginx/hls-cache.conf`): concurrent misses
//! for one URL wait for the first one's answer instead of each asking.
//!
//! Only media is kept (`init.mp4`, `seg*.m4s`, `part*.m4s`): its URL never
//! changes content within a broadcast, so the key is the broadcast's session,
//! the origin and the whole path and query. The playback token is part of
//! the query, so a request with any other token misses and the origin judges
//! it. Playlists are always proxied: the origin counts viewers by them, and
//! a blocking reload is a viewer waiting. Only answers the origin marks
//! `public, max-age` are kept, for at most [`MAX_TTL`], within [`MAX_BYTES`].

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{header, HeaderMap, StatusCode};
use bytes::Bytes;
use tokio::sync::OnceCell;
// Tokio's clock, so the tests can pause it.
use tokio::time::Instant;

/// The longest an answer is kept: viewers of a live stream ask for the same
/// part within a few seconds of each other.
pub const MAX_TTL: Duration = Duration::from_secs(10);
/// Memory for kept media; past it, answers pass through without being kept.
pub const MAX_BYTES: usize = 64 << 20;
/// Entries at most (parts are small: this bounds the map, not the bytes).
const MAX_ENTRIES: usize = 8192;
/// A fetch still unanswered after this long no longer holds its key.
const FILL_DEADLINE: Duration = Duration::from_secs(20);
/// Expired entries are swept at most this often.
const SWEEP_EVERY: Duration = Duration::from_secs(1);

/// One answer of the origin, as the viewer gets it.
#[derive(Debug, Clone)]
pub struct Answer {
    /// Its status.
    pub status: StatusCode,
    /// The headers passed on to the viewer.
    pub headers: HeaderMap,
    /// Its body.
    pub body: Bytes,
}

impl Answer {
    /// How long this answer may be kept: a `200` the origin marked
    /// `public, max-age=N`, for N seconds up to [`MAX_TTL`]; otherwise not at all.
    pub fn keep_for(&self) -> Duration {
        if self.status != StatusCode::OK {
            return Duration::ZERO;
        }
        let Some(cc) = self.headers.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()) else {
            return Duration::ZERO;
        };
        let directives: Vec<&str> = cc.split(',').map(str::trim).collect();
        if !directives.contains(&"public") {
            return Duration::ZERO;
        }
        directives
            .iter()
            .find_map(|d| d.strip_prefix("max-age=")?.parse::<u64>().ok())
            .map_or(Duration::ZERO, |s| Duration::from_secs(s).min(MAX_TTL))
    }
}

/// Whether a proxied request's file is media this cache keeps (never a playlist).
pub fn is_media(path: &str) -> bool {
    let file = path.split('?').next().unwrap_or_default().rsplit('/').next().unwrap_or_default();
    file == "init.mp4" || file.ends_with(".m4s")
}

#[derive(Debug)]
struct Entry {
    answer: Arc<OnceCell<Answer>>,
    /// Until when it answers; while the fetch runs, [`FILL_DEADLINE`] ahead.
    until: Instant,
    /// Its body's size once kept (0 while fetching).
    bytes: usize,
}

#[derive(Debug)]
struct Entries {
    map: HashMap<String, Entry>,
    bytes: usize,
    swept: Instant,
}

impl Entries {
    fn sweep(&mut self, now: Instant) {
        let mut freed = 0;
        self.map.retain(|_, e| {
            let keep = e.until > now;
            if !keep {
                freed += e.bytes;
            }
            keep
        });
        self.bytes -= freed;
        self.swept = now;
    }
}

/// The cache (see the module documentation).
#[derive(Debug)]
pub struct EdgeCache {
    entries: Mutex<Entries>,
    /// Requests answered from memory (or from another request's fetch).
    pub hits: AtomicU64,
    /// Requests that went to the origin.
    pub misses: AtomicU64,
}

impl Default for EdgeCache {
    fn default() -> Self {
        Self {
            entries: Mutex::new(Entries { map: HashMap::new(), bytes: 0, swept: Instant::now() }),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }
}

impl EdgeCache {
    /// The answer for `key`: kept, being fetched by another request (then
    /// waited for), or fetched now with `fetch`, and kept for as long as
    /// [`Answer::keep_for`] allows.
    pub async fn get<F, Fut>(&self, key: &str, fetch: F) -> Answer
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Answer>,
    {
        let cell = {
            let now = Instant::now();
            let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
            if now.duration_since(entries.swept) >= SWEEP_EVERY {
                entries.sweep(now);
            }
            match entries.map.get(key) {
                Some(e) if e.until > now => Some(e.answer.clone()),
                _ if entries.map.len() >= MAX_ENTRIES || entries.bytes >= MAX_BYTES => None,
                _ => {
                    let answer = Arc::new(OnceCell::new());
                    let e = Entry { answer: answer.clone(), until: now + FILL_DEADLINE, bytes: 0 };
                    if let Some(old) = entries.map.insert(key.to_string(), e) {
                        entries.bytes -= old.bytes;
                    }
                    Some(answer)
                }
            }
        };
        let Some(cell) = cell else {
            // Full: the answer passes through.
            self.misses.fetch_add(1, Ordering::Relaxed);
            return fetch().await;
        };
        let mut fetched = false;
        let answer = cell
            .get_or_init(|| {
                fetched = true;
                fetch()
            })
            .await
            .clone();
        if !fetched {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return answer;
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let keep = answer.keep_for();
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let Entries { map, bytes, .. } = &mut *entries;
        // The key may have been swept and taken by a newer fetch meanwhile: only ours is settled.
        if let Some(e) = map.get_mut(key).filter(|e| Arc::ptr_eq(&e.answer, &cell)) {
            if keep.is_zero() {
                map.remove(key);
            } else {
                e.until = Instant::now() + keep;
                e.bytes = answer.body.len();
                *bytes += e.bytes;
            }
        }
        answer
    }

    /// Bytes of media kept now.
    pub fn bytes(&self) -> usize {
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn answer(status: u16, cc: &str, body: &'static str) -> Answer {
        let mut headers = HeaderMap::new();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_str(cc).unwrap());
        Answer { status: StatusCode::from_u16(status).unwrap(), headers, body: Bytes::from_static(body.as_bytes()) }
    }

    #[test]
    fn only_public_ok_answers_are_kept_and_never_long() {
        assert_eq!(answer(200, "public, max-age=30", "x").keep_for(), MAX_TTL);
        assert_eq!(answer(200, "public, max-age=6", "x").keep_for(), Duration::from_secs(6));
        assert_eq!(answer(200, "no-cache", "x").keep_for(), Duration::ZERO);
        assert_eq!(answer(200, "private, max-age=30", "x").keep_for(), Duration::ZERO);
        assert_eq!(answer(200, "public, max-age=soon", "x").keep_for(), Duration::ZERO);
        assert_eq!(answer(404, "public, max-age=30", "x").keep_for(), Duration::ZERO);
        assert_eq!(answer(503, "public, max-age=30", "x").keep_for(), Duration::ZERO);
    }

    #[test]
    fn media_is_kept_and_playlists_are_not() {
        assert!(is_media("/hls/alice/source/part12.3.m4s?token=abc"));
        assert!(is_media("/hls/alice/720p/seg12.m4s"));
        assert!(is_media("/hls/alice/source/init.mp4"));
        assert!(!is_media("/hls/alice/source/index.m3u8?_HLS_msn=3"));
        assert!(!is_media("/hls/alice/index.m3u8"));
        assert!(!is_media("/hls/alice/source/index.m3u8?x=.m4s"));
    }

    #[tokio::test]
    async fn concurrent_requests_for_one_part_make_one_fetch() {
        let cache = Arc::new(EdgeCache::default());
        let fetches = Arc::new(AtomicU64::new(0));
        let mut tasks = Vec::new();
        for _ in 0..50 {
            let (cache, fetches) = (cache.clone(), fetches.clone());
            tasks.push(tokio::spawn(async move {
                cache
                    .get("s1#/hls/a/source/part1.0.m4s", || async move {
                        fetches.fetch_add(1, Ordering::Relaxed);
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        answer(200, "public, max-age=30", "part")
                    })
                    .await
            }));
        }
        for t in tasks {
            assert_eq!(t.await.unwrap().body, "part");
        }
        assert_eq!(fetches.load(Ordering::Relaxed), 1);
        assert_eq!((cache.misses.load(Ordering::Relaxed), cache.hits.load(Ordering::Relaxed)), (1, 49));
        assert_eq!(cache.bytes(), 4);
    }

    #[tokio::test]
    async fn an_error_is_shared_with_those_waiting_but_not_kept() {
        let cache = EdgeCache::default();
        let a = cache.get("k", || async { answer(503, "no-cache", "later") }).await;
        assert_eq!(a.status, 503);
        let b = cache.get("k", || async { answer(200, "public, max-age=30", "now") }).await;
        assert_eq!((b.status, b.body), (StatusCode::OK, Bytes::from_static(b"now")), "the 503 was not kept");
        let c = cache.get("k", || async { answer(200, "public, max-age=30", "again") }).await;
        assert_eq!(c.body, "now", "the 200 was");
    }

    #[tokio::test]
    async fn an_abandoned_fetch_is_taken_over() {
        let cache = Arc::new(EdgeCache::default());
        let first = {
            let cache = cache.clone();
            tokio::spawn(async move {
                cache
                    .get("k", || async {
                        tokio::time::sleep(Duration::from_secs(60)).await;
                        answer(200, "public, max-age=30", "never")
                    })
                    .await
            })
        };
        tokio::time::sleep(Duration::from_millis(20)).await;
        first.abort();
        let _ = first.await;
        let a = tokio::time::timeout(
            Duration::from_secs(5),
            cache.get("k", || async { answer(200, "public, max-age=30", "taken over") }),
        )
        .await
        .expect("a viewer whose fetch was dropped does not hold the key");
        assert_eq!(a.body, "taken over");
    }

    #[tokio::test(start_paused = true)]
    async fn answers_expire_and_their_memory_is_freed() {
        let cache = EdgeCache::default();
        cache.get("k", || async { answer(200, "public, max-age=2", "old") }).await;
        assert_eq!(cache.bytes(), 3);
        tokio::time::sleep(Duration::from_secs(3)).await;
        let a = cache.get("k", || async { answer(200, "public, max-age=2", "newer") }).await;
        assert_eq!(a.body, "newer");
        assert_eq!(cache.bytes(), 5, "the expired answer's bytes were given back");
    }
}
