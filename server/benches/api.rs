//! API load benchmark: the release `aethex-server` binary as its own process,
//! driven over loopback HTTP/1.1 keep-alive.
//!
//! For each backend (SQLite always; PostgreSQL when `AETHEX_BENCH_POSTGRES_URL`
//! names a server) and each endpoint (`GET /api/channels/{login}` and
//! `PATCH /api/channels/{login}`) it runs
//! - an open-loop phase at a fixed rate (default 2,000 req/s for 10 s), with
//!   latency measured from each request's scheduled start, so queueing inside
//!   a slow server is counted rather than hidden (no coordinated omission);
//! - a closed-loop phase with 32 connections flat out, for peak throughput.
//!
//! Each phase prints requests/s, p50/p99/max latency, errors and the server's
//! CPU and RSS. Rate limits are raised for the run: the gate still runs on
//! every request.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod support;
use support::{cpu_seconds, rss_mib};

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;

const LOGIN: &str = "bench_streamer";

struct Server {
    child: Child,
    base: String,
    token: String,
    dir: std::path::PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_aethex-server"))
}

fn start(database_url: Option<&str>) -> Server {
    let dir = std::env::temp_dir().join(format!(
        "aethex-bench-{}-{}",
        std::process::id(),
        Instant::now().elapsed().as_nanos()
    ));
    std::fs::create_dir_all(&dir).expect("data dir");
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
    let envs = |c: &mut Command| {
        c.env("AETHEX_DATA_DIR", &dir)
            .env("AETHEX_HTTP_ADDR", format!("127.0.0.1:{port}"))
            .env("AETHEX_IRC_ADDR", "127.0.0.1:0")
            .env("AETHEX_RTMP_ADDR", "127.0.0.1:0")
            .env("AETHEX_RATE_FREE_PER_DAY", "1000000000")
            .env("AETHEX_RATE_PRO_PER_DAY", "1000000000")
            .env("AETHEX_RATE_BURST_PER_SECOND", "1000000000")
            // Every load connection comes from loopback: lift the per-address cap.
            .env("AETHEX_HTTP_MAX_CONNS_PER_IP", "100000")
            .env("AETHEX_HTTP_PER_ADDRESS_PER_SECOND", "1000000000")
            .env("RUST_LOG", "warn");
        match database_url {
            Some(u) => c.env("AETHEX_DATABASE_URL", u),
            None => c.env_remove("AETHEX_DATABASE_URL"),
        };
    };
    let run = |args: &[&str]| {
        let mut c = bin();
        envs(&mut c);
        let out = c.args(args).output().expect("admin command");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    run(&["user", "create", LOGIN]);
    for i in 0..200 {
        run_quiet(&envs, &["user", "create", &format!("viewer_{i:03}")]);
    }
    let token = run(&["token", "create", LOGIN, "--scopes", "channel:manage"]);
    let mut c = bin();
    envs(&mut c);
    let mut child = c.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("serve");
    let base = format!("http://127.0.0.1:{port}");
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Server { child, base, token, dir };
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("server did not start");
}

fn run_quiet(envs: &impl Fn(&mut Command), args: &[&str]) {
    let mut c = bin();
    envs(&mut c);
    let _ = c.args(args).stdout(Stdio::null()).stderr(Stdio::null()).status();
}

#[derive(Clone, Copy)]
enum Endpoint {
    Read,
    Write,
}

async fn one(client: &reqwest::Client, base: &str, token: &str, ep: Endpoint, i: u64) -> bool {
    let req = match ep {
        Endpoint::Read => client.get(format!("{base}/api/channels/{LOGIN}")).bearer_auth(token),
        Endpoint::Write => client
            .patch(format!("{base}/api/channels/{LOGIN}"))
            .bearer_auth(token)
            .json(&serde_json::json!({"title": format!("bench title {i}")})),
    };
    match req.send().await {
        Ok(r) => {
            let ok = r.status().is_success();
            let _ = r.bytes().await;
            ok
        }
        Err(_) => false,
    }
}

struct Report {
    sent: usize,
    errors: usize,
    secs: f64,
    lat_ms: Vec<f64>,
    cpu: f64,
    rss: f64,
}

impl Report {
    fn line(&mut self, label: &str) {
        self.lat_ms.sort_by(|a, b| a.total_cmp(b));
        let q = |p: f64| {
            self.lat_ms.get(((self.lat_ms.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(f64::NAN)
        };
        println!(
            "{label:<44} {:>8.0} req/s  p50 {:>6.2} ms  p99 {:>6.2} ms  max {:>7.2} ms  errors {:>4}  server CPU {:>4.0}%  RSS {:>5.1} MiB",
            self.sent as f64 / self.secs,
            q(0.50),
            q(0.99),
            self.lat_ms.last().copied().unwrap_or(f64::NAN),
            self.errors,
            self.cpu / self.secs * 100.0,
            self.rss,
        );
    }
}

async fn open_loop(srv: &Server, ep: Endpoint, rate: u64, secs: u64) -> Report {
    let client = reqwest::Client::builder().pool_max_idle_per_host(512).build().expect("client");
    let total = rate * secs;
    let period = Duration::from_nanos(1_000_000_000 / rate);
    let in_flight = Arc::new(Semaphore::new(512));
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(f64, bool)>();
    let pid = srv.child.id();
    let cpu0 = cpu_seconds(pid);
    let start = tokio::time::Instant::now();
    for i in 0..total {
        let scheduled = start + period * i as u32;
        tokio::time::sleep_until(scheduled).await;
        let permit = in_flight.clone().acquire_owned().await.expect("semaphore");
        let (client, base, token, tx) = (client.clone(), srv.base.clone(), srv.token.clone(), tx.clone());
        tokio::spawn(async move {
            let ok = one(&client, &base, &token, ep, i).await;
            let _ = tx.send((scheduled.elapsed().as_secs_f64() * 1000.0, ok));
            drop(permit);
        });
    }
    drop(tx);
    let mut lat = Vec::with_capacity(total as usize);
    let mut errors = 0;
    while let Some((ms, ok)) = rx.recv().await {
        lat.push(ms);
        errors += usize::from(!ok);
    }
    let elapsed = start.elapsed().as_secs_f64();
    Report { sent: lat.len(), errors, secs: elapsed, lat_ms: lat, cpu: cpu_seconds(pid) - cpu0, rss: rss_mib(pid) }
}

async fn closed_loop(srv: &Server, ep: Endpoint, conns: usize, secs: u64) -> Report {
    let client = reqwest::Client::builder().pool_max_idle_per_host(conns).build().expect("client");
    let pid = srv.child.id();
    let cpu0 = cpu_seconds(pid);
    let start = Instant::now();
    let deadline = start + Duration::from_secs(secs);
    let mut tasks = Vec::new();
    for w in 0..conns {
        let (client, base, token) = (client.clone(), srv.base.clone(), srv.token.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut errors = 0;
            let mut i = w as u64 * 1_000_000;
            while Instant::now() < deadline {
                let t = Instant::now();
                errors += usize::from(!one(&client, &base, &token, ep, i).await);
                lat.push(t.elapsed().as_secs_f64() * 1000.0);
                i += 1;
            }
            (lat, errors)
        }));
    }
    let mut lat = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await.expect("worker");
        lat.extend(l);
        errors += e;
    }
    let elapsed = start.elapsed().as_secs_f64();
    Report { sent: lat.len(), errors, secs: elapsed, lat_ms: lat, cpu: cpu_seconds(pid) - cpu0, rss: rss_mib(pid) }
}

async fn fresh_postgres(admin_url: &str) -> String {
    use sqlx::Connection as _;
    let name = format!("bench_{}", std::process::id());
    let mut conn = sqlx::PgConnection::connect(admin_url).await.expect("connect to PostgreSQL");
    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(&mut conn).await;
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("create database");
    let (base, _) = admin_url.rsplit_once('/').expect("URL with a database");
    format!("{base}/{name}")
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    let rate: u64 = std::env::var("AETHEX_BENCH_RATE").ok().and_then(|v| v.parse().ok()).unwrap_or(2000);
    let secs: u64 = std::env::var("AETHEX_BENCH_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(10);
    let mut backends: Vec<(&str, Option<String>)> = vec![("sqlite", None)];
    if let Ok(pg) = std::env::var("AETHEX_BENCH_POSTGRES_URL") {
        backends.push(("postgres", Some(rt.block_on(fresh_postgres(&pg)))));
    } else {
        println!("(AETHEX_BENCH_POSTGRES_URL not set: PostgreSQL skipped; scripts/bench-api sets it)");
    }
    println!(
        "AeThex API benchmark: {} cores, open loop {rate} req/s for {secs} s, closed loop 32 connections for {secs} s",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0)
    );
    for (name, url) in backends {
        let srv = start(url.as_deref());
        rt.block_on(async {
            // Warm up connections and caches.
            let _ = closed_loop(&srv, Endpoint::Read, 8, 1).await;
            open_loop(&srv, Endpoint::Read, rate, secs)
                .await
                .line(&format!("{name}: GET /api/channels/{{login}} @{rate}/s"));
            closed_loop(&srv, Endpoint::Read, 32, secs).await.line(&format!("{name}: GET /api/channels/{{login}} max"));
            open_loop(&srv, Endpoint::Write, rate / 4, secs)
                .await
                .line(&format!("{name}: PATCH /api/channels/{{login}} @{}/s", rate / 4));
            closed_loop(&srv, Endpoint::Write, 32, secs)
                .await
                .line(&format!("{name}: PATCH /api/channels/{{login}} max"));
        });
    }
}
