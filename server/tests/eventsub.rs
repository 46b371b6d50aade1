//! EventSub end to end: real local HTTP receivers for webhooks (challenge,
//! signatures checked by the SDK and by Python's hmac, retries, revocation,
//! SSRF refusals, bad callbacks), the event WebSocket through raw frames and
//! through the SDK's reconnecting client, and durability across SIGKILL with
//! the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aethex_sdk::event_socket::{EventSocket, Interest, SocketEvent};
use aethex_sdk::eventsub::{headers, SignedHeaders, Verifier};
use aethex_sdk::{Condition, CreateSubscription, Event, Transport};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use common::{admin, Backend, Proc, TestServer};
use futures_util::StreamExt as _;
use serde_json::{json, Value};

const SECRET: &str = "s3cret-for-tests-0123";

/// How a test receiver answers.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Challenge {
    Echo,
    Wrong,
    Hang,
    Redirect,
    Fail,
}

#[derive(Debug, Clone)]
struct Got {
    headers: HashMap<String, String>,
    body: Vec<u8>,
    answered: u16,
}

impl Got {
    fn h(&self, name: &str) -> &str {
        self.headers.get(&name.to_lowercase()).map(String::as_str).unwrap_or("")
    }
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("json body")
    }
    fn kind(&self) -> &str {
        self.h(headers::MESSAGE_TYPE)
    }
}

struct RecvState {
    challenge: Challenge,
    /// Statuses for the next notifications, then `default`.
    script: VecDeque<u16>,
    default: u16,
    /// Notifications get no answer until the server gives up.
    hang: bool,
    got: Vec<Got>,
}

/// A webhook receiver on a loopback port that records everything.
#[derive(Clone)]
struct Receiver {
    state: Arc<Mutex<RecvState>>,
    addr: SocketAddr,
}

impl Receiver {
    async fn start(challenge: Challenge) -> Self {
        Self::start_on(challenge, "127.0.0.1:0").await
    }

    async fn start_on(challenge: Challenge, bind: &str) -> Self {
        let state = Arc::new(Mutex::new(RecvState {
            challenge,
            script: VecDeque::new(),
            default: 204,
            hang: false,
            got: Vec::new(),
        }));
        let listener = tokio::net::TcpListener::bind(bind).await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = axum::Router::new().route("/cb", axum::routing::post(receive)).with_state(state.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { state, addr }
    }

    fn url(&self) -> String {
        format!("http://{}/cb", self.addr)
    }

    fn set(&self, f: impl FnOnce(&mut RecvState)) {
        f(&mut self.state.lock().unwrap());
    }

    fn got(&self) -> Vec<Got> {
        self.state.lock().unwrap().got.clone()
    }

    fn of_type(&self, kind: &str) -> Vec<Got> {
        self.got().into_iter().filter(|g| g.kind() == kind).collect()
    }

    async fn wait_for(&self, what: &str, secs: u64, f: impl Fn(&[Got]) -> bool) -> Vec<Got> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
        loop {
            let got = self.got();
            if f(&got) {
                return got;
            }
            if tokio::time::Instant::now() > deadline {
                panic!(
                    "receiver never saw {what}; got {:?}",
                    got.iter().map(|g| (g.kind().to_string(), g.answered)).collect::<Vec<_>>()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

async fn receive(State(state): State<Arc<Mutex<RecvState>>>, hm: HeaderMap, body: Bytes) -> Response {
    let headers: HashMap<String, String> =
        hm.iter().map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string())).collect();
    let kind = headers.get(&headers::MESSAGE_TYPE.to_lowercase()).cloned().unwrap_or_default();
    let (challenge, status, hang) = {
        let mut s = state.lock().unwrap();
        let status = if kind == "notification" { s.script.pop_front().unwrap_or(s.default) } else { 204 };
        (s.challenge, status, s.hang && kind == "notification")
    };
    let record = |answered: u16| {
        state.lock().unwrap().got.push(Got { headers: headers.clone(), body: body.to_vec(), answered });
    };
    if kind == "webhook_callback_verification" {
        let v: Value = serde_json::from_slice(&body).unwrap_or_default();
        let c = v["challenge"].as_str().unwrap_or_default().to_string();
        return match challenge {
            Challenge::Echo => {
                record(200);
                c.into_response()
            }
            Challenge::Wrong => {
                record(200);
                "not the challenge".into_response()
            }
            Challenge::Hang => {
                record(0);
                tokio::time::sleep(Duration::from_secs(30)).await;
                c.into_response()
            }
            Challenge::Redirect => {
                record(307);
                (StatusCode::TEMPORARY_REDIRECT, [("location", "http://127.0.0.1:9/elsewhere")], c).into_response()
            }
            Challenge::Fail => {
                record(500);
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        };
    }
    if hang {
        record(0);
        tokio::time::sleep(Duration::from_secs(60)).await;
        return StatusCode::NO_CONTENT.into_response();
    }
    record(status);
    StatusCode::from_u16(status).unwrap().into_response()
}

/// Webhooks allowed on loopback, quick timeouts and retries.
async fn server(backend: Backend) -> TestServer {
    TestServer::start_custom(backend, |c| {
        c.webhook.allow_private = true;
        c.webhook.timeout = Duration::from_millis(1500);
        c.webhook.retry_base = Duration::from_millis(100);
        c.webhook.max_attempts = 3;
    })
    .await
}

async fn post_sub(srv: &TestServer, token: &str, body: Value) -> (u16, Value) {
    let resp =
        srv.http().post(srv.url("/api/eventsub/subscriptions")).bearer_auth(token).json(&body).send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

fn webhook(kind: &str, channel: i64, callback: &str) -> Value {
    json!({"type": kind, "version": "1", "condition": {"broadcaster_user_id": channel.to_string()},
           "transport": {"method": "webhook", "callback": callback, "secret": SECRET}})
}

async fn status_of(srv: &TestServer, token: &str, id: &str) -> String {
    let client = srv.client_with(token);
    let list = client.eventsub_subscriptions(None, None, None).await.unwrap();
    list.data.into_iter().find(|s| s.id == id).map(|s| s.status).unwrap_or_else(|| "gone".into())
}

async fn wait_status(srv: &TestServer, token: &str, id: &str, want: &str) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        let st = status_of(srv, token, id).await;
        if st == want {
            return;
        }
        assert!(tokio::time::Instant::now() < deadline, "subscription {id} stayed '{st}', wanted '{want}'");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Python's hmac over exactly the bytes we received.
fn python_signature(secret: &str, id: &str, ts: &str, body: &[u8]) -> String {
    use std::io::Write as _;
    let mut child = std::process::Command::new("python3")
        .args([
            "-c",
            "import hmac, hashlib, sys; k, i, t = sys.argv[1:4]; b = sys.stdin.buffer.read(); \
             print('sha256=' + hmac.new(k.encode(), i.encode() + t.encode() + b, hashlib.sha256).hexdigest())",
            secret,
            id,
            ts,
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child.stdin.take().unwrap().write_all(body).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64
}

async fn follow(srv: &TestServer, token: &str, login: &str) {
    let resp =
        srv.http().put(srv.url(&format!("/api/users/me/follows/{login}"))).bearer_auth(token).send().await.unwrap();
    assert_eq!(resp.status(), 200);
}

both_backends!(signed_notifications_reach_verified_webhooks, retries_then_revocation, bad_subscriptions_and_callbacks);

async fn signed_notifications_reach_verified_webhooks(backend: Backend) {
    let srv = server(backend).await;
    let alice = srv.user("alice", None).await;
    srv.user("bob", None).await;
    let token = srv.token("alice", "webhooks:manage moderator:read:followers channel:manage").await;
    let bob = srv.token("bob", "user:edit:follows").await;
    let rx = Receiver::start(Challenge::Echo).await;

    let (status, body) = post_sub(&srv, &token, webhook("channel.follow", alice, &rx.url())).await;
    assert_eq!(status, 202, "{body}");
    let sub = &body["data"][0];
    assert_eq!(sub["status"], "webhook_callback_verification_pending");
    assert_eq!(sub["transport"]["callback"], rx.url());
    assert!(sub["transport"].get("secret").is_none(), "the secret is never echoed");
    assert_eq!(sub["cost"], 0);
    assert_eq!(body["total"], 1);
    let id = sub["id"].as_str().unwrap().to_string();
    wait_status(&srv, &token, &id, "enabled").await;
    let verification = rx.of_type("webhook_callback_verification");
    assert_eq!(verification.len(), 1);
    assert_eq!(verification[0].json()["subscription"]["id"], id.as_str());

    follow(&srv, &bob, "alice").await;
    let got = rx.wait_for("a follow notification", 10, |g| g.iter().any(|g| g.kind() == "notification")).await;
    let n = got.iter().find(|g| g.kind() == "notification").unwrap();
    assert_eq!(n.h(headers::SUBSCRIPTION_TYPE), "channel.follow");
    assert_eq!(n.h(headers::SUBSCRIPTION_VERSION), "1");
    assert_eq!(n.h(headers::MESSAGE_RETRY), "0");
    assert_eq!(n.h("content-type"), "application/json");
    let (mid, ts, sig) = (n.h(headers::MESSAGE_ID), n.h(headers::MESSAGE_TIMESTAMP), n.h(headers::MESSAGE_SIGNATURE));
    // The SDK's verifier accepts it once, then calls it a duplicate.
    let v = Verifier::new(SECRET);
    let signed = SignedHeaders::from_lookup(|name| n.headers.get(&name.to_lowercase()).map(String::as_str));
    assert_eq!(v.verify(&signed, &n.body, now_ms()), Ok(()));
    assert_eq!(v.verify(&signed, &n.body, now_ms()), Err(aethex_sdk::eventsub::VerifyError::Duplicate));
    assert!(Verifier::new("another secret!").verify(&signed, &n.body, now_ms()).is_err());
    // An independent HMAC over the same bytes agrees.
    assert_eq!(python_signature(SECRET, mid, ts, &n.body), sig);
    let body = n.json();
    assert_eq!(body["subscription"]["id"], id.as_str());
    assert_eq!(body["subscription"]["status"], "enabled");
    match Event::from_parts("channel.follow", body["event"].clone()).unwrap() {
        Event::ChannelFollow(f) => {
            assert_eq!(f.user_login, "bob");
            assert_eq!(f.broadcaster_user_id, alice.to_string());
        }
        other => panic!("unexpected {other:?}"),
    }
    // A repeated follow is not a new event.
    follow(&srv, &bob, "alice").await;

    // The SDK's axum receiver takes a second subscription in a few lines.
    let (tx, mut seen) = tokio::sync::mpsc::channel(8);
    let app = axum::Router::new().nest(
        "/hooks",
        aethex_sdk::receiver::webhook_router(SECRET, move |d| {
            let tx = tx.clone();
            async move {
                let _ = tx.send(d).await;
            }
        }),
    );
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let sdk_url = format!("http://{}/hooks", l.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(l, app).await });
    let (status, body) = post_sub(&srv, &token, webhook("channel.update", alice, &sdk_url)).await;
    assert_eq!(status, 202, "{body}");
    wait_status(&srv, &token, body["data"][0]["id"].as_str().unwrap(), "enabled").await;
    let resp = srv
        .http()
        .patch(srv.url("/api/channels/alice"))
        .bearer_auth(&token)
        .json(&json!({"title": "Speedrun night", "tags": ["speedrun"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let d = tokio::time::timeout(Duration::from_secs(10), seen.recv()).await.expect("SDK receiver called").unwrap();
    match d {
        aethex_sdk::receiver::Delivery::Notification { event: Event::ChannelUpdate(u), .. } => {
            assert_eq!(u.title, "Speedrun night");
            assert_eq!(u.tags, vec!["speedrun".to_string()]);
        }
        other => panic!("unexpected {other:?}"),
    }
    // Exactly one follow notification arrived.
    assert_eq!(rx.of_type("notification").len(), 1);

    // Listing, filtering, deleting.
    let client = srv.client_with(&token);
    let all = client.eventsub_subscriptions(None, None, None).await.unwrap();
    assert_eq!(all.total, 2);
    assert_eq!(all.data.len(), 2);
    let only = client.eventsub_subscriptions(None, Some("channel.follow"), None).await.unwrap();
    assert_eq!(only.data.len(), 1);
    client.delete_eventsub_subscription(&id).await.unwrap();
    assert!(matches!(client.delete_eventsub_subscription(&id).await, Err(aethex_sdk::Error::NotFound { .. })));
    // Bob cannot see or delete Alice's subscriptions.
    let bob_subs = srv.token("bob", "webhooks:manage").await;
    assert_eq!(srv.client_with(&bob_subs).eventsub_subscriptions(None, None, None).await.unwrap().total, 0);
}

async fn retries_then_revocation(backend: Backend) {
    let srv = server(backend).await;
    let alice = srv.user("alice", None).await;
    srv.user("bob", None).await;
    let token = srv.token("alice", "webhooks:manage donations:read").await;
    let bob = srv.token("bob", "donations:write").await;

    // Two failures, then success: the same message id, counted retries.
    let flaky = Receiver::start(Challenge::Echo).await;
    flaky.set(|s| s.script = VecDeque::from([500, 503]));
    let (status, body) = post_sub(&srv, &token, webhook("channel.donation", alice, &flaky.url())).await;
    assert_eq!(status, 202, "{body}");
    let flaky_id = body["data"][0]["id"].as_str().unwrap().to_string();
    wait_status(&srv, &token, &flaky_id, "enabled").await;

    // A receiver that always fails.
    let broken = Receiver::start(Challenge::Echo).await;
    broken.set(|s| s.default = 500);
    let (status, body) = post_sub(&srv, &token, webhook("channel.donation", alice, &broken.url())).await;
    assert_eq!(status, 202, "{body}");
    let broken_id = body["data"][0]["id"].as_str().unwrap().to_string();
    wait_status(&srv, &token, &broken_id, "enabled").await;

    let resp = srv
        .http()
        .post(srv.url("/api/donations"))
        .bearer_auth(&bob)
        .json(&json!({"broadcaster_login": "alice", "amount": 500, "currency": "USD", "message": "gg"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);

    let got = flaky
        .wait_for("a delivered retry", 15, |g| g.iter().any(|g| g.kind() == "notification" && g.answered == 204))
        .await;
    let notes: Vec<_> = got.iter().filter(|g| g.kind() == "notification").collect();
    assert_eq!(notes.len(), 3, "two failures and one success");
    assert!(
        notes.iter().all(|g| g.h(headers::MESSAGE_ID) == notes[0].h(headers::MESSAGE_ID)),
        "same id on every retry"
    );
    assert_eq!(notes.iter().map(|g| g.h(headers::MESSAGE_RETRY).to_string()).collect::<Vec<_>>(), ["0", "1", "2"]);
    assert_eq!(notes.iter().map(|g| g.answered).collect::<Vec<_>>(), [500, 503, 204]);
    assert_eq!(notes[2].json()["event"]["amount"], 500);
    wait_status(&srv, &token, &flaky_id, "enabled").await;

    // Three failed attempts revoke the broken one, which gets a revocation message.
    let got = broken.wait_for("a revocation", 15, |g| g.iter().any(|g| g.kind() == "revocation")).await;
    assert_eq!(got.iter().filter(|g| g.kind() == "notification").count(), 3);
    let rev = got.iter().find(|g| g.kind() == "revocation").unwrap();
    assert_eq!(rev.json()["subscription"]["status"], "notification_failures_exceeded");
    assert!(Verifier::new(SECRET)
        .verify(
            &SignedHeaders::from_lookup(|n| rev.headers.get(&n.to_lowercase()).map(String::as_str)),
            &rev.body,
            now_ms()
        )
        .is_ok());
    wait_status(&srv, &token, &broken_id, "notification_failures_exceeded").await;
    // Revoked subscriptions receive nothing more.
    let before = broken.got().len();
    let resp = srv
        .http()
        .post(srv.url("/api/donations"))
        .bearer_auth(&bob)
        .json(&json!({"broadcaster_login": "alice", "amount": 700, "currency": "USD"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    flaky
        .wait_for("the second donation", 10, |g| {
            g.iter().any(|g| g.kind() == "notification" && g.json()["event"]["amount"] == 700)
        })
        .await;
    assert_eq!(broken.got().len(), before);
}

async fn bad_subscriptions_and_callbacks(backend: Backend) {
    // A longer receiver timeout: the hanging receiver below must still be on
    // its first attempt when the healthy one has everything.
    let srv = TestServer::start_custom(backend, |c| {
        c.webhook.allow_private = true;
        c.webhook.timeout = Duration::from_secs(4);
        c.webhook.retry_base = Duration::from_millis(100);
        c.webhook.max_attempts = 3;
    })
    .await;
    let alice = srv.user("alice", None).await;
    let bob_id = srv.user("bob", None).await;
    let token = srv.token("alice", "webhooks:manage donations:read").await;
    let ok = Receiver::start(Challenge::Echo).await;

    let cases: Vec<(Value, u16, &str)> = vec![
        (webhook("stream.nope", alice, &ok.url()), 400, "unknown subscription type"),
        (
            json!({"type": "stream.online", "version": "9", "condition": {"broadcaster_user_id": alice.to_string()},
                "transport": {"method": "webhook", "callback": ok.url(), "secret": SECRET}}),
            400,
            "unsupported version",
        ),
        (webhook("stream.online", 999_999, &ok.url()), 400, "does not exist"),
        (
            json!({"type": "stream.online", "version": "1", "condition": {"channel": "1"},
                "transport": {"method": "webhook", "callback": ok.url(), "secret": SECRET}}),
            422,
            "unknown field",
        ),
        (
            json!({"type": "stream.online", "version": "1", "condition": {"broadcaster_user_id": "abc"},
                "transport": {"method": "webhook", "callback": ok.url(), "secret": SECRET}}),
            400,
            "must be a user id",
        ),
        (
            json!({"type": "channel.raid", "version": "1", "condition": {"broadcaster_user_id": alice.to_string()},
                "transport": {"method": "webhook", "callback": ok.url(), "secret": SECRET}}),
            400,
            "channel.raid",
        ),
        (
            json!({"type": "stream.online", "version": "1", "condition": {"broadcaster_user_id": alice.to_string()},
                "transport": {"method": "webhook", "callback": ok.url(), "secret": "short"}}),
            400,
            "secret",
        ),
        (
            json!({"type": "stream.online", "version": "1", "condition": {"broadcaster_user_id": alice.to_string()},
                "transport": {"method": "carrier-pigeon"}}),
            400,
            "unknown transport",
        ),
        (
            json!({"type": "stream.online", "version": "1", "condition": {"broadcaster_user_id": alice.to_string()},
                "transport": {"method": "websocket", "session_id": "no-such-session"}}),
            400,
            "session",
        ),
        (webhook("channel.donation", bob_id, &ok.url()), 403, "only the broadcaster"),
        (webhook("channel.ban", alice, &ok.url()), 403, "moderator:manage"),
        (webhook("stream.online", alice, "not a url"), 400, "valid URL"),
    ];
    for (body, want, needle) in cases {
        let (status, answer) = post_sub(&srv, &token, body.clone()).await;
        assert_eq!(status, want, "{body} -> {answer}");
        assert_eq!(answer["status"], want, "problem JSON for {body}");
        assert!(answer["message"].as_str().unwrap_or("").contains(needle), "{answer} should mention '{needle}'");
    }
    // No token, a token without the scope.
    let resp = srv
        .http()
        .post(srv.url("/api/eventsub/subscriptions"))
        .json(&webhook("stream.online", alice, &ok.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
    let weak = srv.token("alice", "chat:read").await;
    assert_eq!(post_sub(&srv, &weak, webhook("stream.online", alice, &ok.url())).await.0, 403);
    // Malformed JSON is problem JSON too.
    let resp = srv
        .http()
        .post(srv.url("/api/eventsub/subscriptions"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{\"type\":")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);

    // A public event on another's channel costs 1; a duplicate is a conflict.
    let (status, body) = post_sub(&srv, &token, webhook("stream.online", bob_id, &ok.url())).await;
    assert_eq!(status, 202);
    assert_eq!(body["data"][0]["cost"], 1);
    assert_eq!(post_sub(&srv, &token, webhook("stream.online", bob_id, &ok.url())).await.0, 409);

    // Callbacks that answer the challenge wrongly, slowly, with a redirect or a 5xx fail verification.
    for how in [Challenge::Wrong, Challenge::Hang, Challenge::Redirect, Challenge::Fail] {
        let rx = Receiver::start(how).await;
        let (status, body) = post_sub(&srv, &token, webhook("stream.offline", alice, &rx.url())).await;
        assert_eq!(status, 202, "{how:?}: {body}");
        let id = body["data"][0]["id"].as_str().unwrap().to_string();
        wait_status(&srv, &token, &id, "webhook_callback_verification_failed").await;
        assert_eq!(
            rx.of_type("webhook_callback_verification").len(),
            1,
            "{how:?}: one challenge, no redirect followed"
        );
    }
    // A hanging receiver never blocks other deliveries: the healthy one still gets events.
    let hang = Receiver::start(Challenge::Echo).await;
    let (_, body) = post_sub(&srv, &token, webhook("channel.donation", alice, &hang.url())).await;
    wait_status(&srv, &token, body["data"][0]["id"].as_str().unwrap(), "enabled").await;
    hang.set(|s| s.hang = true);
    let rx = Receiver::start(Challenge::Echo).await;
    let (_, body) = post_sub(&srv, &token, webhook("channel.donation", alice, &rx.url())).await;
    wait_status(&srv, &token, body["data"][0]["id"].as_str().unwrap(), "enabled").await;
    srv.user("carol", None).await;
    let carol = srv.token("carol", "donations:write").await;
    for amount in [100, 200, 300] {
        let resp = srv
            .http()
            .post(srv.url("/api/donations"))
            .bearer_auth(&carol)
            .json(&json!({"broadcaster_login": "alice", "amount": amount, "currency": "EUR"}))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
    }
    // All three arrive while the hanging receiver still holds its first one.
    rx.wait_for("three donations", 10, |g| g.iter().filter(|g| g.kind() == "notification").count() == 3).await;
    assert_eq!(hang.of_type("notification").len(), 1, "the hanging receiver is still on its first message");
}

/// Without `AETHEX_WEBHOOK_ALLOW_PRIVATE`, callbacks must be public HTTPS.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ssrf_guard_refuses_private_targets() {
    let srv = TestServer::start(Backend::Sqlite).await;
    let alice = srv.user("alice", None).await;
    let token = srv.token("alice", "webhooks:manage").await;
    for (callback, needle) in [
        ("http://127.0.0.1:9/cb", "https"),
        ("http://example.com/cb", "https"),
        ("https://127.0.0.1/cb", "not public"),
        ("https://localhost/cb", "not public"),
        ("https://10.0.0.7/cb", "not public"),
        ("https://192.168.1.1/cb", "not public"),
        ("https://169.254.169.254/latest/meta-data/", "not public"),
        ("https://[::1]/cb", "not public"),
        ("https://[::ffff:127.0.0.1]/cb", "not public"),
        ("https://user:pw@203.0.113.9/cb", "user name"),
    ] {
        let (status, body) = post_sub(&srv, &token, webhook("stream.online", alice, callback)).await;
        assert_eq!(status, 400, "{callback}: {body}");
        assert!(body["message"].as_str().unwrap().contains(needle), "{callback}: {body}");
    }
    let client = srv.client_with(&token);
    assert_eq!(client.eventsub_subscriptions(None, None, None).await.unwrap().total, 0);
}

async fn ws_connect(srv: &TestServer, query: &str) -> WsStream {
    let url = format!("ws://{}/eventsub/ws{query}", srv.addr);
    tokio_tungstenite::connect_async(url).await.expect("ws connects").0
}

type WsStream = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// The next JSON message, or the close frame's code.
async fn ws_next(ws: &mut WsStream, secs: u64) -> Result<Value, Option<u16>> {
    use tokio_tungstenite::tungstenite::Message as M;
    loop {
        match tokio::time::timeout(Duration::from_secs(secs), ws.next()).await.expect("message in time") {
            Some(Ok(M::Text(t))) => return Ok(serde_json::from_str(&t).unwrap()),
            Some(Ok(M::Close(f))) => return Err(f.map(|f| u16::from(f.code))),
            Some(Ok(_)) => continue,
            _ => return Err(None),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn websocket_transport_end_to_end() {
    let srv = server(Backend::Sqlite).await;
    let alice = srv.user("alice", None).await;
    srv.user("bob", None).await;
    let token = srv.token("alice", "webhooks:manage moderator:read:followers chat:read").await;
    let bob = srv.token("bob", "user:edit:follows chat:edit").await;

    let mut ws = ws_connect(&srv, "?keepalive_timeout_seconds=10").await;
    let welcome = ws_next(&mut ws, 5).await.unwrap();
    assert_eq!(welcome["metadata"]["message_type"], "session_welcome");
    assert_eq!(welcome["payload"]["session"]["status"], "connected");
    assert_eq!(welcome["payload"]["session"]["keepalive_timeout_seconds"], 10);
    let session = welcome["payload"]["session"]["id"].as_str().unwrap().to_string();
    let client = srv.client_with(&token);
    let sub = client
        .create_eventsub_subscription(&CreateSubscription {
            kind: "channel.follow".into(),
            version: "2".into(),
            condition: Condition {
                broadcaster_user_id: Some(alice.to_string()),
                moderator_user_id: Some(alice.to_string()),
                ..Default::default()
            },
            transport: Transport::websocket(session.clone()),
        })
        .await
        .unwrap();
    assert_eq!(sub.status, "enabled");
    assert_eq!(sub.transport.session_id.as_deref(), Some(session.as_str()));
    follow(&srv, &bob, "alice").await;
    let n = ws_next(&mut ws, 5).await.unwrap();
    assert_eq!(n["metadata"]["message_type"], "notification");
    assert_eq!(n["metadata"]["subscription_type"], "channel.follow");
    assert_eq!(n["payload"]["subscription"]["id"], sub.id.as_str());
    assert_eq!(n["payload"]["event"]["user_login"], "bob");

    // Chat messages are events too, published once per message.
    client
        .create_eventsub_subscription(&CreateSubscription {
            kind: "channel.chat.message".into(),
            version: "1".into(),
            condition: Condition::broadcaster(alice.to_string()),
            transport: Transport::websocket(session.clone()),
        })
        .await
        .unwrap();
    let resp = srv
        .http()
        .post(srv.url("/api/chat/alice/messages"))
        .bearer_auth(&bob)
        .json(&json!({"text": "hello events"}))
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success(), "{}", resp.text().await.unwrap());
    let n = ws_next(&mut ws, 5).await.unwrap();
    assert_eq!(n["metadata"]["subscription_type"], "channel.chat.message");
    assert_eq!(n["payload"]["event"]["message"]["text"], "hello events");
    assert_eq!(n["payload"]["event"]["chatter_user_login"], "bob");

    // Keepalives come when nothing else does.
    let ka = ws_next(&mut ws, 15).await.unwrap();
    assert_eq!(ka["metadata"]["message_type"], "session_keepalive");

    // A socket that never subscribes is closed with 4003; one that talks, with 4001.
    let mut idle = ws_connect(&srv, "").await;
    ws_next(&mut idle, 5).await.unwrap();
    let closed = loop {
        match ws_next(&mut idle, 15).await {
            Ok(m) => assert_eq!(m["metadata"]["message_type"], "session_keepalive"),
            Err(code) => break code,
        }
    };
    assert_eq!(closed, Some(4003));
    let mut chatty = ws_connect(&srv, "").await;
    ws_next(&mut chatty, 5).await.unwrap();
    use futures_util::SinkExt as _;
    chatty.send(tokio_tungstenite::tungstenite::Message::Text("hi".into())).await.unwrap();
    assert_eq!(ws_next(&mut chatty, 5).await, Err(Some(4001)));
    // Bad keepalive values are refused before the upgrade.
    let resp = srv.http().get(srv.url("/eventsub/ws?keepalive_timeout_seconds=1")).send().await.unwrap();
    assert_eq!(resp.status(), 400);

    // Closing the socket ends its subscriptions.
    drop(ws);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        let list = client.eventsub_subscriptions(Some("websocket_disconnected"), None, None).await.unwrap();
        if list.data.len() == 2 {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "subscriptions stayed enabled after the socket closed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The SDK client subscribes, follows `session_reconnect` across a graceful
/// restart and keeps its session (no resubscription).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sdk_event_socket_survives_restarts() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let data = common::temp_dir("esws");
    let start = |data: std::path::PathBuf| {
        TestServer::start_custom(Backend::Sqlite, move |c| {
            c.http_addr = SocketAddr::from(([127, 0, 0, 1], port));
            c.public_url = format!("http://127.0.0.1:{port}");
            c.data_dir = data;
        })
    };
    let srv = start(data.clone()).await;
    let alice = srv.user("alice", None).await;
    srv.user("bob", None).await;
    let token = srv.token("alice", "webhooks:manage moderator:read:followers").await;
    let bob = srv.token("bob", "user:edit:follows").await;

    let mut socket =
        EventSocket::connect(srv.client_with(&token), vec![Interest::channel("channel.follow", &alice.to_string())]);
    let first = match tokio::time::timeout(Duration::from_secs(10), socket.next()).await.unwrap().unwrap() {
        SocketEvent::Connected { session_id, resubscribed } => {
            assert!(resubscribed);
            session_id
        }
        other => panic!("unexpected {other:?}"),
    };
    follow(&srv, &bob, "alice").await;
    match tokio::time::timeout(Duration::from_secs(10), socket.next()).await.unwrap().unwrap() {
        SocketEvent::Notification { event: Event::ChannelFollow(f), .. } => assert_eq!(f.user_login, "bob"),
        other => panic!("unexpected {other:?}"),
    }

    // Graceful restart: session_reconnect, then the same session resumes.
    srv.stop().await;
    let srv = start(data.clone()).await;
    let next = loop {
        match tokio::time::timeout(Duration::from_secs(20), socket.next()).await.unwrap().unwrap() {
            SocketEvent::Disconnected(_) => continue,
            other => break other,
        }
    };
    match next {
        SocketEvent::Connected { session_id, resubscribed } => {
            assert_eq!(session_id, first, "the reconnect URL resumes the session");
            assert!(!resubscribed);
        }
        other => panic!("unexpected {other:?}"),
    }
    let resp = srv.http().delete(srv.url("/api/users/me/follows/alice")).bearer_auth(&bob).send().await.unwrap();
    assert_eq!(resp.status(), 204);
    follow(&srv, &bob, "alice").await;
    match tokio::time::timeout(Duration::from_secs(10), socket.next()).await.unwrap().unwrap() {
        SocketEvent::Notification { event: Event::ChannelFollow(f), .. } => assert_eq!(f.user_login, "bob"),
        other => panic!("unexpected {other:?}"),
    }
    drop(socket);
    srv.stop().await;
    let _ = std::fs::remove_dir_all(&data);
}

/// A TCP proxy in front of the server whose connections the test can cut.
struct Proxy {
    addr: SocketAddr,
    conns: Arc<Mutex<Vec<tokio::task::JoinHandle<()>>>>,
}

impl Proxy {
    async fn start(to: SocketAddr) -> Self {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = l.local_addr().unwrap();
        let conns: Arc<Mutex<Vec<tokio::task::JoinHandle<()>>>> = Arc::default();
        let c = conns.clone();
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = l.accept().await {
                let task = tokio::spawn(async move {
                    if let Ok(mut outbound) = tokio::net::TcpStream::connect(to).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                c.lock().unwrap().push(task);
            }
        });
        Self { addr, conns }
    }

    /// Cut every open connection, as a network failure would.
    fn cut(&self) {
        for t in self.conns.lock().unwrap().drain(..) {
            t.abort();
        }
    }
}

/// After a link failure the SDK client connects again, gets a new session
/// and subscribes again by itself.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sdk_event_socket_resubscribes_after_a_drop() {
    let srv = server(Backend::Sqlite).await;
    let alice = srv.user("alice", None).await;
    srv.user("bob", None).await;
    let token = srv.token("alice", "webhooks:manage moderator:read:followers").await;
    let bob = srv.token("bob", "user:edit:follows").await;
    let proxy = Proxy::start(srv.addr).await;
    let client = aethex_sdk::Client::new(&format!("http://{}", proxy.addr)).unwrap().with_token(&token);
    let mut socket = EventSocket::connect(client, vec![Interest::channel("channel.follow", &alice.to_string())]);
    let first = match tokio::time::timeout(Duration::from_secs(10), socket.next()).await.unwrap().unwrap() {
        SocketEvent::Connected { session_id, .. } => session_id,
        other => panic!("unexpected {other:?}"),
    };
    proxy.cut();
    let mut saw_drop = false;
    let second = loop {
        match tokio::time::timeout(Duration::from_secs(20), socket.next()).await.unwrap().unwrap() {
            SocketEvent::Disconnected(_) => saw_drop = true,
            SocketEvent::Connected { session_id, resubscribed } => {
                assert!(resubscribed, "a new session needs its subscriptions again");
                break session_id;
            }
            other => panic!("unexpected {other:?}"),
        }
    };
    assert!(saw_drop);
    assert_ne!(first, second);
    follow(&srv, &bob, "alice").await;
    match tokio::time::timeout(Duration::from_secs(10), socket.next()).await.unwrap().unwrap() {
        SocketEvent::Notification { event: Event::ChannelFollow(f), .. } => assert_eq!(f.user_login, "bob"),
        other => panic!("unexpected {other:?}"),
    }
    // The old session's subscription lapsed; the new one is the only enabled one.
    let list = srv.client_with(&token).eventsub_subscriptions(Some("enabled"), None, None).await.unwrap();
    assert_eq!(list.data.len(), 1);
    assert_eq!(list.data[0].transport.session_id.as_deref(), Some(second.as_str()));
}

// --- durability: the real binary, killed with SIGKILL --------------------------------

both_backends!(owed_deliveries_survive_sigkill, subscriptions_end_once_per_period);

/// The socket's next event within `secs`, or `None`.
async fn next(socket: &mut EventSocket, secs: u64) -> Option<SocketEvent> {
    tokio::time::timeout(Duration::from_secs(secs), socket.next()).await.ok().flatten()
}

/// A subscription whose period runs out produces `channel.subscription.end`
/// once, drops out of the channel's subscriber list, and a renewal starts a
/// new period that ends with its own event.
async fn subscriptions_end_once_per_period(backend: Backend) {
    let srv = TestServer::start_custom(backend, |c| c.subscription_sweep = Duration::from_millis(100)).await;
    let caster = srv.user("caster", None).await;
    srv.user("fan", None).await;
    let owner = srv.client_with(&srv.token("caster", "webhooks:manage channel:read:subscriptions").await);
    let fan = srv.client_with(&srv.token("fan", "user:edit:subscriptions").await);
    let interest = Interest::channel("channel.subscription.end", &caster.to_string());
    let mut socket = EventSocket::connect(owner.clone(), vec![interest]);
    let connected = next(&mut socket, 10).await;
    assert!(matches!(connected, Some(SocketEvent::Connected { resubscribed: true, .. })), "{connected:?}");

    for period in 1..=2 {
        fan.subscribe("caster", 2).await.unwrap();
        assert_eq!(owner.subscriptions("caster").collect::<Vec<_>>().await.len(), 1);
        assert!(next(&mut socket, 1).await.is_none(), "period {period}: nothing ends while it runs");
        assert!(srv.expire_subscription("fan", "caster").await);
        match next(&mut socket, 10).await {
            Some(SocketEvent::Notification { event: Event::ChannelSubscriptionEnd(e), .. }) => {
                assert_eq!((e.user_login.as_str(), e.broadcaster_user_login.as_str()), ("fan", "caster"));
                assert_eq!((e.tier.as_str(), e.broadcaster_user_id), ("2000", caster.to_string()));
            }
            other => panic!("period {period}: expected channel.subscription.end, got {other:?}"),
        }
        assert!(next(&mut socket, 1).await.is_none(), "period {period}: the end is published once");
        assert!(
            owner.subscriptions("caster").collect::<Vec<_>>().await.is_empty(),
            "ended subscriptions are not listed"
        );
    }

    // Only the owner may follow who stops subscribing.
    let stranger = srv.client_with(&srv.token("fan", "webhooks:manage channel:read:subscriptions").await);
    let refused =
        EventSocket::connect(stranger, vec![Interest::channel("channel.subscription.end", &caster.to_string())]);
    let mut refused = refused;
    let mut saw_refusal = false;
    for _ in 0..3 {
        if let Some(SocketEvent::SubscribeFailed { kind, .. }) = next(&mut refused, 10).await {
            assert_eq!(kind, "channel.subscription.end");
            saw_refusal = true;
            break;
        }
    }
    assert!(saw_refusal, "a viewer cannot subscribe to another channel's subscription ends");
    srv.stop().await;
}

async fn owed_deliveries_survive_sigkill(backend: Backend) {
    let data = common::temp_dir("durable");
    let db = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some(common::fresh_postgres_url().await),
    };
    let db = db.as_deref();
    admin(&data, db, &["user", "create", "alice"]);
    admin(&data, db, &["user", "create", "bob"]);
    let alice_token = admin(&data, db, &["token", "create", "alice", "--scopes", "webhooks:manage,donations:read"]);
    let bob_token = admin(&data, db, &["token", "create", "bob", "--scopes", "donations:write"]);
    let port = common::free_port();
    let base = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::new();
    let env = [
        ("AETHEX_WEBHOOK_ALLOW_PRIVATE", "1"),
        ("AETHEX_WEBHOOK_TIMEOUT_MS", "1000"),
        ("AETHEX_WEBHOOK_RETRY_BASE_MS", "200"),
        ("AETHEX_WEBHOOK_MAX_ATTEMPTS", "1000"),
    ];

    let rx = Receiver::start(Challenge::Echo).await;
    let server = Proc::start(&data, db, port, &env).await;
    let alice_id: i64 =
        http.get(format!("{base}/api/channels/alice")).send().await.unwrap().json::<Value>().await.unwrap()["data"][0]
            ["id"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
    let resp = http
        .post(format!("{base}/api/eventsub/subscriptions"))
        .bearer_auth(&alice_token)
        .json(&webhook("channel.donation", alice_id, &rx.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 202);
    rx.wait_for("the challenge", 10, |g| g.iter().any(|g| g.kind() == "webhook_callback_verification")).await;
    // Let the server record the verification before notifications start failing.
    tokio::time::sleep(Duration::from_millis(500)).await;

    // The receiver is down (503) while five donations happen.
    rx.set(|s| s.default = 503);
    for amount in 101..=105 {
        let resp = http
            .post(format!("{base}/api/donations"))
            .bearer_auth(&bob_token)
            .json(&json!({"broadcaster_login": "alice", "amount": amount, "currency": "USD"}))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
    }
    let failed = rx
        .wait_for("five failed deliveries", 15, |g| {
            g.iter()
                .filter(|g| g.kind() == "notification")
                .map(|g| g.h(headers::MESSAGE_ID).to_string())
                .collect::<std::collections::HashSet<_>>()
                .len()
                == 5
        })
        .await;
    let owed: HashMap<String, i64> = failed
        .iter()
        .filter(|g| g.kind() == "notification")
        .map(|g| (g.h(headers::MESSAGE_ID).to_string(), g.json()["event"]["amount"].as_i64().unwrap()))
        .collect();
    assert_eq!(owed.len(), 5);

    // SIGKILL: no shutdown code runs.
    server.kill();
    rx.set(|s| s.default = 204);
    let server = Proc::start(&data, db, port, &env).await;
    let got = rx
        .wait_for("every owed event after the restart", 30, |g| {
            owed.keys().all(|id| {
                g.iter().any(|g| g.kind() == "notification" && g.answered == 204 && g.h(headers::MESSAGE_ID) == id)
            })
        })
        .await;
    // Same ids, same events, each signed correctly.
    let v = Verifier::new(SECRET);
    for g in got.iter().filter(|g| g.kind() == "notification" && g.answered == 204) {
        let id = g.h(headers::MESSAGE_ID);
        assert_eq!(owed.get(id), g.json()["event"]["amount"].as_i64().as_ref(), "message {id} kept its event");
        let signed = SignedHeaders::from_lookup(|n| g.headers.get(&n.to_lowercase()).map(String::as_str));
        assert_eq!(v.verify(&signed, &g.body, now_ms()), Ok(()));
    }
    server.kill();
    let _ = std::fs::remove_dir_all(&data);
}

both_backends!(a_change_and_its_outbox_rows_commit_together);

/// Make every insert into the outbox fail, as a full disk or a broken
/// constraint would, and back.
async fn outbox_unwritable(srv: &TestServer, backend: Backend, on: bool) {
    let pool = &srv.state.db.pool;
    let sql: &[&str] = match (backend, on) {
        (Backend::Sqlite, true) => &["CREATE TRIGGER outbox_unwritable BEFORE INSERT ON eventsub_outbox \
                                      BEGIN SELECT RAISE(ABORT, 'outbox unwritable'); END"],
        (Backend::Postgres, true) => &[
            "CREATE FUNCTION refuse_outbox() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'outbox unwritable'; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER outbox_unwritable BEFORE INSERT ON eventsub_outbox FOR EACH ROW EXECUTE FUNCTION refuse_outbox()",
        ],
        (Backend::Sqlite, false) => &["DROP TRIGGER outbox_unwritable"],
        (Backend::Postgres, false) => &["DROP TRIGGER outbox_unwritable ON eventsub_outbox"],
    };
    for s in sql {
        sqlx::query(s).execute(pool).await.unwrap();
    }
}

async fn count(srv: &TestServer, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql).fetch_one(&srv.state.db.pool).await.unwrap()
}

async fn a_change_and_its_outbox_rows_commit_together(backend: Backend) {
    let srv = server(backend).await;
    let alice = srv.user("alice", None).await;
    srv.user("bob", None).await;
    let token = srv.token("alice", "webhooks:manage moderator:read:followers donations:read").await;
    let bob = srv.token("bob", "user:edit:follows donations:write").await;
    let rx = Receiver::start(Challenge::Echo).await;
    for kind in ["channel.follow", "channel.donation"] {
        let (status, body) = post_sub(&srv, &token, webhook(kind, alice, &rx.url())).await;
        assert_eq!(status, 202, "{body}");
        wait_status(&srv, &token, body["data"][0]["id"].as_str().unwrap(), "enabled").await;
    }
    let donate = || {
        srv.http()
            .post(srv.url("/api/donations"))
            .bearer_auth(&bob)
            .json(&json!({"broadcaster_login": "alice", "amount": 500, "currency": "USD", "message": "gg"}))
            .send()
    };
    let follow_req = || srv.http().put(srv.url("/api/users/me/follows/alice")).bearer_auth(&bob).send();

    // The outbox cannot be written: both requests fail whole, with a problem, and leave nothing.
    outbox_unwritable(&srv, backend, true).await;
    for resp in [follow_req().await.unwrap(), donate().await.unwrap()] {
        assert_eq!(resp.status(), 500);
        let problem: Value = resp.json().await.unwrap();
        assert_eq!(problem["status"], 500, "{problem}");
    }
    assert_eq!(count(&srv, "SELECT COUNT(*) FROM follows").await, 0, "no follow row without its event");
    assert_eq!(count(&srv, "SELECT COUNT(*) FROM donations").await, 0, "no donation row without its event");
    assert_eq!(count(&srv, "SELECT COUNT(*) FROM eventsub_outbox").await, 0);
    // Nothing was published either: a delivery would have taken well under this.
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert!(rx.of_type("notification").is_empty(), "an event of a rolled-back change went out");

    // Writable again: each row and its event land together.
    outbox_unwritable(&srv, backend, false).await;
    assert_eq!(follow_req().await.unwrap().status(), 200);
    assert_eq!(donate().await.unwrap().status(), 200);
    assert_eq!(count(&srv, "SELECT COUNT(*) FROM follows").await, 1);
    assert_eq!(count(&srv, "SELECT COUNT(*) FROM donations").await, 1);
    let got =
        rx.wait_for("both notifications", 10, |g| g.iter().filter(|g| g.kind() == "notification").count() == 2).await;
    let mut kinds: Vec<String> = got
        .iter()
        .filter(|g| g.kind() == "notification")
        .map(|g| g.json()["subscription"]["type"].to_string())
        .collect();
    kinds.sort();
    assert_eq!(kinds, ["\"channel.donation\"", "\"channel.follow\""]);
}
