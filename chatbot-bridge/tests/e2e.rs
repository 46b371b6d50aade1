//! The chatbot end to end against a real AeThex server's IRC gateway: the bot
//! joins with twitch-irc, chatters (also twitch-irc clients) talk to it, and
//! what it does is observed the way a viewer sees it (PRIVMSG, CLEARMSG,
//! CLEARCHAT) and over its song-queue HTTP API. Time is the one thing the test
//! moves by hand: the bot takes an injected clock, so a five-minute timer and
//! a minute of watch time pass instantly.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)] // test code: a panic is the failure report

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use aethex_chatbot::bot::Clock;
use aethex_chatbot::config::{File, HttpSettings, TimerSettings, TwitchSettings};
use aethex_chatbot::run::{run, RunConfig};
use aethex_sdk::chat_transport::{set_target_addr, AethexTransport};
use twitch_irc::login::StaticLoginCredentials;
use twitch_irc::message::{ClearChatAction, ServerMessage};
use twitch_irc::{ClientConfig, TwitchIRCClient};

type Rx = tokio::sync::mpsc::UnboundedReceiver<ServerMessage>;
type Chatter = TwitchIRCClient<AethexTransport, StaticLoginCredentials>;

fn chatter(login: &str, token: String) -> (Rx, Chatter) {
    TwitchIRCClient::new(ClientConfig::new_simple(StaticLoginCredentials::new(login.into(), Some(token))))
}

/// The next message matching `f` within 10 s.
async fn expect<T>(rx: &mut Rx, what: &str, mut f: impl FnMut(&ServerMessage) -> Option<T>) -> T {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        match tokio::time::timeout_at(deadline, rx.recv()).await {
            Ok(Some(m)) => {
                if let Some(t) = f(&m) {
                    return t;
                }
            }
            Ok(None) => panic!("client closed while waiting for {what}"),
            Err(_) => panic!("no {what} within 10 s"),
        }
    }
}

/// The chatters join #streamer; then wait until the bot is in the room too
/// (it shows up in the chatters list).
async fn join_with_the_bot<const N: usize>(api: &aethex_sdk::Client, chatters: [(&Chatter, &mut Rx); N]) {
    for (c, rx) in chatters {
        c.join("streamer".into()).unwrap();
        expect(rx, "our JOIN", |m| matches!(m, ServerMessage::Join(_)).then_some(())).await;
    }
    for i in 0.. {
        if api.chatters("streamer").await.unwrap().chatters.iter().any(|c| c == "bot") {
            break;
        }
        assert!(i < 100, "the bot never joined");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The bot's run settings for `#streamer` on `srv`, its database in `dir`.
fn bot_config(srv: &aethex_server::testing::TestServer, dir: &std::path::Path, token: &str, file: File) -> RunConfig {
    RunConfig {
        server: Some(srv.base.clone()),
        irc: srv.irc.to_string(),
        channel: "#Streamer".into(),
        token: format!("oauth:{token}"),
        login: None,
        db: dir.join("bot.db"),
        file,
    }
}

/// The bot's next chat line.
async fn bot_says(rx: &mut Rx) -> String {
    expect(rx, "a line from the bot", |m| match m {
        ServerMessage::Privmsg(p) if p.sender.login == "bot" => Some(p.message_text.clone()),
        _ => None,
    })
    .await
}

/// The next timeout: who, and for how many seconds (as the server rounds them).
async fn timed_out(rx: &mut Rx) -> (String, u64) {
    expect(rx, "CLEARCHAT", |m| match m {
        ServerMessage::ClearChat(c) => match &c.action {
            ClearChatAction::UserTimedOut { user_login, timeout_length, .. } => {
                Some((user_login.clone(), timeout_length.as_secs()))
            }
            _ => None,
        },
        _ => None,
    })
    .await
}

/// A urlfetch target that answers with what Nightbot-compatible endpoints read: the headers.
async fn urlfetch_target() -> String {
    use axum::http::HeaderMap;
    let app = axum::Router::new()
        .route(
            "/api",
            axum::routing::get(|h: HeaderMap| async move {
                let user = h.get("nightbot-user").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
                let channel = h.get("nightbot-channel").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
                let name = |s: &str| s.split('&').find_map(|kv| kv.strip_prefix("name=")).unwrap_or("?").to_string();
                format!("fetched for {} in {}", name(&user), name(&channel))
            }),
        )
        .route("/huge", axum::routing::get(|| async { "y".repeat(5_000_000) }))
        .route(
            // Slow work, Nightbot-style: answer now, post the result to the response URL later.
            "/later",
            axum::routing::get(|h: HeaderMap| async move {
                let url = h.get("nightbot-response-url").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
                tokio::spawn(async move {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    let http = reqwest::Client::new();
                    let first = http.post(&url).form(&[("message", "later: the result")]).send().await;
                    let again = http.post(&url).json(&serde_json::json!({"message": "too soon"})).send().await;
                    let codes = [first.map(|r| r.status().as_u16()), again.map(|r| r.status().as_u16())];
                    let text = format!("later: codes {:?} {:?}", codes[0].as_ref().ok(), codes[1].as_ref().ok());
                    tokio::time::sleep(Duration::from_millis(5_100)).await;
                    let _ = http.post(&url).form(&[("message", text)]).send().await;
                });
                "working on it"
            }),
        );
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = l.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(l, app).await });
    format!("http://{addr}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_serves_a_channel_over_real_irc() {
    let dir = std::env::temp_dir().join(format!("aethex-chatbot-e2e-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let srv = aethex_server::testing::start(dir.join("server"), |_| {}).await;
    set_target_addr(srv.irc);
    let talk = "chat:read chat:edit";
    let owner = srv.token("streamer", "channel:manage moderator:manage").await;
    let bot_token = srv.token("bot", "chat:read chat:edit moderator:read:followers webhooks:manage").await;
    let helper_token = srv.token("helper", talk).await;
    let viewer_token = srv.token("viewer", "chat:read chat:edit user:edit:follows").await;
    let spammer_token = srv.token("spammer", talk).await;
    let api = aethex_sdk::Client::new(&srv.base).unwrap().with_token(&owner);
    for m in ["bot", "helper"] {
        api.raw(reqwest::Method::PUT, &format!("api/channels/streamer/moderators/{m}"), &[], None).await.unwrap();
    }

    // The bot, with a clock the test moves.
    let now = Arc::new(AtomicI64::new(aethex_chatbot::now_ms()));
    let clock: Clock = {
        let now = now.clone();
        Arc::new(move || now.load(Ordering::SeqCst))
    };
    let fetch = urlfetch_target().await;
    let file = File {
        http: HttpSettings { listen: Some("127.0.0.1:0".into()), token: Some("queue-secret".into()), public_url: None },
        timers: vec![TimerSettings {
            name: "socials".into(),
            message: "Enjoying $(channel)? Follow!".into(),
            interval_s: 300,
            min_lines: 3,
        }],
        urlfetch_allow_private: true,
        ..File::default()
    };
    let cfg = bot_config(&srv, &dir, &bot_token, file);
    let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let bot = tokio::spawn(run(
        cfg,
        clock,
        async move {
            let _ = stop_rx.await;
        },
        Some(ready_tx),
    ));
    let queue_api = format!("http://{}/api/songs", ready_rx.await.unwrap().unwrap());

    let (mut helper_rx, helper) = chatter("helper", helper_token);
    let (mut viewer_rx, viewer) = chatter("viewer", viewer_token);
    let (mut spam_rx, spammer) = chatter("spammer", spammer_token);
    join_with_the_bot(&api, [(&helper, &mut helper_rx), (&viewer, &mut viewer_rx), (&spammer, &mut spam_rx)]).await;

    // A moderator creates a command; a viewer runs it with the right variables.
    helper
        .say(
            "streamer".into(),
            format!("!addcom !hi -cd=5 Hi $(user), $(touser) is in $(channel) ($(count)). $(urlfetch {fetch}/api) $(eval 6*7)"),
        )
        .await
        .unwrap();
    assert_eq!(bot_says(&mut viewer_rx).await, "@helper -> The command \"!hi\" has been added successfully.");
    viewer.say("streamer".into(), "!hi @Friend".into()).await.unwrap();
    assert_eq!(
        bot_says(&mut viewer_rx).await,
        "Hi viewer, Friend is in streamer (1). fetched for viewer in streamer 42"
    );
    // Bounded urlfetch: a 5 MB answer is cut, never buffered whole.
    helper.say("streamer".into(), format!("!addcom !big $(urlfetch {fetch}/huge)")).await.unwrap();
    bot_says(&mut viewer_rx).await;
    helper.say("streamer".into(), "!big".into()).await.unwrap();
    assert_eq!(bot_says(&mut viewer_rx).await, "y".repeat(400), "responses stop at 400 characters");
    // A service answers later through its Nightbot-Response-Url: once per 5 s, no credentials needed.
    helper.say("streamer".into(), format!("!addcom !slow $(urlfetch {fetch}/later)")).await.unwrap();
    bot_says(&mut viewer_rx).await;
    viewer.say("streamer".into(), "!slow".into()).await.unwrap();
    assert_eq!(bot_says(&mut viewer_rx).await, "working on it");
    assert_eq!(bot_says(&mut viewer_rx).await, "later: the result");
    assert_eq!(bot_says(&mut viewer_rx).await, "later: codes Some(200) Some(429)", "a second message within 5 s waits");
    let made_up = reqwest::Client::new()
        .post(queue_api.replace("/api/songs", "/api/channel/send/not-a-token"))
        .form(&[("message", "hi")])
        .send()
        .await
        .unwrap();
    assert_eq!(made_up.status(), 404);
    assert_eq!(made_up.headers()["content-type"], "application/problem+json");

    // Three lines of chat have been sent; after five minutes the timer fires.
    now.fetch_add(300_000, Ordering::SeqCst);
    assert_eq!(bot_says(&mut viewer_rx).await, "Enjoying streamer? Follow!");

    // A link from a viewer: the message is deleted and the viewer timed out; again: a longer timeout.
    spammer.say("streamer".into(), "free stuff at https://spam.example.com".into()).await.unwrap();
    let spam_id = expect(&mut viewer_rx, "the spam", |m| match m {
        ServerMessage::Privmsg(p) if p.sender.login == "spammer" => Some(p.message_id.clone()),
        _ => None,
    })
    .await;
    let deleted = expect(&mut viewer_rx, "CLEARMSG", |m| match m {
        ServerMessage::ClearMsg(c) => Some(c.message_id.clone()),
        _ => None,
    })
    .await;
    assert_eq!(deleted, spam_id);
    let (who, secs) = timed_out(&mut viewer_rx).await;
    assert_eq!(who, "spammer");
    assert!(secs <= 1, "the first offence purges: {secs} s");
    assert_eq!(bot_says(&mut viewer_rx).await, "spammer -> please ask before posting links.");
    tokio::time::sleep(Duration::from_millis(1500)).await; // the purge lapses
    spammer.say("streamer".into(), "really, spam.example.com".into()).await.unwrap();
    let (who, secs) = timed_out(&mut viewer_rx).await;
    assert_eq!(who, "spammer");
    assert!((590..=600).contains(&secs), "the second offence is the filter's 600 s timeout: {secs} s");
    assert_eq!(bot_says(&mut viewer_rx).await, "spammer -> please ask before posting links.");

    // Points: a point per minute in chat (five passed with the timer, one now); following earns the bonus.
    now.fetch_add(60_000, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    viewer.say("streamer".into(), "!points".into()).await.unwrap();
    assert_eq!(bot_says(&mut viewer_rx).await, "viewer has 6 points and has watched for 6 minutes.");
    aethex_sdk::Client::new(&srv.base)
        .unwrap()
        .with_token(srv.token("viewer", "user:edit:follows").await)
        .follow("streamer")
        .await
        .unwrap();
    let mut last = String::new();
    for _ in 0..10 {
        tokio::time::sleep(Duration::from_millis(300)).await;
        viewer.say("streamer".into(), "!points".into()).await.unwrap();
        last = bot_says(&mut viewer_rx).await;
        if last.starts_with("viewer has 56 points") {
            break;
        }
    }
    assert!(last.starts_with("viewer has 56 points"), "follow bonus: {last}");

    // Song requests fill the queue the HTTP API shows; advancing needs the token.
    viewer.say("streamer".into(), "!sr https://www.youtube.com/watch?v=dQw4w9WgXcQ".into()).await.unwrap();
    assert!(bot_says(&mut viewer_rx).await.contains("added to the queue at #1"));
    viewer.say("streamer".into(), "!sr lofi hip hop".into()).await.unwrap();
    assert!(bot_says(&mut viewer_rx).await.contains("at #2"));
    let http = reqwest::Client::new();
    let q: serde_json::Value = http.get(format!("{queue_api}/queue")).send().await.unwrap().json().await.unwrap();
    let titles: Vec<&str> = q["queue"].as_array().unwrap().iter().map(|s| s["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["YouTube dQw4w9WgXcQ", "lofi hip hop"]);
    assert_eq!(q["queue"][0]["url"], "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
    assert_eq!(q["queue"][0]["requested_by"], "viewer");
    let refused = http.post(format!("{queue_api}/next")).send().await.unwrap();
    assert_eq!(refused.status(), 401);
    assert_eq!(refused.headers()["content-type"], "application/problem+json");
    let next: serde_json::Value =
        http.post(format!("{queue_api}/next")).bearer_auth("queue-secret").send().await.unwrap().json().await.unwrap();
    assert_eq!(next["current"]["title"], "YouTube dQw4w9WgXcQ");
    viewer.say("streamer".into(), "!song".into()).await.unwrap();
    assert!(bot_says(&mut viewer_rx).await.starts_with("Now playing: YouTube dQw4w9WgXcQ (requested by viewer)"));
    assert_eq!(http.delete(format!("{queue_api}/abc")).bearer_auth("queue-secret").send().await.unwrap().status(), 400);

    // A viewer cannot make the bot run a chat command through a variable.
    helper.say("streamer".into(), "!addcom !echo $(query)".into()).await.unwrap();
    bot_says(&mut viewer_rx).await;
    viewer.say("streamer".into(), "!echo /ban helper".into()).await.unwrap();
    assert_eq!(bot_says(&mut viewer_rx).await, "/ban helper", "said as text");
    helper.say("streamer".into(), "still here".into()).await.unwrap();
    expect(&mut viewer_rx, "helper still talking", |m| match m {
        ServerMessage::Privmsg(p) if p.sender.login == "helper" && p.message_text == "still here" => Some(()),
        _ => None,
    })
    .await;

    // The viewer erases their account: the bot hears channel.user.erase and
    // forgets them (points, song requests, their id); nothing in its database names them.
    let leaving = srv.token("viewer", "user:delete").await;
    let r =
        reqwest::Client::new().delete(format!("{}/api/users/me", srv.base)).bearer_auth(&leaving).send().await.unwrap();
    assert_eq!(r.status(), 204);
    let mut requests = vec![String::new()];
    for _ in 0..50 {
        let q: serde_json::Value = http.get(format!("{queue_api}/queue")).send().await.unwrap().json().await.unwrap();
        requests = q["queue"].as_array().unwrap().iter().map(|s| s["requested_by"].to_string()).collect();
        if !requests.iter().any(|r| r.contains("viewer")) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(!requests.iter().any(|r| r.contains("viewer")), "the erased viewer's requests are gone: {requests:?}");
    let db = sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.join("bot.db").display())).await.unwrap();
    for (table, column) in [
        ("points", "login"),
        ("regulars", "login"),
        ("songs", "requested_by"),
        ("quotes", "added_by"),
        ("users", "login"),
    ] {
        let rows: Vec<String> =
            sqlx::query_scalar(&format!("SELECT {column} FROM {table}")).fetch_all(&db).await.unwrap();
        assert!(!rows.iter().any(|r| r == "viewer"), "{table} still names the viewer: {rows:?}");
    }
    let ids: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&db).await.unwrap();
    assert!(ids >= 2, "the chatters' ids were kept as they spoke");
    let points: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM points").fetch_one(&db).await.unwrap();
    assert!(points > 0, "the others keep their points");
    db.close().await;

    let _ = stop_tx.send(());
    tokio::time::timeout(Duration::from_secs(5), bot).await.unwrap().unwrap().unwrap();
}

/// What the fake Twitch (Helix and its token validation, from Twitch's API
/// reference) received: method, path, query, `Authorization`, `Client-Id`, body.
type Calls = Arc<std::sync::Mutex<Vec<(String, String, String, String, String, serde_json::Value)>>>;

/// A fake of Twitch's API that accepts `token` (or nothing, when `None`).
async fn fake_twitch(token: Option<String>) -> (String, Calls) {
    use axum::extract::{OriginalUri, State};
    use axum::http::{HeaderMap, Method, StatusCode};
    use axum::response::IntoResponse;
    let calls: Calls = Arc::default();
    fn header(h: &HeaderMap, k: &str) -> String {
        h.get(k).and_then(|v| v.to_str().ok()).unwrap_or("").to_string()
    }
    let app = axum::Router::new()
        .route(
            "/oauth2/validate",
            axum::routing::get(move |h: HeaderMap| async move {
                match &token {
                    Some(t) if header(&h, "authorization") == format!("OAuth {t}") => axum::Json(serde_json::json!({
                        "client_id": "fakeclientid", "login": "bot", "user_id": "9001", "expires_in": 3600,
                        "scopes": ["chat:read", "chat:edit", "moderator:manage:banned_users", "moderator:manage:chat_messages"]
                    }))
                    .into_response(),
                    _ => (StatusCode::UNAUTHORIZED, axum::Json(serde_json::json!({"status": 401, "message": "invalid access token"})))
                        .into_response(),
                }
            }),
        )
        .fallback(|State(calls): State<Calls>, method: Method, OriginalUri(uri): OriginalUri, h: HeaderMap, body: axum::body::Bytes| async move {
            let json = serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null);
            let query = uri.query().unwrap_or("").to_string();
            calls.lock().unwrap().push((method.to_string(), uri.path().to_string(), query, header(&h, "authorization"), header(&h, "client-id"), json));
            match (method.as_str(), uri.path()) {
                ("POST", "/helix/moderation/bans") => axum::Json(serde_json::json!({"data": [{"broadcaster_id": "1"}]})).into_response(),
                ("DELETE", "/helix/moderation/chat") => StatusCode::NO_CONTENT.into_response(),
                _ => (StatusCode::NOT_FOUND, axum::Json(serde_json::json!({"status": 404, "message": "Not Found"}))).into_response(),
            }
        })
        .with_state(calls.clone());
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = l.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(l, app).await });
    (format!("http://{addr}"), calls)
}

/// On Twitch, moderation commands over IRC are ignored, so filters act through
/// Helix: the bot validates its token, then deletes the message and times the
/// sender out with the ids from the IRC tags. Chat is AeThex's IRC here (Twitch
/// is not reachable); `twitch.moderation = "helix"` sends moderation to the fake.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_twitch_filters_moderate_through_helix() {
    let dir = std::env::temp_dir().join(format!("aethex-chatbot-helix-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let srv = aethex_server::testing::start(dir.join("server"), |_| {}).await;
    set_target_addr(srv.irc);
    let talk = "chat:read chat:edit";
    let bot_token = srv.token("bot", talk).await;
    let spammer_token = srv.token("spammer", talk).await;
    let watcher_token = srv.token("watcher", talk).await;
    let api = aethex_sdk::Client::new(&srv.base).unwrap().with_token(srv.token("streamer", "channel:manage").await);
    let (twitch, calls) = fake_twitch(Some(bot_token.clone())).await;
    let config = |token: &str, db: &str| RunConfig {
        server: Some(srv.base.clone()),
        irc: srv.irc.to_string(),
        channel: "streamer".into(),
        token: token.to_string(),
        login: Some("bot".into()),
        db: dir.join(db),
        file: File {
            twitch: TwitchSettings {
                moderation: Some("helix".into()),
                helix_url: Some(format!("{twitch}/helix")),
                id_url: Some(format!("{twitch}/oauth2")),
            },
            ..File::default()
        },
    };

    // A token Twitch refuses stops the bot at once, with the reason.
    let (refusing, _) = fake_twitch(None).await;
    let mut refused = config(&bot_token, "refused.db");
    refused.file.twitch.id_url = Some(format!("{refusing}/oauth2"));
    let err = run(refused, Arc::new(aethex_chatbot::now_ms), std::future::pending(), None).await.unwrap_err();
    assert!(err.to_string().contains("refused the bot's token"), "{err}");

    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let bot = tokio::spawn(run(
        config(&bot_token, "bot.db"),
        Arc::new(aethex_chatbot::now_ms),
        async move {
            let _ = stop_rx.await;
        },
        None,
    ));
    let (mut watch_rx, watcher) = chatter("watcher", watcher_token);
    let (mut spam_rx, spammer) = chatter("spammer", spammer_token);
    join_with_the_bot(&api, [(&watcher, &mut watch_rx), (&spammer, &mut spam_rx)]).await;

    spammer.say("streamer".into(), "cheap followers at https://spam.example.com".into()).await.unwrap();
    let spam_id = expect(&mut watch_rx, "the spam", |m| match m {
        ServerMessage::Privmsg(p) if p.sender.login == "spammer" => Some(p.message_id.clone()),
        _ => None,
    })
    .await;
    let room = api.channel("streamer").await.unwrap().id;
    let spammer_id = api.channel("spammer").await.unwrap().id;
    let mut seen = Vec::new();
    for _ in 0..100 {
        seen = calls.lock().unwrap().clone();
        if seen.len() >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let delete = seen.iter().find(|c| c.0 == "DELETE").unwrap_or_else(|| panic!("no Delete Chat Messages: {seen:?}"));
    assert_eq!(delete.1, "/helix/moderation/chat");
    let q: std::collections::HashMap<String, String> = serde_urlencoded::from_str(&delete.2).unwrap();
    assert_eq!((q["broadcaster_id"].as_str(), q["moderator_id"].as_str()), (room.as_str(), "9001"));
    assert_eq!(q["message_id"], spam_id);
    assert_eq!((delete.3.as_str(), delete.4.as_str()), (format!("Bearer {bot_token}").as_str(), "fakeclientid"));
    let ban = seen.iter().find(|c| c.0 == "POST").unwrap_or_else(|| panic!("no Ban User: {seen:?}"));
    assert_eq!(ban.1, "/helix/moderation/bans");
    assert!(ban.2.contains(&format!("broadcaster_id={room}")) && ban.2.contains("moderator_id=9001"), "{}", ban.2);
    assert_eq!(ban.5["data"]["user_id"], spammer_id);
    assert_eq!(ban.5["data"]["duration"], 1, "a first offence purges");
    // Moderation went to Twitch's API only: no IRC /delete reached the chat.
    let cleared = tokio::time::timeout(Duration::from_millis(700), async {
        loop {
            if let Some(ServerMessage::ClearMsg(_)) = watch_rx.recv().await {
                return;
            }
        }
    })
    .await;
    assert!(cleared.is_err(), "no CLEARMSG: the bot did not also send /delete over IRC");

    stop_tx.send(()).unwrap();
    bot.await.unwrap().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spanish_channel_gets_its_replies_in_spanish() {
    let dir = std::env::temp_dir().join(format!("aethex-chatbot-es-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let srv = aethex_server::testing::start(dir.join("server"), |_| {}).await;
    set_target_addr(srv.irc);
    let owner = srv.token("streamer", "channel:manage").await;
    let bot_token = srv.token("bot", "chat:read chat:edit").await;
    let viewer_token = srv.token("viewer", "chat:read chat:edit").await;
    let streamer_token = srv.token("streamer", "chat:read chat:edit").await;
    let api = aethex_sdk::Client::new(&srv.base).unwrap().with_token(&owner);
    // The channel streams in Spanish; the bot's config names no language.
    let update = aethex_sdk::ChannelUpdate { language: Some("es".into()), ..Default::default() };
    api.update_channel("streamer", &update).await.unwrap();
    let clock: Clock = Arc::new(aethex_chatbot::now_ms);
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let bot = tokio::spawn(run(
        bot_config(&srv, &dir, &bot_token, File::default()),
        clock,
        async move {
            let _ = stop_rx.await;
        },
        None,
    ));
    let (mut viewer_rx, viewer) = chatter("viewer", viewer_token);
    let (mut streamer_rx, streamer) = chatter("streamer", streamer_token);
    join_with_the_bot(&api, [(&viewer, &mut viewer_rx), (&streamer, &mut streamer_rx)]).await;
    viewer.say("streamer".into(), "!points".into()).await.unwrap();
    let said = bot_says(&mut viewer_rx).await;
    assert_eq!(said, "viewer tiene 0 puntos y ha visto el canal durante 0 segundos.", "{said}");
    viewer.say("streamer".into(), "!quote".into()).await.unwrap();
    let said = bot_says(&mut viewer_rx).await;
    assert_eq!(said, "Aún no hay citas; los moderadores las añaden con !quote add <texto>.");

    // The broadcaster manages commands: a mistake and the success, in Spanish.
    let spanish = aethex_chatbot::lang::Replies::for_language("es");
    let english = aethex_chatbot::lang::Replies::english();
    use aethex_chatbot::lang::Msg;
    let range = Msg::new("manage-cooldown-range").number("min", 5).number("max", 3600);
    let added = Msg::new("manage-added").text("name", "!hola");
    assert_ne!(spanish.render(&added), english.render(&added), "translated");
    // (The streamer's client saw the bot's earlier lines too: only answers to the streamer count.)
    let to_streamer = |m: &ServerMessage| match m {
        ServerMessage::Privmsg(p) if p.sender.login == "bot" && p.message_text.starts_with("@streamer") => {
            Some(p.message_text.clone())
        }
        _ => None,
    };
    streamer.say("streamer".into(), "!commands add !hola -cd=1 ¡Bienvenidos!".into()).await.unwrap();
    let said = expect(&mut streamer_rx, "the refusal", to_streamer).await;
    assert_eq!(said, format!("@streamer -> {}", spanish.render(&range)));
    streamer.say("streamer".into(), "!commands add !hola ¡Bienvenidos!".into()).await.unwrap();
    let said = expect(&mut streamer_rx, "the confirmation", to_streamer).await;
    assert_eq!(said, format!("@streamer -> {}", spanish.render(&added)));
    viewer.say("streamer".into(), "!hola".into()).await.unwrap();
    let said = expect(&mut viewer_rx, "the new command's answer", |m| match m {
        ServerMessage::Privmsg(p) if p.sender.login == "bot" && !p.message_text.starts_with("@streamer") => {
            Some(p.message_text.clone())
        }
        _ => None,
    })
    .await;
    assert_eq!(said, "¡Bienvenidos!");
    let _ = stop_tx.send(());
    let _ = bot.await;
    srv.stop().await;
}
