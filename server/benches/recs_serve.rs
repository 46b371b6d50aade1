//! Serving benchmark of the recommender (`scripts/bench-recs` runs it): the
//! platform in this process on SQLite, seeded with **simulated** viewing
//! (100,000 anonymous browsers, 8 sessions each over 1,000 channels, every
//! browser mostly in one of 12 categories) written through analytics, a
//! model trained by the server's own training, and 300 channels live
//! (registered with ingest directly: no media, nothing else to serve).
//! Then `GET /api/recommendations?browser=…&first=10` over loopback HTTP at a
//! fixed rate in an open loop (latency from each request's scheduled start,
//! so queueing counts), from a client on its own runtime thread: 90% known
//! browsers, 10% never seen. Prints p50/p99/max, errors and how long seeding
//! and training took.
#![allow(clippy::unwrap_used, clippy::expect_used)] // bench code: a panic is the failure report

use std::sync::Arc;
use std::time::{Duration, Instant};

use aethex_server::analytics::Row;
use aethex_server::testing::{start, temp_dir};

const CHANNELS: usize = 1_000;
const LIVE: usize = 300;
const VIEWERS: usize = 100_000;
const SESSIONS: usize = 8;
const TOPICS: usize = 12;

fn mix(x: u64) -> u64 {
    aethex_server::recs::engine::mix(x.wrapping_add(0x9E37_79B9_7F4A_7C15))
}

fn main() {
    let rate: u64 = std::env::var("AETHEX_BENCH_RATE").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let secs: u64 = std::env::var("AETHEX_BENCH_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(10);
    let server_rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    let dir = temp_dir("recs-serve");
    let seeded = Instant::now();
    let (base, trained_ms) = server_rt.block_on(async {
        let s = start(dir.clone(), |c| {
            c.recs.train_minutes = 0;
            c.http.per_address_per_second = 1_000_000_000;
        })
        .await;
        let st = s.state.clone();
        let mut ids = Vec::with_capacity(CHANNELS);
        for c in 0..CHANNELS {
            let id = aethex_server::accounts::create_user(&st.db, &st.sealer, &format!("chan{c:04}"), None)
                .await
                .expect("channel");
            let category = format!("Category {}", c % TOPICS);
            let change = aethex_server::accounts::ChannelChange {
                category: Some(&category),
                title: Some("playing live"),
                ..Default::default()
            };
            let mut conn = st.db.pool.acquire().await.expect("conn");
            aethex_server::accounts::update_channel(&mut conn, id, &change).await.expect("category");
            ids.push(id);
        }
        for &id in ids.iter().take(LIVE) {
            let key = aethex_server::accounts::stream_key(&st.db, &st.sealer, id).await.expect("key");
            st.ingest.start(&key).await.expect("live");
        }
        let now = st.analytics.now();
        let mut rows = 0usize;
        for v in 0..VIEWERS {
            let viewer = st.analytics.pseudonym(&format!("bench-browser-{v:06}"));
            let topic = v % TOPICS;
            for k in 0..SESSIONS {
                let h = mix((v * SESSIONS + k) as u64);
                // Mostly their category: channels c with c % 12 == topic.
                let c = if h % 10 < 8 {
                    (h as usize / 16 % (CHANNELS / TOPICS)) * TOPICS + topic
                } else {
                    h as usize % CHANNELS
                };
                let channel = ids[c.min(CHANNELS - 1)];
                let start = now - (1 + (h >> 20) % (30 * 24)) as i64 * 3_600_000;
                for (kind, at) in [("view", start), ("view_end", start + 600_000 + (h >> 40) as i64 % 3_000_000)] {
                    let mut row = Row::new(at, kind, channel, None);
                    row.viewer = Some(viewer.clone());
                    row.session = Some(format!("s{v}-{k}"));
                    st.analytics.record(row);
                    rows += 1;
                }
            }
            if rows >= 40_000 {
                st.analytics.flush().await;
                rows = 0;
            }
        }
        st.analytics.flush().await;
        assert_eq!(st.analytics.dropped(), 0, "every simulated row stored");
        let t = Instant::now();
        st.recs.train().await.expect("train");
        let trained_ms = t.elapsed().as_millis();
        let base = s.base.clone();
        // Keep the server running on its runtime for the load phase.
        std::mem::forget(s);
        (base, trained_ms)
    });
    println!(
        "serving: {VIEWERS} simulated browsers × {SESSIONS} sessions over {CHANNELS} channels ({LIVE} live); seeded in {:.1} s, trained in {:.1} s",
        seeded.elapsed().as_secs_f64() - trained_ms as f64 / 1000.0,
        trained_ms as f64 / 1000.0
    );
    let client_rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("client runtime");
    let (mut lat, errors, elapsed) = client_rt.block_on(async move {
        let client = reqwest::Client::builder().pool_max_idle_per_host(256).build().expect("client");
        // Warm up.
        for i in 0..200u64 {
            let _ = client.get(format!("{base}/api/recommendations?browser=bench-browser-{:06}", i)).send().await;
        }
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(f64, bool)>();
        let period = Duration::from_nanos(1_000_000_000 / rate);
        let limit = Arc::new(tokio::sync::Semaphore::new(256));
        let begin = tokio::time::Instant::now();
        for i in 0..rate * secs {
            let scheduled = begin + period * i as u32;
            tokio::time::sleep_until(scheduled).await;
            let h = mix(i ^ 0xABCD);
            let browser = if h.is_multiple_of(10) {
                format!("never-seen-{i:08}")
            } else {
                format!("bench-browser-{:06}", h as usize / 10 % VIEWERS)
            };
            let url = format!("{base}/api/recommendations?browser={browser}&first=10");
            let (client, tx, permit) =
                (client.clone(), tx.clone(), limit.clone().acquire_owned().await.expect("permit"));
            tokio::spawn(async move {
                let ok = match client.get(url).send().await {
                    Ok(r) => r.status().is_success() && r.bytes().await.is_ok_and(|b| b.len() > 20),
                    Err(_) => false,
                };
                let _ = tx.send((scheduled.elapsed().as_secs_f64() * 1000.0, ok));
                drop(permit);
            });
        }
        drop(tx);
        let (mut lat, mut errors) = (Vec::new(), 0usize);
        while let Some((ms, ok)) = rx.recv().await {
            lat.push(ms);
            errors += usize::from(!ok);
        }
        (lat, errors, begin.elapsed().as_secs_f64())
    });
    lat.sort_by(|a, b| a.total_cmp(b));
    let q = |p: f64| lat.get(((lat.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(f64::NAN);
    println!(
        "GET /api/recommendations, open loop {rate} req/s for {secs} s: {:.0} req/s  p50 {:.2} ms  p99 {:.2} ms  max {:.2} ms  errors {errors}",
        lat.len() as f64 / elapsed,
        q(0.5),
        q(0.99),
        lat.last().copied().unwrap_or(f64::NAN)
    );
    drop(server_rt);
    let _ = std::fs::remove_dir_all(&dir);
}
