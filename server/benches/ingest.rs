//! Ingest benchmark, AeThex beside nginx-rtmp on the same machine and input.
//!
//! The input is a 720p30 H.264 + AAC FLV at about 3 Mbps with a 2 s GOP (what
//! OBS sends by default), encoded once with ffmpeg. A small RTMP publisher
//! (rml_rtmp's client session) replays it in real time, so "publish sent" is
//! timed exactly and 50 publishers cost the load generator little.
//!
//! (a) publish → live in the API, → first LL-HLS part, → first complete
//!     segment (AeThex); publish → first segment in the playlist (nginx);
//! (b) server CPU and RSS with 1, 10 and 50 concurrent publishers;
//! (c) the ratios;
//! (d) glass-to-glass latency seen by hls.js in Chromium, AeThex with its
//!     transcoded ladder and default ABR beside nginx-rtmp (`ingest/glass.rs`).
//!
//! Run with `scripts/bench-ingest` (installs ffmpeg, nginx's RTMP module,
//! Chromium and the pinned hls.js). `AETHEX_BENCH_GLASS_ONLY=1` runs (d) alone.
#![allow(clippy::unwrap_used, clippy::expect_used)] // bench code: a panic is the failure report

mod support;
use support::{cpu_seconds, rss_mib};
#[path = "../tests/common/browser.rs"]
#[allow(dead_code, unreachable_pub)]
mod browser;
#[path = "ingest/glass.rs"]
mod glass;

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use rml_rtmp::handshake::{Handshake, HandshakeProcessResult, PeerType};
use rml_rtmp::sessions::{
    ClientSession, ClientSessionConfig, ClientSessionEvent, ClientSessionResult, PublishRequestType,
};
use rml_rtmp::time::RtmpTimestamp;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

const INPUT: &str = "/tmp/aethex-bench-input.flv";
const NGINX_DIR: &str = "/tmp/nginx-rtmp-anchor";

/// One FLV tag: 8 = audio, 9 = video, 18 = script data.
#[derive(Clone)]
struct Tag {
    kind: u8,
    ts: u32,
    data: Bytes,
}

fn ensure_input() {
    if std::path::Path::new(INPUT).exists() {
        return;
    }
    let status = Command::new("ffmpeg")
        .args([
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=1280x720:rate=30",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=44100",
        ])
        .args([
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-b:v",
            "3M",
            "-maxrate",
            "3M",
            "-bufsize",
            "3M",
            "-g",
            "60",
            "-keyint_min",
            "60",
            "-sc_threshold",
            "0",
            "-pix_fmt",
            "yuv420p",
        ])
        .args(["-c:a", "aac", "-b:a", "128k", "-t", "20", "-f", "flv", INPUT])
        .status()
        .expect("ffmpeg");
    assert!(status.success(), "could not encode the bench input");
}

fn read_flv(path: &str) -> Vec<Tag> {
    let b = std::fs::read(path).expect("input file");
    let mut i = 9 + 4;
    let mut tags = Vec::new();
    while i + 11 <= b.len() {
        let kind = b[i];
        let size = (usize::from(b[i + 1]) << 16) | (usize::from(b[i + 2]) << 8) | usize::from(b[i + 3]);
        let ts = (u32::from(b[i + 7]) << 24)
            | (u32::from(b[i + 4]) << 16)
            | (u32::from(b[i + 5]) << 8)
            | u32::from(b[i + 6]);
        if i + 11 + size > b.len() {
            break;
        }
        tags.push(Tag { kind, ts, data: Bytes::copy_from_slice(&b[i + 11..i + 11 + size]) });
        i += 11 + size + 4;
    }
    tags
}

async fn send_results(sock: &mut TcpStream, results: Vec<ClientSessionResult>, events: &mut Vec<ClientSessionEvent>) {
    for r in results {
        match r {
            ClientSessionResult::OutboundResponse(p) => sock.write_all(&p.bytes).await.expect("write"),
            ClientSessionResult::RaisedEvent(e) => events.push(e),
            ClientSessionResult::UnhandleableMessageReceived(_) => {}
        }
    }
}

/// Connect, handshake, `connect("live")`. Returns the socket and session.
async fn connect(addr: &str) -> (TcpStream, ClientSession) {
    let mut sock = TcpStream::connect(addr).await.expect("connect");
    sock.set_nodelay(true).ok();
    let mut hs = Handshake::new(PeerType::Client);
    sock.write_all(&hs.generate_outbound_p0_and_p1().expect("p0p1")).await.expect("write");
    let mut buf = vec![0u8; 65536];
    let leftover = loop {
        let n = sock.read(&mut buf).await.expect("read");
        assert!(n > 0, "server closed during handshake");
        match hs.process_bytes(&buf[..n]).expect("handshake") {
            HandshakeProcessResult::InProgress { response_bytes } => {
                sock.write_all(&response_bytes).await.expect("write")
            }
            HandshakeProcessResult::Completed { response_bytes, remaining_bytes } => {
                sock.write_all(&response_bytes).await.expect("write");
                break remaining_bytes;
            }
        }
    };
    let (mut session, initial) = ClientSession::new(ClientSessionConfig::new()).expect("session");
    let mut events = Vec::new();
    send_results(&mut sock, initial, &mut events).await;
    let r = session.handle_input(&leftover).expect("input");
    send_results(&mut sock, r, &mut events).await;
    let r = session.request_connection("live".into()).expect("connect request");
    send_results(&mut sock, vec![r], &mut events).await;
    wait_for(&mut sock, &mut session, &mut buf, |e| matches!(e, ClientSessionEvent::ConnectionRequestAccepted)).await;
    (sock, session)
}

async fn wait_for(
    sock: &mut TcpStream,
    session: &mut ClientSession,
    buf: &mut [u8],
    done: impl Fn(&ClientSessionEvent) -> bool,
) {
    loop {
        let n =
            tokio::time::timeout(Duration::from_secs(10), sock.read(buf)).await.expect("server answers").expect("read");
        assert!(n > 0, "server closed the connection");
        let results = session.handle_input(&buf[..n]).expect("input");
        let mut events = Vec::new();
        send_results(sock, results, &mut events).await;
        if events.iter().any(&done) {
            return;
        }
    }
}

/// One lap of the looping publisher (ms): the input's span plus one frame.
fn lap_ms(tags: &[Tag]) -> u32 {
    tags.last().map(|t| t.ts + 33).unwrap_or(1000)
}

/// Publish `tags` in real time (looping) until `stop`. `started` gets the
/// instant the publish request was sent (µs after `origin`); `paced_from`,
/// the wall clock (µs since the Unix epoch) at which tag time 0 was due.
async fn publish(
    addr: String,
    key: String,
    tags: Arc<Vec<Tag>>,
    stop: Arc<AtomicBool>,
    started: Arc<AtomicU64>,
    origin: Instant,
    paced_from: Option<Arc<AtomicU64>>,
) {
    let (mut sock, mut session) = connect(&addr).await;
    let mut buf = vec![0u8; 65536];
    let sent = Instant::now();
    started.store(sent.duration_since(origin).as_micros() as u64, Ordering::SeqCst);
    let r = session.request_publishing(key, PublishRequestType::Live).expect("publish request");
    let mut events = Vec::new();
    send_results(&mut sock, vec![r], &mut events).await;
    wait_for(&mut sock, &mut session, &mut buf, |e| matches!(e, ClientSessionEvent::PublishRequestAccepted)).await;
    let span = lap_ms(&tags);
    let (mut reader, mut writer) = sock.into_split();
    // Drain whatever the server sends (acks, pings) so it never blocks.
    tokio::spawn(async move {
        let mut b = vec![0u8; 4096];
        while let Ok(n) = reader.read(&mut b).await {
            if n == 0 {
                break;
            }
        }
    });
    let t0 = tokio::time::Instant::now();
    if let Some(p) = paced_from {
        p.store((glass::epoch_ms() * 1000.0) as u64, Ordering::SeqCst);
    }
    let mut lap = 0u32;
    'outer: loop {
        for tag in tags.iter() {
            if stop.load(Ordering::Relaxed) {
                break 'outer;
            }
            let ts = tag.ts + lap * span;
            tokio::time::sleep_until(t0 + Duration::from_millis(u64::from(ts))).await;
            // After the first lap, sequence headers are not repeated. (Checked
            // before building the packet: every built packet must be sent.)
            if lap > 0 && tag.data.len() > 1 && tag.data[1] == 0 && (tag.kind == 8 || tag.data[0] & 0x0f == 7) {
                continue;
            }
            let stamp = RtmpTimestamp::new(ts);
            let r = match tag.kind {
                9 => session.publish_video_data(tag.data.clone(), stamp, false),
                8 => session.publish_audio_data(tag.data.clone(), stamp, false),
                _ => continue,
            };
            if let Ok(ClientSessionResult::OutboundResponse(p)) = r {
                if writer.write_all(&p.bytes).await.is_err() {
                    break 'outer;
                }
            }
        }
        lap += 1;
    }
}

trait Target {
    fn rtmp(&self) -> String;
    fn key(&self, i: usize) -> String;
    fn pids(&self) -> Vec<u32>;
    /// URL whose text shows the first segment.
    fn playlist(&self, i: usize) -> String;
    fn segment_marker(&self) -> &'static str;
}

struct Aethex {
    child: Child,
    http: String,
    rtmp: String,
    keys: Vec<String>,
    dir: std::path::PathBuf,
}

impl Drop for Aethex {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("port").port()
}

/// A server with `n` channels; `ladder` keeps the default transcoded ABR
/// ladder, else it remuxes only (like nginx-rtmp's HLS).
async fn start_aethex(n: usize, ladder: bool) -> Aethex {
    let dir = std::env::temp_dir().join(format!("aethex-bench-ingest-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (hp, rp) = (free_port(), free_port());
    let env = |c: &mut Command| {
        c.env("AETHEX_DATA_DIR", &dir)
            .env("AETHEX_HTTP_ADDR", format!("127.0.0.1:{hp}"))
            .env("AETHEX_IRC_ADDR", "127.0.0.1:0")
            .env("AETHEX_RTMP_ADDR", format!("127.0.0.1:{rp}"))
            .env("AETHEX_RATE_FREE_PER_DAY", "1000000000")
            .env("AETHEX_RATE_BURST_PER_SECOND", "1000000000")
            // Every load connection comes from loopback: lift the per-address limits.
            .env("AETHEX_HTTP_MAX_CONNS_PER_IP", "100000")
            .env("AETHEX_HTTP_PER_ADDRESS_PER_SECOND", "1000000000")
            .env("RUST_LOG", "info")
            .env_remove("AETHEX_DATABASE_URL");
        if !ladder {
            c.env("AETHEX_FFMPEG", "");
        }
    };
    let bin = env!("CARGO_BIN_EXE_aethex-server");
    let mut tokens = Vec::new();
    for i in 0..n {
        let mut c = Command::new(bin);
        env(&mut c);
        assert!(c.args(["user", "create", &format!("bench_{i:02}")]).stdout(Stdio::null()).status().unwrap().success());
        let mut c = Command::new(bin);
        env(&mut c);
        let out = c.args(["token", "create", &format!("bench_{i:02}"), "--scopes", "stream:key"]).output().unwrap();
        tokens.push(String::from_utf8_lossy(&out.stdout).trim().to_string());
    }
    let mut c = Command::new(bin);
    env(&mut c);
    // The server's log, for diagnosing a failed run.
    let log = std::fs::File::create("/tmp/aethex-bench-ingest-server.log").unwrap();
    let child = c.stdout(Stdio::null()).stderr(log).spawn().unwrap();
    let http = format!("http://127.0.0.1:{hp}");
    let client = reqwest::Client::new();
    for _ in 0..200 {
        if client.get(format!("{http}/healthz")).send().await.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let mut keys = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let v: serde_json::Value = client
            .get(format!("{http}/api/channels/bench_{i:02}/stream-key"))
            .bearer_auth(t)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        keys.push(v["data"][0]["stream_key"].as_str().unwrap().to_string());
    }
    Aethex { child, http, rtmp: format!("127.0.0.1:{rp}"), keys, dir }
}

impl Target for Aethex {
    fn rtmp(&self) -> String {
        self.rtmp.clone()
    }
    fn key(&self, i: usize) -> String {
        self.keys[i].clone()
    }
    fn pids(&self) -> Vec<u32> {
        vec![self.child.id()]
    }
    fn playlist(&self, i: usize) -> String {
        format!("{}/hls/bench_{i:02}/source/index.m3u8", self.http)
    }
    fn segment_marker(&self) -> &'static str {
        "#EXTINF"
    }
}

struct Nginx {
    child: Child,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // Workers first: once the master is gone they are re-parented.
        let _ = Command::new("pkill").args(["-P", &self.child.id().to_string()]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_nginx(conf: &str) -> Option<Nginx> {
    if !std::path::Path::new("/usr/lib/nginx/modules/ngx_rtmp_module.so").exists() {
        return None;
    }
    if std::net::TcpStream::connect("127.0.0.1:11935").is_ok()
        || std::net::TcpStream::connect("127.0.0.1:18080").is_ok()
    {
        println!("(ports 11935/18080 are taken by another process: nginx-rtmp cannot start)");
        return None;
    }
    let _ = std::fs::remove_dir_all(NGINX_DIR);
    std::fs::create_dir_all(format!("{NGINX_DIR}/hls")).unwrap();
    let child = Command::new("nginx").args(["-c", conf]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().ok()?;
    for _ in 0..100 {
        if std::net::TcpStream::connect("127.0.0.1:11935").is_ok() {
            return Some(Nginx { child });
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

impl Target for Nginx {
    fn rtmp(&self) -> String {
        "127.0.0.1:11935".into()
    }
    fn key(&self, i: usize) -> String {
        format!("bench_{i:02}")
    }
    fn pids(&self) -> Vec<u32> {
        // The master and its workers.
        let master = self.child.id();
        let out = Command::new("pgrep").args(["-P", &master.to_string()]).output().unwrap();
        let workers =
            String::from_utf8_lossy(&out.stdout).lines().filter_map(|l| l.trim().parse().ok()).collect::<Vec<u32>>();
        std::iter::once(master).chain(workers).collect()
    }
    fn playlist(&self, i: usize) -> String {
        format!("http://127.0.0.1:18080/hls/bench_{i:02}.m3u8")
    }
    fn segment_marker(&self) -> &'static str {
        ".ts"
    }
}

struct Latency {
    live_ms: Option<f64>,
    part_ms: Option<f64>,
    segment_ms: f64,
}

async fn poll_until(
    limit: Duration,
    mut f: impl FnMut() -> std::pin::Pin<Box<dyn std::future::Future<Output = bool> + Send>>,
) -> Option<Instant> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if f().await {
            return Some(Instant::now());
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    None
}

async fn latency(t: &dyn Target, tags: &Arc<Vec<Tag>>, i: usize, api: Option<&str>) -> Latency {
    let client = reqwest::Client::new();
    let stop = Arc::new(AtomicBool::new(false));
    let started = Arc::new(AtomicU64::new(0));
    let origin = Instant::now();
    let task = tokio::spawn(publish(t.rtmp(), t.key(i), tags.clone(), stop.clone(), started.clone(), origin, None));
    while started.load(Ordering::SeqCst) == 0 {
        tokio::time::sleep(Duration::from_micros(200)).await;
    }
    let sent = origin + Duration::from_micros(started.load(Ordering::SeqCst));
    let ms = |at: Instant| at.duration_since(sent).as_secs_f64() * 1000.0;
    let mut live_ms = None;
    if let Some(url) = api {
        let (c, u) = (client.clone(), url.to_string());
        live_ms = poll_until(Duration::from_secs(10), move || {
            let (c, u) = (c.clone(), u.clone());
            Box::pin(async move {
                c.get(&u).send().await.ok().map(|r| r.status().is_success()).unwrap_or(false)
                    && c.get(&u).send().await.unwrap().text().await.unwrap_or_default().contains("\"is_live\":true")
            })
        })
        .await
        .map(ms);
    }
    let (c, u) = (client.clone(), t.playlist(i));
    let part_ms = if api.is_some() {
        let (c, u) = (c.clone(), u.clone());
        poll_until(Duration::from_secs(15), move || {
            let (c, u) = (c.clone(), u.clone());
            Box::pin(async move {
                c.get(&u).send().await.ok().map(|r| r.status().is_success()).unwrap_or(false)
                    && c.get(&u).send().await.unwrap().text().await.unwrap_or_default().contains("#EXT-X-PART:")
            })
        })
        .await
        .map(ms)
    } else {
        None
    };
    let marker = t.segment_marker();
    let segment_ms = poll_until(Duration::from_secs(20), move || {
        let (c, u) = (c.clone(), u.clone());
        Box::pin(async move {
            c.get(&u).send().await.ok().map(|r| r.status().is_success()).unwrap_or(false)
                && c.get(&u).send().await.unwrap().text().await.unwrap_or_default().contains(marker)
        })
    })
    .await
    .map(ms)
    .unwrap_or(f64::NAN);
    stop.store(true, Ordering::SeqCst);
    let _ = task.await;
    Latency { live_ms, part_ms, segment_ms }
}

struct Load {
    cpu_pct: f64,
    rss_mib: f64,
    playing: usize,
}

async fn load(t: &dyn Target, tags: &Arc<Vec<Tag>>, n: usize, secs: u64) -> Load {
    let stop = Arc::new(AtomicBool::new(false));
    let origin = Instant::now();
    let mut tasks = Vec::new();
    for i in 0..n {
        tasks.push(tokio::spawn(publish(
            t.rtmp(),
            t.key(i),
            tags.clone(),
            stop.clone(),
            Arc::new(AtomicU64::new(0)),
            origin,
            None,
        )));
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_secs(5)).await;
    let pids = t.pids();
    if std::env::var_os("AETHEX_BENCH_DEBUG").is_some() {
        eprintln!(
            "measuring pids {pids:?}: cpu {:?} rss {:?}",
            pids.iter().map(|p| cpu_seconds(*p)).collect::<Vec<_>>(),
            pids.iter().map(|p| rss_mib(*p)).collect::<Vec<_>>()
        );
    }
    let cpu0: f64 = pids.iter().map(|p| cpu_seconds(*p)).sum();
    let t0 = Instant::now();
    let mut rss: f64 = 0.0;
    while t0.elapsed() < Duration::from_secs(secs) {
        tokio::time::sleep(Duration::from_millis(500)).await;
        rss = rss.max(pids.iter().map(|p| rss_mib(*p)).sum());
    }
    let cpu = pids.iter().map(|p| cpu_seconds(*p)).sum::<f64>() - cpu0;
    // How many streams have segments (a sanity check that the load was real).
    let client = reqwest::Client::new();
    let mut playing = 0;
    for i in 0..n {
        if let Ok(r) = client.get(t.playlist(i)).send().await {
            if r.text().await.unwrap_or_default().contains(t.segment_marker()) {
                playing += 1;
            }
        }
    }
    stop.store(true, Ordering::SeqCst);
    for task in tasks {
        let _ = task.await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    Load { cpu_pct: cpu / t0.elapsed().as_secs_f64() * 100.0, rss_mib: rss, playing }
}

fn main() {
    ensure_input();
    glass::ensure_clock_input();
    let tags = Arc::new(read_flv(INPUT));
    let clock = Arc::new(read_flv(glass::CLOCK_INPUT));
    let bytes: usize = tags.iter().map(|t| t.data.len()).sum();
    let span = f64::from(tags.last().map(|t| t.ts).unwrap_or(1)) / 1000.0;
    let conf =
        std::env::var("AETHEX_BENCH_NGINX_CONF").unwrap_or_else(|_| "../../shared/anchors/nginx-rtmp.conf".into());
    let levels: Vec<usize> = std::env::var("AETHEX_BENCH_PUBLISHERS")
        .ok()
        .map(|v| v.split(',').filter_map(|x| x.parse().ok()).collect())
        .unwrap_or(vec![1, 10, 50]);
    let secs: u64 = std::env::var("AETHEX_BENCH_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(15);
    let glass_only = std::env::var_os("AETHEX_BENCH_GLASS_ONLY").is_some();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    println!(
        "AeThex ingest benchmark: input 1280x720@30 H.264+AAC, {:.2} Mbps, GOP 2 s; {} cores",
        bytes as f64 * 8.0 / span / 1e6,
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0)
    );
    rt.block_on(async {
        if !glass_only {
            ingest(&tags, &conf, &levels, secs).await;
        }
        glass_to_glass(&clock, &conf).await;
    });
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

/// (a), (b) and (c).
async fn ingest(tags: &Arc<Vec<Tag>>, conf: &str, levels: &[usize], secs: u64) {
    let max = levels.iter().copied().max().unwrap_or(1);
    let ax = start_aethex(max.max(5), false).await;
    let mut ax_lat = Vec::new();
    for i in 0..5 {
        let api = format!("{}/api/channels/bench_{i:02}", ax.http);
        ax_lat.push(latency(&ax, tags, i, Some(&api)).await);
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let live = median(ax_lat.iter().filter_map(|l| l.live_ms).collect());
    let part = median(ax_lat.iter().filter_map(|l| l.part_ms).collect());
    let seg = median(ax_lat.iter().map(|l| l.segment_ms).collect());
    println!("(a) aethex: publish -> live in API {live:.0} ms; -> first LL-HLS part {part:.0} ms; -> first complete segment {seg:.0} ms (median of 5)");
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mut ax_load = Vec::new();
    for n in levels {
        ax_load.push(load(&ax, tags, *n, secs).await);
    }
    drop(ax);

    let Some(ng) = start_nginx(conf) else {
        println!(
            "(nginx-rtmp not installed or not starting: install nginx-light and libnginx-mod-rtmp for the comparison)"
        );
        for (n, l) in levels.iter().zip(&ax_load) {
            println!(
                "(b) {n:>2} publishers: aethex CPU {:>5.1}%  RSS {:>6.1} MiB  ({} streams with segments)",
                l.cpu_pct, l.rss_mib, l.playing
            );
        }
        return;
    };
    let mut ng_lat = Vec::new();
    for i in 0..3 {
        ng_lat.push(latency(&ng, tags, i + 10, None).await.segment_ms);
    }
    let ng_seg = median(ng_lat);
    println!(
        "(a) nginx-rtmp: publish -> first segment in playlist {ng_seg:.0} ms (median of 3); ratio aethex/nginx {:.2}",
        seg / ng_seg
    );
    for (n, l) in levels.iter().zip(&ax_load) {
        let g = load(&ng, tags, *n, secs).await;
        println!(
            "(b) {n:>2} publishers: aethex CPU {:>5.1}% RSS {:>6.1} MiB ({:>2} playing) | nginx-rtmp CPU {:>5.1}% RSS {:>6.1} MiB ({:>2} playing) | (c) CPU ratio {:.2}, CPU per stream {:.2}% vs {:.2}%",
            l.cpu_pct, l.rss_mib, l.playing, g.cpu_pct, g.rss_mib, g.playing, l.cpu_pct / g.cpu_pct.max(0.01), l.cpu_pct / *n as f64, g.cpu_pct / *n as f64
        );
    }
    drop(ng);
    tokio::time::sleep(Duration::from_secs(2)).await;
}

/// (d): the same player, publisher and clock input against both servers.
async fn glass_to_glass(clock: &Arc<Vec<Tag>>, conf: &str) {
    let warm = Duration::from_secs(10);
    let window = Duration::from_secs(20);
    let browser =
        browser::Browser::start_with(&["--autoplay-policy=no-user-gesture-required", "--disable-web-security"]).await;
    let report = |name: &str, g: &Result<glass::Glass, String>| {
        match g {
        Ok(g) => println!(
            "(d) {name}: glass-to-glass median {:.2} s, p95 {:.2} s, max {:.2} s over {} frames ({} unread); played {}; {} stalls; hls.latency {:.2} s",
            g.quantile(0.5), g.quantile(0.95), g.quantile(1.0), g.latencies.len(), g.unread, g.heights(), g.stalls, g.hls_latency
        ),
        Err(e) => println!("(d) {name}: not measured: {e}"),
    }
    };
    let ax = start_aethex(1, true).await;
    let ready = format!("{}/hls/bench_00/source/index.m3u8", ax.http);
    let master = format!("{}/hls/bench_00/index.m3u8", ax.http);
    let a = glass::measure(&browser, clock, ax.rtmp(), ax.key(0), &ready, &master, warm, window).await;
    report("aethex (ladder, hls.js default ABR)", &a);
    drop(ax);
    let Some(ng) = start_nginx(conf) else {
        println!("(d) nginx-rtmp: not installed or not starting");
        return;
    };
    let url = ng.playlist(20);
    let n = glass::measure(&browser, clock, ng.rtmp(), ng.key(20), &url, &url, warm, window).await;
    report("nginx-rtmp (same player, publisher and input)", &n);
    if let (Ok(a), Ok(n)) = (&a, &n) {
        println!("(d) median ratio aethex/nginx {:.2}", a.quantile(0.5) / n.quantile(0.5));
    }
    drop(ng);
}
