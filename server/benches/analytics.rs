//! Analytics benchmark, on SQLite and (with `AETHEX_BENCH_POSTGRES_URL`)
//! PostgreSQL, the server in this process so rows can be made at any
//! analytics time:
//! - **ingest**: rows stored per second by the batching writer (events and
//!   the viewers' rollup), flat out;
//! - **collection off / on**: API p99 (`GET /api/channels/{login}`, open loop
//!   at 400 req/s, latency from each request's scheduled start) and chat p99
//!   (IRC, 100 senders at 50 messages/s in all, one receiver) with no
//!   collection, then with viewers' rows arriving at 50,000/s beside them;
//! - **stream end → final summary**: a one-hour stream of 10,000 viewers
//!   (a heartbeat every 30 s each: 1.2 million rows), from `stream.offline`
//!   on the bus to the stored final summary;
//! - **channel analytics, 90 days**: a channel with 10,000 viewers a day
//!   (from 50,000 people) for 90 days, the first read (which rolls the days
//!   up) and p50/p99 of 200 reads over HTTP after it, with the sketch's
//!   unique-viewer estimate beside the truth;
//! - **DAU/MAU and 30-day cohorts over 1,000,000 viewers**: the rollup
//!   filled with a million viewers' 60 days, then `users` and `cohorts`, and
//!   the whole platform page's numbers over HTTP.
//!
//! Simulated data: the viewers, their habits and the chat are generated here
//! (stated with each number). Run with `scripts/bench-analytics`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)] // bench code: a panic is the failure report

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aethex_server::analytics::{channel::DAY, Row};
use aethex_server::events::Event;
use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _, BufReader};

const LOGIN: &str = "bench_caster";

fn quantile(v: &mut [f64], q: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    v[((v.len() as f64 * q).ceil() as usize).saturating_sub(1)]
}

/// A deterministic spread of `x` (SplitMix64), for simulated habits.
fn spread(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn view(at_ms: i64, channel: i64, stream: i64, viewer: u64, session: u64) -> Row {
    Row {
        viewer: Some(format!("a:{viewer:016x}")),
        session: Some(format!("s{session:015}")),
        device: Some(if viewer.is_multiple_of(3) { "desktop" } else { "phone" }.into()),
        source: Some(if viewer.is_multiple_of(4) { "following" } else { "directory" }.into()),
        ..Row::new(at_ms, "view", channel, Some(stream))
    }
}

struct Bench {
    srv: aethex_server::testing::TestServer,
    channel: i64,
    token: String,
}

/// Whether part `name` runs (`AETHEX_BENCH_PARTS`, comma-separated; all by default).
fn part(name: &str) -> bool {
    std::env::var("AETHEX_BENCH_PARTS").map_or(true, |p| p.split(',').any(|x| x.trim() == name))
}

async fn start(database_url: Option<String>) -> Bench {
    let dir = std::env::temp_dir().join(format!("aethex-bench-analytics-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let srv = aethex_server::testing::start(dir, |c| {
        c.database_url = database_url;
        c.operators = vec![LOGIN.into()];
        c.http.per_address_per_second = 1_000_000_000;
        c.http.max_conns_per_ip = 100_000;
    })
    .await;
    let token = srv.token(LOGIN, "analytics:read").await;
    let channel = aethex_server::accounts::user_id_by_login(&srv.state.db, LOGIN).await.unwrap().unwrap();
    Bench { srv, channel, token }
}

/// Record `rows` and wait until they are stored, in chunks the queue holds.
async fn load(b: &Bench, rows: impl Iterator<Item = Row>) -> (usize, Duration) {
    let a = &b.srv.state.analytics;
    let started = Instant::now();
    let mut n = 0;
    for r in rows {
        a.record(r);
        n += 1;
        if n % 20_000 == 0 {
            a.flush().await;
        }
    }
    a.flush().await;
    (n, started.elapsed())
}

async fn ingest(b: &Bench) {
    let a = &b.srv.state.analytics;
    let t0 = a.now() - 2 * DAY;
    let dropped = a.dropped();
    let rows = (0..300_000u64).map(|i| view(t0 + (i as i64) * 10, b.channel, 1, i % 30_000, i % 30_000));
    let (n, took) = load(b, rows).await;
    println!(
        "  ingest, flat out: {:>9.0} rows/s stored ({n} view rows of 30,000 simulated sessions, 5 minutes apart each so none is held back, {:.1} s, {} dropped)",
        n as f64 / took.as_secs_f64(),
        took.as_secs_f64(),
        a.dropped() - dropped
    );
}

/// API and chat latency for `secs`, with `collect` rows/s of collection beside them.
async fn latencies(b: &Bench, senders: &[String], collect: u64, secs: u64) -> (f64, f64, f64, u64) {
    let s = &b.srv;
    let stop = Arc::new(AtomicBool::new(false));
    // Collection: heartbeats arriving as separate requests would, interleaved
    // with everything else: every millisecond, yielding every 10 rows.
    let a = s.state.analytics.clone();
    let dropped0 = a.dropped();
    let channel = b.channel;
    let producer = {
        let stop = stop.clone();
        tokio::spawn(async move {
            let started = Instant::now();
            let mut made = 0u64;
            let mut tick = tokio::time::interval(Duration::from_millis(1));
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            while !stop.load(Ordering::Relaxed) && collect > 0 {
                tick.tick().await;
                let due = (started.elapsed().as_secs_f64() * collect as f64) as u64;
                let now = a.now();
                while made < due {
                    a.record(view(now, channel, 2, made % 150_000, made % 150_000));
                    made += 1;
                    if made.is_multiple_of(10) {
                        tokio::task::yield_now().await;
                    }
                }
            }
            (made, started.elapsed())
        })
    };
    // The sessions open before anything is measured: the steady state, not the flash crowd.
    if collect > 0 {
        tokio::time::sleep(Duration::from_secs(6)).await;
    }
    // Chat: a receiver, and senders taking turns.
    let origin = Instant::now();
    let lat: Arc<Mutex<Vec<f64>>> = Arc::default();
    let irc = s.irc;
    let (read, mut write) = tokio::net::TcpStream::connect(irc).await.unwrap().into_split();
    let token = s.token("bench_reader", "chat:read").await;
    write.write_all(format!("PASS oauth:{token}\r\nNICK bench_reader\r\nJOIN #{LOGIN}\r\n").as_bytes()).await.unwrap();
    let mut lines = BufReader::new(read).lines();
    while let Some(l) = lines.next_line().await.unwrap() {
        if l.contains(" 366 ") {
            break;
        }
    }
    let reader = {
        let lat = lat.clone();
        tokio::spawn(async move {
            while let Ok(Some(l)) = lines.next_line().await {
                if let Some(t) = l.split(":t=").nth(1) {
                    if let Ok(sent) = t.split_whitespace().next().unwrap_or("").parse::<u64>() {
                        let now = origin.elapsed().as_micros() as u64;
                        lat.lock().unwrap().push(now.saturating_sub(sent) as f64 / 1000.0);
                    }
                }
            }
        })
    };
    let mut writers = Vec::new();
    for (k, token) in senders.iter().enumerate() {
        let (stop, token) = (stop.clone(), token.clone());
        let stream = tokio::net::TcpStream::connect(irc).await.unwrap();
        let _ = stream.set_nodelay(true);
        let (read, mut w) = stream.into_split();
        w.write_all(format!("PASS oauth:{token}\r\nNICK sender{k}\r\nJOIN #{LOGIN}\r\n").as_bytes()).await.unwrap();
        let mut lines = BufReader::new(read).lines();
        while let Some(l) = lines.next_line().await.unwrap() {
            if l.contains(" 366 ") {
                break;
            }
        }
        let n = senders.len();
        writers.push(tokio::spawn(async move {
            // 50 messages/s in all: each sender every n/50 s, staggered.
            let period = Duration::from_secs_f64(n as f64 / 50.0);
            tokio::time::sleep(period.mul_f64(k as f64 / n as f64)).await;
            let mut tick = tokio::time::interval(period);
            while !stop.load(Ordering::Relaxed) {
                tick.tick().await;
                let line = format!("PRIVMSG #{LOGIN} :t={} hello\r\n", origin.elapsed().as_micros());
                if w.write_all(line.as_bytes()).await.is_err() {
                    break;
                }
            }
            drop(lines);
        }));
    }
    // API: open loop at 400 req/s.
    let http = reqwest::Client::new();
    let url = s.url(&format!("/api/channels/{LOGIN}"));
    let api: Arc<Mutex<Vec<f64>>> = Arc::default();
    let started = Instant::now();
    let mut requests = tokio::task::JoinSet::new();
    let total = 400 * secs;
    for i in 0..total {
        let due = started + Duration::from_secs_f64(i as f64 / 400.0);
        tokio::time::sleep_until(due.into()).await;
        let (http, url, api, token) = (http.clone(), url.clone(), api.clone(), b.token.clone());
        requests.spawn(async move {
            let ok = http.get(&url).bearer_auth(&token).send().await.is_ok_and(|r| r.status().is_success());
            if ok {
                api.lock().unwrap().push(due.elapsed().as_secs_f64() * 1000.0);
            }
        });
    }
    while requests.join_next().await.is_some() {}
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        let _ = w.await;
    }
    let (made, took) = producer.await.unwrap();
    s.state.analytics.flush().await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    reader.abort();
    let api_p99 = quantile(&mut api.lock().unwrap(), 0.99);
    let chat_p99 = quantile(&mut lat.lock().unwrap(), 0.99);
    (api_p99, chat_p99, made as f64 / took.as_secs_f64(), s.state.analytics.dropped() - dropped0)
}

async fn stream_end(b: &Bench) {
    let s = &b.srv;
    let a = &s.state.analytics;
    let stream = 900_001i64;
    let online = aethex_sdk::StreamOnlineEvent {
        id: stream.to_string(),
        broadcaster_user_id: b.channel.to_string(),
        broadcaster_user_login: LOGIN.into(),
        broadcaster_user_name: LOGIN.into(),
        kind: "live".into(),
        started_at: aethex_server::store::rfc3339(a.now()),
    };
    s.state.bus.publish(Event::StreamOnline(online));
    tokio::time::sleep(Duration::from_millis(200)).await;
    let start = a.now();
    // 10,000 viewers, each a heartbeat every 30 s for the hour.
    let rows = (0..120i64)
        .flat_map(|beat| (0..10_000u64).map(move |v| (beat, v)))
        .map(|(beat, v)| view(start + beat * 30_000 + (v % 30_000) as i64, b.channel, stream, 1_000_000 + v, v));
    let (n, took) = load(b, rows).await;
    a.advance(Duration::from_secs(3600));
    let ended = Instant::now();
    s.state.bus.publish(Event::StreamOffline(aethex_sdk::StreamOfflineEvent {
        broadcaster_user_id: b.channel.to_string(),
        broadcaster_user_login: LOGIN.into(),
        broadcaster_user_name: LOGIN.into(),
    }));
    let mut fin = None;
    while ended.elapsed() < Duration::from_secs(120) {
        if let Ok(Some(sum)) = a.summary(stream).await {
            if sum.is_final {
                fin = Some(sum);
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let sum = fin.expect("a final summary");
    println!(
        "  stream end -> final summary: {:>6.2} s (1 h, 10,000 simulated viewers, {n} rows loaded in {:.1} s; summary: {} unique, peak {}, {} minutes)",
        ended.elapsed().as_secs_f64(),
        took.as_secs_f64(),
        sum.unique_viewers,
        sum.peak_viewers,
        sum.minutes
    );
}

async fn channel_90_days(b: &Bench) {
    let s = &b.srv;
    let a = &s.state.analytics;
    // A channel of its own: the other parts' viewers are not in its numbers.
    let owner = s.token("bench_big", "analytics:read").await;
    let channel = aethex_server::accounts::user_id_by_login(&s.state.db, "bench_big").await.unwrap().unwrap();
    let today = a.now().div_euclid(DAY);
    let first = today - 90;
    // Each day: a 4-hour stream from 18:00, 10,000 of 50,000 people watching
    // 30 minutes (a start and an end row each).
    let mut truth = std::collections::HashSet::new();
    let rows = (0..90i64).flat_map(|d| {
        let day0 = (first + d) * DAY + 18 * 3_600_000;
        let stream = 800_000 + d;
        let marks = [
            Row::new(day0, "stream_start", channel, Some(stream)),
            Row::new(day0 + 4 * 3_600_000, "stream_end", channel, Some(stream)),
        ];
        let views = (0..10_000u64).flat_map(move |k| {
            let who = spread((d as u64) << 20 | k) % 50_000;
            let at = day0 + (spread(who ^ d as u64) % (3 * 3_600_000)) as i64;
            let session = (d as u64) * 1_000_000 + k;
            [
                view(at, channel, stream, 5_000_000 + who, session),
                Row { kind: "view_end".into(), ..view(at + 30 * 60_000, channel, stream, 5_000_000 + who, session) },
            ]
        });
        marks.into_iter().chain(views)
    });
    let rows: Vec<Row> = rows.collect();
    for r in rows.iter().filter(|r| r.kind == "view") {
        truth.insert(r.viewer.clone());
    }
    let (n, took) = load(b, rows.into_iter()).await;
    // The hourly task rolls each day up once it is over; here all 90 at once.
    let rolled = Instant::now();
    for d in first..today {
        a.roll_up(d).await.unwrap();
    }
    let rolled = rolled.elapsed();
    let from = aethex_server::store::rfc3339(first * DAY);
    let to = aethex_server::store::rfc3339((today - 1) * DAY);
    let url = s.url(&format!("/api/channels/bench_big/analytics?from={}&to={}", &from[..10], &to[..10]));
    let http = reqwest::Client::new();
    let cold = Instant::now();
    let r = http.get(&url).bearer_auth(&owner).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let cold = cold.elapsed();
    let body: serde_json::Value = r.json().await.unwrap();
    let ch: aethex_sdk::ChannelAnalytics = serde_json::from_value(body["data"][0].clone()).unwrap();
    let mut lat = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        let r = http.get(&url).bearer_auth(&owner).send().await.unwrap();
        assert_eq!(r.status(), 200);
        let _ = r.bytes().await.unwrap();
        lat.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let err = (ch.total.unique_viewers as f64 - truth.len() as f64) / truth.len() as f64 * 100.0;
    println!(
        "  channel analytics, 90 days x 10,000 simulated viewers ({n} rows, loaded in {:.1} s, days rolled up in {:.1} s): first read {:.0} ms, then p50 {:.2} ms p99 {:.2} ms; unique {} vs true {} ({err:+.2}%)",
        took.as_secs_f64(),
        rolled.as_secs_f64(),
        cold.as_secs_f64() * 1000.0,
        quantile(&mut lat, 0.5),
        quantile(&mut lat, 0.99),
        ch.total.unique_viewers,
        truth.len()
    );
}

async fn platform_million(b: &Bench) {
    let s = &b.srv;
    let a = &s.state.analytics;
    let today = a.now().div_euclid(DAY);
    // A million simulated viewers: first seen in the last 60 days, active on
    // a few days each (a day-bit mask relative to their last day).
    let viewers: Vec<(String, i64, i64, i64, Option<String>)> = (0..1_000_000u64)
        .map(|i| {
            let h = spread(i);
            let first = today - 59 + (h % 60) as i64;
            let span = (today - first) as u64;
            let last = first + (if span == 0 { 0 } else { (h >> 8) % (span + 1) }) as i64;
            let mut days = 1i64 | (1i64 << (last - first));
            days |= ((h >> 20) as i64 & 0x5555) & ((1i64 << (last - first + 1)) - 1);
            let country = ["DE", "US", "BR", "JP", "FR"][(h >> 40) as usize % 5];
            (format!("m:{i:07}"), first, last, days, Some(country.to_string()))
        })
        .collect();
    let load = Instant::now();
    aethex_server::analytics::rollup::load(&s.state.db, &viewers).await.unwrap();
    let loaded = load.elapsed();
    let mut took = Vec::new();
    let mut u = None;
    for _ in 0..5 {
        let t = Instant::now();
        u = Some(a.activity(today).await.unwrap().users);
        took.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let u = u.unwrap();
    let http = reqwest::Client::new();
    let t = Instant::now();
    let r = http.get(s.url("/api/analytics/platform")).bearer_auth(&b.token).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let _ = r.bytes().await.unwrap();
    let page = t.elapsed();
    println!(
        "  1,000,000 simulated viewers (rollup loaded in {:.1} s): DAU/WAU/MAU, churn, 30 days of DAU, 4 weekly cohorts and countries in one pass {:.0} ms (median of 5); GET /api/analytics/platform {:.0} ms (DAU {}, MAU {}, churn {:.1}%)",
        loaded.as_secs_f64(),
        quantile(&mut took, 0.5),
        page.as_secs_f64() * 1000.0,
        u.dau,
        u.mau,
        u.churn_rate * 100.0
    );
}

async fn run(name: &str, url: Option<String>) {
    println!("{name}:");
    let b = start(url).await;
    // 100 chat senders, each within the regular user's 20 messages per 30 s.
    let mut senders = Vec::new();
    for i in 0..100 {
        senders.push(b.srv.token(&format!("sender{i}"), "chat:read chat:edit").await);
    }
    if part("ingest") {
        ingest(&b).await;
    }
    if part("latency") {
        latencies_report(&b, &senders).await;
    }
    if part("summary") {
        stream_end(&b).await;
    }
    if part("channel") {
        channel_90_days(&b).await;
    }
    if part("platform") {
        platform_million(&b).await;
    }
}

async fn latencies_report(b: &Bench, senders: &[String]) {
    // p99 of a few hundred chat lines moves by itself from run to run: three
    // rounds of off then on, each reported, and the medians compared.
    let (mut api_off, mut chat_off, mut api_on, mut chat_on) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut rate, mut dropped) = (0.0, 0);
    for _ in 0..3 {
        let (a, c, _, _) = latencies(b, senders, 0, 10).await;
        api_off.push(a);
        chat_off.push(c);
        let (a, c, r, d) = latencies(b, senders, 50_000, 10).await;
        api_on.push(a);
        chat_on.push(c);
        (rate, dropped) = (r, dropped + d);
    }
    let list = |v: &[f64]| v.iter().map(|x| format!("{x:.2}")).collect::<Vec<_>>().join("/");
    let (lao, lco, lan, lcn) = (list(&api_off), list(&chat_off), list(&api_on), list(&chat_on));
    let (mao, mco) = (quantile(&mut api_off, 0.5), quantile(&mut chat_off, 0.5));
    let (man, mcn) = (quantile(&mut api_on, 0.5), quantile(&mut chat_on, 0.5));
    let pct = |on: f64, off: f64| (on - off) / off * 100.0;
    println!(
        "  collection off: API p99 {mao:>6.2} ms ({lao})  chat p99 {mco:>6.2} ms ({lco})   (400 API req/s, 50 chat msg/s; median of 3 rounds)\n  collection on:  API p99 {man:>6.2} ms ({lan})  chat p99 {mcn:>6.2} ms ({lcn})   with {rate:.0} heartbeats/s accepted (150,000 simulated sessions open, one heartbeat every 3 s each), {dropped} dropped: API {:+.1}%, chat {:+.1}%",
        pct(man, mao),
        pct(mcn, mco)
    );
}

#[tokio::main]
async fn main() {
    println!(
        "AeThex analytics (simulated viewers and chat), {} cores",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0)
    );
    run("sqlite", None).await;
    if let Ok(url) = std::env::var("AETHEX_BENCH_POSTGRES_URL") {
        run("postgres", Some(url)).await;
    }
}
