//! Web app benchmark: the release `aethex-server` binary as its own process.
//!
//! (a) the home and channel pages at a fixed 500 requests/s for 10 s each,
//!     open loop (latency from each request's scheduled start, so queueing
//!     is counted), p50/p99/max; in English, German and Arabic (language
//!     negotiated from `Accept-Language`, numbers and dates formatted), and
//!     the same pages from a baseline build when `AETHEX_BENCH_BASELINE_BIN`
//!     names one (the English-only server before the translations);
//! (b) JavaScript a channel page loads: our scripts, and hls.js (loaded
//!     when the video plays), raw and as sent (gzip/brotli);
//! (c) Web Push fan-out: one go-live to 10,000 subscriptions (500 followers
//!     with 20 browsers each) on a push-service stand-in in this process
//!     that answers 201 like FCM or autopush; time from the publish to the
//!     first and the last delivery, and the rate.
//!
//! (d) time from navigation to the first presented video frame of a live
//!     channel page in headless Chromium on loopback (desktop window, so the
//!     player starts by itself), five page loads.
//!
//! Glass-to-glass latency with hls.js against nginx-rtmp is part (d) of
//! `scripts/bench-ingest`. Run with `scripts/bench-web`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // bench code: a panic is the failure report

mod support;
use support::{cpu_seconds, rss_mib};
#[path = "../tests/common/browser.rs"]
#[allow(dead_code, unreachable_pub)]
mod browser;

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use p256::elliptic_curve::sec1::ToEncodedPoint as _;
use rand::RngCore as _;
use tokio::sync::Semaphore;

const CASTER: &str = "bench_caster";
const FOLLOWERS: usize = 500;
const BROWSERS_EACH: usize = 20;

struct Server {
    child: Child,
    base: String,
    rtmp: String,
    dir: std::path::PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port()
}

fn envs(c: &mut Command, dir: &std::path::Path, http: u16, rtmp: u16) {
    c.env("AETHEX_DATA_DIR", dir)
        .env("AETHEX_HTTP_ADDR", format!("127.0.0.1:{http}"))
        .env("AETHEX_IRC_ADDR", "127.0.0.1:0")
        .env("AETHEX_RTMP_ADDR", format!("127.0.0.1:{rtmp}"))
        .env("AETHEX_HTTP_MAX_CONNS_PER_IP", "100000")
        .env("AETHEX_HTTP_PER_ADDRESS_PER_SECOND", "1000000000")
        // The stand-in push service is on loopback.
        .env("AETHEX_WEBHOOK_ALLOW_PRIVATE", "1")
        // Remux only: the ladder's ffmpeg would take the cores the fan-out is measured on.
        .env("AETHEX_FFMPEG", "")
        .env("RUST_LOG", "warn")
        .env_remove("AETHEX_DATABASE_URL");
}

/// Prepare the data directory (users, follows, push subscriptions) with the
/// server's own functions, then start the binary on it.
async fn start(push_service: &str) -> Server {
    let dir = std::env::temp_dir().join(format!("aethex-bench-web-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (http, rtmp) = (free_port(), free_port());
    {
        let db = aethex_server::store::Db::open(None, &dir).await.unwrap();
        let sealer = aethex_server::crypto::Sealer::load(&dir, None).unwrap();
        let caster = aethex_server::accounts::create_user(&db, &sealer, CASTER, None).await.unwrap();
        let mut rows = Vec::new();
        for f in 0..FOLLOWERS {
            let user = aethex_server::accounts::create_user(&db, &sealer, &format!("fan_{f:04}"), None).await.unwrap();
            aethex_server::push::set_notify_for(&db, user, caster, true).await.unwrap();
            for b in 0..BROWSERS_EACH {
                let key = p256::SecretKey::random(&mut rand::rngs::OsRng);
                let mut auth = [0u8; 16];
                rand::rngs::OsRng.fill_bytes(&mut auth);
                let p256dh = URL_SAFE_NO_PAD.encode(key.public_key().to_encoded_point(false).as_bytes());
                rows.push((user, format!("{push_service}/push/{f}/{b}"), p256dh, URL_SAFE_NO_PAD.encode(auth)));
            }
        }
        // The bench stands in for 10,000 browsers having subscribed.
        let mut tx = db.begin_write().await.unwrap();
        for (i, (user, endpoint, p256dh, auth)) in rows.iter().enumerate() {
            sqlx::query("INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, created_at) VALUES ($1, $2, $3, $4, $5, 0)")
                .bind(format!("bench-{i}"))
                .bind(user)
                .bind(endpoint)
                .bind(p256dh)
                .bind(auth)
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        db.pool.close().await;
    }
    serve(std::path::Path::new(env!("CARGO_BIN_EXE_aethex-server")), dir, http, rtmp).await
}

/// Start `bin` on a prepared data directory.
async fn serve(bin: &std::path::Path, dir: std::path::PathBuf, http: u16, rtmp: u16) -> Server {
    let mut c = Command::new(bin);
    envs(&mut c, &dir, http, rtmp);
    let child = c.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("serve");
    // Dropped (killed and waited for) on every path from here.
    let srv =
        Server { child, base: format!("http://127.0.0.1:{http}"), rtmp: format!("rtmp://127.0.0.1:{rtmp}/live"), dir };
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", http)).is_ok() {
            return srv;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("server did not start");
}

/// (a): `path` at `rate` requests/s for `secs`, open loop, asking for
/// language `lang` (`Accept-Language`) when given; `label` names the server.
async fn pages(
    srv: &Server,
    path: &str,
    lang: Option<(&'static str, &'static str)>,
    label: &str,
    rate: u64,
    secs: u64,
) {
    let client = reqwest::Client::builder().pool_max_idle_per_host(512).build().unwrap();
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
        let permit = in_flight.clone().acquire_owned().await.unwrap();
        let (client, url, tx) = (client.clone(), format!("{}{path}", srv.base), tx.clone());
        tokio::spawn(async move {
            let mut req = client.get(url);
            if let Some((_, header)) = lang {
                req = req.header("accept-language", header);
            }
            let ok = match req.send().await {
                Ok(r) => r.status().is_success() && r.bytes().await.is_ok(),
                Err(_) => false,
            };
            let _ = tx.send((scheduled.elapsed().as_secs_f64() * 1000.0, ok));
            drop(permit);
        });
    }
    drop(tx);
    let mut lat = Vec::new();
    let mut errors = 0;
    while let Some((ms, ok)) = rx.recv().await {
        lat.push(ms);
        errors += usize::from(!ok);
    }
    let secs = start.elapsed().as_secs_f64();
    lat.sort_by(f64::total_cmp);
    let q = |p: f64| lat.get(((lat.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(f64::NAN);
    println!(
        "(a) {label:<9} {:<3} GET {path:<14} {:>5.0} req/s  p50 {:>6.2} ms  p99 {:>6.2} ms  max {:>7.2} ms  errors {errors}  server CPU {:>3.0}%  RSS {:>5.1} MiB",
        lang.map_or("en", |l| l.0),
        lat.len() as f64 / secs,
        q(0.5),
        q(0.99),
        lat.last().copied().unwrap_or(f64::NAN),
        (cpu_seconds(pid) - cpu0) / secs * 100.0,
        rss_mib(pid)
    );
}

/// (b): the scripts a channel page names, and hls.js; raw and as sent.
async fn script_bytes(srv: &Server) {
    // No automatic decompression: the length received is what the wire carried.
    let client = reqwest::Client::new();
    let html = client.get(format!("{}/{CASTER}", srv.base)).send().await.unwrap().text().await.unwrap();
    let mut scripts: Vec<String> =
        html.split("<script src=\"").skip(1).filter_map(|s| s.split('"').next().map(str::to_string)).collect();
    scripts.push("/static/hls.light.min.js".into());
    let (mut raw, mut sent) = (0usize, 0usize);
    let mut ours = (0usize, 0usize);
    for s in &scripts {
        let url = format!("{}{s}", srv.base);
        let r = client.get(&url).send().await.unwrap().bytes().await.unwrap().len();
        let z = client.get(&url).header("accept-encoding", "gzip").send().await.unwrap().bytes().await.unwrap().len();
        raw += r;
        sent += z;
        if !s.contains("hls.") {
            ours = (ours.0 + r, ours.1 + z);
        }
    }
    println!(
        "(b) channel page JavaScript: ours {} B ({} B gzip, {} files); with hls.js once a video plays {} B ({} B gzip)",
        ours.0,
        ours.1,
        scripts.len() - 1,
        raw,
        sent
    );
}

/// When the first and the last push arrived.
type Times = Arc<Mutex<(Option<Instant>, Option<Instant>)>>;

/// The stand-in push service: counts deliveries, notes the first and last.
async fn push_service(count: Arc<AtomicU64>, times: Times) -> String {
    async fn take(
        axum::extract::State((count, times)): axum::extract::State<(Arc<AtomicU64>, Times)>,
    ) -> axum::http::StatusCode {
        let now = Instant::now();
        count.fetch_add(1, Ordering::SeqCst);
        let mut t = times.lock().unwrap();
        t.0.get_or_insert(now);
        t.1 = Some(now);
        axum::http::StatusCode::CREATED
    }
    let app = axum::Router::new().route("/push/{f}/{b}", axum::routing::post(take)).with_state((count, times));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

fn main() {
    let rate: u64 = std::env::var("AETHEX_BENCH_RATE").ok().and_then(|v| v.parse().ok()).unwrap_or(500);
    let secs: u64 = std::env::var("AETHEX_BENCH_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(10);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let count = Arc::new(AtomicU64::new(0));
        let times = Arc::new(Mutex::new((None, None)));
        let service = push_service(count.clone(), times.clone()).await;
        println!(
            "AeThex web benchmark: {} cores; {FOLLOWERS} followers x {BROWSERS_EACH} browsers = {} push subscriptions",
            std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
            FOLLOWERS * BROWSERS_EACH
        );
        let srv = start(&service).await;
        // A build from before a change (AETHEX_BENCH_BASELINE_BIN, which
        // scripts/bench-web makes from AETHEX_BENCH_BASELINE_REV) on a copy of
        // the same data, measured in turn with this one: the same machine, the same minute.
        let baseline = match std::env::var_os("AETHEX_BENCH_BASELINE_BIN") {
            Some(bin) => {
                let dir = srv.dir.with_extension("baseline");
                let _ = std::fs::remove_dir_all(&dir);
                let copied = Command::new("cp").arg("-a").arg(&srv.dir).arg(&dir).status().unwrap();
                assert!(copied.success(), "copy the data directory");
                Some(serve(std::path::Path::new(&bin), dir, free_port(), free_port()).await)
            }
            None => None,
        };
        let channel = format!("/{CASTER}");
        for path in ["/", channel.as_str()] {
            if let Some(b) = &baseline {
                pages(b, path, None, "baseline", rate, secs).await;
            }
            // English (no preference), then two languages negotiated and formatted.
            for lang in [None, Some(("de", "de-DE,de;q=0.9,en;q=0.5")), Some(("ar", "ar"))] {
                pages(&srv, path, lang, "this", rate, secs).await;
            }
        }
        drop(baseline);
        script_bytes(&srv).await;

        // (c) go live: one publish, every subscription gets the push once.
        let token = {
            let mut c = Command::new(env!("CARGO_BIN_EXE_aethex-server"));
            let port: u16 = srv.base.rsplit(':').next().unwrap().parse().unwrap();
            envs(&mut c, &srv.dir, port, 0);
            let out = c.args(["token", "create", CASTER, "--scopes", "stream:key"]).output().unwrap();
            String::from_utf8_lossy(&out.stdout).trim().to_string()
        };
        let key: serde_json::Value = reqwest::Client::new()
            .get(format!("{}/api/channels/{CASTER}/stream-key", srv.base))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let key = key["data"][0]["stream_key"].as_str().unwrap().to_string();
        let published = Instant::now();
        let mut ff = Command::new("ffmpeg")
            .args(["-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30"])
            .args(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"])
            .args(["-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "30", "-pix_fmt", "yuv420p"])
            .args(["-c:a", "aac", "-f", "flv", &format!("{}/{key}", srv.rtmp)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("ffmpeg");
        let want = (FOLLOWERS * BROWSERS_EACH) as u64;
        let deadline = Instant::now() + Duration::from_secs(120);
        while count.load(Ordering::SeqCst) < want && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
        let got = count.load(Ordering::SeqCst);
        let (first, last) = *times.lock().unwrap();
        match (first, last) {
            (Some(f), Some(l)) => println!(
                "(c) push fan-out: {got} of {want} delivered (each once: {}); publish -> first {:.0} ms, -> last {:.0} ms; first -> last {:.0} ms ({:.0} pushes/s)",
                got == want,
                f.duration_since(published).as_secs_f64() * 1000.0,
                l.duration_since(published).as_secs_f64() * 1000.0,
                l.duration_since(f).as_secs_f64() * 1000.0,
                got as f64 / l.duration_since(f).as_secs_f64().max(0.001)
            ),
            _ => println!("(c) push fan-out: nothing delivered within 120 s"),
        }
        first_frame(&srv).await;
        let _ = ff.kill();
        let _ = ff.wait();
    });
}

/// (d): navigation → first presented frame of the live channel page.
async fn first_frame(srv: &Server) {
    let browser = browser::Browser::start_with(&["--autoplay-policy=no-user-gesture-required"]).await;
    let mut times = Vec::new();
    for _ in 0..5 {
        let mut page = browser.blank().await;
        page.before_each_document(
            "window.firstFrame = null; document.addEventListener('DOMContentLoaded', () => { \
             const v = document.getElementById('video'); \
             if (v) v.requestVideoFrameCallback(now => { window.firstFrame = now; }); });",
        )
        .await;
        page.navigate(&format!("{}/{CASTER}", srv.base)).await;
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(ms) = page.eval("window.firstFrame").await.as_f64() {
                times.push(ms);
                break;
            }
            if Instant::now() > deadline {
                println!("(d) no video frame within 30 s");
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        page.call("Page.close", serde_json::json!({})).await;
    }
    times.sort_by(f64::total_cmp);
    if let (Some(min), Some(max)) = (times.first(), times.last()) {
        println!(
            "(d) navigation -> first video frame in Chromium (hls.js, LL-HLS, loopback): median {:.0} ms, min {min:.0} ms, max {max:.0} ms over {} loads",
            times[times.len() / 2],
            times.len()
        );
    }
}
