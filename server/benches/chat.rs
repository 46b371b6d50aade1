//! Chat load generator, plain IRC so it drives any IRC server the same way.
//!
//! N clients join one room; S of them send M messages per second in total,
//! each carrying its send time. Every tenth client times each delivery; the
//! others count lines and drop them, which keeps the generator's own CPU down.
//! Prints p50/p99/max latency, deliveries per second, and the server's CPU
//! and RSS (idle, per connection, and under load). Runs against AeThex (its
//! release binary) and InspIRCd (Debian's package, the anchor config in
//! ../shared/anchors) side by side. Receivers do not ask for IRCv3 tags, so
//! both servers send the same plain lines.
//!
//! Environment: AETHEX_BENCH_CLIENTS (default "1000,10000"), AETHEX_BENCH_RATE
//! (messages/s, default 100), AETHEX_BENCH_SECONDS (default 15),
//! AETHEX_BENCH_SENDERS (default 200), AETHEX_BENCH_SKIP_ANCHOR (no InspIRCd),
//! AETHEX_BENCH_SKIP_FLOOR (no floor: see [`floor_server`]),
//! AETHEX_BENCH_ROUNDS (on/off comparison rounds, default 5; 0 skips it),
//! AETHEX_BENCH_SERVER_CPU (pin each server to this CPU with `taskset`; run
//! the bench itself pinned elsewhere, as `scripts/bench-scale` does).
//! Run it with `scripts/bench-chat`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // bench code: a panic is the failure report

mod support;
use support::{cpu_seconds, rss_kib};

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::TcpStream;

/// Latency histogram: 10 µs buckets up to 1 s.
struct Histogram {
    buckets: Vec<AtomicU64>,
    max_us: AtomicU64,
    count: AtomicU64,
}

impl Histogram {
    fn new() -> Self {
        Self {
            buckets: (0..100_001).map(|_| AtomicU64::new(0)).collect(),
            max_us: AtomicU64::new(0),
            count: AtomicU64::new(0),
        }
    }
    fn record(&self, us: u64) {
        self.buckets[((us / 10) as usize).min(100_000)].fetch_add(1, Ordering::Relaxed);
        self.max_us.fetch_max(us, Ordering::Relaxed);
        self.count.fetch_add(1, Ordering::Relaxed);
    }
    fn quantile_ms(&self, q: f64) -> f64 {
        let total = self.count.load(Ordering::Relaxed);
        let want = (total as f64 * q).ceil() as u64;
        let mut seen = 0;
        for (i, b) in self.buckets.iter().enumerate() {
            seen += b.load(Ordering::Relaxed);
            if seen >= want.max(1) {
                return i as f64 * 10.0 / 1000.0;
            }
        }
        f64::NAN
    }
}

struct Target {
    addr: String,
    child: Child,
    /// Login lines for client i (sender tokens for AeThex, plain registration for InspIRCd).
    login: Box<dyn Fn(usize, bool) -> String + Send + Sync>,
    room: String,
    dir: Option<std::path::PathBuf>,
}

impl Drop for Target {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(d) = &self.dir {
            let _ = std::fs::remove_dir_all(d);
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).unwrap().port()
}

fn start_aethex(senders: usize, analysis: bool) -> Target {
    let dir = std::env::temp_dir().join(format!("aethex-bench-chat-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (hp, ip) = (free_port(), free_port());
    let env = |c: &mut Command| {
        c.env("AETHEX_DATA_DIR", &dir)
            .env("AETHEX_HTTP_ADDR", format!("127.0.0.1:{hp}"))
            .env("AETHEX_IRC_ADDR", format!("127.0.0.1:{ip}"))
            .env("AETHEX_RTMP_ADDR", "127.0.0.1:0")
            .env("AETHEX_FFMPEG", "")
            .env("RUST_LOG", "warn")
            .env("AETHEX_CHAT_ANALYSIS", if analysis { "on" } else { "off" })
            .env_remove("AETHEX_DATABASE_URL");
    };
    let bin = env!("CARGO_BIN_EXE_aethex-server");
    let run = |args: &[&str]| {
        let mut c = Command::new(bin);
        env(&mut c);
        let out = c.args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    run(&["user", "create", "loadroom"]);
    let owner = run(&["token", "create", "loadroom", "--scopes", "moderator:manage:automod"]);
    let mut tokens = Vec::new();
    for i in 0..senders {
        run(&["user", "create", &format!("sender_{i:04}")]);
        tokens.push(run(&["token", "create", &format!("sender_{i:04}"), "--scopes", "chat:read,chat:edit"]));
    }
    let mut c = pinned(bin);
    env(&mut c);
    let child = c.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    wait_port(ip);
    if analysis {
        // "On" is all of chat intelligence: AutoMod at its strictest inline on every line too.
        wait_port(hp);
        automod_on(hp, &owner);
    }
    let tokens = Arc::new(tokens);
    Target {
        addr: format!("127.0.0.1:{ip}"),
        child,
        login: Box::new(move |i, sender| {
            if sender {
                format!("PASS oauth:{}\r\nNICK sender_{i:04}\r\n", tokens[i])
            } else {
                format!("NICK justinfan{}\r\n", 100_000 + i)
            }
        }),
        room: "#loadroom".into(),
        dir: Some(dir),
    }
}

/// `PUT /api/moderation/automod/settings` for the load room, level 4, over a plain socket.
fn automod_on(http_port: u16, token: &str) {
    use std::io::{Read as _, Write as _};
    let body = r#"{"overall_level":4}"#;
    let mut s = std::net::TcpStream::connect(("127.0.0.1", http_port)).unwrap();
    write!(
        s,
        "PUT /api/moderation/automod/settings?broadcaster_login=loadroom HTTP/1.1\r\nHost: 127.0.0.1\r\n\
         Authorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "AutoMod settings: {answer}");
}

/// `program`, on the CPU named by AETHEX_BENCH_SERVER_CPU when set.
fn pinned(program: &str) -> Command {
    match std::env::var("AETHEX_BENCH_SERVER_CPU") {
        Ok(cpu) => {
            let mut c = Command::new("taskset");
            c.args(["-c", &cpu, program]);
            c
        }
        Err(_) => Command::new(program),
    }
}

fn wait_port(port: u16) {
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("server on port {port} did not start");
}

fn start_inspircd(conf: &str) -> Option<Target> {
    if Command::new("inspircd").arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_err() {
        return None;
    }
    if std::net::TcpStream::connect("127.0.0.1:16667").is_ok() {
        println!("(port 16667 is taken: InspIRCd cannot start)");
        return None;
    }
    std::fs::create_dir_all("/tmp/inspircd-anchor").unwrap();
    let mut cmd = pinned("inspircd");
    cmd.args(["--config", conf, "--nofork"]);
    if std::env::var("USER").map(|u| u == "root").unwrap_or(true) {
        cmd.arg("--runasroot");
    }
    let child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().ok()?;
    wait_port(16667);
    Some(Target {
        addr: "127.0.0.1:16667".into(),
        child,
        login: Box::new(|i, _| format!("NICK u{i}\r\nUSER u{i} 0 * :u{i}\r\n")),
        room: "#loadroom".into(),
        dir: None,
    })
}

/// The floor: the least work any IRC server must do for this load, so the
/// kernel's share of the latency can be told from a server's. One thread;
/// each client gets its 001 and its JOIN, and a PRIVMSG is written straight
/// to every other member's socket in one loop: one `send` a delivery, no
/// queue, no task to wake, no rendering, no tags, no checks. A line that does
/// not fit a socket is dropped (none do at these rates). Runs as this bench's
/// own binary in a child process (`AETHEX_BENCH_FLOOR_PORT`), pinned like the servers.
fn floor_server(port: u16) {
    use std::{cell::RefCell, rc::Rc};
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let local = tokio::task::LocalSet::new();
    local.block_on(&rt, async move {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        type Members = Rc<RefCell<Vec<(usize, Rc<TcpStream>)>>>;
        let members: Members = Rc::default();
        for id in 0.. {
            let Ok((socket, _)) = listener.accept().await else { continue };
            let _ = socket.set_nodelay(true);
            let (socket, members) = (Rc::new(socket), members.clone());
            tokio::task::spawn_local(async move {
                let (mut buf, mut have, mut nick) = (vec![0u8; 4096], 0, String::new());
                while have < buf.len() && socket.readable().await.is_ok() {
                    match socket.try_read(&mut buf[have..]) {
                        Ok(0) => break,
                        Ok(n) => have += n,
                        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
                        Err(_) => break,
                    }
                    while let Some(end) = buf[..have].iter().position(|&b| b == b'\n') {
                        let line = String::from_utf8_lossy(&buf[..end]).trim_end().to_string();
                        buf.copy_within(end + 1..have, 0);
                        have -= end + 1;
                        if let Some(n) = line.strip_prefix("NICK ") {
                            nick = n.to_string();
                            let _ = socket.try_write(format!(":floor 001 {nick} :Welcome\r\n").as_bytes());
                        } else if let Some(room) = line.strip_prefix("JOIN ") {
                            members.borrow_mut().push((id, socket.clone()));
                            let _ = socket.try_write(format!(":{nick}!{nick}@floor JOIN {room}\r\n").as_bytes());
                        } else if let Some(rest) = line.strip_prefix("PRIVMSG ") {
                            let out = format!(":{nick}!{nick}@floor PRIVMSG {rest}\r\n");
                            for (_, s) in members.borrow().iter().filter(|(m, _)| *m != id) {
                                let _ = s.try_write(out.as_bytes());
                            }
                        }
                    }
                }
                members.borrow_mut().retain(|(m, _)| *m != id);
            });
        }
    });
}

fn start_floor() -> Target {
    let port = free_port();
    let mut c = pinned(std::env::current_exe().unwrap().to_str().unwrap());
    let child = c.env("AETHEX_BENCH_FLOOR_PORT", port.to_string()).stdout(Stdio::null()).spawn().unwrap();
    wait_port(port);
    Target {
        addr: format!("127.0.0.1:{port}"),
        child,
        login: Box::new(|i, _| format!("NICK u{i}\r\n")),
        room: "#loadroom".into(),
        dir: None,
    }
}

struct Client {
    write: tokio::net::tcp::OwnedWriteHalf,
}

/// Connect, register, join; a reader task records latencies of PRIVMSGs.
async fn connect(
    t: &Target,
    i: usize,
    sender: bool,
    hist: Arc<Histogram>,
    origin: Instant,
    ready: Arc<AtomicU64>,
    delivered: Arc<AtomicU64>,
) -> Option<Client> {
    let stream = TcpStream::connect(&t.addr).await.ok()?;
    let _ = stream.set_nodelay(true);
    let (read, mut write) = stream.into_split();
    write.write_all((t.login)(i, sender).as_bytes()).await.ok()?;
    // JOIN only after the welcome: InspIRCd finishes registration after a DNS lookup.
    let mut lines = BufReader::new(read).lines();
    let welcomed = tokio::time::timeout(Duration::from_secs(120), async {
        while let Ok(Some(l)) = lines.next_line().await {
            if l.contains(" 001 ") {
                return true;
            }
        }
        false
    })
    .await;
    if !matches!(welcomed, Ok(true)) {
        return None;
    }
    write.write_all(format!("JOIN {}\r\n", t.room).as_bytes()).await.ok()?;
    // Runs are shorter than InspIRCd's ping interval (120 s) and AeThex does
    // not ping, so the reader never has to answer a PING.
    // Only every tenth receiver parses lines to time them; the others count
    // lines and drop them, so the generator leaves more of the CPU to the server.
    let sample = i.is_multiple_of(10);
    tokio::spawn(async move {
        let mut joined = false;
        if !sample {
            // A BufReader's read returns what it buffered first, then the socket.
            let mut reader = lines.into_inner();
            let mut buf = vec![0u8; 16 * 1024];
            loop {
                let n = match tokio::io::AsyncReadExt::read(&mut reader, &mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => n,
                };
                let data = &buf[..n];
                if !joined && data.windows(5).any(|w| w == b" 366 " || w == b" JOIN") {
                    joined = true;
                    ready.fetch_add(1, Ordering::Relaxed);
                }
                let lines = data.iter().filter(|&&b| b == b'\n').count() as u64;
                delivered.fetch_add(lines, Ordering::Relaxed);
            }
            return;
        }
        while let Ok(Some(l)) = lines.next_line().await {
            delivered.fetch_add(1, Ordering::Relaxed);
            if let Some(i) = l.find("PRIVMSG ") {
                if let Some(t) = l[i..].split(":t=").nth(1) {
                    if let Ok(sent) = t.split_whitespace().next().unwrap_or("").parse::<u64>() {
                        let now = origin.elapsed().as_micros() as u64;
                        hist.record(now.saturating_sub(sent));
                    }
                }
            } else if !joined && (l.contains(" 366 ") || l.contains(" JOIN ")) {
                joined = true;
                ready.fetch_add(1, Ordering::Relaxed);
            }
        }
    });
    Some(Client { write })
}

struct Run {
    clients: usize,
    idle_kib_per_conn: f64,
    p50: f64,
    p99: f64,
    max: f64,
    delivered_per_s: f64,
    cpu_pct: f64,
    rss_mib: f64,
}

async fn run(t: &Target, n: usize, senders: usize, rate: u64, secs: u64) -> Run {
    let hist = Arc::new(Histogram::new());
    let origin = Instant::now();
    let ready = Arc::new(AtomicU64::new(0));
    let delivered = Arc::new(AtomicU64::new(0));
    let pid = t.child.id();
    let rss0 = rss_kib(pid);
    let mut clients = Vec::with_capacity(n);
    let mut batch = Vec::new();
    for i in 0..n {
        let sender = i < senders;
        batch.push(connect(t, i, sender, hist.clone(), origin, ready.clone(), delivered.clone()));
        // Large batches: InspIRCd registers each client after a DNS lookup, in parallel.
        if batch.len() == 1000 {
            clients.extend(futures_util::future::join_all(std::mem::take(&mut batch)).await.into_iter().flatten());
        }
    }
    clients.extend(futures_util::future::join_all(batch).await.into_iter().flatten());
    let wait = Instant::now();
    while (ready.load(Ordering::Relaxed) as usize) < clients.len() && wait.elapsed() < Duration::from_secs(60) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let idle = (rss_kib(pid) - rss0) / n as f64;
    let cpu0 = cpu_seconds(pid);
    let delivered0 = delivered.load(Ordering::Relaxed);
    let started = Instant::now();
    let stop = Arc::new(AtomicBool::new(false));
    let period = Duration::from_secs_f64(senders as f64 / rate as f64);
    let mut tasks = Vec::new();
    let mut writers: Vec<Client> = clients.drain(..senders.min(clients.len())).collect();
    for (k, mut c) in writers.drain(..).enumerate() {
        let (stop, room) = (stop.clone(), t.room.clone());
        let offset = period.mul_f64(k as f64 / senders as f64);
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep(offset).await;
            let mut tick = tokio::time::interval(period);
            while !stop.load(Ordering::Relaxed) {
                tick.tick().await;
                let line = format!("PRIVMSG {room} :t={} load\r\n", origin.elapsed().as_micros());
                if c.write.write_all(line.as_bytes()).await.is_err() {
                    break;
                }
            }
            c
        }));
    }
    let mut rss: f64 = 0.0;
    while started.elapsed() < Duration::from_secs(secs) {
        tokio::time::sleep(Duration::from_millis(500)).await;
        rss = rss.max(rss_kib(pid));
    }
    stop.store(true, Ordering::Relaxed);
    let elapsed = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds(pid) - cpu0;
    // Counted now: a sender still waiting for its next tick would add a line after the window.
    let delivered = (delivered.load(Ordering::Relaxed) - delivered0) as f64;
    for t in &tasks {
        t.abort();
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    drop(clients);
    tokio::time::sleep(Duration::from_secs(2)).await;
    Run {
        clients: n,
        idle_kib_per_conn: idle,
        p50: hist.quantile_ms(0.50),
        p99: hist.quantile_ms(0.99),
        max: hist.max_us.load(Ordering::Relaxed) as f64 / 1000.0,
        delivered_per_s: delivered / elapsed,
        cpu_pct: cpu / elapsed * 100.0,
        rss_mib: rss / 1024.0,
    }
}

fn print(name: &str, r: &Run, rate: u64) {
    println!(
        "{name:<9} {:>6} clients @{rate} msg/s: p50 {:>7.2} ms  p99 {:>8.2} ms  max {:>8.2} ms  delivered {:>9.0}/s  CPU {:>5.1}%  RSS {:>6.1} MiB  idle {:>5.1} KiB/conn",
        r.clients, r.p50, r.p99, r.max, r.delivered_per_s, r.cpu_pct, r.rss_mib, r.idle_kib_per_conn
    );
}

fn main() {
    if let Some(port) = std::env::var("AETHEX_BENCH_FLOOR_PORT").ok().and_then(|p| p.parse().ok()) {
        return floor_server(port);
    }
    let levels: Vec<usize> = std::env::var("AETHEX_BENCH_CLIENTS")
        .ok()
        .map(|v| v.split(',').filter_map(|x| x.parse().ok()).collect())
        .unwrap_or(vec![1000, 10_000]);
    let rate: u64 = std::env::var("AETHEX_BENCH_RATE").ok().and_then(|v| v.parse().ok()).unwrap_or(100);
    let secs: u64 = std::env::var("AETHEX_BENCH_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(15);
    let senders: usize = std::env::var("AETHEX_BENCH_SENDERS").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let conf =
        std::env::var("AETHEX_BENCH_INSPIRCD_CONF").unwrap_or_else(|_| "../../shared/anchors/inspircd.conf".into());
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    println!(
        "AeThex chat load: one room, {senders} senders, {rate} msg/s for {secs} s; {} cores",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0)
    );
    let mut results = Vec::new();
    {
        let ax = start_aethex(senders, true);
        for n in &levels {
            let r = rt.block_on(run(&ax, *n, senders, rate, secs));
            print("aethex", &r, rate);
            results.push(r);
        }
    }
    // The floor: the kernel's part of the same load, with nothing of a server around it.
    if std::env::var_os("AETHEX_BENCH_SKIP_FLOOR").is_none() {
        let floor = start_floor();
        for (n, a) in levels.iter().zip(&results) {
            let r = rt.block_on(run(&floor, *n, senders, rate, secs));
            print("floor", &r, rate);
            println!("  aethex above the floor at {n}: p50 {:+.2} ms, p99 {:+.2} ms", a.p50 - r.p50, a.p99 - r.p99);
        }
    }
    // Chat intelligence (sentiment and trends of every line) reads chat off
    // the send path, and AutoMod checks every line on it: the same load with
    // both off, side by side. This machine's noise between runs is larger
    // than the difference, so on and off alternate, five runs each, and the
    // medians are compared.
    let rounds: usize = std::env::var("AETHEX_BENCH_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    if let (Some(n), Some(first), true) = (levels.first(), results.first(), rounds > 0) {
        let (mut on, mut off) = (vec![first.p99], Vec::new());
        let mut cpu = (vec![first.cpu_pct], Vec::new());
        for round in 0..rounds {
            let ax = start_aethex(senders, false);
            let r = rt.block_on(run(&ax, *n, senders, rate, secs));
            print("no intel", &r, rate);
            off.push(r.p99);
            cpu.1.push(r.cpu_pct);
            drop(ax);
            if round + 1 < rounds {
                let ax = start_aethex(senders, true);
                let r = rt.block_on(run(&ax, *n, senders, rate, secs));
                print("aethex", &r, rate);
                on.push(r.p99);
                cpu.0.push(r.cpu_pct);
            }
        }
        let median = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        let (p_on, p_off) = (median(&mut on), median(&mut off));
        println!(
            "  chat analysis and AutoMod (level 4) on/off at {n}, median of {} runs each: p99 {p_on:.2} / {p_off:.2} ms ({:+.1}%), CPU {:.1} / {:.1}%",
            on.len(),
            (p_on / p_off - 1.0) * 100.0,
            median(&mut cpu.0),
            median(&mut cpu.1)
        );
    }
    if std::env::var_os("AETHEX_BENCH_SKIP_ANCHOR").is_some() {
        return;
    }
    match start_inspircd(&conf) {
        None => println!("(InspIRCd not installed: install Debian's inspircd for the comparison)"),
        Some(insp) => {
            for (n, a) in levels.iter().zip(&results) {
                let r = rt.block_on(run(&insp, *n, senders, rate, secs));
                print("inspircd", &r, rate);
                println!(
                    "  ratio aethex/inspircd at {n}: p99 {:.2}, throughput {:.2}, CPU {:.2}, idle memory per connection {:.2}",
                    a.p99 / r.p99,
                    a.delivered_per_s / r.delivered_per_s,
                    a.cpu_pct / r.cpu_pct,
                    a.idle_kib_per_conn / r.idle_kib_per_conn
                );
            }
        }
    }
}
