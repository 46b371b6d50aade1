//! EventSub benchmark: event-to-delivery latency for 1 and 100 webhook
//! subscribers and for 1,000 event-WebSocket subscribers, events/s
//! sustained by 100 webhooks, and how fast the subscription sweep turns
//! 10,000 ended subscriptions into `channel.subscription.end` events.
//!
//! The server runs in this process (so an event's publish time and its
//! arrival share one clock); receivers are real HTTP servers and WebSocket
//! clients on loopback. Latency runs from publishing on the bus to the request
//! arriving at the receiver, which answers 204 at once. SQLite by default;
//! with AETHEX_BENCH_POSTGRES_URL set, PostgreSQL too. Run with
//! `scripts/bench-events`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)] // bench code: a panic is the failure report

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aethex_sdk::{ChannelFollowEvent, Condition, CreateSubscription, Transport};
use aethex_server::app::AppState;
use aethex_server::events::Event;
use axum::body::Bytes;
use axum::extract::State;
use futures_util::StreamExt as _;

/// Publish times by event number, and arrival latencies (µs).
#[derive(Default)]
struct Clock {
    sent: Mutex<HashMap<u64, Instant>>,
    lat_us: Mutex<Vec<u64>>,
}

impl Clock {
    fn arrived(&self, n: u64) {
        let now = Instant::now();
        if let Some(t) = self.sent.lock().unwrap().get(&n) {
            self.lat_us.lock().unwrap().push(now.duration_since(*t).as_micros() as u64);
        }
    }
    fn count(&self) -> usize {
        self.lat_us.lock().unwrap().len()
    }
    fn reset(&self) {
        self.sent.lock().unwrap().clear();
        self.lat_us.lock().unwrap().clear();
    }
    fn report(&self) -> String {
        let mut v = self.lat_us.lock().unwrap().clone();
        v.sort_unstable();
        let q = |p: f64| {
            v.get(((v.len() as f64 * p).ceil() as usize).saturating_sub(1)).copied().unwrap_or(0) as f64 / 1000.0
        };
        format!("p50 {:7.2} ms  p99 {:7.2} ms  max {:7.2} ms  ({} deliveries)", q(0.5), q(0.99), q(1.0), v.len())
    }
}

fn follow(n: u64, channel: i64) -> Event {
    Event::ChannelFollow(ChannelFollowEvent {
        user_id: n.to_string(),
        user_login: format!("viewer{n}"),
        user_name: format!("Viewer{n}"),
        broadcaster_user_id: channel.to_string(),
        broadcaster_user_login: "caster".into(),
        broadcaster_user_name: "Caster".into(),
        followed_at: "2026-11-24T00:00:00.000Z".into(),
    })
}

fn event_number(body: &[u8]) -> Option<u64> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    let ev = v.get("event").or_else(|| v.get("payload").and_then(|p| p.get("event")))?;
    ev.get("user_id")?.as_str()?.parse().ok()
}

async fn receiver(clock: Arc<Clock>) -> SocketAddr {
    async fn hit(
        State(clock): State<Arc<Clock>>,
        headers: axum::http::HeaderMap,
        body: Bytes,
    ) -> axum::response::Response {
        use axum::response::IntoResponse as _;
        let kind = headers.get("aethex-eventsub-message-type").and_then(|v| v.to_str().ok()).unwrap_or("");
        if kind == "webhook_callback_verification" {
            let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
            return v["challenge"].as_str().unwrap().to_string().into_response();
        }
        if let Some(n) = event_number(&body) {
            clock.arrived(n);
        }
        axum::http::StatusCode::NO_CONTENT.into_response()
    }
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = l.local_addr().unwrap();
    let app = axum::Router::new().route("/r/{i}", axum::routing::post(hit)).with_state(clock);
    tokio::spawn(async move { axum::serve(l, app).await });
    addr
}

struct Bench {
    /// Keeps the server running.
    _srv: aethex_server::testing::TestServer,
    state: AppState,
    base: String,
    token: String,
    channel: i64,
}

async fn start(database_url: Option<String>) -> Bench {
    let dir = std::env::temp_dir().join(format!("aethex-bench-events-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let srv = aethex_server::testing::start(dir, |c| {
        c.database_url = database_url;
        c.webhook.allow_private = true;
        // The sweep is driven by hand below, so the background one stays out of the way.
        c.subscription_sweep = Duration::from_secs(3600);
    })
    .await;
    let login = format!("caster{}", std::process::id() % 100_000);
    let token = srv.token(&login, "webhooks:manage moderator:read:followers").await;
    let channel = aethex_server::accounts::user_id_by_login(&srv.state.db, &login).await.unwrap().unwrap();
    Bench { state: srv.state.clone(), base: srv.base.clone(), token, channel, _srv: srv }
}

/// Publish `events` events at `rate`/s (0: flat out) and wait until `expect` deliveries arrived.
async fn drive(b: &Bench, clock: &Clock, first: u64, events: u64, rate: u64, expect: usize) -> Duration {
    let started = Instant::now();
    for i in 0..events {
        let n = first + i;
        clock.sent.lock().unwrap().insert(n, Instant::now());
        b.state.bus.publish(follow(n, b.channel));
        if rate > 0 {
            let due = started + Duration::from_secs_f64((i + 1) as f64 / rate as f64);
            tokio::time::sleep_until(due.into()).await;
        }
    }
    let deadline = Instant::now() + Duration::from_secs(120);
    while clock.count() < expect && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    started.elapsed()
}

/// Cause `events` events the way requests do (64 at a time, each its own
/// `Change`: its outbox rows commit before it is answered) and wait until
/// `expect` deliveries arrived. Returns (all answered, all delivered).
async fn drive_committed(b: &Bench, clock: &Clock, first: u64, events: u64, expect: usize) -> (Duration, Duration) {
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..events {
        let n = first + i;
        clock.sent.lock().unwrap().insert(n, Instant::now());
        let (bus, db, event) = (b.state.bus.clone(), b.state.db.clone(), follow(n, b.channel));
        tasks.spawn(async move {
            let mut change = bus.change(&db).await.unwrap();
            change.emit(event);
            change.commit().await.unwrap();
        });
        while tasks.len() >= 64 {
            tasks.join_next().await;
        }
    }
    while tasks.join_next().await.is_some() {}
    let answered = started.elapsed();
    let deadline = Instant::now() + Duration::from_secs(120);
    while clock.count() < expect && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    (answered, started.elapsed())
}

async fn webhooks(b: &Bench, clock: &Arc<Clock>, subscribers: usize) {
    let addr = receiver(clock.clone()).await;
    let client = aethex_sdk::Client::new(&b.base).unwrap().with_token(&b.token);
    let mut ids = Vec::new();
    for i in 0..subscribers {
        let s = client
            .create_eventsub_subscription(&CreateSubscription {
                kind: "channel.follow".into(),
                version: "1".into(),
                condition: Condition::broadcaster(b.channel.to_string()),
                transport: Transport::webhook(format!("http://{addr}/r/{i}"), "bench-secret-0123456789"),
            })
            .await
            .unwrap();
        ids.push(s.id);
    }
    // Wait for every challenge to be answered.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let enabled = b.state.eventsub.all().iter().filter(|s| ids.contains(&s.id) && s.status == "enabled").count();
        if enabled == subscribers || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn delete_all(b: &Bench) {
    let client = aethex_sdk::Client::new(&b.base).unwrap().with_token(&b.token);
    for s in b.state.eventsub.all() {
        let _ = client.delete_eventsub_subscription(&s.id).await;
    }
}

async fn websockets(b: &Bench, clock: &Arc<Clock>, n: usize) -> Vec<tokio::task::JoinHandle<()>> {
    let client = aethex_sdk::Client::new(&b.base).unwrap().with_token(&b.token);
    let url = client.event_socket_url().unwrap();
    let mut tasks = Vec::new();
    for _ in 0..n {
        let (mut ws, _) = tokio_tungstenite::connect_async(url.as_str()).await.unwrap();
        let welcome = match ws.next().await.unwrap().unwrap() {
            tokio_tungstenite::tungstenite::Message::Text(t) => serde_json::from_str::<serde_json::Value>(&t).unwrap(),
            other => panic!("unexpected {other:?}"),
        };
        let session = welcome["payload"]["session"]["id"].as_str().unwrap().to_string();
        client
            .create_eventsub_subscription(&CreateSubscription {
                kind: "channel.follow".into(),
                version: "1".into(),
                condition: Condition::broadcaster(b.channel.to_string()),
                transport: Transport::websocket(session),
            })
            .await
            .unwrap();
        let clock = clock.clone();
        tasks.push(tokio::spawn(async move {
            while let Some(Ok(m)) = ws.next().await {
                if let tokio_tungstenite::tungstenite::Message::Text(t) = m {
                    if let Some(n) = event_number(t.as_bytes()) {
                        clock.arrived(n);
                    }
                }
            }
        }));
    }
    tasks
}

async fn run(label: &str, database_url: Option<String>) {
    let b = start(database_url).await;
    let clock = Arc::new(Clock::default());
    let mut next = 1u64;

    webhooks(&b, &clock, 1).await;
    drive(&b, &clock, next, 200, 50, 200).await;
    println!("{label:9} webhook    1 subscriber   50 events/s:  {}", clock.report());
    next += 200;
    clock.reset();
    delete_all(&b).await;

    webhooks(&b, &clock, 100).await;
    drive(&b, &clock, next, 100, 10, 100 * 100).await;
    println!("{label:9} webhook  100 subscribers  10 events/s:  {}", clock.report());
    next += 100;
    clock.reset();
    let events = 500;
    let took = drive(&b, &clock, next, events, 0, events as usize * 100).await;
    let delivered = clock.count();
    println!(
        "{label:9} webhook  100 subscribers  flat out:     {} events in {:.2} s = {:.0} events/s fully delivered, {:.0} deliveries/s",
        events,
        took.as_secs_f64(),
        events as f64 * (delivered as f64 / (events as f64 * 100.0)) / took.as_secs_f64(),
        delivered as f64 / took.as_secs_f64()
    );
    next += events;
    clock.reset();
    let (answered, took) = drive_committed(&b, &clock, next, events, events as usize * 100).await;
    println!(
        "{label:9} webhook  100 subscribers  as requests:  {} events answered in {:.2} s = {:.0} answers/s (outbox rows committed first), {:.0} deliveries/s",
        events,
        answered.as_secs_f64(),
        events as f64 / answered.as_secs_f64(),
        clock.count() as f64 / took.as_secs_f64()
    );
    next += events;
    clock.reset();
    delete_all(&b).await;

    let sockets = websockets(&b, &clock, 1000).await;
    drive(&b, &clock, next, 100, 10, 100 * 1000).await;
    println!("{label:9} websocket 1000 subscribers 10 events/s:  {}", clock.report());
    for t in sockets {
        t.abort();
    }
    sweep(&b, label).await;
}

/// 10,000 subscriptions whose period ran out, swept into events.
async fn sweep(b: &Bench, label: &str) {
    const N: i64 = 10_000;
    let pool = &b.state.db.pool;
    let now = aethex_sdk::time::now_ms();
    for chunk in 0..N / 500 {
        let mut users = String::from("INSERT INTO users (login, display_name, created_at) VALUES ");
        let rows: Vec<String> =
            (0..500).map(|i| format!("('lapsed{label}{}', 'Lapsed', {now})", chunk * 500 + i)).collect();
        users.push_str(&rows.join(", "));
        sqlx::query(&users).execute(pool).await.unwrap();
    }
    sqlx::query(
        "INSERT INTO subscriptions (user_id, channel_id, tier, started_at, expires_at)
         SELECT id, $1, 1, $2, $3 FROM users WHERE login LIKE 'lapsed%'",
    )
    .bind(b.channel)
    .bind(now - 31 * 86_400_000)
    .bind(now - 86_400_000)
    .execute(pool)
    .await
    .unwrap();
    let mut events = b.state.bus.subscribe();
    let counter = tokio::spawn(async move {
        let mut seen = 0usize;
        loop {
            match tokio::time::timeout(Duration::from_secs(2), events.recv()).await {
                Ok(Ok(p)) => seen += usize::from(matches!(p.event, Event::ChannelSubscriptionEnd(_))),
                Ok(Err(tokio::sync::broadcast::error::RecvError::Lagged(_))) => continue,
                _ => return seen,
            }
        }
    });
    let started = Instant::now();
    let mut ended = 0;
    loop {
        let n = aethex_server::social::publish_ended_subscriptions(&b.state.db, &b.state.bus).await.unwrap();
        if n == 0 {
            break;
        }
        ended += n;
    }
    let took = started.elapsed();
    let seen = counter.await.unwrap();
    println!(
        "{label:9} subscription sweep: {ended} ended in {:.0} ms = {:.0} ends/s ({seen} events on the bus)",
        took.as_secs_f64() * 1000.0,
        ended as f64 / took.as_secs_f64()
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    println!(
        "AeThex EventSub: event published -> request at the receiver (loopback), {} cores",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0)
    );
    run("sqlite", None).await;
    if let Ok(url) = std::env::var("AETHEX_BENCH_POSTGRES_URL") {
        run("postgres", Some(url)).await;
    }
}
