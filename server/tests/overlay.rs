//! The overlay pages for browser sources: served with a strict policy, the
//! login checked, and the chat protocol their script speaks (an anonymous
//! join on the JSON chat socket) delivering messages.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use std::time::Duration;

use common::{Backend, TestServer};
use futures_util::{SinkExt as _, StreamExt as _};
use tokio_tungstenite::tungstenite::Message;

#[tokio::test]
async fn overlay_pages_and_the_chat_their_script_reads() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("streamer", None).await;
    let http = reqwest::Client::new();
    for (page, needle) in [("chat", "/chat/ws"), ("alerts", "/eventsub/ws")] {
        let r = http.get(format!("{}/overlay/streamer/{page}", s.base)).send().await.unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["content-type"], "text/html; charset=utf-8");
        let csp = r.headers()["content-security-policy"].to_str().unwrap().to_string();
        assert!(csp.contains("default-src 'none'") && csp.contains("connect-src 'self'"), "{csp}");
        assert_eq!(r.headers()["referrer-policy"], "no-referrer");
        let html = r.text().await.unwrap();
        assert!(html.contains(needle) && html.contains("\"streamer\""), "{page}");
        assert!(!html.contains("{{LOGIN}}"));
    }
    let alerts = http.get(format!("{}/overlay/streamer/alerts", s.base)).send().await.unwrap().text().await.unwrap();
    assert!(alerts.contains("location.hash"), "the token comes from the fragment, never the query");
    let bad = http.get(format!("{}/overlay/%3Cscript%3E/chat", s.base)).send().await.unwrap();
    assert_eq!(bad.status(), 400);
    let problem: serde_json::Value = bad.json().await.unwrap();
    assert_eq!(problem["status"], 400, "a problem document: {problem}");

    // What the chat page's script does: join anonymously, receive a message.
    let url = format!("{}/chat/ws", s.base.replace("http://", "ws://"));
    let (mut ws, _) = tokio_tungstenite::connect_async(url.as_str()).await.unwrap();
    ws.send(Message::Text(r#"{"type":"join","channel":"streamer"}"#.into())).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    s.user("viewer", None).await;
    let viewer = s.client_with(&s.token("viewer", "chat:edit").await);
    viewer.send_chat("streamer", "hello overlay").await.unwrap();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        let m = tokio::time::timeout_at(deadline, ws.next()).await.expect("a frame in time").unwrap().unwrap();
        if let Message::Text(t) = m {
            let v: serde_json::Value = serde_json::from_str(&t).unwrap();
            if v["type"] == "message" {
                assert_eq!(v["message"]["text"], "hello overlay");
                assert_eq!(v["message"]["user_login"], "viewer");
                break;
            }
        }
    }
}
