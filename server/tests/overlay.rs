//! The overlay pages for browser sources: served with a strict policy and
//! the login checked. Then the pages in a real
//! browser (headless Chromium, driven over the DevTools protocol), as OBS's
//! browser source shows them: chat lines appear, escaped, and follow
//! deletions; a follow shows as an alert. The same browser also proves the
//! login form's CSRF defences: our own form logs in, another site's does not.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use std::time::Duration;

use common::browser::Browser;
use common::{Backend, TestServer};

#[tokio::test]
async fn overlay_pages_are_served_with_a_strict_policy() {
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
}

#[tokio::test]
async fn overlay_pages_in_a_real_browser() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("streamer", None).await;
    s.user("viewer", None).await;
    let viewer = s.client_with(&s.token("viewer", "chat:edit user:edit:follows").await);
    let moderator = s.token("streamer", "moderator:manage").await;
    let browser = Browser::start().await;

    // Chat: lines appear as text (markup stays text), and a deleted line goes away.
    let mut chat = browser.open(&format!("{}/overlay/streamer/chat", s.base)).await;
    let mut first = None;
    for i in 0..50 {
        // The page joins once its script has run; until then lines pass it by.
        let m = viewer.send_chat("streamer", &format!("hello overlay {i}")).await.unwrap();
        tokio::time::sleep(Duration::from_millis(100)).await;
        if chat.text().await.contains(&format!("hello overlay {i}")) {
            first = Some(m);
            break;
        }
    }
    let first = first.expect("a chat line shows in the overlay");
    viewer.send_chat("streamer", "<b>not bold</b> <img src=x onerror=alert(1)>").await.unwrap();
    let text = chat.wait_text("the markup line", |t| t.contains("<b>not bold</b>")).await;
    assert!(text.contains("viewer: "), "names are shown: {text:?}");
    let tags = chat.eval("document.querySelectorAll('#chat b, #chat img').length").await;
    assert_eq!(tags, 0, "chat text never becomes markup");
    let r = reqwest::Client::new()
        .delete(format!("{}/api/moderation/chat?broadcaster_login=streamer&message_id={}", s.base, first.id))
        .bearer_auth(&moderator)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let first_text = first.text.clone();
    chat.wait_text("the deleted line leaving", |t| !t.contains(&first_text)).await;

    // Alerts: the token rides in the fragment; a follow shows as an alert.
    let token =
        s.token("streamer", "webhooks:manage moderator:read:followers channel:read:subscriptions donations:read").await;
    let mut alerts = browser.open(&format!("{}/overlay/streamer/alerts#token={token}", s.base)).await;
    // Subscribed once the welcome arrived and its subscriptions were made; follow until one shows.
    let mut shown = String::new();
    for _ in 0..50 {
        viewer.follow("streamer").await.unwrap();
        tokio::time::sleep(Duration::from_millis(200)).await;
        shown = alerts.text().await;
        if shown.contains("viewer just followed!") {
            break;
        }
        // Only a new follow is an event.
        viewer.unfollow("streamer").await.unwrap();
    }
    assert!(shown.contains("viewer just followed!"), "the alert shows: {shown:?}");

    // Without a token the page says what to do.
    let mut bare = browser.open(&format!("{}/overlay/streamer/alerts", s.base)).await;
    bare.wait_text("the missing-token hint", |t| t.contains("#token=")).await;
}

/// In a real browser, our own login form logs in (Chromium's `Origin` and
/// the SameSite=Strict token cookie pass), while a form on another site that
/// posts the right password, even with the victim's token copied into it,
/// starts no session.
#[tokio::test]
async fn login_form_and_a_cross_site_form_in_a_real_browser() {
    const PASSWORD: &str = "correct horse battery";
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("viewer", Some(PASSWORD)).await;
    let browser = Browser::start().await;

    // Another site (localhost is not the same site as 127.0.0.1) with a form
    // that posts to our login. Its token is filled in below from the browser's own cookie.
    let attacker = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let attacker_port = attacker.local_addr().unwrap().port();
    let (token_tx, token_rx) = tokio::sync::oneshot::channel::<String>();
    let base = s.base.clone();
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
        let csrf = token_rx.await.unwrap_or_default();
        let html = format!(
            "<!doctype html><form id=f method=post action=\"{base}/login\">\
             <input name=login value=viewer><input name=password value=\"{PASSWORD}\">\
             <input name=csrf value=\"{csrf}\"><input name=next value=/activate></form>\
             <script>document.getElementById('f').submit()</script>"
        );
        while let Ok((mut c, _)) = attacker.accept().await {
            let mut buf = [0u8; 4096];
            let _ = c.read(&mut buf).await;
            let resp = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{html}",
                html.len()
            );
            let _ = c.write_all(resp.as_bytes()).await;
        }
    });

    // The victim has our login page open, so the browser holds a token cookie.
    let mut page = browser.open(&format!("{}/login?next=%2Factivate", s.base)).await;
    page.wait_text("the login page", |t| t.contains("Log in to AeThex")).await;
    let cookies = page.call("Network.getAllCookies", serde_json::json!({})).await;
    let token = cookies["cookies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "aethex_login")
        .and_then(|c| c["value"].as_str())
        .expect("the login page set its token cookie")
        .to_string();
    token_tx.send(token).unwrap();
    let mut evil = browser.open(&format!("http://localhost:{attacker_port}/")).await;
    let shown = evil
        .wait_text("the refusal", |t| t.contains("did not come from this site") || t.contains("another site"))
        .await;
    assert!(!shown.contains("Code shown on your device"), "no session from another site's form: {shown:?}");
    let cookies = page.call("Network.getAllCookies", serde_json::json!({})).await;
    assert!(
        !cookies["cookies"].as_array().unwrap().iter().any(|c| c["name"] == "aethex_session"),
        "no session cookie was set: {cookies}"
    );

    // Our own form, filled in and submitted as a person does, logs in.
    let mut page = browser.open(&format!("{}/login?next=%2Factivate", s.base)).await;
    page.wait_text("the login page", |t| t.contains("Log in to AeThex")).await;
    page.eval(&format!(
        "document.querySelector('input[name=login]').value='viewer';\
         document.querySelector('input[name=password]').value='{PASSWORD}';\
         document.querySelector('form').submit(); true"
    ))
    .await;
    page.wait_text("logged in, on the device page", |t| t.contains("Logged in as viewer")).await;
}
