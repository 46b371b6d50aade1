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
//! With `AETHEX_BENCH_MIXED=1` it runs the mixed load instead: 10,000
//! concurrent users through several HAProxy processes (`deploy/haproxy.cfg`,
//! each under the 20,000-file limit at two files a connection) in front of
//! three nodes: people browsing the API (a request every 2–8 s), people
//! watching one live stream over HLS (the media playlist every segment,
//! each new segment once) and people chatting (one hot room, the stream's,
//! and rooms of 10 to 100). Prints the success rate and p50/p99 of each kind.
//!
//! Environment: AETHEX_BENCH_CLIENTS (100000), AETHEX_BENCH_NODES (6),
//! AETHEX_BENCH_HOT (10000), AETHEX_BENCH_SECONDS (30), AETHEX_BENCH_HOT_RATE,
//! AETHEX_BENCH_ROOM_RATE; in the mixed load AETHEX_BENCH_USERS (10000),
//! AETHEX_BENCH_WATCHERS (2500), AETHEX_BENCH_BROWSERS (2500),
//! AETHEX_BENCH_PROXIES (3); AETHEX_TEST_POSTGRES_URL (scripts/bench-scale
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

/// What a simulated user does.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// Sits in a chat room over IRC (and may speak).
    Chat,
    /// Browses the API: a request every 2–8 s.
    Browse,
    /// Watches the live stream over HLS.
    Watch,
}

/// One client's part in the run.
#[derive(Serialize, Deserialize, Clone)]
struct Seat {
    kind: Kind,
    /// IRC address (chat) or HTTP base URL (browse, watch).
    node: String,
    /// The chat room, or the channel watched.
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
    /// Channels the API browsers look at.
    channels: Vec<String>,
}

/// Requests of one kind: answered well, failed, and a latency histogram.
#[derive(Serialize, Deserialize, Default)]
struct Tally {
    ok: u64,
    failed: u64,
    hist: Vec<(usize, u64)>,
}

#[derive(Serialize, Deserialize)]
struct Report {
    /// (bucket, count) of the timed deliveries.
    hist: Vec<(usize, u64)>,
    delivered: u64,
    max_us: u64,
    connected: usize,
    /// Chat lines sent, per room.
    sent: Vec<(String, u64)>,
    browse: Tally,
    watch: Tally,
}

/// A histogram of 10 µs buckets, merged from the workers.
struct Hist(Vec<u64>);

impl Hist {
    fn new() -> Self {
        Self(vec![0; BUCKETS])
    }
    fn add(&mut self, h: &[(usize, u64)]) {
        for &(b, n) in h {
            self.0[b] += n;
        }
    }
    fn total(&self) -> u64 {
        self.0.iter().sum()
    }
    /// The q-quantile in ms.
    fn ms(&self, q: f64) -> f64 {
        let want = ((self.total() as f64) * q).ceil().max(1.0) as u64;
        let mut seen = 0;
        for (i, n) in self.0.iter().enumerate() {
            seen += n;
            if seen >= want {
                return i as f64 * 0.01;
            }
        }
        f64::NAN
    }
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
    http: u16,
    rtmp: String,
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
        // Several nodes share two cores here: one runtime thread each
        // (AETHEX_BENCH_NODE_THREADS) instead of one per core.
        .env("TOKIO_WORKER_THREADS", env("AETHEX_BENCH_NODE_THREADS", 1usize).to_string())
        .env("RUST_LOG", "warn");
}

fn start_node(db: &str, redis: &str, data: &std::path::Path, extra: &[(&str, String)]) -> Node {
    let (http, irc, rtmp) = (free_port(), free_port(), free_port());
    let mut c = Command::new(env!("CARGO_BIN_EXE_aethex-server"));
    server_env(&mut c, db, redis, data);
    c.env("AETHEX_HTTP_ADDR", format!("127.0.0.1:{http}"))
        .env("AETHEX_IRC_ADDR", format!("127.0.0.1:{irc}"))
        .env("AETHEX_RTMP_ADDR", format!("127.0.0.1:{rtmp}"))
        .envs(extra.iter().map(|(k, v)| (*k, v.as_str())))
        .stdout(Stdio::null())
        .stderr(match std::env::var("AETHEX_BENCH_NODE_LOG") {
            // A file per node, for looking into a run.
            Ok(dir) => {
                std::fs::File::create(format!("{dir}/node-{http}.log")).map_or_else(|_| Stdio::null(), Stdio::from)
            }
            Err(_) => Stdio::null(),
        });
    // Ready once it answers `/readyz` (its listeners are bound before its
    // database is migrated); dropped, the node is killed and reaped.
    let node = Node {
        child: c.spawn().expect("aethex-server starts"),
        irc: format!("127.0.0.1:{irc}"),
        http,
        rtmp: format!("127.0.0.1:{rtmp}"),
    };
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

/// A private Redis, stopped when dropped.
struct Redis {
    child: Child,
    url: String,
}

impl Redis {
    fn start() -> Self {
        let port = free_port();
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server (scripts/bench-scale installs it)");
        // Ready once it answers PING, so no node starts while it cannot reach Redis.
        for _ in 0..200 {
            use std::io::Read as _;
            if let Ok(mut c) = std::net::TcpStream::connect(("127.0.0.1", port)) {
                let mut answer = [0u8; 7];
                if c.write_all(b"PING\r\n").is_ok() && c.read_exact(&mut answer).is_ok() && &answer == b"+PONG\r\n" {
                    break;
                }
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        Self { child, url: format!("redis://127.0.0.1:{port}/") }
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn coordinator() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let db = rt.block_on(aethex_server::testing::fresh_postgres_url());
    let redis = Redis::start();
    let data = std::env::temp_dir().join(format!("aethex-chat-scale-{}", std::process::id()));
    std::fs::create_dir_all(&data).unwrap();
    if env("AETHEX_BENCH_MIXED", 0u8) == 1 {
        mixed(&rt, &db, &redis.url, &data);
    } else {
        chat_only(&db, &redis.url, &data);
    }
    drop(redis);
    let _ = std::fs::remove_dir_all(&data);
}

/// Room sizes: one hot room, then rooms of 10 to 100 (fixed seed) until
/// every one of `clients` has one; and their names.
fn rooms(clients: usize, hot: usize) -> (Vec<usize>, Vec<String>) {
    let mut sizes = vec![hot];
    let mut seed: u64 = 42;
    let mut left = clients - hot;
    while left > 0 {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let size = (10 + (seed >> 33) as usize % 91).min(left);
        sizes.push(size);
        left -= size;
    }
    let names = (0..sizes.len()).map(|r| if r == 0 { "hotroom".to_string() } else { format!("room_{r:05}") }).collect();
    (sizes, names)
}

/// Make the rooms' channels and the senders; the senders' logins and tokens.
fn accounts(db: &str, data: &std::path::Path, rooms: &[String]) -> (Vec<String>, Vec<String>) {
    let setup = Instant::now();
    let mut commands: Vec<Vec<String>> =
        rooms.iter().map(|r| vec!["user".into(), "create".into(), r.clone()]).collect();
    let senders: Vec<String> = (0..HOT_SENDERS)
        .map(|i| format!("hot_sender_{i:02}"))
        .chain((0..SPEAKERS).map(|i| format!("speaker_{i:02}")))
        .collect();
    commands.extend(senders.iter().map(|s| vec!["user".into(), "create".into(), s.clone()]));
    admin_all(db, data, &commands, 8);
    let token_cmds: Vec<Vec<String>> = senders
        .iter()
        .map(|s| vec!["token".into(), "create".into(), s.clone(), "--scopes".into(), "chat:read,chat:edit".into()])
        .collect();
    let tokens = admin_all(db, data, &token_cmds, 8);
    println!("  {} channels and {} senders made in {:.0} s", rooms.len(), senders.len(), setup.elapsed().as_secs_f64());
    (senders, tokens)
}

/// Chat seats: client i sits in its room, at `targets[i % targets.len()]`.
fn chat_seats(
    sizes: &[usize],
    rooms: &[String],
    accounts: &(Vec<String>, Vec<String>),
    targets: &[String],
) -> Vec<Seat> {
    let hot_rate: f64 = env("AETHEX_BENCH_HOT_RATE", 10.0);
    let room_rate: f64 = env("AETHEX_BENCH_ROOM_RATE", 0.05);
    let (senders, tokens) = accounts;
    let mut seats = Vec::new();
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
            let node = targets[i % targets.len()].clone();
            seats.push(Seat { kind: Kind::Chat, node, room: rooms[r].clone(), token, nick, rate });
        }
    }
    seats
}

/// What the workers measured, merged.
struct Run {
    chat: Hist,
    delivered: u64,
    max_us: u64,
    sent: std::collections::HashMap<String, u64>,
    browse: (u64, u64, Hist),
    watch: (u64, u64, Hist),
    elapsed: f64,
    /// The nodes' CPU over the run, seconds.
    cpu: f64,
    /// The nodes' memory growth per connection once connected and under load, KiB.
    kib_idle: f64,
    kib_load: f64,
}

impl Run {
    /// Deliveries made / deliveries owed (every other member of the room, for every line sent).
    fn chat_success(&self, sizes: &[usize], rooms: &[String]) -> f64 {
        let owed: u64 =
            rooms.iter().zip(sizes).map(|(r, n)| self.sent.get(r).copied().unwrap_or(0) * (*n as u64 - 1)).sum();
        self.delivered as f64 / owed.max(1) as f64
    }
}

/// Hand the seats to worker processes (each on its own loopback address),
/// start them together, and merge what they report.
fn run(seats: Vec<Seat>, workers_n: usize, channels: &[String], nodes: &[Node], data: &std::path::Path) -> Run {
    let secs: u64 = env("AETHEX_BENCH_SECONDS", 30);
    let total = seats.len();
    // Spread each room over the workers: deal the seats out in turn.
    let mut per_worker: Vec<Vec<Seat>> = vec![Vec::new(); workers_n];
    for (i, s) in seats.into_iter().enumerate() {
        per_worker[i % workers_n].push(s);
    }
    let rss0: f64 = nodes.iter().map(|n| rss_kib(n.child.id())).sum();
    let mut workers = Vec::new();
    for (w, seats) in per_worker.into_iter().enumerate() {
        let plan = Plan { source: format!("127.0.0.{}", 10 + w), seats, secs, channels: channels.to_vec() };
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
    println!("  {connected} of {total} users connected (chatters joined)");
    let cpu0: f64 = nodes.iter().map(|n| cpu_seconds(n.child.id())).sum();
    let started = Instant::now();
    for w in &mut workers {
        w.stdin.as_mut().unwrap().write_all(b"go\n").unwrap();
    }
    let mut r = Run {
        chat: Hist::new(),
        delivered: 0,
        max_us: 0,
        sent: Default::default(),
        browse: (0, 0, Hist::new()),
        watch: (0, 0, Hist::new()),
        elapsed: 0.0,
        cpu: 0.0,
        kib_idle: 0.0,
        kib_load: 0.0,
    };
    for l in &mut lines {
        let report: Report = serde_json::from_str(&l.next().expect("worker reports").unwrap()).unwrap();
        r.chat.add(&report.hist);
        r.delivered += report.delivered;
        r.max_us = r.max_us.max(report.max_us);
        for (room, n) in report.sent {
            *r.sent.entry(room).or_default() += n;
        }
        for (mine, theirs) in [(&mut r.browse, &report.browse), (&mut r.watch, &report.watch)] {
            mine.0 += theirs.ok;
            mine.1 += theirs.failed;
            mine.2.add(&theirs.hist);
        }
    }
    r.elapsed = started.elapsed().as_secs_f64().min(secs as f64 + 3.0);
    r.cpu = nodes.iter().map(|n| cpu_seconds(n.child.id())).sum::<f64>() - cpu0;
    let rss2: f64 = nodes.iter().map(|n| rss_kib(n.child.id())).sum();
    for mut w in workers {
        let _ = w.wait();
    }
    r.kib_idle = (rss1 - rss0) / connected.max(1) as f64;
    r.kib_load = (rss2 - rss0) / connected.max(1) as f64;
    r
}

/// Chat alone: 100,000 clients straight to the nodes.
fn chat_only(db: &str, redis: &str, data: &std::path::Path) {
    let clients: usize = env("AETHEX_BENCH_CLIENTS", 100_000);
    let nodes_n: usize = env("AETHEX_BENCH_NODES", 6);
    let hot: usize = env("AETHEX_BENCH_HOT", 10_000).min(clients);
    let (sizes, rooms) = rooms(clients, hot);
    println!(
        "AeThex chat across nodes: {clients} clients on {nodes_n} nodes, {} rooms (one of {hot}, the rest 10–100), \
         {} msg/s in the hot room and {} msg/s in each other room for {} s; {} cores",
        rooms.len(),
        env("AETHEX_BENCH_HOT_RATE", 10.0),
        env("AETHEX_BENCH_ROOM_RATE", 0.05),
        env("AETHEX_BENCH_SECONDS", 30),
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0)
    );
    let first = start_node(db, redis, data, &[]);
    let accounts = accounts(db, data, &rooms);
    let mut nodes = vec![first];
    for _ in 1..nodes_n {
        nodes.push(start_node(db, redis, data, &[]));
    }
    let targets: Vec<String> = nodes.iter().map(|n| n.irc.clone()).collect();
    let seats = chat_seats(&sizes, &rooms, &accounts, &targets);
    let r = run(seats, clients.div_ceil(PER_WORKER), &[], &nodes, data);
    println!(
        "  p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; {:.0} deliveries/s ({:.2}% of those owed); nodes' CPU {:.0}% of \
         one core; {:.1} KiB per connection idle, {:.1} under load (goal: p99 < 50 ms)",
        r.chat.ms(0.50),
        r.chat.ms(0.99),
        r.max_us as f64 / 1000.0,
        r.delivered as f64 / r.elapsed,
        r.chat_success(&sizes, &rooms) * 100.0,
        r.cpu / r.elapsed * 100.0,
        r.kib_idle,
        r.kib_load
    );
}

/// One HAProxy process running `deploy/haproxy.cfg` in front of `nodes`.
struct Proxy {
    child: Child,
    http: String,
    irc: String,
    rtmp: String,
}

impl Proxy {
    /// `threads`: HAProxy's `nbthread`, from a second config file beside the deploy one.
    fn start(nodes: &[Node], data: &std::path::Path, threads: usize) -> Self {
        let (http, irc, rtmp) = (
            format!("127.0.0.1:{}", free_port()),
            format!("127.0.0.1:{}", free_port()),
            format!("127.0.0.1:{}", free_port()),
        );
        let cfg = concat!(env!("CARGO_MANIFEST_DIR"), "/../deploy/haproxy.cfg");
        let threads_cfg = data.join("haproxy-threads.cfg");
        std::fs::write(&threads_cfg, format!("global\n    nbthread {threads}\n")).unwrap();
        let mut c = Command::new("haproxy");
        c.args(["-db", "-f", cfg, "-f"])
            .arg(&threads_cfg)
            .env("AETHEX_LB_HTTP", &http)
            .env("AETHEX_LB_IRC", &irc)
            .env("AETHEX_LB_RTMP", &rtmp)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for (i, n) in nodes.iter().enumerate() {
            c.env(format!("AETHEX_NODE{}", i + 1), format!("127.0.0.1:{}", n.http))
                .env(format!("AETHEX_NODE{}_IRC", i + 1), &n.irc)
                .env(format!("AETHEX_NODE{}_RTMP", i + 1), &n.rtmp)
                .env(format!("AETHEX_NODE{}_PORT", i + 1), n.http.to_string());
        }
        let p = Proxy { child: c.spawn().expect("haproxy (scripts/bench-scale installs it)"), http, irc, rtmp };
        let port: u16 = p.http.rsplit(':').next().unwrap().parse().unwrap();
        for _ in 0..200 {
            if ready(port) {
                return p;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("haproxy did not come up");
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The mixed load: browsing, watching and chatting users through HAProxy.
fn mixed(rt: &tokio::runtime::Runtime, db: &str, redis: &str, data: &std::path::Path) {
    let users: usize = env("AETHEX_BENCH_USERS", 10_000);
    let watchers: usize = env("AETHEX_BENCH_WATCHERS", 2_500);
    let browsers: usize = env("AETHEX_BENCH_BROWSERS", 2_500);
    let proxies_n: usize = env("AETHEX_BENCH_PROXIES", 3);
    let chatters = users - watchers - browsers;
    let hot = chatters * 2 / 5;
    let (sizes, rooms) = rooms(chatters, hot);
    let secs: u64 = env("AETHEX_BENCH_SECONDS", 30);
    println!(
        "Mixed load: {users} users through {proxies_n} HAProxy processes (deploy/haproxy.cfg) in front of 3 nodes on one \
         PostgreSQL and Redis, for {secs} s; {} cores. {browsers} browse the API (a request every 2–8 s), {watchers} \
         watch one live stream over HLS (the playlist every 2 s and each new segment), {chatters} chat ({} rooms: the \
         stream's with {hot}, the rest 10–100; {} msg/s there, {} msg/s in each other room). Rate limits are raised so \
         every request is served.",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
        rooms.len(),
        env("AETHEX_BENCH_HOT_RATE", 10.0),
        env("AETHEX_BENCH_ROOM_RATE", 0.05),
    );
    let big = "1000000000000".to_string();
    let mut extra: Vec<(&str, String)> = vec![
        ("AETHEX_TRUSTED_PROXIES", "127.0.0.1".into()),
        ("AETHEX_RATE_FREE_PER_DAY", big.clone()),
        ("AETHEX_RATE_PRO_PER_DAY", big.clone()),
        ("AETHEX_RATE_BURST_PER_SECOND", big.clone()),
        ("AETHEX_HTTP_PER_ADDRESS_PER_SECOND", big),
    ];
    let first = start_node(db, redis, data, &extra);
    let accounts = accounts(db, data, &rooms);
    let mut nodes = vec![first];
    for _ in 1..3 {
        nodes.push(start_node(db, redis, data, &extra));
    }
    let threads = env("AETHEX_BENCH_PROXY_THREADS", 1);
    let proxies: Vec<Proxy> = (0..proxies_n).map(|_| Proxy::start(&nodes, data, threads)).collect();
    extra.clear();

    // The hot room's channel goes live through the first proxy.
    let token = admin_all(
        db,
        data,
        &[vec!["token".into(), "create".into(), rooms[0].clone(), "--scopes".into(), "stream:key".into()]],
        1,
    )
    .remove(0);
    let base0 = format!("http://{}", proxies[0].http);
    let key = rt
        .block_on(aethex_sdk::Client::new(&base0).expect("client").with_token(&token).stream_key(&rooms[0]))
        .expect("a stream key")
        .stream_key;
    let mut ffmpeg = Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=15"])
        .args(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"])
        .args(["-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "30", "-b:v", "300k"])
        .args(["-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-f", "flv"])
        .arg(format!("rtmp://{}/live/{key}", proxies[0].rtmp))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("ffmpeg (scripts/bench-scale installs it)");
    let live = rt.block_on(async {
        for _ in 0..150 {
            if let Ok(r) = reqwest::get(format!("{base0}/hls/{}/source/index.m3u8", rooms[0])).await {
                if r.status() == 200 && r.text().await.unwrap_or_default().matches("#EXTINF").count() >= 2 {
                    return true;
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        false
    });
    assert!(live, "the stream went live");

    let irc: Vec<String> = proxies.iter().map(|p| p.irc.clone()).collect();
    let http: Vec<String> = proxies.iter().map(|p| format!("http://{}", p.http)).collect();
    let mut seats = chat_seats(&sizes, &rooms, &accounts, &irc);
    for i in 0..watchers + browsers {
        let kind = if i < watchers { Kind::Watch } else { Kind::Browse };
        let node = http[i % http.len()].clone();
        seats.push(Seat { kind, node, room: rooms[0].clone(), token: None, nick: String::new(), rate: 0.0 });
    }
    // Interleave the kinds so every worker and proxy gets its share of each.
    let mut seed: u64 = 7;
    for i in (1..seats.len()).rev() {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        seats.swap(i, (seed >> 33) as usize % (i + 1));
    }
    let r = run(seats, env("AETHEX_BENCH_WORKERS", 2), &rooms, &nodes, data);
    let _ = ffmpeg.kill();
    let _ = ffmpeg.wait();
    println!("  {:<34} {:>9} {:>10} {:>9} {:>9}", "", "users", "success", "p50 ms", "p99 ms");
    for (name, n, (ok, failed, h)) in
        [("browse the API (requests)", browsers, &r.browse), ("watch over HLS (requests)", watchers, &r.watch)]
    {
        println!(
            "  {name:<34} {n:>9} {:>9.3}% {:>9.2} {:>9.2}   ({:.0} requests/s)",
            *ok as f64 * 100.0 / (ok + failed).max(1) as f64,
            h.ms(0.50),
            h.ms(0.99),
            (ok + failed) as f64 / r.elapsed
        );
    }
    println!(
        "  {:<34} {chatters:>9} {:>9.3}% {:>9.2} {:>9.2}   ({:.0} deliveries/s)",
        "chat (deliveries)",
        r.chat_success(&sizes, &rooms) * 100.0,
        r.chat.ms(0.50),
        r.chat.ms(0.99),
        r.delivered as f64 / r.elapsed
    );
    println!(
        "  nodes' CPU {:.0}% of one core; goals: success at least 99.9% and p99 under 100 ms for every kind",
        r.cpu / r.elapsed * 100.0
    );
    drop(proxies);
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
    browse: Timings,
    watch: Timings,
}

/// HTTP requests of one kind, as they happen.
struct Timings {
    ok: AtomicU64,
    failed: AtomicU64,
    hist: Vec<AtomicU64>,
}

impl Timings {
    fn new() -> Self {
        Self {
            ok: AtomicU64::new(0),
            failed: AtomicU64::new(0),
            hist: (0..BUCKETS).map(|_| AtomicU64::new(0)).collect(),
        }
    }

    fn tally(&self) -> Tally {
        Tally {
            ok: self.ok.load(Ordering::Relaxed),
            failed: self.failed.load(Ordering::Relaxed),
            hist: nonzero(&self.hist),
        }
    }

    /// GET `url`; its body if it answered 200 and the body arrived.
    async fn get(&self, client: &reqwest::Client, url: &str) -> Option<bytes::Bytes> {
        let start = Instant::now();
        let body = match client.get(url).send().await {
            Ok(r) if r.status() == 200 => r.bytes().await.ok(),
            _ => None,
        };
        match &body {
            Some(_) => {
                self.ok.fetch_add(1, Ordering::Relaxed);
                let us = start.elapsed().as_micros() as usize;
                self.hist[(us / 10).min(BUCKETS - 1)].fetch_add(1, Ordering::Relaxed);
            }
            None => {
                self.failed.fetch_add(1, Ordering::Relaxed);
            }
        }
        body
    }
}

fn nonzero(hist: &[AtomicU64]) -> Vec<(usize, u64)> {
    hist.iter().enumerate().filter_map(|(i, n)| Some((i, n.load(Ordering::Relaxed))).filter(|(_, n)| *n > 0)).collect()
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
        browse: Timings::new(),
        watch: Timings::new(),
    });
    let source: std::net::IpAddr = plan.source.parse().unwrap();
    let http = reqwest::Client::builder().local_address(source).timeout(Duration::from_secs(10)).build().unwrap();
    let (chat, others): (Vec<Seat>, Vec<Seat>) = plan.seats.into_iter().partition(|s| s.kind == Kind::Chat);
    let mut writers = Vec::new();
    let mut connected = others.len();
    for (n, chunk) in chat.chunks(500).enumerate() {
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
    let chatters = connected - others.len();
    while (shared.joined.load(Ordering::Relaxed) as usize) < chatters && wait.elapsed() < Duration::from_secs(120) {
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
    let sent: Arc<std::sync::Mutex<std::collections::HashMap<String, u64>>> = Default::default();
    let mut tasks = Vec::new();
    for (mut write, room, rate) in writers {
        let (stop, origin, sent) = (stop.clone(), shared.origin, sent.clone());
        let period = Duration::from_secs_f64(1.0 / rate);
        tasks.push(tokio::spawn(async move {
            // Spread the first lines over one period.
            tokio::time::sleep(period.mul_f64(rand::random::<f64>())).await;
            let mut tick = tokio::time::interval(period);
            loop {
                tick.tick().await;
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let line = format!("PRIVMSG #{room} :t={} load\r\n", now_us(origin));
                if write.write_all(line.as_bytes()).await.is_err() {
                    break;
                }
                *sent.lock().unwrap().entry(room.clone()).or_default() += 1;
            }
            // Kept open until the end, so the server does not see the sender leave.
            Some(write)
        }));
    }
    let channels = Arc::new(plan.channels);
    for seat in others {
        let (shared, stop, http, channels) = (shared.clone(), stop.clone(), http.clone(), channels.clone());
        tasks.push(tokio::spawn(async move {
            match seat.kind {
                Kind::Browse => browse(&seat, &http, &channels, &shared.browse, &stop).await,
                _ => watch(&seat, &http, &shared.watch, &stop).await,
            }
            None
        }));
    }
    tokio::time::sleep(Duration::from_secs(plan.secs)).await;
    stop.store(true, Ordering::Relaxed);
    // Lines already sent are still owed: give them time to arrive.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let delivered = shared.delivered.load(Ordering::Relaxed) - delivered0;
    for t in tasks {
        t.abort();
    }
    let sent = sent.lock().unwrap().drain().collect();
    Report {
        hist: nonzero(&shared.hist),
        delivered,
        max_us: shared.max_us.load(Ordering::Relaxed),
        connected,
        sent,
        browse: shared.browse.tally(),
        watch: shared.watch.tally(),
    }
}

/// Someone browsing: every 2–8 s, the live list, a channel, or a search.
async fn browse(seat: &Seat, http: &reqwest::Client, channels: &[String], t: &Timings, stop: &AtomicBool) {
    loop {
        tokio::time::sleep(Duration::from_millis(2000 + u64::from(rand::random::<u32>() % 6000))).await;
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let channel = &channels[rand::random::<usize>() % channels.len()];
        let path = match rand::random::<u32>() % 10 {
            0..=3 => "/api/streams?first=20".to_string(),
            4..=8 => format!("/api/channels/{channel}"),
            _ => format!("/api/search/channels?query={}", &channel[..6]),
        };
        t.get(http, &format!("{}{path}", seat.node)).await;
    }
}

/// Someone watching: the master playlist, then every 2 s the media
/// playlist and each segment not fetched yet (the init segment once).
async fn watch(seat: &Seat, http: &reqwest::Client, t: &Timings, stop: &AtomicBool) {
    let Ok(base) = url::Url::parse(&format!("{}/hls/{}/index.m3u8", seat.node, seat.room)) else { return };
    tokio::time::sleep(Duration::from_millis(u64::from(rand::random::<u32>() % 2000))).await;
    let Some(master) = t.get(http, base.as_str()).await else { return };
    let master = String::from_utf8_lossy(&master).into_owned();
    let Some(media) = master.lines().find(|l| !l.is_empty() && !l.starts_with('#')).and_then(|u| base.join(u).ok())
    else {
        t.failed.fetch_add(1, Ordering::Relaxed);
        return;
    };
    let (mut init_done, mut last) = (false, String::new());
    let mut tick = tokio::time::interval(Duration::from_secs(2));
    while !stop.load(Ordering::Relaxed) {
        tick.tick().await;
        let Some(pl) = t.get(http, media.as_str()).await else { continue };
        let pl = String::from_utf8_lossy(&pl).into_owned();
        if !init_done {
            if let Some(init) = pl.split("#EXT-X-MAP:URI=\"").nth(1).and_then(|r| r.split('"').next()) {
                if let Ok(u) = media.join(init) {
                    init_done = t.get(http, u.as_str()).await.is_some();
                }
            }
        }
        let newest = pl.lines().rfind(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_string);
        if let Some(seg) = newest.filter(|s| *s != last) {
            if let Ok(u) = media.join(&seg) {
                t.get(http, u.as_str()).await;
            }
            last = seg;
        }
    }
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
