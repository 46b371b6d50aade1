//! Chat at 100,000 concurrent clients across nodes: several `aethex-server`
//! processes on one PostgreSQL and one Redis, and several load-generator
//! processes (this binary again, as workers), because a process may hold at
//! most 20,000 open files here. Each worker connects from its own loopback
//! address (127.0.0.10 + worker) so ports never run short.
//!
//! The mix: one hot room of 10,000 and the rest in rooms of 10 to 100
//! (sizes drawn with a fixed seed). Clients are spread over the nodes in
//! turn, so most lines cross nodes through Redis. The hot room gets
//! `AETHEX_BENCH_HOT_RATE` messages a second (default 10, from 20 senders),
//! every small room one message every `1 / AETHEX_BENCH_ROOM_RATE` seconds
//! (default 0.05/s), each carrying its send time; every tenth receiver times
//! what it gets. Prints p50/p99/max latency, deliveries a second, the nodes'
//! CPU and their memory per connection.
//!
//! Environment: AETHEX_BENCH_CLIENTS (100000), AETHEX_BENCH_NODES (6),
//! AETHEX_BENCH_HOT (10000), AETHEX_BENCH_SECONDS (30), AETHEX_BENCH_HOT_RATE,
//! AETHEX_BENCH_ROOM_RATE, AETHEX_TEST_POSTGRES_URL (scripts/bench-scale
//! starts a private PostgreSQL). Run it with `scripts/bench-scale`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // bench code: a panic is the failure report

mod support;
use support::{cpu_seconds, rss_kib};

use std::io::{BufRead as _, Write as _};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _};

const SECRET: &str = "5eb1c0ffee5eb1c0ffee5eb1c0ffee5eb1c0ffee5eb1c0ffee5eb1c0ffee5eb1";
const PER_WORKER: usize = 18_000;
const HOT_SENDERS: usize = 20;
const SPEAKERS: usize = 64;
/// 10 µs buckets up to 1 s.
const BUCKETS: usize = 100_001;

fn env<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// One client's part in the run.
#[derive(Serialize, Deserialize, Clone)]
struct Seat {
    node: String,
    room: String,
    /// A sender's token (senders sign in; receivers are anonymous `justinfan`s).
    token: Option<String>,
    nick: String,
    /// Messages a second this client sends (0: it only listens).
    rate: f64,
}

#[derive(Serialize, Deserialize)]
struct Plan {
    source: String,
    seats: Vec<Seat>,
    secs: u64,
}

#[derive(Serialize, Deserialize)]
struct Report {
    /// (bucket, count) of the timed deliveries.
    hist: Vec<(usize, u64)>,
    delivered: u64,
    max_us: u64,
    connected: usize,
}

fn main() {
    if let Ok(w) = std::env::var("AETHEX_BENCH_WORKER") {
        return worker(&w);
    }
    coordinator();
}

// --- the coordinator ------------------------------------------------------------

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

struct Node {
    child: Child,
    irc: String,
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn server_env(c: &mut Command, db: &str, redis: &str, data: &std::path::Path) {
    c.env("AETHEX_DATA_DIR", data)
        .env("AETHEX_DATABASE_URL", db)
        .env("AETHEX_REDIS_URL", redis)
        .env("AETHEX_SECRET_KEY", SECRET)
        .env("AETHEX_FFMPEG", "")
        .env("RUST_LOG", "warn");
}

fn start_node(db: &str, redis: &str, data: &std::path::Path) -> Node {
    let (http, irc) = (free_port(), free_port());
    let mut c = Command::new(env!("CARGO_BIN_EXE_aethex-server"));
    server_env(&mut c, db, redis, data);
    c.env("AETHEX_HTTP_ADDR", format!("127.0.0.1:{http}"))
        .env("AETHEX_IRC_ADDR", format!("127.0.0.1:{irc}"))
        .env("AETHEX_RTMP_ADDR", "127.0.0.1:0")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    // Ready once it answers `/readyz` (its listeners are bound before its
    // database is migrated); dropped, the node is killed and reaped.
    let node = Node { child: c.spawn().expect("aethex-server starts"), irc: format!("127.0.0.1:{irc}") };
    for _ in 0..1200 {
        if ready(http) {
            return node;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("a node did not start");
}

fn ready(http: u16) -> bool {
    use std::io::Read as _;
    let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", http)) else { return false };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    if s.write_all(b"GET /readyz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").is_err() {
        return false;
    }
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.1 200")
}

/// Run admin commands, `parallel` at a time; their outputs in order.
fn admin_all(db: &str, data: &std::path::Path, commands: &[Vec<String>], parallel: usize) -> Vec<String> {
    let mut out = vec![String::new(); commands.len()];
    for chunk in (0..commands.len()).collect::<Vec<_>>().chunks(parallel) {
        let children: Vec<_> = chunk
            .iter()
            .map(|&i| {
                let mut c = Command::new(env!("CARGO_BIN_EXE_aethex-server"));
                server_env(&mut c, db, "", data);
                c.env_remove("AETHEX_REDIS_URL").args(&commands[i]).stdout(Stdio::piped()).stderr(Stdio::piped());
                (i, c.spawn().expect("admin command"))
            })
            .collect();
        for (i, child) in children {
            let o = child.wait_with_output().unwrap();
            assert!(o.status.success(), "{:?}: {}", commands[i], String::from_utf8_lossy(&o.stderr));
            out[i] = String::from_utf8_lossy(&o.stdout).trim().to_string();
        }
    }
    out
}

fn coordinator() {
    let clients: usize = env("AETHEX_BENCH_CLIENTS", 100_000);
    let nodes_n: usize = env("AETHEX_BENCH_NODES", 6);
    let hot: usize = env("AETHEX_BENCH_HOT", 10_000).min(clients);
    let secs: u64 = env("AETHEX_BENCH_SECONDS", 30);
    let hot_rate: f64 = env("AETHEX_BENCH_HOT_RATE", 10.0);
    let room_rate: f64 = env("AETHEX_BENCH_ROOM_RATE", 0.05);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let db = rt.block_on(aethex_server::testing::fresh_postgres_url());
    let redis_port = free_port();
    let mut redis = Command::new("redis-server")
        .args(["--port", &redis_port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("redis-server (scripts/bench-scale installs it)");
    let redis_url = format!("redis://127.0.0.1:{redis_port}/");
    let data = std::env::temp_dir().join(format!("aethex-chat-scale-{}", std::process::id()));
    std::fs::create_dir_all(&data).unwrap();

    // The rooms: one hot room, then rooms of 10 to 100 until every client has one.
    let mut sizes = vec![hot];
    let mut seed: u64 = 42;
    let mut left = clients - hot;
    while left > 0 {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let size = (10 + (seed >> 33) as usize % 91).min(left);
        sizes.push(size);
        left -= size;
    }
    let rooms: Vec<String> =
        (0..sizes.len()).map(|r| if r == 0 { "hotroom".to_string() } else { format!("room_{r:05}") }).collect();
    println!(
        "AeThex chat across nodes: {clients} clients on {nodes_n} nodes, {} rooms (one of {hot}, the rest 10–100), \
         {hot_rate} msg/s in the hot room and {room_rate} msg/s in each other room for {secs} s; {} cores",
        rooms.len(),
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0)
    );

    let first = start_node(&db, &redis_url, &data);
    let setup = Instant::now();
    let mut commands: Vec<Vec<String>> =
        rooms.iter().map(|r| vec!["user".into(), "create".into(), r.clone()]).collect();
    let senders: Vec<String> = (0..HOT_SENDERS)
        .map(|i| format!("hot_sender_{i:02}"))
        .chain((0..SPEAKERS).map(|i| format!("speaker_{i:02}")))
        .collect();
    commands.extend(senders.iter().map(|s| vec!["user".into(), "create".into(), s.clone()]));
    admin_all(&db, &data, &commands, 8);
    let token_cmds: Vec<Vec<String>> = senders
        .iter()
        .map(|s| vec!["token".into(), "create".into(), s.clone(), "--scopes".into(), "chat:read,chat:edit".into()])
        .collect();
    let tokens = admin_all(&db, &data, &token_cmds, 8);
    println!("  {} channels and {} senders made in {:.0} s", rooms.len(), senders.len(), setup.elapsed().as_secs_f64());
    let mut nodes = vec![first];
    for _ in 1..nodes_n {
        nodes.push(start_node(&db, &redis_url, &data));
    }

    // Seats: client i sits in its room, on node i % nodes, from worker i / PER_WORKER.
    let mut seats = Vec::with_capacity(clients);
    for (r, size) in sizes.iter().enumerate() {
        for k in 0..*size {
            let i = seats.len();
            let (token, nick, rate) = if r == 0 && k < HOT_SENDERS {
                (Some(tokens[k].clone()), senders[k].clone(), hot_rate / HOT_SENDERS as f64)
            } else if r > 0 && k == 0 {
                let s = HOT_SENDERS + r % SPEAKERS;
                (Some(tokens[s].clone()), senders[s].clone(), room_rate)
            } else {
                (None, format!("justinfan{}", 100_000 + i), 0.0)
            };
            seats.push(Seat { node: nodes[i % nodes_n].irc.clone(), room: rooms[r].clone(), token, nick, rate });
        }
    }
    // Spread each room over the workers too: shuffle the order seats are handed out in.
    let workers_n = clients.div_ceil(PER_WORKER);
    let mut per_worker: Vec<Vec<Seat>> = vec![Vec::new(); workers_n];
    for (i, s) in seats.into_iter().enumerate() {
        per_worker[i % workers_n].push(s);
    }

    let rss0: f64 = nodes.iter().map(|n| rss_kib(n.child.id())).sum();
    let mut workers = Vec::new();
    for (w, seats) in per_worker.into_iter().enumerate() {
        let plan = Plan { source: format!("127.0.0.{}", 10 + w), seats, secs };
        let path = data.join(format!("plan-{w}.json"));
        std::fs::write(&path, serde_json::to_vec(&plan).unwrap()).unwrap();
        let child = Command::new(std::env::current_exe().unwrap())
            .env("AETHEX_BENCH_WORKER", path)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("worker");
        workers.push(child);
    }
    let mut lines: Vec<_> =
        workers.iter_mut().map(|w| std::io::BufReader::new(w.stdout.take().unwrap()).lines()).collect();
    let mut connected = 0;
    for l in &mut lines {
        let ready = l.next().expect("worker says ready").unwrap();
        connected += ready.trim_start_matches("ready ").parse::<usize>().unwrap_or(0);
    }
    std::thread::sleep(Duration::from_secs(2));
    let rss1: f64 = nodes.iter().map(|n| rss_kib(n.child.id())).sum();
    println!(
        "  {connected} of {clients} connected and joined; the nodes hold {:.1} KiB per connection",
        (rss1 - rss0) / connected.max(1) as f64
    );
    let cpu0: f64 = nodes.iter().map(|n| cpu_seconds(n.child.id())).sum();
    let started = Instant::now();
    for w in &mut workers {
        w.stdin.as_mut().unwrap().write_all(b"go\n").unwrap();
    }
    let mut hist = vec![0u64; BUCKETS];
    let (mut delivered, mut max_us) = (0u64, 0u64);
    for l in &mut lines {
        let report: Report = serde_json::from_str(&l.next().expect("worker reports").unwrap()).unwrap();
        for (b, n) in report.hist {
            hist[b] += n;
        }
        delivered += report.delivered;
        max_us = max_us.max(report.max_us);
    }
    let elapsed = started.elapsed().as_secs_f64().min(secs as f64 + 1.0);
    let cpu = nodes.iter().map(|n| cpu_seconds(n.child.id())).sum::<f64>() - cpu0;
    let rss2: f64 = nodes.iter().map(|n| rss_kib(n.child.id())).sum();
    for mut w in workers {
        let _ = w.wait();
    }
    let quantile = |q: f64| {
        let total: u64 = hist.iter().sum();
        let want = ((total as f64) * q).ceil().max(1.0) as u64;
        let mut seen = 0;
        for (i, n) in hist.iter().enumerate() {
            seen += n;
            if seen >= want {
                return i as f64 * 0.01;
            }
        }
        f64::NAN
    };
    println!(
        "  p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; {:.0} deliveries/s; nodes' CPU {:.0}% of one core; \
         memory under load {:.1} KiB per connection (goal: p99 < 50 ms)",
        quantile(0.50),
        quantile(0.99),
        max_us as f64 / 1000.0,
        delivered as f64 / elapsed,
        cpu / elapsed * 100.0,
        (rss2 - rss0) / connected.max(1) as f64
    );
    drop(nodes);
    let _ = redis.kill();
    let _ = redis.wait();
    let _ = std::fs::remove_dir_all(&data);
}

// --- a worker --------------------------------------------------------------------

fn worker(plan_path: &str) {
    let plan: Plan = serde_json::from_slice(&std::fs::read(plan_path).unwrap()).unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let report = rt.block_on(drive(plan));
    println!("{}", serde_json::to_string(&report).unwrap());
}

struct Shared {
    hist: Vec<AtomicU64>,
    max_us: AtomicU64,
    delivered: AtomicU64,
    joined: AtomicU64,
    origin: std::time::SystemTime,
}

fn now_us(origin: std::time::SystemTime) -> u64 {
    std::time::SystemTime::now().duration_since(origin).map(|d| d.as_micros() as u64).unwrap_or(0)
}

async fn drive(plan: Plan) -> Report {
    // Send times are wall-clock microseconds since a fixed moment, so a line
    // timed by another worker process reads the same clock.
    let origin = std::time::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let shared = Arc::new(Shared {
        hist: (0..BUCKETS).map(|_| AtomicU64::new(0)).collect(),
        max_us: AtomicU64::new(0),
        delivered: AtomicU64::new(0),
        joined: AtomicU64::new(0),
        origin,
    });
    let source: std::net::IpAddr = plan.source.parse().unwrap();
    let mut writers = Vec::new();
    let mut connected = 0;
    for (n, chunk) in plan.seats.chunks(500).enumerate() {
        let batch = chunk.iter().enumerate().map(|(k, seat)| {
            let shared = shared.clone();
            let seat = seat.clone();
            let sample = (n * 500 + k).is_multiple_of(10);
            async move { connect(seat, source, sample, shared).await }
        });
        for c in futures_util::future::join_all(batch).await.into_iter().flatten() {
            connected += 1;
            if let Some(w) = c {
                writers.push(w);
            }
        }
    }
    let wait = Instant::now();
    while (shared.joined.load(Ordering::Relaxed) as usize) < connected && wait.elapsed() < Duration::from_secs(120) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    println!("ready {connected}");
    let _ = std::io::stdout().flush();
    // Wait for "go".
    let _ = tokio::task::spawn_blocking(|| {
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
    })
    .await;
    let delivered0 = shared.delivered.load(Ordering::Relaxed);
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for (mut write, room, rate) in writers {
        let (stop, origin) = (stop.clone(), shared.origin);
        let period = Duration::from_secs_f64(1.0 / rate);
        tasks.push(tokio::spawn(async move {
            // Spread the first lines over one period.
            let offset = period.mul_f64(f64::from(rand_u32()) / f64::from(u32::MAX));
            tokio::time::sleep(offset).await;
            let mut tick = tokio::time::interval(period);
            while !stop.load(Ordering::Relaxed) {
                tick.tick().await;
                let line = format!("PRIVMSG #{room} :t={} load\r\n", now_us(origin));
                if write.write_all(line.as_bytes()).await.is_err() {
                    break;
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_secs(plan.secs)).await;
    stop.store(true, Ordering::Relaxed);
    let delivered = shared.delivered.load(Ordering::Relaxed) - delivered0;
    for t in tasks {
        t.abort();
    }
    let hist = shared
        .hist
        .iter()
        .enumerate()
        .filter_map(|(i, n)| Some((i, n.load(Ordering::Relaxed))).filter(|(_, n)| *n > 0))
        .collect();
    Report { hist, delivered, max_us: shared.max_us.load(Ordering::Relaxed), connected }
}

fn rand_u32() -> u32 {
    use std::hash::{BuildHasher as _, Hasher as _};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(u64::from(std::process::id()));
    h.finish() as u32
}

type Writer = (tokio::net::tcp::OwnedWriteHalf, String, f64);

/// Connect one seat from `source`, sign in, join; its reader counts (and,
/// when `sample`, times) what arrives. `Some(Some(writer))` for a sender.
async fn connect(seat: Seat, source: std::net::IpAddr, sample: bool, shared: Arc<Shared>) -> Option<Option<Writer>> {
    let socket = tokio::net::TcpSocket::new_v4().ok()?;
    socket.bind(std::net::SocketAddr::new(source, 0)).ok()?;
    let stream =
        tokio::time::timeout(Duration::from_secs(30), socket.connect(seat.node.parse().ok()?)).await.ok()?.ok()?;
    let _ = stream.set_nodelay(true);
    let (read, mut write) = stream.into_split();
    let login = match &seat.token {
        Some(t) => format!("PASS oauth:{t}\r\nNICK {}\r\nJOIN #{}\r\n", seat.nick, seat.room),
        None => format!("NICK {}\r\nJOIN #{}\r\n", seat.nick, seat.room),
    };
    write.write_all(login.as_bytes()).await.ok()?;
    // A receiver's reader keeps its write half: dropping it would half-close
    // the connection, and the server takes that for the client leaving.
    let (keep, write) = if seat.rate > 0.0 { (None, Some(write)) } else { (Some(write), None) };
    tokio::spawn(async move {
        let _keep = keep;
        let mut lines = tokio::io::BufReader::new(read).lines();
        let mut joined = false;
        while let Ok(Some(l)) = lines.next_line().await {
            if !joined && l.contains(" 366 ") {
                joined = true;
                shared.joined.fetch_add(1, Ordering::Relaxed);
                continue;
            }
            if !l.contains(" PRIVMSG ") {
                continue;
            }
            shared.delivered.fetch_add(1, Ordering::Relaxed);
            if sample {
                if let Some(t) = l.split(":t=").nth(1).and_then(|t| t.split_whitespace().next()) {
                    if let Ok(sent) = t.parse::<u64>() {
                        let us = now_us(shared.origin).saturating_sub(sent);
                        shared.hist[((us / 10) as usize).min(BUCKETS - 1)].fetch_add(1, Ordering::Relaxed);
                        shared.max_us.fetch_max(us, Ordering::Relaxed);
                    }
                }
            }
        }
    });
    Some(write.map(|w| (w, seat.room, seat.rate)))
}
