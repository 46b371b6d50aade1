//! Caller resolution and rate limits for every request.
//!
//! Each caller has a bucket: per app and user for user tokens, per app for app
//! tokens, per IP address for anonymous callers (Twitch's scheme). A bucket has
//! a daily quota from its app's tier (free 10k, pro 100k, enterprise
//! unlimited) and a per-second burst limit. Every response says where the
//! caller stands in Twitch's `Ratelimit-Limit`/`-Remaining`/`-Reset` (Unix
//! seconds) headers: the daily quota normally, and the limit that was hit on
//! a 429 (the per-second one reports its own size, 0 left and the second it
//! refills). `Ratelimit-Policy` names both windows. Free-tier apps are read-only.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth::{bearer, Caller, Tier, TokenError};
use crate::config::RateConfig;
use crate::http::error::ApiError;

/// Buckets kept before stale ones are swept, bounding memory under IP churn.
const MAX_BUCKETS: usize = 100_000;

struct Bucket {
    day: i64,
    used: u64,
    tokens: f64,
    refilled: Instant,
}

/// Which limit a standing describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// The daily quota.
    Day,
    /// The per-second burst limit (only when it refused the request).
    Second,
}

/// Where a caller stands after a request was counted.
#[derive(Debug, Clone, Copy)]
pub struct Standing {
    /// The limit described: the daily quota, or the burst size when that refused.
    pub limit: u64,
    /// Requests left in that window.
    pub remaining: u64,
    /// Unix seconds when that window resets (next UTC midnight, or the refill).
    pub reset: i64,
    /// Set when the request is refused: seconds to wait.
    pub retry_after: Option<u64>,
    /// Which limit this is.
    pub window: Window,
    /// Both windows, for `Ratelimit-Policy`.
    pub daily: u64,
    /// The burst size per second.
    pub burst: u64,
}

/// The limiter. Alone, buckets live in this process (quotas reset when it
/// restarts). With other nodes (Redis), every bucket lives in Redis, where
/// one script charges it atomically on Redis's clock: a caller spreading
/// requests over nodes meets one quota and one burst limit, and both survive
/// restarts. While Redis is unreachable, each node counts alone again.
pub struct RateLimiter {
    cfg: RateConfig,
    buckets: Mutex<HashMap<String, Bucket>>,
    cluster: Option<std::sync::Arc<crate::cluster::Cluster>>,
    script: redis::Script,
}

/// Charges one request to a bucket in Redis: `KEYS[1]` the bucket, `ARGV`
/// the daily limit and the burst per second. Answers `{verdict, used,
/// tokens×1000, now in ms}`; verdict 0 counted, 1 over the day's quota, 2
/// over the burst. The bucket expires an hour after its day ends.
const CHARGE: &str = r"
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local day = math.floor(t[1] / 86400)
local limit = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local h = redis.call('HMGET', KEYS[1], 'day', 'used', 'tokens', 'at')
local used = tonumber(h[2]) or 0
local tokens = tonumber(h[3]) or burst
local at = tonumber(h[4]) or now
if tonumber(h[1]) ~= day then used = 0 end
tokens = math.min(burst, tokens + math.max(0, now - at) / 1000 * burst)
local verdict = 0
if used >= limit then verdict = 1
elseif tokens < 1 then verdict = 2
else tokens = tokens - 1; used = used + 1 end
redis.call('HSET', KEYS[1], 'day', day, 'used', used, 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIREAT', KEYS[1], (day + 1) * 86400000 + 3600000)
return {verdict, used, math.floor(tokens * 1000), now}
";

impl RateLimiter {
    /// A limiter with these quotas, counting in this process.
    pub fn new(cfg: RateConfig) -> Self {
        Self { cfg, buckets: Mutex::new(HashMap::new()), cluster: None, script: redis::Script::new(CHARGE) }
    }

    /// A limiter counting in the cluster's Redis when it has one.
    pub fn shared(cfg: RateConfig, cluster: std::sync::Arc<crate::cluster::Cluster>) -> Self {
        Self { cluster: cluster.is_shared().then_some(cluster), ..Self::new(cfg) }
    }

    /// Count one request of `key` at `tier`; `None` for unlimited tiers.
    pub async fn check(&self, key: &str, tier: Tier) -> Option<Standing> {
        let limit = match tier {
            Tier::Free => self.cfg.free_per_day,
            Tier::Pro => self.cfg.pro_per_day,
            Tier::Enterprise => return None,
        };
        let burst = self.cfg.burst_per_second.max(1);
        if let Some(c) = &self.cluster {
            let redis_key = format!("{}rl:{key}", crate::cluster::PREFIX);
            let charged: Option<(u8, u64, i64, i64)> = c.script(self.script.key(redis_key).arg(limit).arg(burst)).await;
            if let Some((verdict, used, milli_tokens, now_ms)) = charged {
                return Some(standing(limit, burst, verdict, used, milli_tokens as f64 / 1000.0, now_ms / 1000));
            }
        }
        Some(self.check_here(key, limit, burst))
    }

    fn check_here(&self, key: &str, limit: u64, burst_n: u64) -> Standing {
        let now_secs = crate::store::now_ms() / 1000;
        let day = now_secs / 86_400;
        let burst = burst_n as f64;
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= MAX_BUCKETS && !buckets.contains_key(key) {
            buckets.retain(|_, b| b.day == day && now.duration_since(b.refilled).as_secs() < 60);
        }
        let b = buckets.entry(key.to_string()).or_insert_with(|| Bucket { day, used: 0, tokens: burst, refilled: now });
        if b.day != day {
            b.day = day;
            b.used = 0;
        }
        b.tokens = (b.tokens + now.duration_since(b.refilled).as_secs_f64() * burst).min(burst);
        b.refilled = now;
        let verdict = if b.used >= limit {
            1
        } else if b.tokens < 1.0 {
            2
        } else {
            b.tokens -= 1.0;
            b.used += 1;
            0
        };
        standing(limit, burst_n, verdict, b.used, b.tokens, now_secs)
    }
}

/// Where a caller stands after a charge: `verdict` 0 counted, 1 over the
/// day's quota, 2 over the burst; `used` today, `tokens` left in the burst.
fn standing(limit: u64, burst_n: u64, verdict: u8, used: u64, tokens: f64, now_secs: i64) -> Standing {
    let reset = (now_secs / 86_400 + 1) * 86_400;
    let burst = burst_n as f64;
    let daily = Standing {
        limit,
        remaining: limit.saturating_sub(used),
        reset,
        retry_after: None,
        window: Window::Day,
        daily: limit,
        burst: burst_n,
    };
    match verdict {
        0 => daily,
        1 => Standing { retry_after: Some((reset - now_secs).max(1) as u64), ..daily },
        _ => {
            let wait = ((1.0 - tokens) / burst).ceil().max(1.0) as u64;
            Standing {
                limit: burst_n,
                remaining: 0,
                reset: now_secs + wait as i64,
                retry_after: Some(wait),
                window: Window::Second,
                ..daily
            }
        }
    }
}

fn put_headers(resp: &mut Response, s: &Standing) {
    let h = resp.headers_mut();
    h.insert("ratelimit-limit", HeaderValue::from(s.limit));
    h.insert("ratelimit-remaining", HeaderValue::from(s.remaining));
    h.insert("ratelimit-reset", HeaderValue::from(s.reset));
    if let Ok(v) = HeaderValue::from_str(&format!("{};w=86400, {};w=1", s.daily, s.burst)) {
        h.insert("ratelimit-policy", v);
    }
}

/// What the gate needs: tokens to resolve callers, buckets to charge.
#[derive(Clone)]
pub struct GateState {
    /// Storage (token lookup).
    pub db: crate::store::Db,
    /// The buckets.
    pub limiter: std::sync::Arc<RateLimiter>,
    /// Reverse proxies whose `X-Forwarded-For` names the client.
    pub proxies: std::sync::Arc<[std::net::IpAddr]>,
    /// Validated tokens, remembered for seconds.
    pub principals: std::sync::Arc<crate::auth::cache::Principals>,
}

/// The gate every request passes: resolve the bearer token, count the request
/// against its bucket (the client address's when there is no good token),
/// then refuse a bad token (401) or a free-tier write (403).
pub async fn gate<F: std::future::Future<Output = Response>>(
    state: &GateState,
    peer: SocketAddr,
    mut req: Request,
    next: impl FnOnce(Request) -> F,
) -> Response {
    let token =
        req.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(bearer).map(str::to_string);
    let (caller, bad_token) = match token {
        None => (Caller(None), None),
        Some(t) => match state.principals.get(&t).await {
            Ok(p) => (Caller(Some(p)), None),
            Err(TokenError::Db(e)) => return ApiError::internal(e).into_response(),
            // A bad token is charged to the client's address like an anonymous
            // request before it is refused, so guessing tokens is throttled too.
            Err(e) => (Caller(None), Some(e)),
        },
    };
    let (key, tier) = match &caller.0 {
        Some(p) => (p.bucket(), p.tier),
        None => (format!("ip:{}", crate::http::client_ip(peer.ip(), req.headers(), &state.proxies)), Tier::Free),
    };
    let is_read = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if caller.0.as_ref().is_some_and(|p| !p.may_write()) && !is_read && req.uri().path().starts_with("/api/") {
        return ApiError::forbidden(crate::auth::READ_ONLY_TIER).into_response();
    }
    let standing = state.limiter.check(&key, tier).await;
    if let Some(s) = standing.filter(|s| s.retry_after.is_some()) {
        let msg = match s.window {
            Window::Day => format!("daily quota of {} requests used up; it resets at midnight UTC", s.limit),
            Window::Second => format!("more than {} requests per second; slow down", s.limit),
        };
        let mut resp = ApiError::rate_limited(s.retry_after.unwrap_or(1), msg).into_response();
        put_headers(&mut resp, &s);
        return resp;
    }
    if let Some(e) = bad_token {
        let mut resp = ApiError::unauthorized(e.to_string()).into_response();
        if let Some(s) = standing {
            put_headers(&mut resp, &s);
        }
        return resp;
    }
    req.extensions_mut().insert(caller);
    let mut resp = next(req).await;
    if let Some(s) = standing {
        put_headers(&mut resp, &s);
    }
    resp
}

/// The limit for what stays outside the gate (HLS, socket upgrades), per
/// client address (IPv6 by /64): a player makes a few requests a second and
/// a household or office behind one address some dozens, so the default is
/// generous; a flood from one address is still refused. No daily quota.
pub struct AddressLimiter {
    per_second: f64,
    buckets: Mutex<HashMap<std::net::IpAddr, (f64, Instant)>>,
    proxies: Vec<std::net::IpAddr>,
}

impl AddressLimiter {
    /// A limiter allowing `per_second` requests a second per address.
    pub fn new(per_second: u64) -> Self {
        Self { per_second: per_second.max(1) as f64, buckets: Mutex::new(HashMap::new()), proxies: Vec::new() }
    }

    /// Count requests that come through these reverse proxies by the client
    /// their `X-Forwarded-For` names.
    pub fn behind(self, proxies: Vec<std::net::IpAddr>) -> Self {
        Self { proxies, ..self }
    }

    /// Count one request from `ip`; `Err(seconds to wait)` when over the limit.
    pub fn check(&self, ip: std::net::IpAddr) -> Result<(), u64> {
        let ip = crate::auth::throttle::address_key(ip);
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= MAX_BUCKETS && !buckets.contains_key(&ip) {
            buckets.retain(|_, (_, at)| now.duration_since(*at).as_secs() < 10);
        }
        let (tokens, at) = buckets.entry(ip).or_insert((self.per_second, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * self.per_second).min(self.per_second);
        *at = now;
        if *tokens < 1.0 {
            return Err(1);
        }
        *tokens -= 1.0;
        Ok(())
    }
}

/// The layer for routes outside the gate: 429 problem JSON over the limit.
pub async fn per_address(
    State(limiter): State<std::sync::Arc<AddressLimiter>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req: Request,
    next: Next,
) -> Response {
    match limiter.check(crate::http::client_ip(peer.ip(), req.headers(), &limiter.proxies)) {
        Ok(()) => next.run(req).await,
        Err(wait) => ApiError::rate_limited(
            wait,
            format!("more than {} requests per second from your address; slow down", limiter.per_second),
        )
        .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter(per_day: u64, burst: u64) -> RateLimiter {
        RateLimiter::new(RateConfig { free_per_day: per_day, pro_per_day: per_day * 10, burst_per_second: burst })
    }

    impl RateLimiter {
        fn check_now(&self, key: &str, tier: Tier) -> Option<Standing> {
            futures_util::FutureExt::now_or_never(self.check(key, tier)).expect("no redis: never waits")
        }
    }

    #[test]
    fn daily_quota_then_refusal() {
        let l = limiter(3, 100);
        for left in [2, 1, 0] {
            let s = l.check_now("k", Tier::Free).unwrap();
            assert_eq!((s.remaining, s.retry_after), (left, None));
        }
        let s = l.check_now("k", Tier::Free).unwrap();
        assert!(s.retry_after.unwrap() >= 1);
        assert_eq!(s.remaining, 0);
        // Other buckets are untouched; enterprise is unlimited.
        assert_eq!(l.check_now("other", Tier::Free).unwrap().remaining, 2);
        assert!(l.check_now("k", Tier::Enterprise).is_none());
    }

    #[test]
    fn address_limit_counts_an_ipv6_client_by_its_64() {
        let l = AddressLimiter::new(2);
        let a: std::net::IpAddr = "2001:db8::1".parse().unwrap();
        let b: std::net::IpAddr = "2001:db8::2".parse().unwrap();
        assert!(l.check(a).is_ok() && l.check(b).is_ok());
        assert_eq!(l.check(a), Err(1), "same /64");
        assert!(l.check("2001:db8:0:1::1".parse().unwrap()).is_ok(), "another /64");
    }

    #[test]
    fn burst_limit() {
        let l = limiter(1000, 2);
        assert!(l.check_now("b", Tier::Pro).unwrap().retry_after.is_none());
        assert!(l.check_now("b", Tier::Pro).unwrap().retry_after.is_none());
        let s = l.check_now("b", Tier::Pro).unwrap();
        assert_eq!(s.retry_after, Some(1));
        // The refusal describes the limit that was hit.
        assert_eq!((s.window, s.limit, s.remaining), (Window::Second, 2, 0));
        // A refused request does not use the daily quota.
        let s = l.check_now("c", Tier::Pro).unwrap();
        assert_eq!((s.window, s.remaining), (Window::Day, 10_000 - 1));
    }
}
