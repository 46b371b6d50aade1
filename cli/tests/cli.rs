//! The built `aethex` binary against a real server: device login approved over
//! HTTP, channel and stream-key changes, chat seen by an IRC client, forged
//! events checked by a local receiver, `--json` parsed, and every bad-input
//! case with its exit code.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)] // test code: a panic is the failure report

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use aethex_sdk::chat_protocol::ServerFrame;
use aethex_sdk::event_socket::{EventSocket, Interest, SocketEvent};
use aethex_sdk::Event;
use aethex_server::config::RateConfig;
use serde_json::Value;
use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _};

const PASSWORD: &str = "correct horse battery";

type Srv = aethex_server::testing::TestServer;

fn temp(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("aethex-cli-{tag}-{}-{}", std::process::id(), rand_suffix()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 % 1_000_000_007
}

/// A real server; webhooks to loopback allowed (the receivers are local), `rate` when given.
async fn server(rate: Option<RateConfig>) -> Srv {
    aethex_server::testing::start(temp("srv"), |c| {
        if let Some(r) = rate {
            c.rate = r;
        }
        c.webhook.allow_private = true;
    })
    .await
}

/// A user with a password, for browser logins.
async fn user(srv: &Srv, login: &str) {
    srv.token_with_password(login, Some(PASSWORD), "user:read").await;
}

/// The binary with a private config dir, aimed at `server`.
fn aethex(server: &str, config: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_aethex"));
    c.env("AETHEX_CONFIG_DIR", config)
        .env("AETHEX_SERVER", server)
        .env_remove("AETHEX_TOKEN")
        .env_remove("AETHEX_PROFILE")
        .env("AETHEX_CREDENTIAL_STORE", "file")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    c
}

/// Run a blocking command off the async workers.
async fn run(mut c: Command) -> Output {
    tokio::task::spawn_blocking(move || c.output().unwrap()).await.unwrap()
}

/// The next item of a stream that must come within 10 s.
async fn within<T>(next: impl std::future::Future<Output = Option<T>>) -> T {
    tokio::time::timeout(Duration::from_secs(10), next).await.expect("nothing came within 10 s").expect("stream ended")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// One sentence on stderr, the expected code, no panic or backtrace.
fn assert_fails(out: &Output, code: i32, needle: &str) {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "stdout: {} stderr: {err}", text(&out.stdout));
    assert!(err.contains(needle), "stderr should mention '{needle}': {err}");
    assert!(!err.contains("panicked") && !err.contains("backtrace") && !err.contains("RUST_BACKTRACE"), "{err}");
}

/// A file only its owner may read or write.
fn assert_private(file: &Path) {
    use std::os::unix::fs::PermissionsExt as _;
    assert_eq!(std::fs::metadata(file).unwrap().permissions().mode() & 0o777, 0o600, "{}", file.display());
}

fn ok_json(out: &Output) -> Value {
    assert!(out.status.success(), "exit {:?}: {}", out.status.code(), text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(&out.stdout)))
}

/// `aethex login` through the device flow, approved over HTTP: its final JSON
/// line, and everything it wrote to stderr.
async fn device_login(srv: &Srv, config: &Path, login: &str, extra_env: &[(&str, &str)]) -> (Value, String) {
    let mut cmd = aethex(&srv.base, config);
    cmd.args(["login", "--no-browser", "--json"]).stdout(Stdio::piped()).stderr(Stdio::piped());
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (first, rest) = tokio::task::spawn_blocking(move || {
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next().unwrap().unwrap();
        (first, lines)
    })
    .await
    .unwrap();
    let prompt: Value = serde_json::from_str(&first).unwrap();
    assert!(prompt["verification_uri"].as_str().unwrap().ends_with("/activate"));
    let code = prompt["user_code"].as_str().unwrap().to_string();
    srv.approve_device(login, PASSWORD, &code).await;
    let (status, last, err) = tokio::task::spawn_blocking(move || {
        let last: Vec<String> = rest.map_while(Result::ok).collect();
        let mut err = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
        (child.wait().unwrap(), last, err)
    })
    .await
    .unwrap();
    assert!(status.success(), "login failed: {err}");
    (serde_json::from_str(last.last().expect("a result line")).unwrap(), err)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_whoami_logout_with_the_file_store() {
    let srv = server(None).await;
    user(&srv, "alice").await;
    let config = temp("cfg");
    let (done, _) = device_login(&srv, &config, "alice", &[]).await;
    assert_eq!(done["login"], "alice");
    let file = config.join("credentials.json");
    assert_eq!(done["stored_in"], file.display().to_string());
    assert_private(&file);
    let who = ok_json(
        &run({
            let mut c = aethex(&srv.base, &config);
            c.args(["whoami", "--json"]);
            c
        })
        .await,
    );
    assert_eq!(who["login"], "alice");
    assert!(who["scopes"].as_array().unwrap().iter().any(|s| s == "webhooks:manage"));
    // The stored token works for real commands too.
    let me = ok_json(
        &run({
            let mut c = aethex(&srv.base, &config);
            c.args(["channel", "show", "--json"]);
            c
        })
        .await,
    );
    assert_eq!(me["login"], "alice");
    // An access token about to expire is refreshed transparently, and the new one stored.
    let mut stored: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let account = stored.as_object().unwrap().keys().next().unwrap().clone();
    let old_token = stored[&account]["access_token"].as_str().unwrap().to_string();
    stored[&account]["expires_at"] = serde_json::json!(1);
    std::fs::write(&file, serde_json::to_vec(&stored).unwrap()).unwrap();
    let who = ok_json(
        &run({
            let mut c = aethex(&srv.base, &config);
            c.args(["whoami", "--json"]);
            c
        })
        .await,
    );
    assert_eq!(who["login"], "alice");
    let stored: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let token = stored[&account]["access_token"].as_str().unwrap().to_string();
    assert_ne!(token, old_token, "a new access token was stored");
    assert!(stored[&account]["expires_at"].as_i64().unwrap() > 1);

    let out = run({
        let mut c = aethex(&srv.base, &config);
        c.arg("logout");
        c
    })
    .await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("revoked"));
    // Gone locally and revoked on the server.
    assert_fails(
        &run({
            let mut c = aethex(&srv.base, &config);
            c.arg("whoami");
            c
        })
        .await,
        3,
        "not logged in",
    );
    let mut c = aethex(&srv.base, &config);
    c.env("AETHEX_TOKEN", &token).arg("whoami");
    assert_fails(&run(c).await, 3, "run `aethex login`");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creator_commands_against_a_real_server() {
    let srv = server(None).await;
    user(&srv, "alice").await;
    user(&srv, "bob").await;
    let token = srv.token("alice", "user:read channel:read channel:manage stream:key chat:read chat:edit moderator:manage moderator:read:followers channel:read:subscriptions donations:read webhooks:manage").await;
    let config = temp("cfg");
    let cmd = |args: &[&str]| {
        let mut c = aethex(&srv.base, &config);
        c.env("AETHEX_TOKEN", &token).args(args);
        c
    };

    // Channel update, then show parses as JSON with the change.
    let updated = ok_json(
        &run(cmd(&["channel", "update", "--title", "Speedrun night", "--tags", "speedrun,anypercent", "--json"])).await,
    );
    assert_eq!(updated["title"], "Speedrun night");
    let shown = ok_json(&run(cmd(&["channel", "show", "alice", "--json"])).await);
    assert_eq!(shown["tags"], serde_json::json!(["speedrun", "anypercent"]));
    let human = run(cmd(&["channel", "show"])).await;
    assert!(text(&human.stdout).contains("Speedrun night"));

    // Stream key reset: a new key, the old one gone.
    let before = ok_json(&run(cmd(&["stream", "key", "--json"])).await);
    let after = ok_json(&run(cmd(&["stream", "key", "--reset", "--json"])).await);
    assert_ne!(before["stream_key"], after["stream_key"]);
    assert!(after["ingest_url"].as_str().unwrap().starts_with("rtmp://"));
    let status = ok_json(&run(cmd(&["stream", "status", "--json"])).await);
    assert_eq!(status["is_live"], false);

    // Chat send, seen by an IRC client in the room.
    let irc = tokio::net::TcpStream::connect(srv.irc).await.unwrap();
    let (r, mut w) = irc.into_split();
    w.write_all(b"CAP REQ :twitch.tv/tags\r\nNICK justinfan4242\r\nJOIN #alice\r\n").await.unwrap();
    let mut lines = tokio::io::BufReader::new(r).lines();
    loop {
        let l = lines.next_line().await.unwrap().unwrap();
        if l.contains(" 366 ") {
            break;
        }
    }
    let sent = ok_json(&run(cmd(&["chat", "send", "hello from the cli", "--json"])).await);
    let line = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            let l = lines.next_line().await.unwrap().unwrap();
            if l.contains("PRIVMSG #alice") {
                return l;
            }
        }
    })
    .await
    .unwrap();
    assert!(line.ends_with(":hello from the cli"), "{line}");
    assert!(line.contains(&format!("id={}", sent["id"].as_str().unwrap())), "{line}");
    // Tail shows the history, as JSON lines.
    let tail = run(cmd(&["chat", "tail", "--limit", "1", "--json"])).await;
    assert!(tail.status.success(), "{}", text(&tail.stderr));
    let m: Value = serde_json::from_str(text(&tail.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(m["text"], "hello from the cli");
    // Moderation from the command line: a timeout is watched on the room's chat
    // socket and as a `channel.ban` event, and refuses bob's next message.
    let bob_chat = aethex_sdk::Client::new(&srv.base).unwrap().with_token(srv.token("bob", "chat:edit").await);
    bob_chat.send_chat("alice", "before the timeout").await.unwrap();
    let sdk = aethex_sdk::Client::new(&srv.base).unwrap().with_token(&token);
    let mut room = aethex_sdk::chat_socket::open(&sdk, Some(&token), "alice").await.unwrap();
    while !matches!(within(room.next()).await.unwrap(), ServerFrame::History { .. }) {}
    let channel_id = sdk.channel("alice").await.unwrap().id;
    let mut events = EventSocket::connect(sdk.clone(), vec![Interest::channel("channel.ban", &channel_id)]);
    while !matches!(within(events.next()).await, SocketEvent::Connected { .. }) {}
    let out = run(cmd(&["chat", "timeout", "bob", "60", "--reason", "calm down"])).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "bob is timed out of #alice for 60 s.\n");
    let duration = loop {
        if let ServerFrame::ClearUser { channel, user_login, duration, .. } = within(room.next()).await.unwrap() {
            assert_eq!((channel.as_str(), user_login.as_str()), ("alice", "bob"));
            break duration;
        }
    };
    // The server reports the seconds left, rounded down: 59 just after a 60-second timeout.
    let left = duration.expect("a timeout carries its duration (a ban has none)");
    assert!((55..=60).contains(&left), "a 60-second timeout, {left} s left");
    let (ban, subscription) = loop {
        if let SocketEvent::Notification { event: Event::ChannelBan(b), subscription, .. } = within(events.next()).await
        {
            break (b, subscription);
        }
    };
    assert_eq!((ban.user_login.as_str(), ban.moderator_user_login.as_str()), ("bob", "alice"));
    assert_eq!(ban.reason, "calm down");
    assert!(!ban.is_permanent);
    let ms = |t: &str| aethex_sdk::time::parse_rfc3339(t).unwrap();
    let lasts = ms(ban.ends_at.as_deref().unwrap()) - ms(&ban.banned_at);
    assert!((59_000..=60_000).contains(&lasts), "ends 60 s after it began: {ban:?}");
    match bob_chat.send_chat("alice", "am I still here?").await {
        Err(aethex_sdk::Error::Invalid { message }) => {
            let left: i64 = message
                .strip_prefix("You are timed out for ")
                .and_then(|m| m.strip_suffix(" more seconds."))
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("a timeout refusal: {message}"));
            assert!((50..=60).contains(&left), "{message}");
        }
        other => panic!("bob's message is refused while he is timed out, got {other:?}"),
    }
    room.close().await;
    drop(events);
    // The subscription would otherwise show up in `webhooks list` below.
    sdk.delete_eventsub_subscription(&subscription.id).await.unwrap();
    let out = run(cmd(&["chat", "slow", "30", "--json"])).await;
    assert_eq!(ok_json(&out)["slow_seconds"], 30);
    assert_fails(&run(cmd(&["chat", "slow", "fast"])).await, 2, "1-120 seconds");

    // Lists as JSON: bob follows and donates.
    let bob = srv.token("bob", "user:edit:follows donations:write").await;
    let http = reqwest::Client::new();
    http.put(format!("{}/api/users/me/follows/alice", srv.base)).bearer_auth(&bob).send().await.unwrap();
    http.post(format!("{}/api/donations", srv.base))
        .bearer_auth(&bob)
        .json(&serde_json::json!({"broadcaster_login": "alice", "amount": 1234, "currency": "EUR", "message": "gg"}))
        .send()
        .await
        .unwrap();
    let followers = ok_json(&run(cmd(&["followers", "--limit", "5", "--json"])).await);
    assert_eq!(followers[0]["user_login"], "bob");
    let donations = ok_json(&run(cmd(&["donations", "--json"])).await);
    assert_eq!(donations[0]["amount"], 1234);
    let table = run(cmd(&["donations"])).await;
    assert!(text(&table.stdout).contains("12.34 EUR"), "{}", text(&table.stdout));

    // Raw API calls.
    let raw = ok_json(&run(cmd(&["api", "get", "/channels/alice"])).await);
    assert_eq!(raw["data"][0]["title"], "Speedrun night");
    let raw = ok_json(&run(cmd(&["api", "patch", "channels/alice", "-b", r#"{"category":"Retro"}"#])).await);
    assert_eq!(raw["data"][0]["category"], "Retro");
    assert_fails(&run(cmd(&["api", "post", "channels/alice", "-b", "{not json"])).await, 2, "not JSON");
    assert_fails(&run(cmd(&["api", "get", "/channels/nosuchchannel"])).await, 4, "does not exist");
    assert_fails(&run(cmd(&["channel", "show", "nosuchchannel"])).await, 4, "does not exist");

    // Webhooks through the CLI, to a receiver written with the SDK.
    let app = axum::Router::new().nest("/hooks", aethex_sdk::receiver::webhook_router("0123456789abc", |_| async {}));
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hook = format!("http://{}/hooks", l.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(l, app).await });
    let create = |kind: &str| {
        cmd(&["webhooks", "create", "--type", kind, "--callback", &hook, "--secret", "0123456789abc", "--json"])
    };
    let created = ok_json(&run(create("channel.follow")).await);
    assert_eq!(created["status"], "webhook_callback_verification_pending");
    let id = created["id"].as_str().unwrap().to_string();
    let mut enabled = false;
    for _ in 0..100 {
        let list = ok_json(&run(cmd(&["webhooks", "list", "--json"])).await);
        if list[0]["status"] == "enabled" {
            enabled = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(enabled, "the SDK receiver answered the challenge");
    assert_fails(&run(create("channel.nope")).await, 1, "unknown subscription type");
    assert!(run(cmd(&["webhooks", "delete", &id])).await.status.success());
    assert_fails(&run(cmd(&["webhooks", "delete", &id])).await, 4, "does not exist");
    assert_eq!(ok_json(&run(cmd(&["webhooks", "list", "--json"])).await), serde_json::json!([]));

    // `event listen` prints a follow as one JSON line.
    let mut listen = cmd(&["event", "listen", "--types", "channel.follow", "--limit", "1"]);
    listen.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = listen.spawn().unwrap();
    let stderr = child.stderr.take().unwrap();
    // Wait until it is subscribed before the follow happens.
    tokio::task::spawn_blocking(move || {
        let mut lines = BufReader::new(stderr).lines();
        while let Some(Ok(l)) = lines.next() {
            if l.contains("listening") {
                return;
            }
        }
        panic!("event listen never connected");
    })
    .await
    .unwrap();
    user(&srv, "erin").await;
    let erin = srv.token("erin", "user:edit:follows").await;
    reqwest::Client::new()
        .put(format!("{}/api/users/me/follows/alice", srv.base))
        .bearer_auth(&erin)
        .send()
        .await
        .unwrap();
    let out = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap()).await.unwrap();
    assert!(out.status.success());
    let ev: Value = serde_json::from_str(text(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(ev["type"], "channel.follow");
    assert_eq!(ev["event"]["user_login"], "erin");

    // Completions and the man page.
    let out = run(cmd(&["completions", "bash"])).await;
    assert!(out.status.success() && text(&out.stdout).contains("aethex"));
    let out = run(cmd(&["man"])).await;
    assert!(out.status.success() && text(&out.stdout).contains(".TH"));
}

/// `analytics summary`: nothing before a first broadcast (exit 4), then the
/// latest broadcast's numbers as JSON and as text with its charts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn analytics_summary_of_the_latest_broadcast() {
    use aethex_server::analytics::Row;
    let srv = server(None).await;
    user(&srv, "alice").await;
    let token = srv.token("alice", "user:read analytics:read").await;
    let config = temp("cfg");
    let cmd = |args: &[&str]| {
        let mut c = aethex(&srv.base, &config);
        c.env("AETHEX_TOKEN", &token).args(args);
        c
    };
    assert_fails(&run(cmd(&["analytics", "summary"])).await, 4, "has not streamed");

    // A broadcast of three minutes as analytics saw it: two viewers, one chat line.
    let channel: i64 = aethex_sdk::Client::new(&srv.base).unwrap().channel("alice").await.unwrap().id.parse().unwrap();
    let a = &srv.state.analytics;
    // An hour into a new UTC day of the analytics clock: the stream stays inside one day.
    a.advance(std::time::Duration::from_millis((86_400_000 - a.now().rem_euclid(86_400_000) + 3_600_000) as u64));
    let t0 = a.now();
    let at = |min: i64| t0 + min * 60_000;
    a.record(Row::new(at(0), "stream_start", channel, Some(42)));
    for (viewer, from, to) in [("a:one", 0, 2), ("a:two", 1, 1)] {
        for m in from..=to {
            a.record(Row {
                viewer: Some(viewer.into()),
                session: Some(format!("{viewer}-session")),
                device: Some("phone".into()),
                source: Some("directory".into()),
                ..Row::new(at(m), "view", channel, Some(42))
            });
        }
    }
    a.record(Row { viewer: Some("u:9".into()), ..Row::new(at(1), "chat", channel, Some(42)) });
    a.record(Row::new(at(2) + 30_000, "stream_end", channel, Some(42)));
    a.finalize(42).await.unwrap();

    let json = ok_json(&run(cmd(&["analytics", "summary", "--json"])).await);
    assert_eq!(json["stream_id"], "42");
    assert_eq!(json["viewers_per_minute"], serde_json::json!([1, 2, 1]));
    assert_eq!((json["unique_viewers"].as_i64(), json["chatters"].as_i64()), (Some(2), Some(1)));
    assert_eq!(json["is_final"], true);
    assert_eq!(ok_json(&run(cmd(&["analytics", "summary", "--stream", "42", "--json"])).await), json);
    let human = text(&run(cmd(&["analytics", "summary", "--last"])).await.stdout);
    assert!(human.contains("peak viewers:") && human.contains("▅█▅ (peak 2)"), "{human}");
    assert!(human.contains("2 viewers → 1 chatters → 0 followers → 0 subscribers"), "{human}");
    assert!(human.contains("2 in groups under 5"), "small groups are not shown: {human}");
    assert_fails(&run(cmd(&["analytics", "summary", "--stream", "nope"])).await, 1, "positive number");
    // The channel's day: the same two viewers; nothing the day before, so every measure is new.
    let date = json["started_at"].as_str().unwrap()[..10].to_string();
    let day = ok_json(&run(cmd(&["analytics", "channel", "--from", &date, "--to", &date, "--json"])).await);
    assert_eq!(day["days"][0]["unique_viewers"], 2);
    assert_eq!(day["total"]["watch_minutes"], 4);
    let table = text(&run(cmd(&["analytics", "channel", "--from", &date, "--to", &date])).await.stdout);
    assert!(table.contains("DAY") && table.contains(&date) && table.contains("growth: watch new"), "{table}");
    assert_fails(
        &run(cmd(&["analytics", "channel", "--from", "2026-12-01", "--to", "2026-11-01"])).await,
        1,
        "at most 92 days",
    );
    assert_fails(&run(cmd(&["analytics", "summary", "--stream", "7", "--last"])).await, 2, "cannot be used with");
}

/// `event trigger` and `verify-subscription` against receivers written with the SDK.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_events_are_signed_like_the_servers() {
    let secret = "local-dev-secret-123";
    let (tx, mut seen) = tokio::sync::mpsc::channel(8);
    let app = axum::Router::new().nest(
        "/hooks",
        aethex_sdk::receiver::webhook_router(secret, move |d| {
            let tx = tx.clone();
            async move {
                let _ = tx.send(d).await;
            }
        }),
    );
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hooks", l.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(l, app).await });
    let config = temp("cfg");
    // No server and no login are needed.
    let cmd = |args: &[&str]| {
        let mut c = aethex("http://127.0.0.1:9", &config);
        c.args(args);
        c
    };
    for kind in ["channel.follow", "channel.donation", "channel.raid", "stream.online", "channel.ban"] {
        let out = run(cmd(&["event", "trigger", kind, "-F", &url, "-s", secret, "--json"])).await;
        let v = ok_json(&out);
        assert_eq!(v["status"], 204);
        let d = tokio::time::timeout(Duration::from_secs(5), seen.recv()).await.unwrap().unwrap();
        match d {
            aethex_sdk::receiver::Delivery::Notification { event, message_id, .. } => {
                assert_eq!(event.kind(), kind);
                assert_eq!(message_id, v["message_id"].as_str().unwrap());
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    // A wrong secret is refused by the receiver: the CLI reports the 403.
    assert_fails(
        &run(cmd(&["event", "trigger", "channel.follow", "-F", &url, "-s", "wrong-secret-0000"])).await,
        1,
        "403",
    );
    let out = run(cmd(&["event", "verify-subscription", "-F", &url, "-s", secret])).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    // A receiver that does not echo the challenge fails verification.
    let bad = axum::Router::new().route("/", axum::routing::post(|| async { "hello" }));
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let bad_url = format!("http://{}/", l.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(l, bad).await });
    let out = run(cmd(&["event", "verify-subscription", "-F", &bad_url, "-s", secret])).await;
    assert_fails(&out, 1, "failed verification");
    assert!(text(&out.stdout).contains("not the challenge"));
    assert_fails(&run(cmd(&["event", "trigger", "channel.nope", "-F", &url])).await, 2, "invalid value");
    assert_fails(&run(cmd(&["event", "trigger", "channel.follow", "-F", "not a url"])).await, 2, "not a URL");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_gets_one_sentence_and_an_exit_code() {
    // Rate limited: a burst of 2 per second for free-tier callers.
    let srv = server(Some(RateConfig { free_per_day: 1_000_000, pro_per_day: 1_000_000, burst_per_second: 2 })).await;
    user(&srv, "alice").await;
    let token = srv.token("alice", "channel:read channel:manage").await;
    let config = temp("cfg");
    let cmd = |server: &str, args: &[&str]| {
        let mut c = aethex(server, &config);
        c.args(args);
        c
    };
    assert_fails(&run(cmd(&srv.base, &["whoami"])).await, 3, "not logged in");
    let mut c = cmd(&srv.base, &["whoami"]);
    c.env("AETHEX_TOKEN", "axa_not_a_real_token");
    assert_fails(&run(c).await, 3, "aethex login");
    assert_fails(&run(cmd("http://127.0.0.1:9", &["channel", "show", "alice"])).await, 1, "could not reach the server");
    assert_fails(&run(cmd(&srv.base, &["frobnicate"])).await, 2, "unrecognized subcommand");
    assert_fails(&run(cmd(&srv.base, &["followers", "--limit", "lots"])).await, 2, "invalid value");
    assert_fails(&run(cmd("ftp://example", &["whoami"])).await, 2, "not an http(s) server URL");
    assert_fails(&run(cmd(&srv.base, &["channel", "update"])).await, 2, "nothing to change");
    let mut limited = None;
    for _ in 0..20 {
        let mut c = cmd(&srv.base, &["api", "get", "channels/alice"]);
        c.env("AETHEX_TOKEN", &token);
        let out = run(c).await;
        if !out.status.success() {
            limited = Some(out);
            break;
        }
    }
    assert_fails(&limited.expect("the burst limit is reached"), 1, "rate limited");
    // ffmpeg missing.
    let mut c = cmd(&srv.base, &["stream", "push", "--test-pattern", "--ffmpeg", "/nonexistent/ffmpeg"]);
    c.env("AETHEX_TOKEN", srv.token("alice", "channel:read stream:key").await);
    // The burst window may still be full; wait it out.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_fails(&run(c).await, 1, "ffmpeg was not found");
    // A broken config file.
    std::fs::write(config.join("config.toml"), "profiles = 7").unwrap();
    assert_fails(&run(cmd(&srv.base, &["whoami"])).await, 1, "config file");
}

/// The keyring path against a real Secret Service (gnome-keyring on a private
/// D-Bus session, which `scripts/test` starts), checked independently with
/// `secret-tool`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_stores_the_token_in_the_secret_service() {
    assert!(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
        "no D-Bus session: run the tests with scripts/test, which starts gnome-keyring under dbus-run-session"
    );
    let srv = server(None).await;
    user(&srv, "carol").await;
    let config = temp("cfg");
    let keyring = [("AETHEX_CREDENTIAL_STORE", "keyring")];
    let (done, err) = device_login(&srv, &config, "carol", &keyring).await;
    assert_eq!(done["stored_in"], "the OS keyring");
    assert!(!err.contains("keyring service"), "no fallback warning when a keyring runs: {err}");
    assert!(!config.join("credentials.json").exists(), "nothing on disk when a keyring runs");
    let account = aethex_sdk::credentials::account(&srv.base, "default");
    let lookup = |account: String| async move {
        run({
            let mut c = Command::new("secret-tool");
            c.args(["lookup", "service", "aethex", "username", &account]);
            c
        })
        .await
    };
    let found = lookup(account.clone()).await;
    assert!(found.status.success(), "secret-tool finds the entry: {}", text(&found.stderr));
    let stored: Value = serde_json::from_slice(&found.stdout).unwrap();
    assert_eq!(stored["login"], "carol");
    assert!(stored["access_token"].as_str().unwrap().starts_with("axa_"));

    let mut c = aethex(&srv.base, &config);
    c.envs(keyring).args(["whoami", "--json"]);
    assert_eq!(ok_json(&run(c).await)["login"], "carol");
    let mut c = aethex(&srv.base, &config);
    c.envs(keyring).arg("logout");
    assert!(run(c).await.status.success());
    assert!(!lookup(account).await.status.success(), "logout removes the keyring entry");
}

/// Without any keyring service the token goes to a 0600 file, with a one-line warning.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_keyring_the_token_falls_back_to_a_private_file() {
    let srv = server(None).await;
    user(&srv, "dave").await;
    let config = temp("cfg");
    // Auto mode, and no session bus to find a Secret Service on.
    let env = [("AETHEX_CREDENTIAL_STORE", "auto"), ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")];
    let (done, err) = device_login(&srv, &config, "dave", &env).await;
    let file = config.join("credentials.json");
    assert_eq!(done["stored_in"], file.display().to_string());
    // The one-line warning, naming the file, on stderr.
    let warning = format!(
        "aethex: no keyring service is running; the token is stored in {} (readable only by you)",
        file.display()
    );
    assert_eq!(err.lines().filter(|l| *l == warning).count(), 1, "one warning line '{warning}' on stderr: {err}");
    assert_eq!(err.matches("keyring").count(), 1, "the warning appears once: {err}");
    assert_private(&file);
    let mut c = aethex(&srv.base, &config);
    c.envs(env).args(["whoami", "--json"]);
    assert_eq!(ok_json(&run(c).await)["login"], "dave");
}

/// `aethex discover`: without a login the popular live channels; `--like`
/// channels like one; `--open N` prints the channel's address and the click
/// reaches the operator's numbers; a bad `--open` is a usage error.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discover_lists_live_channels_and_counts_an_opened_one() {
    let srv = aethex_server::testing::start(temp("srv"), |c| {
        c.recs.train_minutes = 0;
        c.recs.control_percent = 0;
        c.operators = vec!["ops".into()];
    })
    .await;
    let config = temp("cfg");
    let cmd = |args: &[&str]| {
        let mut c = aethex(&srv.base, &config);
        c.args(args);
        c
    };
    let out = run(cmd(&["discover"])).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("nobody is live right now"));
    for (login, category) in [("speedy", "Celeste"), ("runner", "Celeste"), ("chef", "Cooking")] {
        srv.user(login, None).await;
        let owner = srv.client_with(&srv.token(login, "channel:manage stream:key").await);
        let update = aethex_sdk::ChannelUpdate { category: Some(category.into()), ..Default::default() };
        owner.update_channel(login, &update).await.unwrap();
        let key = owner.stream_key(login).await.unwrap().stream_key;
        srv.state.ingest.start(&key).await.unwrap();
    }
    let out = run(cmd(&["discover", "--limit", "5"])).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(table.starts_with('#') && table.contains("CATEGORY") && table.contains("WHY"), "{table}");
    for login in ["speedy", "runner", "chef"] {
        assert!(table.contains(login), "{table}");
    }
    let like = ok_json(&run(cmd(&["--json", "discover", "--like", "speedy"])).await);
    assert_eq!(like["list"], "similar");
    assert_eq!(like["data"][0]["broadcaster_login"], "runner", "{like}");
    // Signed in: `--open 1` prints the first channel's address and the click counts.
    user(&srv, "viewer").await;
    let mut open = cmd(&["--json", "discover", "--open", "1"]);
    open.env("AETHEX_TOKEN", srv.token("viewer", "user:read").await);
    let opened = ok_json(&run(open).await);
    let login = opened["channel"]["broadcaster_login"].as_str().unwrap().to_string();
    assert_eq!(opened["url"], format!("{}/{login}", srv.base));
    srv.user("ops", None).await;
    let ops = srv.client_with(&srv.token("ops", "analytics:read").await);
    let stats = ops.recommendation_stats(1).await.unwrap();
    let clicks: i64 = stats.variants.iter().map(|v| v.clicks).sum();
    assert_eq!(clicks, 1, "{stats:?}");
    assert_fails(&run(cmd(&["discover", "--open", "9"])).await, 2, "--open takes 1 to 3");
    assert_fails(&run(cmd(&["discover", "--limit", "0"])).await, 2, "invalid value");
}
