//! How long `aethex` commands take, end to end (process start, token, HTTP,
//! output), against a release server in this process on loopback. A CLI is
//! scripted in loops, so its per-call cost is what a creator feels.
//! Run with `cargo bench -p aethex-cli --bench commands`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)] // bench code: a panic is the failure report

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let dir = std::env::temp_dir().join(format!("aethex-bench-cli-{}", std::process::id()));
    let srv = rt.block_on(aethex_server::testing::start(dir.clone(), |_| {}));
    let base = srv.base.clone();
    let token =
        rt.block_on(srv.token("benchcaster", "user:read channel:read channel:manage stream:key chat:read chat:edit"));
    println!("aethex command latency (wall time per process, 2 cores, loopback)");
    let cases: &[(&str, &[&str])] = &[
        ("--version (process start only)", &["--version"]),
        ("whoami", &["whoami", "--json"]),
        ("channel show", &["channel", "show", "--json"]),
        ("channel update --title", &["channel", "update", "--title", "bench", "--json"]),
        ("chat send", &["chat", "send", "bench message", "--json"]),
        ("stream key", &["stream", "key", "--json"]),
        ("api get /channels/{login}", &["api", "get", "channels/benchcaster"]),
        ("event trigger (local receiver down)", &["event", "trigger", "channel.follow", "-F", "http://127.0.0.1:9/x"]),
    ];
    for (name, args) in cases {
        let mut times = Vec::new();
        for _ in 0..30 {
            let t = Instant::now();
            let _ = Command::new(env!("CARGO_BIN_EXE_aethex"))
                .args(*args)
                .env("AETHEX_SERVER", &base)
                .env("AETHEX_TOKEN", &token)
                .env("AETHEX_CONFIG_DIR", dir.join("cli"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .unwrap();
            times.push(t.elapsed());
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "  {name:38} p50 {:7.2} ms  p90 {:7.2} ms  max {:7.2} ms",
            ms(times[15]),
            ms(times[27]),
            ms(times[29])
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
