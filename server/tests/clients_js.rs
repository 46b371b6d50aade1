//! The JavaScript chat clients people already use, unpatched, as judges:
//! tmi.js 1.8.5 and @twurple/chat 8.2.0 (pinned in `server/tests/js/package-lock.json`,
//! installed by `scripts/test` with `npm ci`) run against a real server. Each
//! judge is a node script in `server/tests/js/` that prints a JSON report
//! (`{client, failed, steps: [{name, ok, detail}], notes}`); this test starts
//! the server, hands the script its address and tokens, and fails with every
//! failed step listed.
//!
//! Twurple has no port option: it connects to the standard ports of the host
//! it is given (WebSocket 80, IRC 6667, both without TLS here). So the server
//! listens on those ports, on a loopback address of its own (127.x.y.z; Linux
//! routes all of 127.0.0.0/8 to loopback), which is also how a deployment
//! serves these clients. Binding port 80 needs root or
//! `net.ipv4.ip_unprivileged_port_start` ≤ 80.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use common::{Backend, TestServer};

/// Standard ports, as Twurple assumes them for `ssl: false`.
const HTTP_PORT: u16 = 80;
const IRC_PORT: u16 = 6667;
/// The whole judge run; each step inside has its own shorter deadline.
const SCRIPT_DEADLINE: Duration = Duration::from_secs(60);

fn js_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js")
}

/// A loopback address of this test's own whose ports 80 and 6667 are free.
fn private_loopback() -> Ipv4Addr {
    let seed = std::process::id() as u64
        ^ std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64;
    let mut last_error = String::new();
    for i in 0..32u64 {
        let n = seed.wrapping_mul(6364136223846793005).wrapping_add(i * 1442695040888963407) >> 24;
        let ip = Ipv4Addr::new(127, 1 + (n % 250) as u8, (n >> 8) as u8, 1 + ((n >> 16) % 250) as u8);
        let free = [HTTP_PORT, IRC_PORT].iter().all(|&port| match TcpListener::bind((ip, port)) {
            Ok(_) => true,
            Err(e) => {
                last_error = format!("{ip}:{port}: {e}");
                false
            }
        });
        if free {
            return ip;
        }
    }
    panic!(
        "no loopback address with ports {HTTP_PORT} and {IRC_PORT} free ({last_error}); \
         binding port 80 needs root or net.ipv4.ip_unprivileged_port_start <= 80"
    );
}

/// A server on `ip` with HTTP on port 80 and IRC on 6667.
async fn server() -> (TestServer, Ipv4Addr) {
    let ip = private_loopback();
    let s = TestServer::start_custom(Backend::Sqlite, |c| {
        c.http_addr = SocketAddr::from((ip, HTTP_PORT));
        c.irc_addr = SocketAddr::from((ip, IRC_PORT));
    })
    .await;
    assert_eq!((s.addr.port(), s.irc.port()), (HTTP_PORT, IRC_PORT));
    (s, ip)
}

/// One step of a judge's report.
#[derive(Debug, serde::Deserialize)]
struct Step {
    name: String,
    ok: bool,
    #[serde(default)]
    detail: String,
}

/// A judge's report.
#[derive(Debug, serde::Deserialize)]
struct Report {
    client: String,
    failed: usize,
    steps: Vec<Step>,
    #[serde(default)]
    notes: Vec<String>,
}

/// Run `script` with `env` on top of the server's address; its report.
async fn judge(script: &str, s: &TestServer, ip: Ipv4Addr, env: &[(&str, String)]) -> Report {
    let dir = js_dir();
    assert!(
        dir.join("node_modules/tmi.js/package.json").exists()
            && dir.join("node_modules/@twurple/chat/package.json").exists(),
        "the judges are not installed: run scripts/test, or `npm ci --prefix server/tests/js`"
    );
    let mut cmd = tokio::process::Command::new("node");
    cmd.arg(dir.join(script))
        .current_dir(&dir)
        .env("AETHEX_HOST", ip.to_string())
        .env("AETHEX_HTTP_PORT", s.addr.port().to_string())
        .env("AETHEX_IRC_PORT", s.irc.port().to_string())
        .env("AETHEX_BASE", &s.base)
        .env_remove("TWURPLE_MOCK_API_PORT")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child =
        cmd.spawn().unwrap_or_else(|e| panic!("node {script}: {e} (is Node.js installed? scripts/test installs it)"));
    let out = tokio::time::timeout(SCRIPT_DEADLINE, child.wait_with_output())
        .await
        .unwrap_or_else(|_| panic!("node {script} did not finish within {SCRIPT_DEADLINE:?}"))
        .expect("node ran");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stdout.lines().rev().find(|l| l.starts_with('{')).unwrap_or_else(|| {
        panic!("node {script} printed no report (exit {:?})\nstdout:\n{stdout}\nstderr:\n{stderr}", out.status.code())
    });
    let report: Report =
        serde_json::from_str(line).unwrap_or_else(|e| panic!("node {script}: unreadable report ({e}): {line}"));
    let steps: Vec<String> = report
        .steps
        .iter()
        .map(|s| match s.ok {
            true => format!("  ✓ {}", s.name),
            false => format!("  ✗ {}\n      {}", s.name, s.detail),
        })
        .collect();
    let notes: Vec<String> = report.notes.iter().map(|n| format!("  · {n}")).collect();
    let summary = format!(
        "{}: {} of {} steps failed\n{}\nnotes (the library's own warnings):\n{}\nstderr:\n{}",
        report.client,
        report.failed,
        report.steps.len(),
        steps.join("\n"),
        notes.join("\n"),
        stderr.trim_end()
    );
    assert!(out.status.success() && report.failed == 0 && !report.steps.is_empty(), "{summary}");
    println!("{summary}");
    report
}

/// tmi.js: connect with an identity and anonymously, join, say, `/me` both ways,
/// tags, timeout, ban, unban, delete, the four room modes on and off with their
/// events, whispers refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tmi_js_works_unchanged() {
    let (s, ip) = server().await;
    // The broadcaster first, as on a fresh install: its ids are the smallest.
    let streamer = s.token("streamer", "chat:read chat:edit moderator:manage channel:manage").await;
    let viewer = s.token("viewer", "chat:read chat:edit").await;
    judge(
        "tmi.mjs",
        &s,
        ip,
        &[("AETHEX_CHANNEL", "streamer".into()), ("STREAMER_TOKEN", streamer), ("VIEWER_TOKEN", viewer)],
    )
    .await;
}

/// @twurple/chat over WebSocket and over plain IRC: join, say, action, receive,
/// anonymously and with a token that its auth provider validates at our
/// `/oauth/validate`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twurple_works_unchanged() {
    let (s, ip) = server().await;
    let streamer = s.token("streamer", "chat:read chat:edit").await;
    let bot = s.token("twurplebot", "chat:read chat:edit").await;
    judge(
        "twurple.mjs",
        &s,
        ip,
        &[("AETHEX_CHANNEL", "streamer".into()), ("STREAMER_TOKEN", streamer), ("BOT_TOKEN", bot)],
    )
    .await;
}
