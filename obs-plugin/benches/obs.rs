//! OBS plugin benchmark inside a real OBS 29 (Xvfb, software OpenGL, the same
//! harness as the test) against an AeThex server in this process:
//! - go-live: hotkey → the AeThex channel reports live (includes OBS starting
//!   its encoders and the RTMP handshake);
//! - alerts: a follow on the server → the alerts source's screenshot shows it
//!   (polled every 50 ms, so up to 50 ms of the figure is polling), and →
//!   its sound reaches OBS's volume meter (obs-websocket reports every 50 ms);
//! - frames: OBS's own render statistics while 20 alerts play through the
//!   source at 1 s each (average render time, frames skipped).
//!
//! Run: `cargo build --release -p aethex-obs --features obs`, then
//! `cargo bench -p aethex-obs --features obs --bench obs`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../tests/harness/mod.rs"]
mod harness;

use std::time::{Duration, Instant};

use harness::*;
use serde_json::json;

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async {
        let (rig, mut obs) = rig("bench").await;
        let (dir, srv, api) = (&rig.dir, &rig.srv, &rig.api);
        println!("OBS up with the plugin (process start → obs-websocket ready): {:.0} ms", rig.obs_ready_in.as_secs_f64() * 1000.0);
        let scene = obs.call("GetCurrentProgramScene", json!({})).await["currentProgramSceneName"].as_str().unwrap().to_string();
        let sound = dir.join("follow.mp3");
        tone(&sound).await;
        let settings = json!({"server": srv.base, "alert_seconds": "1", "sound_follow": sound});
        obs.call("CreateInput", json!({"sceneName": scene, "inputName": "AeThex Alerts", "inputKind": "aethex_alerts", "inputSettings": settings, "sceneItemEnabled": true})).await;

        let t = Instant::now();
        obs.call("TriggerHotkeyByName", json!({"hotkeyName": "aethex.go_live"})).await;
        eventually("live", 60, || async { api.channel("streamer").await.map(|c| c.is_live).unwrap_or(false) }).await;
        println!("go-live (hotkey → channel live on AeThex): {:.0} ms", t.elapsed().as_secs_f64() * 1000.0);

        // Let the go-live notices fade.
        for _ in 0..120 {
            if obs.visible_pixels("AeThex Alerts").await.0 == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        let fans: Vec<aethex_sdk::Client> = {
            let mut v = Vec::new();
            for i in 0..21 {
                v.push(aethex_sdk::Client::new(&srv.base).unwrap().with_token(srv.token(&format!("fan{i}"), "user:edit:follows").await));
            }
            v
        };
        let mut meters = Obs::connect_with(rig.port, VOLUME_METERS).await;
        let t = Instant::now();
        fans[0].follow("streamer").await.unwrap();
        let drawn = async {
            loop {
                if obs.visible_pixels("AeThex Alerts").await.0 > 500 {
                    break t.elapsed();
                }
                assert!(t.elapsed() < Duration::from_secs(20), "the alert never showed");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        };
        let heard = async {
            let peak = meters.loudest("AeThex Alerts", 0.08, Duration::from_secs(20)).await;
            assert!(peak >= 0.08, "the alert's sound never played");
            t.elapsed()
        };
        let (drawn, heard) = tokio::join!(drawn, heard);
        println!("alert (follow on the server → drawn in OBS): {:.0} ms", drawn.as_secs_f64() * 1000.0);
        println!("alert sound (follow on the server → OBS's volume meter): {:.0} ms", heard.as_secs_f64() * 1000.0);
        drop(meters);

        // OBS's frame statistics over 22 s: first with the source idle (the
        // baseline of streaming with software OpenGL here), then while 20 alerts (and their sounds) play.
        let frames = |v: &serde_json::Value, k: &str| v[k].as_f64().unwrap_or(0.0);
        for (label, follow) in [("idle alerts source", false), ("20 alerts playing", true)] {
            let before = obs.call("GetStats", json!({})).await;
            if follow {
                for fan in &fans[1..] {
                    fan.follow("streamer").await.unwrap();
                }
            }
            tokio::time::sleep(Duration::from_secs(22)).await;
            let after = obs.call("GetStats", json!({})).await;
            println!(
                "frames, {label}: {:.1} fps, average render {:.2} ms, render skipped {} of {}, output skipped {} of {}",
                frames(&after, "activeFps"),
                frames(&after, "averageFrameRenderTime"),
                frames(&after, "renderSkippedFrames") - frames(&before, "renderSkippedFrames"),
                frames(&after, "renderTotalFrames") - frames(&before, "renderTotalFrames"),
                frames(&after, "outputSkippedFrames") - frames(&before, "outputSkippedFrames"),
                frames(&after, "outputTotalFrames") - frames(&before, "outputTotalFrames"),
            );
        }
        obs.call("TriggerHotkeyByName", json!({"hotkeyName": "aethex.end_stream"})).await;
        let _ = std::fs::remove_dir_all(dir);
    });
}
