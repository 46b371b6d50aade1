//! Web Push end to end. A push service stand-in inside this test (RFC 8030:
//! it takes the POST and answers like FCM or Mozilla's autopush would, per
//! endpoint: 201, 410, 503 then 201, 413, or never) receives the server's
//! go-live pushes; Python's `http_ece` and `cryptography` (pinned, in the
//! venv scripts/test makes), not the server's code, decrypt each payload
//! and check its VAPID token. Then the same payload is delivered to the
//! page's service worker (DevTools `ServiceWorker.deliverPushMessage`): it
//! shows the notification, and a click on it opens the channel.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use std::collections::HashMap;
use std::io::Write as _;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use common::browser::Browser;
use common::{csrf_of, publish_picture, set_cookies, Backend, TestServer};
use p256::elliptic_curve::sec1::ToEncodedPoint as _;
use rand::RngCore as _;

/// One push the stand-in received.
#[derive(Debug, Clone)]
struct Received {
    headers: HeaderMap,
    body: Vec<u8>,
    status: u16,
}

type Log = Arc<Mutex<HashMap<String, Vec<Received>>>>;

/// The stand-in: `/{behaviour}/{n}` answers by behaviour.
async fn push_service(log: Log) -> String {
    async fn take(
        State(log): State<Log>,
        Path((behaviour, n)): Path<(String, String)>,
        headers: HeaderMap,
        body: axum::body::Bytes,
    ) -> StatusCode {
        let key = format!("{behaviour}/{n}");
        let seen = log.lock().unwrap().get(&key).map_or(0, Vec::len);
        let status = match behaviour.as_str() {
            "ok" => StatusCode::CREATED,
            "gone" => StatusCode::GONE,
            "flaky" if seen == 0 => StatusCode::SERVICE_UNAVAILABLE,
            "flaky" => StatusCode::CREATED,
            "toolarge" => StatusCode::PAYLOAD_TOO_LARGE,
            _ => {
                // "hang": never answers in time.
                log.lock().unwrap().entry(key).or_default().push(Received { headers, body: body.to_vec(), status: 0 });
                tokio::time::sleep(Duration::from_secs(120)).await;
                return StatusCode::CREATED;
            }
        };
        log.lock().unwrap().entry(key).or_default().push(Received {
            headers,
            body: body.to_vec(),
            status: status.as_u16(),
        });
        status
    }
    let app = axum::Router::new().route("/{behaviour}/{n}", axum::routing::post(take)).with_state(log);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

/// A browser's push keys.
struct Keys {
    secret: p256::SecretKey,
    auth: [u8; 16],
}

impl Keys {
    fn new() -> Self {
        let mut auth = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut auth);
        Self { secret: p256::SecretKey::random(&mut rand::rngs::OsRng), auth }
    }
    fn subscription(&self, endpoint: &str) -> serde_json::Value {
        let public = self.secret.public_key().to_encoded_point(false);
        serde_json::json!({"endpoint": endpoint, "expirationTime": null,
            "keys": {"p256dh": URL_SAFE_NO_PAD.encode(public.as_bytes()), "auth": URL_SAFE_NO_PAD.encode(self.auth)}})
    }
}

/// The judge's Python: `AETHEX_PUSH_JUDGE_PYTHON`, else the venv scripts/test makes.
fn judge_python() -> std::path::PathBuf {
    let python = std::env::var_os("AETHEX_PUSH_JUDGE_PYTHON").map(std::path::PathBuf::from).unwrap_or_else(|| {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/push-judge-venv/bin/python")
    });
    assert!(
        python.exists(),
        "the push judge's Python is missing at {}: run scripts/test, or make it with\n  python3 -m venv target/push-judge-venv && \
         target/push-judge-venv/bin/pip install http_ece==1.2.1 cryptography==46.0.3",
        python.display()
    );
    python
}

/// Ask the independent judge to decrypt `r` and check its VAPID header.
fn judge(r: &Received, keys: &Keys, endpoint: &str) -> serde_json::Value {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/push_judge/judge.py");
    let request = serde_json::json!({
        "body_b64": URL_SAFE_NO_PAD.encode(&r.body),
        "ua_private_b64": URL_SAFE_NO_PAD.encode(keys.secret.to_bytes()),
        "auth_b64": URL_SAFE_NO_PAD.encode(keys.auth),
        "authorization": r.headers["authorization"].to_str().unwrap(),
        "endpoint": endpoint,
    });
    let mut child = Command::new(judge_python())
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(request.to_string().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "the judge printed no JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

async fn wait_for(what: &str, secs: u64, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(start.elapsed() < Duration::from_secs(secs), "{what}: not within {secs} s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_go_live_reaches_every_subscription_once_and_the_service_worker_shows_it() {
    tokio::time::timeout(Duration::from_secs(180), go_live_push()).await.expect("the push test finished");
}

async fn go_live_push() {
    let s = TestServer::start_custom(Backend::Sqlite, |c| {
        c.webhook.allow_private = true;
        c.webhook.retry_base = Duration::from_millis(200);
    })
    .await;
    s.user("push_caster", None).await;
    s.user("push_fan", Some("a good password")).await;
    let caster = s.client_with(&s.token("push_caster", "stream:key channel:manage").await);
    let update = aethex_sdk::ChannelUpdate { title: Some("Going for the record".into()), ..Default::default() };
    caster.update_channel("push_caster", &update).await.unwrap();
    s.client_with(&s.token("push_fan", "user:edit:follows").await).follow("push_caster").await.unwrap();

    // The fan's browser session, as the page's script has it.
    let http = s.http();
    let (csrf, login_cookie) = s.open_login(&http).await;
    let r = http
        .post(s.url("/login"))
        .header("cookie", login_cookie)
        .form(&[("login", "push_fan"), ("password", "a good password"), ("next", "/"), ("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    let session = set_cookies(r.headers());
    let home = http.get(s.url("/")).header("cookie", &session).send().await.unwrap().text().await.unwrap();
    let token = csrf_of(&home);
    let script = |method: reqwest::Method, path: &str| {
        http.request(method, s.url(path))
            .header("cookie", &session)
            .header("origin", s.url(""))
            .header("x-csrf-token", &token)
            .header("content-type", "application/json")
    };

    let log: Log = Arc::default();
    let service = push_service(log.clone()).await;
    let behaviours = ["ok", "flaky", "gone", "toolarge", "hang"];
    let keys: Vec<Keys> = behaviours.iter().map(|_| Keys::new()).collect();
    for (b, k) in behaviours.iter().zip(&keys) {
        let sub = k.subscription(&format!("{service}/{b}/1"));
        let r = script(reqwest::Method::POST, "/push/subscriptions").body(sub.to_string()).send().await.unwrap();
        assert_eq!(r.status(), 201, "{b}: {}", r.text().await.unwrap());
    }
    // What the endpoints refuse.
    let ok_sub = keys[0].subscription(&format!("{service}/ok/1")).to_string();
    let r = http
        .post(s.url("/push/subscriptions"))
        .header("cookie", &session)
        .header("origin", "https://evil.example")
        .header("x-csrf-token", &token)
        .header("content-type", "application/json")
        .body(ok_sub.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "another site's script");
    let r = http
        .post(s.url("/push/subscriptions"))
        .header("cookie", &session)
        .header("content-type", "application/json")
        .body(ok_sub)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "no CSRF token");
    let bad = serde_json::json!({"endpoint": format!("{service}/ok/2"), "keys": {"p256dh": "AAAA", "auth": "AAAA"}});
    let r = script(reqwest::Method::POST, "/push/subscriptions").body(bad.to_string()).send().await.unwrap();
    assert_eq!(r.status(), 422, "keys that cannot encrypt");
    let r = script(reqwest::Method::POST, "/push/subscriptions").body("{not json").send().await.unwrap();
    assert_eq!(r.status(), 400);
    // "Notify me" for the channel.
    let r = script(reqwest::Method::PUT, "/push/notify/push_caster").send().await.unwrap();
    assert_eq!(r.status(), 200);

    // The channel goes live.
    let key = caster.stream_key("push_caster").await.unwrap().stream_key;
    let started = Instant::now();
    let mut ff = publish_picture(s.rtmp, &key, "testsrc2=size=320x240:rate=30");
    let count = |k: &str| log.lock().unwrap().get(k).map_or(0, Vec::len);
    wait_for("the push to the working endpoint", 20, || count("ok/1") == 1).await;
    let first_push = started.elapsed();
    // A hanging endpoint holds nobody: the others are done while it waits.
    wait_for("the retried push", 20, || {
        log.lock().unwrap().get("flaky/1").is_some_and(|v| v.iter().any(|r| r.status == 201))
    })
    .await;
    wait_for("the gone and too-large endpoints", 10, || count("gone/1") == 1 && count("toolarge/1") == 1).await;
    assert_eq!(count("hang/1"), 1, "the hanging endpoint was tried (and is still waiting)");
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(count("ok/1"), 1, "nothing is sent twice for one go-live");
    assert_eq!(count("flaky/1"), 2, "503 is retried once it passes, then never again");
    assert_eq!(count("gone/1"), 1, "410 is not retried");
    assert_eq!(count("toolarge/1"), 1, "413 is not retried");
    let left: Vec<String> = sqlx::query_scalar("SELECT endpoint FROM push_subscriptions ORDER BY endpoint")
        .fetch_all(&s.state.db.pool)
        .await
        .unwrap();
    assert!(!left.iter().any(|e| e.ends_with("/gone/1")), "a 410 removes the subscription: {left:?}");
    assert!(left.iter().any(|e| e.ends_with("/ok/1")), "{left:?}");

    // The push as a push service sees it, judged by code nobody here wrote.
    let got = log.lock().unwrap()["ok/1"][0].clone();
    assert_eq!(got.headers["content-encoding"], "aes128gcm");
    assert_eq!(got.headers["urgency"], "high");
    assert_eq!(got.headers["topic"], "live-push_caster");
    let ttl: u64 = got.headers["ttl"].to_str().unwrap().parse().unwrap();
    assert!((60..=86_400).contains(&ttl), "{ttl}");
    let verdict = judge(&got, &keys[0], &format!("{service}/ok/1"));
    assert_eq!(verdict["error"], serde_json::Value::Null, "{verdict}");
    assert_eq!(verdict["vapid_ok"], true, "{verdict}");
    assert_eq!(verdict["claims"]["aud"], service, "{verdict}");
    let payload: serde_json::Value = serde_json::from_str(verdict["plaintext"].as_str().unwrap()).unwrap();
    assert_eq!(payload["title"], "push_caster is live");
    assert_eq!(payload["body"], "Going for the record");
    assert_eq!(payload["url"], "/push_caster?ref=push");
    eprintln!("first push {first_push:?} after the publish began");
    let flaky = log.lock().unwrap()["flaky/1"][1].clone();
    assert_eq!(judge(&flaky, &keys[1], &format!("{service}/flaky/1"))["plaintext"], verdict["plaintext"]);

    // The same payload to a real service worker: a notification; its click opens the channel.
    let browser = Browser::start().await;
    let mut page = browser.open(&s.url("/")).await;
    let ready = page
        .call(
            "Runtime.evaluate",
            serde_json::json!({"expression": "navigator.serviceWorker.ready.then(r => !!r.active)", "awaitPromise": true, "returnByValue": true}),
        )
        .await;
    assert_eq!(ready["result"]["value"], true);
    // Controlled from the next navigation on at the latest.
    page.navigate(&s.url("/")).await;
    for _ in 0..100 {
        if page.eval("!!navigator.serviceWorker.controller").await == true {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(page.eval("!!navigator.serviceWorker.controller").await, true, "the page is controlled");
    let mut me = browser.itself().await;
    me.call("Browser.grantPermissions", serde_json::json!({"permissions": ["notifications"], "origin": s.url("")}))
        .await;
    page.call("ServiceWorker.enable", serde_json::json!({})).await;
    let registration = loop {
        let ev = page.event("ServiceWorker.workerRegistrationUpdated").await;
        if let Some(r) = ev["registrations"].as_array().and_then(|r| r.iter().find(|r| r["isDeleted"] == false)) {
            break r["registrationId"].as_str().unwrap().to_string();
        }
    };
    let shown = "navigator.serviceWorker.ready.then(r => r.getNotifications()).then(n => n.map(x => x.title + '|' + x.body + '|' + x.data.url).join(';'))";
    let mut notes = serde_json::Value::Null;
    // Delivered again if the worker was not yet ready to show it (a fresh
    // permission grant can take a moment to reach it); shown once either way.
    'deliver: for _ in 0..5 {
        page.call(
            "ServiceWorker.deliverPushMessage",
            serde_json::json!({"origin": s.url(""), "registrationId": registration, "data": verdict["plaintext"]}),
        )
        .await;
        for _ in 0..20 {
            notes = page
                .call(
                    "Runtime.evaluate",
                    serde_json::json!({"expression": shown, "awaitPromise": true, "returnByValue": true}),
                )
                .await["result"]["value"]
                .clone();
            if notes.as_str().is_some_and(|n| !n.is_empty()) {
                break 'deliver;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    assert_eq!(notes, "push_caster is live|Going for the record|/push_caster?ref=push", "the notification shows");
    // Click it: the service worker's notificationclick handler runs (dispatched in its own context).
    let targets = me.call("Target.getTargets", serde_json::json!({})).await;
    let worker = targets["targetInfos"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["type"] == "service_worker")
        .expect("the service worker target")["targetId"]
        .clone();
    let attached = me.call("Target.attachToTarget", serde_json::json!({"targetId": worker, "flatten": true})).await;
    let session = attached["sessionId"].as_str().unwrap().to_string();
    let click = "self.registration.getNotifications().then(ns => { \
        self.dispatchEvent(new NotificationEvent('notificationclick', {notification: ns[0]})); return ns.length; })";
    let clicked = me
        .call_in(
            Some(&session),
            "Runtime.evaluate",
            serde_json::json!({"expression": click, "awaitPromise": true, "returnByValue": true}),
        )
        .await;
    assert_eq!(clicked["result"]["value"], 1, "{clicked}");
    for _ in 0..100 {
        if page.eval("location.pathname").await == "/push_caster" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(page.eval("location.pathname").await, "/push_caster", "the click opened the channel");
    let _ = ff.kill();
    let _ = ff.wait();
    s.stop().await;
}
