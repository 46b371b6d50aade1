//! The server's tests use the one harness, [`aethex_server::testing`]; what
//! stays here runs this package's binary as a separate OS process (SIGKILL and
//! multi-process tests, admin commands), which only its integration tests can
//! name (`CARGO_BIN_EXE_aethex-server`), and the per-backend test macro.
#![allow(dead_code, missing_docs, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;

pub use aethex_server::testing::*;

pub mod browser;

/// Run an async test body once per backend.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name(super::common::Backend::Sqlite).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name(super::common::Backend::Postgres).await
                }
            }
        )*
    };
}

/// The real `aethex-server` binary as a separate OS process (for SIGKILL and
/// multi-process tests), on fixed free ports, killed when dropped.
pub struct Proc {
    pub child: std::process::Child,
    pub http: SocketAddr,
    pub irc: SocketAddr,
}

/// A free loopback port (bound and released).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

/// Run an admin command of the binary against `data` (and `db` when PostgreSQL); its stdout.
pub fn admin(data: &std::path::Path, db: Option<&str>, args: &[&str]) -> String {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_aethex-server"));
    cmd.args(args).env("AETHEX_DATA_DIR", data);
    match db {
        Some(url) => cmd.env("AETHEX_DATABASE_URL", url),
        None => cmd.env_remove("AETHEX_DATABASE_URL"),
    };
    let out = cmd.output().expect("admin command runs");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8").trim().to_string()
}

impl Proc {
    /// Start `serve` with `env` on top of the defaults, and wait until it answers `/healthz`.
    pub async fn start(data: &std::path::Path, db: Option<&str>, http_port: u16, env: &[(&str, &str)]) -> Self {
        let irc = SocketAddr::from(([127, 0, 0, 1], free_port()));
        let http = SocketAddr::from(([127, 0, 0, 1], http_port));
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_aethex-server"));
        cmd.env("AETHEX_DATA_DIR", data)
            .env("AETHEX_HTTP_ADDR", http.to_string())
            .env("AETHEX_RTMP_ADDR", "127.0.0.1:0")
            .env("AETHEX_IRC_ADDR", irc.to_string())
            .env("AETHEX_FFMPEG", "")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        match db {
            Some(url) => cmd.env("AETHEX_DATABASE_URL", url),
            None => cmd.env_remove("AETHEX_DATABASE_URL"),
        };
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd.spawn().expect("server starts");
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(30);
        while reqwest::get(format!("http://{http}/healthz")).await.map(|r| r.status() != 200).unwrap_or(true) {
            assert!(tokio::time::Instant::now() < deadline, "server on {http} did not come up");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        Self { child, http, irc }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.http)
    }

    /// SIGKILL: no shutdown code runs.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Publish, until killed, the lavfi `picture` (1280x720@30 is what the
/// tests use) with a 440 Hz tone, as OBS would with low-latency x264
/// settings and 1 s GOPs.
pub fn publish_picture(rtmp: SocketAddr, key: &str, picture: &str) -> std::process::Child {
    std::process::Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i", picture])
        .args(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"])
        .args(["-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "30", "-pix_fmt", "yuv420p"])
        .args(["-c:a", "aac", "-b:a", "96k", "-f", "flv", &format!("rtmp://{rtmp}/live/{key}")])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("ffmpeg (scripts/test installs it)")
}

/// The pids of this process's ffmpeg children whose command line contains `needle`.
pub fn ffmpeg_children(needle: &str) -> Vec<u32> {
    let me = std::process::id();
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { continue };
        // pid (comm) state ppid ...: comm may hold spaces, so read after the last ')'.
        let ppid = stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().nth(1)?.parse::<u32>().ok());
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
        if ppid == Some(me) && cmdline.contains("ffmpeg") && cmdline.contains(needle) {
            out.push(pid);
        }
    }
    out
}
