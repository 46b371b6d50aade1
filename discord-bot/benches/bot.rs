//! Discord bot benchmark against the test's fake Discord and a real AeThex
//! server in one process: how fast `/stream` is answered (interaction in on
//! the gateway → response callback on HTTP, p50/p99 over 200), and how soon a
//! go-live is announced (ffmpeg starts publishing → the announcement POST
//! arrives; this includes the RTMP handshake and the first keyframe).
//! Run: `cargo bench -p aethex-discord --bench bot`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]
#![recursion_limit = "256"]

#[path = "../tests/fake_discord/mod.rs"]
mod fake_discord;

use std::time::{Duration, Instant};

use fake_discord::*;
use serde_json::json;

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async {
        let dir = std::env::temp_dir().join(format!("aethex-discord-bench-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let srv = aethex_server::testing::start(dir.join("server"), |_| {}).await;
        let fake = FakeDiscord::start().await;
        let creator = srv.token("streamer", CREATOR_SCOPES).await;
        let owner = aethex_sdk::Client::new(&srv.base).unwrap().with_token(srv.token("streamer", "stream:key").await);
        let config = bot_config(&fake, &srv.base, creator, dir.join("bot.db"));
        tokio::spawn(aethex_discord::app::run_until(config, std::future::pending()));
        fake.connected().await;
        fake.wait_for("PUT", "/commands", 1).await;

        let n = 200;
        let mut us = Vec::with_capacity(n);
        for i in 0..n {
            let t = Instant::now();
            fake.dispatch(
                "INTERACTION_CREATE",
                fake.interaction("stream", json!([]), member(FAN, "fan", &[], "0"), GENERAL_CHANNEL),
            );
            fake.wait_for("POST", "/callback", i + 1).await;
            us.push(t.elapsed().as_micros());
        }
        us.sort_unstable();
        println!(
            "/stream answered (gateway in → HTTP callback): n={n} p50={:.2} ms p99={:.2} ms max={:.2} ms",
            us[n / 2] as f64 / 1000.0,
            us[n * 99 / 100] as f64 / 1000.0,
            us[n - 1] as f64 / 1000.0
        );

        let add = login_and_channel("add", "streamer", ANNOUNCE_CHANNEL);
        fake.dispatch(
            "INTERACTION_CREATE",
            fake.interaction("notify", add, member(ADMIN, "admin", &[], "8"), GENERAL_CHANNEL),
        );
        fake.wait_for("POST", "/callback", n + 1).await;
        tokio::time::sleep(Duration::from_secs(1)).await; // the event socket resubscribes
        let key = owner.stream_key("streamer").await.unwrap();
        let target = format!("{}/{}", key.ingest_url.trim_end_matches('/'), key.stream_key);
        let t = Instant::now();
        let _ffmpeg = publish(&target, 60);
        fake.wait_for("POST", &format!("/channels/{ANNOUNCE_CHANNEL}/messages"), 1).await;
        println!("go-live announced (ffmpeg start → announcement POST): {:.0} ms", t.elapsed().as_secs_f64() * 1000.0);
        let _ = std::fs::remove_dir_all(&dir);
    });
}
