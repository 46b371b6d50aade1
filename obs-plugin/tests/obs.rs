//! The plugin inside a real OBS: Debian's OBS 29 under Xvfb with the built
//! plugin installed into a temporary OBS profile, driven over obs-websocket v5
//! the way scripts drive OBS, against a real AeThex server in this process.
//! Go-live by hotkey name reaches the server as an RTMP publish; a follow and
//! a donation are drawn by the alerts source (its screenshot gains visible
//! pixels); ending the stream takes the channel offline.
#![cfg(feature = "obs")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)] // test code: a panic is the failure report

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use base64::Engine as _;
use futures_util::{SinkExt as _, StreamExt as _};
use serde_json::{json, Value};
use tokio::io::AsyncReadExt as _;
use tokio_tungstenite::tungstenite::Message;

type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// The cdylib cargo built next to this test binary.
fn plugin_library() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let lib = dir.join("libaethex_obs.so");
    assert!(lib.exists(), "{} missing (cargo builds it with the tests)", lib.display());
    lib
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A temporary OBS home: the plugin installed, first-run dialogs off, obs-websocket on `port`.
/// (OBS 29 reads `FirstRun=true` as "the first run already happened"; `false` opens the
/// auto-configuration wizard, whose modal dialog keeps streaming from starting.)
fn obs_home(dir: &Path, port: u16) {
    let plugin = dir.join(".config/obs-studio/plugins/aethex-obs/bin/64bit");
    std::fs::create_dir_all(&plugin).unwrap();
    std::fs::copy(plugin_library(), plugin.join("aethex-obs.so")).unwrap();
    std::fs::write(
        dir.join(".config/obs-studio/global.ini"),
        format!(
            "[General]\nFirstRun=true\nEnableAutoUpdates=false\nConfirmOnExit=false\n\n\
             [OBSWebSocket]\nFirstLoad=false\nServerEnabled=true\nServerPort={port}\nAuthRequired=false\nAlertsEnabled=false\n"
        ),
    )
    .unwrap();
}

/// Start Xvfb on a free display; its number.
async fn xvfb() -> (tokio::process::Child, String) {
    let mut x = tokio::process::Command::new("Xvfb")
        .args(["-displayfd", "1", "-screen", "0", "1280x720x24", "-nolisten", "tcp"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("Xvfb (scripts/test installs xvfb)");
    let mut out = x.stdout.take().unwrap();
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while out.read(&mut byte).await.unwrap() == 1 && byte[0] != b'\n' {
        buf.push(byte[0]);
    }
    (x, format!(":{}", String::from_utf8(buf).unwrap().trim()))
}

struct Obs {
    ws: Ws,
    next: u64,
}

impl Obs {
    /// Connect and identify (obs-websocket v5: Hello op 0, Identify op 1, Identified op 2).
    async fn connect(port: u16) -> Self {
        let url = format!("ws://127.0.0.1:{port}");
        for _ in 0..240 {
            if let Ok((mut ws, _)) = tokio_tungstenite::connect_async(url.as_str()).await {
                let hello = next_json(&mut ws).await;
                assert_eq!(hello["op"], 0, "{hello}");
                ws.send(Message::Text(
                    json!({"op": 1, "d": {"rpcVersion": 1, "eventSubscriptions": 0}}).to_string().into(),
                ))
                .await
                .unwrap();
                let identified = next_json(&mut ws).await;
                assert_eq!(identified["op"], 2, "{identified}");
                return Self { ws, next: 0 };
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        panic!("obs-websocket never came up on {url}");
    }

    /// One request; its `responseData`, or a panic naming the failure.
    async fn call(&mut self, kind: &str, data: Value) -> Value {
        self.next += 1;
        let id = self.next.to_string();
        let req = json!({"op": 6, "d": {"requestType": kind, "requestId": id, "requestData": data}});
        self.ws.send(Message::Text(req.to_string().into())).await.unwrap();
        loop {
            let m = next_json(&mut self.ws).await;
            if m["op"] == 7 && m["d"]["requestId"] == id {
                let status = &m["d"]["requestStatus"];
                assert_eq!(status["result"], true, "{kind} failed: {status}");
                return m["d"]["responseData"].clone();
            }
        }
    }

    /// Visible (non-transparent) pixels in a screenshot of `source`, and the PNG.
    async fn visible_pixels(&mut self, source: &str) -> (usize, Vec<u8>) {
        let shot = self.call("GetSourceScreenshot", json!({"sourceName": source, "imageFormat": "png"})).await;
        let b64 = shot["imageData"].as_str().unwrap().split_once(',').unwrap().1.to_string();
        let png_bytes = base64::engine::general_purpose::STANDARD.decode(b64).unwrap();
        let decoder = png::Decoder::new(png_bytes.as_slice());
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        let px = &buf[..info.buffer_size()];
        let visible = match info.color_type {
            png::ColorType::Rgba => px.chunks(4).filter(|p| p[3] > 0).count(),
            _ => px.chunks(3).filter(|p| p.iter().any(|c| *c > 0)).count(),
        };
        (visible, png_bytes)
    }
}

async fn next_json(ws: &mut Ws) -> Value {
    loop {
        let m = tokio::time::timeout(Duration::from_secs(20), ws.next())
            .await
            .expect("obs-websocket answered")
            .expect("socket open")
            .unwrap();
        if let Message::Text(t) = m {
            return serde_json::from_str(&t).unwrap();
        }
    }
}

async fn eventually<F: std::future::Future<Output = bool>>(what: &str, secs: u64, mut f: impl FnMut() -> F) {
    for _ in 0..secs * 4 {
        if f().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("{what} did not happen within {secs} s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn go_live_alerts_and_end_stream_inside_real_obs() {
    let dir = std::env::temp_dir().join(format!("aethex-obs-it-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let srv = aethex_server::testing::start(dir.join("server"), |_| {}).await;
    let scopes = "channel:manage stream:key webhooks:manage moderator:read:followers channel:read:subscriptions donations:read chat:read user:read";
    let token = srv.token("streamer", scopes).await;
    let api = aethex_sdk::Client::new(&srv.base).unwrap().with_token(&token);

    let home = dir.join("home");
    let port = free_port();
    obs_home(&home, port);
    let (_x, display) = xvfb().await;
    let log = std::fs::File::create(dir.join("obs.log")).unwrap();
    let _obs = tokio::process::Command::new("obs")
        .args(["--disable-updater", "--disable-shutdown-check", "--minimize-to-tray", "--multi"])
        .current_dir(&home)
        .env("HOME", &home)
        .env("DISPLAY", &display)
        .env("LIBGL_ALWAYS_SOFTWARE", "1")
        .env("AETHEX_SERVER", &srv.base)
        .env("AETHEX_TOKEN", &token)
        .stdout(Stdio::from(log.try_clone().unwrap()))
        .stderr(Stdio::from(log))
        .kill_on_drop(true)
        .spawn()
        .expect("obs (scripts/test installs obs-studio)");
    let mut obs = Obs::connect(port).await;

    // The plugin is loaded: its sources and hotkeys exist.
    let kinds = obs.call("GetInputKindList", json!({})).await;
    let kinds: Vec<&str> = kinds["inputKinds"].as_array().unwrap().iter().map(|k| k.as_str().unwrap()).collect();
    assert!(kinds.contains(&"aethex_alerts") && kinds.contains(&"aethex_chat"), "{kinds:?}");
    let hotkeys = obs.call("GetHotkeyList", json!({})).await;
    let hotkeys: Vec<&str> = hotkeys["hotkeys"].as_array().unwrap().iter().map(|k| k.as_str().unwrap()).collect();
    assert!(hotkeys.contains(&"aethex.go_live") && hotkeys.contains(&"aethex.end_stream"), "{hotkeys:?}");

    // The alerts source in the scene, with the go-live settings; empty at first.
    let scene =
        obs.call("GetCurrentProgramScene", json!({})).await["currentProgramSceneName"].as_str().unwrap().to_string();
    let settings = json!({"server": srv.base, "title": "Live from OBS", "category": "Retro", "tags": "obs, test"});
    obs.call("CreateInput", json!({"sceneName": scene, "inputName": "AeThex Alerts", "inputKind": "aethex_alerts", "inputSettings": settings, "sceneItemEnabled": true})).await;
    obs.call("CreateInput", json!({"sceneName": scene, "inputName": "AeThex Chat", "inputKind": "aethex_chat", "inputSettings": {}, "sceneItemEnabled": true})).await;
    let (empty, _) = obs.visible_pixels("AeThex Alerts").await;
    assert_eq!(empty, 0, "nothing drawn without an alert");

    // Go live by hotkey name: OBS publishes to AeThex's ingest and the channel turns live.
    obs.call("TriggerHotkeyByName", json!({"hotkeyName": "aethex.go_live"})).await;
    eventually("the channel turning live", 60, || async {
        api.channel("streamer").await.map(|c| c.is_live).unwrap_or(false)
    })
    .await;
    let channel = api.channel("streamer").await.unwrap();
    assert_eq!((channel.title.as_str(), channel.category.as_str()), ("Live from OBS", "Retro"));
    assert_eq!(channel.tags, ["obs", "test"]);
    let status = obs.call("GetStreamStatus", json!({})).await;
    assert_eq!(status["outputActive"], true);
    let service = obs.call("GetStreamServiceSettings", json!({})).await;
    assert_eq!(service["streamServiceType"], "rtmp_custom");
    assert!(service["streamServiceSettings"]["server"].as_str().unwrap().starts_with("rtmp://"));

    // Notices ("you are live") fade; then a follow and a donation are drawn.
    let mut quiet = false;
    for _ in 0..80 {
        if obs.visible_pixels("AeThex Alerts").await.0 == 0 {
            quiet = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(quiet, "the go-live notice should fade");
    let fan = aethex_sdk::Client::new(&srv.base)
        .unwrap()
        .with_token(srv.token("fan", "user:edit:follows donations:write").await);
    fan.follow("streamer").await.unwrap();
    fan.donate(
        &aethex_sdk::DonationRequest {
            broadcaster_login: "streamer".into(),
            amount: 500,
            currency: "USD".into(),
            message: "great run".into(),
            donor_name: None,
        },
        Some("obs-test-donation"),
    )
    .await
    .unwrap();
    let mut drawn = (0, Vec::new());
    for _ in 0..80 {
        drawn = obs.visible_pixels("AeThex Alerts").await;
        if drawn.0 > 500 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(drawn.0 > 500, "the alert is drawn: {} visible pixels", drawn.0);
    std::fs::write(dir.join("alerts.png"), &drawn.1).unwrap();
    if let Ok(out) = std::env::var("AETHEX_OBS_SCREENSHOT") {
        // For the docs: OBS's own window, live, with the alert in the preview.
        let grab = ["-loglevel", "error", "-y", "-f", "x11grab", "-video_size", "1280x720", "-i", &display, "-frames:v", "1", &out];
        let _ = tokio::process::Command::new("ffmpeg").args(grab).status().await;
    }

    // End the stream: the channel goes offline and OBS gets its previous service back.
    obs.call("TriggerHotkeyByName", json!({"hotkeyName": "aethex.end_stream"})).await;
    eventually("the channel going offline", 30, || async {
        !api.channel("streamer").await.map(|c| c.is_live).unwrap_or(true)
    })
    .await;
    let mut restored = false;
    for _ in 0..40 {
        let s = obs.call("GetStreamServiceSettings", json!({})).await;
        if s["streamServiceType"] != "rtmp_custom" {
            restored = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(restored, "the previous streaming service is restored");
    let _ = std::fs::remove_dir_all(&dir);
}
