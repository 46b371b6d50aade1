//! `aethex dashboard` in a real window: Xvfb, a live server with a stream
//! (published by `aethex stream push`), chat, follows and donations; a
//! screenshot of the screen must show a drawn dashboard, not a blank one, and
//! the dashboard's `info` log (one line per chat line and alert it draws) must
//! list the chat history, a message sent while it is open, and the alerts.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)] // test code: a panic is the failure report

use std::process::{Child, Command, Stdio};
use std::time::Duration;

const W: usize = 1280;
const H: usize = 800;

struct Kill(Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A private X server on a free display number.
fn xvfb() -> (Kill, String) {
    for n in 90..140 {
        // A lock whose X server is gone (killed, so it never removed it) frees its number.
        let lock = format!("/tmp/.X{n}-lock");
        let owner = std::fs::read_to_string(&lock).ok().and_then(|pid| pid.trim().parse::<u32>().ok());
        if owner.is_some_and(|pid| !std::path::Path::new(&format!("/proc/{pid}")).exists()) {
            let _ = std::fs::remove_file(&lock);
            let _ = std::fs::remove_file(format!("/tmp/.X11-unix/X{n}"));
        }
        if std::path::Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() || std::path::Path::new(&lock).exists() {
            continue;
        }
        let mut child = Command::new("Xvfb")
            .args([format!(":{n}").as_str(), "-screen", "0", &format!("{W}x{H}x24"), "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb is installed (scripts/test installs it)");
        for _ in 0..100 {
            if std::path::Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
                return (Kill(child), format!(":{n}"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    panic!("no X display could be started");
}

/// The whole screen as RGB bytes, and a PNG of it at `png`.
fn screenshot(display: &str, png: &std::path::Path) -> Vec<u8> {
    let grab = |out: &[&str]| {
        let o = Command::new("ffmpeg")
            .args([
                "-loglevel",
                "error",
                "-y",
                "-f",
                "x11grab",
                "-video_size",
                &format!("{W}x{H}"),
                "-i",
                display,
                "-frames:v",
                "1",
            ])
            .args(out)
            .output()
            .expect("ffmpeg runs");
        assert!(o.status.success(), "x11grab: {}", String::from_utf8_lossy(&o.stderr));
        o.stdout
    };
    grab(&[png.to_str().unwrap()]);
    grab(&["-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dashboard_draws_a_live_channel() {
    let (_x, display) = xvfb();
    let data = std::env::temp_dir().join(format!("aethex-dash-{}", std::process::id()));
    let srv = aethex_server::testing::start(data.clone(), |_| {}).await;
    let base = srv.base.clone();
    let token = |login: &'static str, scopes: &'static str| srv.token(login, scopes);
    let alice = token("alice", "user:read channel:read channel:manage stream:key chat:read chat:edit moderator:manage moderator:read:followers channel:read:subscriptions donations:read webhooks:manage").await;
    let fans = ["bob", "carol", "dave"];
    let mut fan_tokens = Vec::new();
    for f in fans {
        fan_tokens.push(token(f, "user:edit:follows donations:write chat:edit").await);
    }
    let http = reqwest::Client::new();
    let follow_and_donate = |t: String, amount: i64| {
        let (http, base) = (http.clone(), base.clone());
        async move {
            http.put(format!("{base}/api/users/me/follows/alice")).bearer_auth(&t).send().await.unwrap();
            let r = http
                .post(format!("{base}/api/donations"))
                .bearer_auth(&t)
                .json(&serde_json::json!({"broadcaster_login": "alice", "amount": amount, "currency": "USD", "message": "great stream"}))
                .send()
                .await
                .unwrap();
            assert!(r.status().is_success());
        }
    };
    let chat = |t: String, text: &'static str| {
        let (http, base) = (http.clone(), base.clone());
        async move {
            let r = http
                .post(format!("{base}/api/chat/alice/messages"))
                .bearer_auth(&t)
                .json(&serde_json::json!({"text": text}))
                .send()
                .await
                .unwrap();
            assert!(r.status().is_success());
        }
    };
    let cli = |args: &[&str]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_aethex"));
        c.args(args)
            .env("AETHEX_SERVER", &base)
            .env("AETHEX_TOKEN", &alice)
            .env("AETHEX_CONFIG_DIR", data.join("cli"))
            .env("DISPLAY", &display)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        c
    };

    // Go live with the CLI itself, and wait for the channel to be live.
    let _push = Kill(cli(&["stream", "push", "--test-pattern", "--duration", "60"]).spawn().unwrap());
    let live = async {
        loop {
            let v: serde_json::Value =
                http.get(format!("{base}/api/channels/alice")).send().await.unwrap().json().await.unwrap();
            if v["data"][0]["is_live"] == true {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(30), live).await.expect("the pushed stream goes live");
    follow_and_donate(fan_tokens[0].clone(), 500).await;
    chat(fan_tokens[0].clone(), "first!").await;
    chat(fan_tokens[1].clone(), "hi alice, great run").await;

    let mut dash = cli(&["dashboard"]);
    dash.env("AETHEX_LOG", "aethex_cli=info").env("NO_COLOR", "1");
    let mut dash = Kill(dash.spawn().unwrap());
    tokio::time::sleep(Duration::from_secs(6)).await;
    assert!(dash.0.try_wait().unwrap().is_none(), "the dashboard is still running");
    // Events while it is open become alerts.
    follow_and_donate(fan_tokens[1].clone(), 1250).await;
    follow_and_donate(fan_tokens[2].clone(), 300).await;
    chat(fan_tokens[2].clone(), "the dashboard sees this").await;
    tokio::time::sleep(Duration::from_secs(6)).await;
    assert!(dash.0.try_wait().unwrap().is_none(), "the dashboard is still running");

    let png = std::env::temp_dir().join(format!("aethex-dashboard-{}.png", std::process::id()));
    let rgb = tokio::task::spawn_blocking({
        let (display, png) = (display.clone(), png.clone());
        move || screenshot(&display, &png)
    })
    .await
    .unwrap();
    assert_eq!(rgb.len(), W * H * 3);
    let mut counts = std::collections::HashMap::<[u8; 3], usize>::new();
    for p in rgb.chunks_exact(3) {
        *counts.entry([p[0], p[1], p[2]]).or_default() += 1;
    }
    let dominant = counts.values().max().copied().unwrap_or(0);
    assert!(counts.len() > 100, "a drawn window has many colours, got {}", counts.len());
    assert!(dominant < W * H * 9 / 10, "not one flat colour: the dominant one covers {dominant} pixels");
    // The accent colours of the LIVE badge (red) and the donations plot (green) are on screen.
    let near = |c: [u8; 3]| counts.keys().any(|k| k.iter().zip(c).all(|(a, b)| a.abs_diff(b) <= 24));
    assert!(near([235, 64, 52]), "the LIVE badge is drawn");
    assert!(near([40, 180, 99]), "the donations plot is drawn");
    eprintln!("dashboard screenshot: {}", png.display());
    let _ = dash.0.kill();
    let out = dash.0.wait_with_output_stderr();
    assert!(!out.contains("panicked"), "{out}");
    // What the window drew, from its log: the history, then the message sent
    // while it was open; and only the alerts of events that happened while open.
    let shown = |what: &str| -> Vec<String> {
        let tag = format!("aethex_cli::commands::dashboard: {what} shown ");
        out.lines().filter_map(|l| l.split_once(&tag).map(|(_, fields)| fields.to_string())).collect()
    };
    assert_eq!(
        shown("chat line"),
        [
            r#"user="bob" text="first!""#,
            r#"user="carol" text="hi alice, great run""#,
            r#"user="dave" text="the dashboard sees this""#
        ],
        "{out}"
    );
    let mut alerts = shown("alert");
    alerts.sort();
    assert_eq!(
        alerts,
        [
            r#"alert="carol donated 12.50 USD: great stream""#,
            r#"alert="carol followed""#,
            r#"alert="dave donated 3.00 USD: great stream""#,
            r#"alert="dave followed""#
        ],
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&data);
}

trait StderrOf {
    fn wait_with_output_stderr(&mut self) -> String;
}

impl StderrOf for Child {
    fn wait_with_output_stderr(&mut self) -> String {
        let _ = self.wait();
        let mut s = String::new();
        if let Some(mut e) = self.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut e, &mut s);
        }
        s
    }
}
