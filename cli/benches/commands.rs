//! How long `aethex` commands take, end to end (process start, token, HTTP,
//! output), against a release server in this process on loopback. A CLI is
//! scripted in loops, so its per-call cost is what a creator feels.
//! Run with `cargo bench -p aethex-cli --bench commands`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)] // bench code: a panic is the failure report

use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use aethex_server::app::Server;
use aethex_server::config::{ConfigArgs, RateConfig};

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let dir = std::env::temp_dir().join(format!("aethex-bench-cli-{}", std::process::id()));
    let (base, token) = rt.block_on(async {
        let args = ConfigArgs {
            data_dir: Some(dir.clone()),
            http_addr: Some(SocketAddr::from(([127, 0, 0, 1], 0))),
            rtmp_addr: Some(SocketAddr::from(([127, 0, 0, 1], 0))),
            irc_addr: Some(SocketAddr::from(([127, 0, 0, 1], 0))),
            ..Default::default()
        };
        let mut config = args.resolve().unwrap();
        config.rate = RateConfig { free_per_day: u64::MAX / 4, pro_per_day: u64::MAX / 4, burst_per_second: 1_000_000 };
        let server = Server::bind(config).await.unwrap();
        let base = format!("http://{}", server.local_addr().unwrap());
        let state = server.state().clone();
        let id = aethex_server::accounts::create_user(&state.db, &state.sealer, "benchcaster", None).await.unwrap();
        let scopes =
            aethex_server::auth::parse_scopes("user:read channel:read channel:manage stream:key chat:read chat:edit")
                .unwrap();
        let grant = aethex_server::auth::Grant {
            client_id: aethex_sdk::CLI_CLIENT_ID,
            user_id: Some(id),
            scopes: &scopes,
            refresh: false,
            family: None,
            access_ttl: 3600,
            refresh_ttl: 0,
        };
        let token = aethex_server::auth::issue(&state.db, grant).await.unwrap().access_token;
        tokio::spawn(async move { server.run(std::future::pending()).await });
        (base, token)
    });
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
