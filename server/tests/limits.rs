//! Rate limits through the public interface: headers, 429 with Retry-After,
//! the SDK's typed error; on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use aethex_sdk::Error;
use aethex_server::config::RateConfig;
use common::{Backend, TestServer};

both_backends!(daily_quota_headers_and_429, burst_limit_per_second, buckets_are_per_caller);

async fn daily_quota_headers_and_429(backend: Backend) {
    let s =
        TestServer::start_with(backend, RateConfig { free_per_day: 5, pro_per_day: 50, burst_per_second: 1000 }).await;
    s.user("limited", None).await;
    let http = s.http();
    let mut remaining = Vec::new();
    for _ in 0..5 {
        let r = http.get(s.url("/api/channels/limited")).send().await.unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["ratelimit-limit"], "5");
        let reset: i64 = r.headers()["ratelimit-reset"].to_str().unwrap().parse().unwrap();
        assert_eq!(reset % 86_400, 0, "the daily quota resets at midnight UTC");
        remaining.push(r.headers()["ratelimit-remaining"].to_str().unwrap().to_string());
    }
    assert_eq!(remaining, vec!["4", "3", "2", "1", "0"]);
    let r = http.get(s.url("/api/channels/limited")).send().await.unwrap();
    assert_eq!(r.status(), 429);
    let retry: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=86_400).contains(&retry));
    let p: aethex_sdk::Problem = r.json().await.unwrap();
    assert_eq!(p.status, 429);
    assert!(p.message.contains("daily quota"), "{}", p.message);
    match s.client().channel("limited").await {
        Err(Error::RateLimited { retry_after }) => assert!(retry_after.as_secs() >= 1),
        other => panic!("expected RateLimited, got {other:?}"),
    }
    // Health checks are never limited.
    assert_eq!(http.get(s.url("/healthz")).send().await.unwrap().status(), 200);
}

async fn burst_limit_per_second(backend: Backend) {
    let s = TestServer::start_with(backend, RateConfig { free_per_day: 1000, pro_per_day: 1000, burst_per_second: 3 })
        .await;
    s.user("bursty", None).await;
    let token = s.token("bursty", "").await;
    let http = s.http();
    let mut statuses = Vec::new();
    for _ in 0..10 {
        let r = http.get(s.url("/api/users/me")).bearer_auth(&token).send().await.unwrap();
        statuses.push(r.status().as_u16());
        if r.status() == 429 {
            assert_eq!(r.headers()["retry-after"], "1");
            // The headers describe the limit that was hit, not the daily quota.
            assert_eq!(r.headers()["ratelimit-limit"], "3");
            assert_eq!(r.headers()["ratelimit-remaining"], "0");
            assert_eq!(r.headers()["ratelimit-policy"], "1000;w=86400, 3;w=1");
            let reset: i64 = r.headers()["ratelimit-reset"].to_str().unwrap().parse().unwrap();
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
            assert!((now..=now + 2).contains(&reset), "the burst refills within a second or two: {reset} vs {now}");
            assert!(r.text().await.unwrap().contains("per second"));
        }
    }
    assert!(statuses.iter().filter(|s| **s == 200).count() >= 3, "{statuses:?}");
    assert!(statuses.contains(&429), "ten back-to-back calls exceed 3/s: {statuses:?}");
}

async fn buckets_are_per_caller(backend: Backend) {
    let s =
        TestServer::start_with(backend, RateConfig { free_per_day: 2, pro_per_day: 3, burst_per_second: 1000 }).await;
    s.user("alpha", None).await;
    s.user("beta", None).await;
    let a = s.client_with(&s.token("alpha", "").await);
    let b = s.client_with(&s.token("beta", "").await);
    // The built-in client is pro tier: 3 a day each, counted per user.
    for _ in 0..3 {
        a.me().await.unwrap();
    }
    assert!(matches!(a.me().await, Err(Error::RateLimited { .. })));
    b.me().await.unwrap();
    // Anonymous callers are counted per IP on the free quota.
    s.client().channel("alpha").await.unwrap();
    s.client().channel("alpha").await.unwrap();
    assert!(matches!(s.client().channel("alpha").await, Err(Error::RateLimited { .. })));
}

/// Requests with a bad token are charged to the client's address before they
/// are refused, so guessing tokens (unknown, malformed, expired-looking,
/// any scheme the API reads) is throttled like any other traffic.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_tokens_are_rate_limited_by_address() {
    let s = TestServer::start_with(
        Backend::Sqlite,
        RateConfig { free_per_day: 1000, pro_per_day: 1000, burst_per_second: 3 },
    )
    .await;
    let http = s.http();
    let guesses = ["Bearer nope", "Bearer axt_guess", "OAuth nope", "bearer   spaced", "Bearer a.b.c"];
    let (mut refused, mut limited) = (0, 0);
    for i in 0..30 {
        let r =
            http.get(s.url("/api/users/me")).header("authorization", guesses[i % guesses.len()]).send().await.unwrap();
        match r.status().as_u16() {
            401 => refused += 1,
            429 => {
                assert!(r.headers().contains_key("retry-after"), "a 429 says when to come back");
                limited += 1;
            }
            other => panic!("unexpected status {other}"),
        }
    }
    assert!(refused >= 1, "a guess within the limit is answered 401 ({refused})");
    assert!(limited > 0, "thirty back-to-back guesses exceed 3/s: none was throttled");
}
