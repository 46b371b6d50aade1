//! Driving a real OBS for the plugin's test and benchmark: the built plugin
//! installed into a temporary OBS home, Xvfb, and an obs-websocket v5 client.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use base64::Engine as _;
use futures_util::{SinkExt as _, StreamExt as _};
use serde_json::{json, Value};
use tokio::io::AsyncReadExt as _;
use tokio_tungstenite::tungstenite::Message;

type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// The plugin library: `AETHEX_OBS_PLUGIN`, or the cdylib cargo built next to
/// this binary: `cargo build [--release] -p aethex-obs --features obs` first
/// (scripts/test does; a test build alone makes no cdylib).
pub fn plugin_library() -> PathBuf {
    if let Some(p) = std::env::var_os("AETHEX_OBS_PLUGIN") {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let lib = dir.join("libaethex_obs.so");
    assert!(
        lib.exists(),
        "{} missing (build it first: cargo build [--release] -p aethex-obs --features obs)",
        lib.display()
    );
    lib
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A temporary OBS home: the plugin installed (library and locale files, as
/// `install.sh` lays them out), OBS's interface in `language` (an OBS locale
/// name), first-run dialogs off, obs-websocket on `port`.
/// (OBS 29 reads `FirstRun=true` as "the first run already happened"; `false` opens the
/// auto-configuration wizard, whose modal dialog keeps streaming from starting.)
pub fn obs_home(dir: &Path, port: u16, language: &str) {
    let root = dir.join(".config/obs-studio/plugins/aethex-obs");
    let plugin = root.join("bin/64bit");
    std::fs::create_dir_all(&plugin).unwrap();
    std::fs::copy(plugin_library(), plugin.join("aethex-obs.so")).unwrap();
    let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/locale");
    std::fs::create_dir_all(root.join("data/locale")).unwrap();
    for entry in std::fs::read_dir(&locales).unwrap() {
        let file = entry.unwrap().path();
        std::fs::copy(&file, root.join("data/locale").join(file.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        dir.join(".config/obs-studio/global.ini"),
        format!(
            "[General]\nLanguage={language}\nFirstRun=true\nEnableAutoUpdates=false\nConfirmOnExit=false\n\n\
             [OBSWebSocket]\nFirstLoad=false\nServerEnabled=true\nServerPort={port}\nAuthRequired=false\nAlertsEnabled=false\n"
        ),
    )
    .unwrap();
}

/// Start Xvfb on a free display; its number.
pub async fn xvfb() -> (tokio::process::Child, String) {
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

pub struct Obs {
    ws: Ws,
    next: u64,
}

impl Obs {
    /// Connect and identify (obs-websocket v5: Hello op 0, Identify op 1, Identified op 2).
    pub async fn connect(port: u16) -> Self {
        Self::connect_with(port, 0).await
    }

    /// Connect, subscribed to the event categories in `subscriptions` (a bit mask).
    pub async fn connect_with(port: u16, subscriptions: u64) -> Self {
        let url = format!("ws://127.0.0.1:{port}");
        for _ in 0..240 {
            if let Ok((mut ws, _)) = tokio_tungstenite::connect_async(url.as_str()).await {
                let hello = next_json(&mut ws).await;
                assert_eq!(hello["op"], 0, "{hello}");
                ws.send(Message::Text(
                    json!({"op": 1, "d": {"rpcVersion": 1, "eventSubscriptions": subscriptions}}).to_string().into(),
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
    pub async fn call(&mut self, kind: &str, data: Value) -> Value {
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

    /// The loudest peak (0 to 1) the `InputVolumeMeters` events (a connection
    /// made with [`VOLUME_METERS`]) report for `input` until one reaches
    /// `enough`, or over `within`.
    pub async fn loudest(&mut self, input: &str, enough: f64, within: Duration) -> f64 {
        let until = tokio::time::Instant::now() + within;
        let mut loudest = 0f64;
        while loudest < enough && tokio::time::Instant::now() < until {
            let m = next_json(&mut self.ws).await;
            if m["op"] != 5 || m["d"]["eventType"] != "InputVolumeMeters" {
                continue;
            }
            let inputs = m["d"]["eventData"]["inputs"].as_array().cloned().unwrap_or_default();
            for i in inputs.iter().filter(|i| i["inputName"] == input) {
                // One [magnitude, peak, input peak] triple per channel.
                for channel in i["inputLevelsMul"].as_array().into_iter().flatten() {
                    loudest = loudest.max(channel[1].as_f64().unwrap_or(0.0));
                }
            }
        }
        loudest
    }

    /// Visible (non-transparent) pixels in a screenshot of `source`, and the PNG.
    pub async fn visible_pixels(&mut self, source: &str) -> (usize, Vec<u8>) {
        let (visible, _, png) = self.pixels(source).await;
        (visible, png)
    }

    /// Visible pixels in `source` once it draws something, or 0 after `within`.
    pub async fn drawn(&mut self, source: &str, within: Duration) -> usize {
        let until = tokio::time::Instant::now() + within;
        loop {
            let shown = self.visible_pixels(source).await.0;
            if shown > 0 || tokio::time::Instant::now() >= until {
                return shown;
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }

    /// Visible pixels, pure red ones (an alert image in the tests), and the PNG.
    pub async fn pixels(&mut self, source: &str) -> (usize, usize, Vec<u8>) {
        let shot = self.call("GetSourceScreenshot", json!({"sourceName": source, "imageFormat": "png"})).await;
        let b64 = shot["imageData"].as_str().unwrap().split_once(',').unwrap().1.to_string();
        let png_bytes = base64::engine::general_purpose::STANDARD.decode(b64).unwrap();
        let decoder = png::Decoder::new(png_bytes.as_slice());
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        let px = &buf[..info.buffer_size()];
        let step = if info.color_type == png::ColorType::Rgba { 4 } else { 3 };
        let visible = px.chunks(step).filter(|p| if step == 4 { p[3] > 0 } else { p.iter().any(|c| *c > 0) }).count();
        let red = px.chunks(step).filter(|p| p[0] > 200 && p[1] < 60 && p[2] < 60 && (step == 3 || p[3] > 200)).count();
        (visible, red, png_bytes)
    }
}

/// obs-websocket's event subscription bit for the `InputVolumeMeters` events (every 50 ms).
pub const VOLUME_METERS: u64 = 1 << 16;

pub async fn next_json(ws: &mut Ws) -> Value {
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

pub async fn eventually<F: std::future::Future<Output = bool>>(what: &str, secs: u64, mut f: impl FnMut() -> F) {
    for _ in 0..secs * 4 {
        if f().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("{what} did not happen within {secs} s");
}

/// Start OBS on `display` with `home`, aimed at an AeThex server by environment
/// (with `token`, or else logged out with a credentials file under `home`); its log goes to `log`.
pub fn start_obs(home: &Path, display: &str, server: &str, token: Option<&str>, log: &Path) -> tokio::process::Child {
    let log = std::fs::File::create(log).unwrap();
    let mut obs = tokio::process::Command::new("obs");
    obs.args(["--disable-updater", "--disable-shutdown-check", "--minimize-to-tray", "--multi"])
        .current_dir(home)
        .env("HOME", home)
        .env("DISPLAY", display)
        .env("LIBGL_ALWAYS_SOFTWARE", "1")
        .env("AETHEX_SERVER", server)
        .env("AETHEX_CREDENTIAL_STORE", "file")
        .env("AETHEX_CONFIG_DIR", home.join(".config/aethex"));
    match token {
        Some(t) => obs.env("AETHEX_TOKEN", t),
        None => obs.env_remove("AETHEX_TOKEN"),
    };
    obs.stdout(Stdio::from(log.try_clone().unwrap()))
        .stderr(Stdio::from(log))
        .kill_on_drop(true)
        .spawn()
        .expect("obs (scripts/test installs obs-studio)")
}

/// The streamer's password on the rig's server (for approving device logins).
pub const PASSWORD: &str = "obs-streamer-pass";

/// The token scopes the plugin needs for go-live and every alert.
pub const SCOPES: &str = "channel:manage stream:key webhooks:manage moderator:read:followers channel:read:subscriptions donations:read chat:read user:read";

/// A 64×64 solid red PNG at `path` (an alert image whose pixels are easy to find).
pub fn red_square(path: &Path) {
    let file = std::fs::File::create(path).unwrap();
    let mut enc = png::Encoder::new(std::io::BufWriter::new(file), 64, 64);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    let mut w = enc.write_header().unwrap();
    w.write_image_data(&[255, 0, 0, 255].repeat(64 * 64)).unwrap();
}

/// A two-second 440 Hz tone at `path`, encoded by ffmpeg in the format the extension names.
pub async fn tone(path: &Path) {
    let status = tokio::process::Command::new("ffmpeg")
        .args(["-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:duration=2"])
        .arg(path)
        .status()
        .await
        .expect("ffmpeg (scripts/test installs it)");
    assert!(status.success(), "ffmpeg could not write {}", path.display());
}

/// Everything a test or benchmark of the plugin runs against: a real AeThex
/// server in this process, Xvfb, and OBS with the plugin, connected over obs-websocket.
pub struct Rig {
    /// Scratch directory (server data, OBS home, logs).
    pub dir: PathBuf,
    /// OBS's home directory (its profile, and the plugin's credentials file).
    pub home: PathBuf,
    /// The server.
    pub srv: aethex_server::testing::TestServer,
    /// The streamer's token, also in OBS's environment.
    pub token: String,
    /// The API as the streamer.
    pub api: aethex_sdk::Client,
    /// Xvfb's display.
    pub display: String,
    /// obs-websocket's port.
    pub port: u16,
    /// How long OBS took from process start to obs-websocket answering.
    pub obs_ready_in: Duration,
    _x: tokio::process::Child,
    _obs: tokio::process::Child,
}

/// Start the whole rig, OBS holding the streamer's token; `tag` names its scratch directory.
pub async fn rig(tag: &str) -> (Rig, Obs) {
    rig_with(tag, true).await
}

/// Start the whole rig; OBS gets the streamer's token in its environment only if `token_in_env`.
pub async fn rig_with(tag: &str, token_in_env: bool) -> (Rig, Obs) {
    rig_in(tag, token_in_env, "en-US").await
}

/// Start the whole rig with OBS's interface in `language` (an OBS locale name).
pub async fn rig_in(tag: &str, token_in_env: bool, language: &str) -> (Rig, Obs) {
    let dir = std::env::temp_dir().join(format!("aethex-obs-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let srv = aethex_server::testing::start(dir.join("server"), |_| {}).await;
    let token = srv.token_with_password("streamer", Some(PASSWORD), SCOPES).await;
    let api = aethex_sdk::Client::new(&srv.base).unwrap().with_token(&token);
    let home = dir.join("home");
    let port = free_port();
    obs_home(&home, port, language);
    let (x, display) = xvfb().await;
    let started = std::time::Instant::now();
    let env_token = token_in_env.then_some(token.as_str());
    let obs_child = start_obs(&home, &display, &srv.base, env_token, &dir.join("obs.log"));
    let obs = Obs::connect(port).await;
    let rig =
        Rig { dir, home, srv, token, api, display, port, obs_ready_in: started.elapsed(), _x: x, _obs: obs_child };
    (rig, obs)
}
