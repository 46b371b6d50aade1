//! AutoMod and community reports through the public interfaces: lines sent
//! through the real IRC gateway (the `twitch-irc` crate) are held or pass;
//! the sender gets Twitch's notice; moderators see holds on IRC, on the JSON
//! chat socket and through EventSub over WebSocket; "Manage Held AutoMod
//! Messages" approves one (it reaches the room) and denies another; a third
//! expires. Viewers' reports queue for moderators and hide a message at the
//! room's threshold until a moderator dismisses or removes it.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use std::time::Duration;

use aethex_sdk::chat_protocol::ServerFrame;
use aethex_sdk::chat_transport::{set_target_addr, AethexTransport};
use aethex_sdk::event_socket::{EventSocket, Interest, SocketEvent};
use aethex_sdk::{AutomodSettings, Event};
use common::{Backend, TestServer};
use reqwest::Method;
use serde_json::json;
use twitch_irc::login::StaticLoginCredentials;
use twitch_irc::message::ServerMessage;
use twitch_irc::{ClientConfig, TwitchIRCClient};

type Incoming = tokio::sync::mpsc::UnboundedReceiver<ServerMessage>;
type Twitch = TwitchIRCClient<AethexTransport, StaticLoginCredentials>;

const CHAT: &str = "chat:read chat:edit";

async fn irc(s: &TestServer, login: &str) -> (Incoming, Twitch) {
    let creds = StaticLoginCredentials::new(login.to_string(), Some(s.token(login, CHAT).await));
    let (mut rx, c) = Twitch::new(ClientConfig::new_simple(creds));
    c.join("streamer".into()).unwrap();
    next(&mut rx, |m| matches!(m, ServerMessage::Join(j) if j.channel_login == "streamer").then_some(())).await;
    (rx, c)
}

/// The next message matching `f`, within 10 s.
async fn next<T>(rx: &mut Incoming, mut f: impl FnMut(&ServerMessage) -> Option<T>) -> T {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let m = tokio::time::timeout_at(deadline, rx.recv()).await.expect("message in time").expect("client alive");
        if let Some(t) = f(&m) {
            return t;
        }
    }
}

fn privmsg(m: &ServerMessage) -> Option<(String, String)> {
    match m {
        ServerMessage::Privmsg(p) => Some((p.sender.login.clone(), p.message_text.clone())),
        _ => None,
    }
}

/// The `msg-id` and `target-msg-id` of an AutoMod NOTICE.
fn automod_notice(m: &ServerMessage) -> Option<(String, String)> {
    match m {
        ServerMessage::Notice(n) if n.message_id.as_deref().is_some_and(|id| id.starts_with("automod_")) => {
            let tag = |k: &str| n.source.tags.0.get(k).cloned().unwrap_or_default();
            Some((tag("msg-id"), tag("target-msg-id")))
        }
        _ => None,
    }
}

async fn event(socket: &mut EventSocket) -> Event {
    loop {
        match tokio::time::timeout(Duration::from_secs(10), socket.next()).await.expect("event in time").unwrap() {
            SocketEvent::Notification { event, .. } => return event,
            SocketEvent::SubscribeFailed { kind, error } => panic!("{kind}: {error}"),
            _ => continue,
        }
    }
}

async fn manage(s: &TestServer, token: &str, user_id: i64, msg_id: &str, action: &str) -> reqwest::StatusCode {
    s.http()
        .post(s.url("/api/moderation/automod/message"))
        .bearer_auth(token)
        .json(&json!({"user_id": user_id.to_string(), "msg_id": msg_id, "action": action}))
        .send()
        .await
        .unwrap()
        .status()
}

async fn report(s: &TestServer, who: &str, id: &str, reason: &str) -> reqwest::StatusCode {
    let token = s.token(who, "chat:read").await;
    s.http()
        .post(s.url("/api/moderation/reports"))
        .bearer_auth(token)
        .json(&json!({"broadcaster_login": "streamer", "message_id": id, "reason": reason}))
        .send()
        .await
        .unwrap()
        .status()
}

both_backends!(automod_holds_toxic_lines_for_moderators, reports_hide_a_message_until_a_moderator_looks);

async fn automod_holds_toxic_lines_for_moderators(backend: Backend) {
    let s = TestServer::start_custom(backend, |c| c.automod_hold_seconds = 3).await;
    set_target_addr(s.irc);
    let streamer = s.user("streamer", None).await;
    let helper = s.user("helper", None).await;
    let troll = s.user("troll", None).await;
    let fan_id = s.user("fan", None).await;
    let owner = s.client_with(&s.token("streamer", "channel:manage moderator:manage:automod").await);
    owner.raw(Method::PUT, "api/channels/streamer/moderators/helper", &[], None).await.unwrap();
    let set = json!({"overall_level": 4, "profanity": null});
    let got = owner
        .raw(
            Method::PUT,
            "api/moderation/automod/settings",
            &[("broadcaster_login".into(), "streamer".into())],
            Some(set),
        )
        .await
        .unwrap();
    let got: AutomodSettings = serde_json::from_value(got["data"][0].clone()).unwrap();
    assert_eq!((got.overall_level, got.profanity), (4, None));
    // A level above 4 is refused.
    let bad = s
        .http()
        .put(s.url("/api/moderation/automod/settings?broadcaster_login=streamer"))
        .bearer_auth(s.token("streamer", "moderator:manage:automod").await)
        .json(&json!({"overall_level": 5}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);

    let mod_token = s.token("helper", "webhooks:manage moderator:manage:automod").await;
    let mut events = EventSocket::connect(
        s.client_with(&mod_token),
        vec![
            Interest::channel("automod.message.hold", &streamer.to_string()),
            Interest::channel("automod.message.update", &streamer.to_string()),
        ],
    );
    match tokio::time::timeout(Duration::from_secs(10), events.next()).await.unwrap().unwrap() {
        SocketEvent::Connected { .. } => {}
        other => panic!("{other:?}"),
    }
    let (mut mod_rx, _helper_irc) = irc(&s, "helper").await;
    let (mut fan_rx, _fan_irc) = irc(&s, "fan").await;
    let (mut troll_rx, troll_irc) = irc(&s, "troll").await;
    let mut mod_json =
        aethex_sdk::chat_socket::open(&s.client(), Some(&s.token("helper", CHAT).await), "streamer").await.unwrap();
    // Joined (and so subscribed to the moderators' events) once the history comes.
    loop {
        let f = tokio::time::timeout(Duration::from_secs(10), mod_json.next()).await.unwrap().unwrap().unwrap();
        if matches!(f, ServerFrame::History { .. }) {
            break;
        }
    }

    // Test data for a filter has to name what it filters: plain, spaced, look-alike, zero-width.
    let toxic = ["fuck you", "f u c k this stream", "\u{192}uck off", "fu\u{200b}ck this", "I hate you"];
    let clean = ["PogChamp that was insane", "gg wp", "the assassin got him", "Scunthorpe United"];
    for (t, c) in toxic.iter().zip(clean.iter().chain(std::iter::once(&"last clean line"))) {
        troll_irc.say("streamer".into(), t.to_string()).await.unwrap();
        let (id, text) = next(&mut troll_rx, |m| match m {
            ServerMessage::Notice(n) => Some((n.message_id.clone(), n.message_text.clone())),
            _ => None,
        })
        .await;
        assert_eq!(id.as_deref(), Some("msg_rejected"), "{t:?}: {text}");
        assert_eq!(text, "Your message is being checked by mods and has not been sent.");
        troll_irc.say("streamer".into(), c.to_string()).await.unwrap();
    }
    // Clean lines reach the room, in order, and nothing held does.
    for c in clean.iter().chain(std::iter::once(&"last clean line")) {
        assert_eq!(next(&mut fan_rx, privmsg).await, ("troll".to_string(), c.to_string()));
    }

    // Moderators see every hold: IRC NOTICEs, JSON frames, EventSub.
    let mut held = Vec::new();
    for _ in &toxic {
        let (msg_id, target) = next(&mut mod_rx, automod_notice).await;
        assert_eq!(msg_id, "automod_message_held");
        held.push(target);
    }
    let mut frames = Vec::new();
    while frames.len() < toxic.len() {
        let f = tokio::time::timeout(Duration::from_secs(10), mod_json.next()).await.unwrap().unwrap().unwrap();
        if let ServerFrame::AutomodHold { channel, held } = f {
            assert_eq!(channel, "streamer");
            frames.push(held);
        }
    }
    let mut holds = Vec::new();
    while holds.len() < toxic.len() {
        if let Event::AutomodMessageHold(h) = event(&mut events).await {
            holds.push(h);
        }
    }
    let text_of = |id: &str| frames.iter().find(|h| h.message_id == id).map(|h| h.text.clone()).unwrap();
    let mut held_texts: Vec<String> = held.iter().map(|id| text_of(id)).collect();
    held_texts.sort();
    let mut want: Vec<String> = toxic.iter().map(|t| t.to_string()).collect();
    want.sort();
    assert_eq!(held_texts, want, "every toxic line is held, once");
    for h in &holds {
        assert_eq!((h.user_login.as_str(), h.user_id.as_str()), ("troll", troll.to_string().as_str()));
        assert_eq!(h.message.text, text_of(&h.message_id));
        assert!((1..=4).contains(&h.level), "{h:?}");
    }
    let hate = frames.iter().find(|h| h.text == "I hate you").unwrap();
    assert_eq!(hate.category, "hostility");
    for h in &frames {
        assert!(["discrimination", "hostility", "sexual", "profanity"].contains(&h.category.as_str()), "{h:?}");
    }
    let pending = owner
        .raw(Method::GET, "api/moderation/automod/messages", &[("broadcaster_login".into(), "streamer".into())], None)
        .await
        .unwrap();
    assert_eq!(pending["data"].as_array().unwrap().len(), toxic.len());

    // Approval broadcasts one; denial drops another; a viewer may do neither.
    let (approve, deny) = (held[0].clone(), held[1].clone());
    let fan_token = s.token("fan", "moderator:manage:automod").await;
    assert_eq!(manage(&s, &fan_token, fan_id, &approve, "ALLOW").await, 403, "not a moderator");
    assert_eq!(manage(&s, &mod_token, streamer, &approve, "ALLOW").await, 403, "user_id is not the token's user");
    assert_eq!(manage(&s, &mod_token, helper, "no-such-id", "ALLOW").await, 404);
    assert_eq!(manage(&s, &mod_token, helper, &approve, "MAYBE").await, 422, "unknown action");
    assert_eq!(manage(&s, &mod_token, helper, &approve, "ALLOW").await, 204);
    assert_eq!(manage(&s, &mod_token, helper, &approve, "DENY").await, 400, "already approved");
    assert_eq!(next(&mut fan_rx, privmsg).await, ("troll".to_string(), text_of(&approve)));
    assert_eq!(manage(&s, &mod_token, helper, &deny, "DENY").await, 204);
    let mut updates = Vec::new();
    while updates.len() < 2 {
        if let Event::AutomodMessageUpdate(u) = event(&mut events).await {
            updates.push((u.message_id.clone(), u.status.clone(), u.moderator_user_login.clone()));
        }
    }
    assert_eq!(
        updates,
        [(approve.clone(), "Approved".into(), "helper".into()), (deny.clone(), "Denied".into(), "helper".into())]
    );
    // The rest expire (3 s here): EventSub says so, and approving is too late.
    let mut expired = Vec::new();
    while expired.len() < toxic.len() - 2 {
        match event(&mut events).await {
            Event::AutomodMessageUpdate(u) => {
                assert_eq!((u.status.as_str(), u.moderator_user_id.as_str()), ("Expired", ""));
                expired.push(u.message_id);
            }
            other => panic!("{other:?}"),
        }
    }
    expired.sort();
    let mut rest = held[2..].to_vec();
    rest.sort();
    assert_eq!(expired, rest);
    assert_eq!(manage(&s, &mod_token, helper, &held[2], "ALLOW").await, 400, "expired");
    let (status, _) = next(&mut mod_rx, |m| automod_notice(m).filter(|(id, _)| id != "automod_message_held")).await;
    assert_eq!(status, "automod_message_approved");

    // A moderator's own line is not held; nothing AutoMod says reached the viewer.
    let (_, helper_irc) = irc(&s, "helper").await;
    helper_irc.say("streamer".into(), "fuck yeah".into()).await.unwrap();
    loop {
        let m = tokio::time::timeout(Duration::from_secs(10), fan_rx.recv()).await.unwrap().unwrap();
        assert!(automod_notice(&m).is_none(), "a viewer saw {m:?}");
        if let Some((who, text)) = privmsg(&m) {
            assert_eq!((who.as_str(), text.as_str()), ("helper", "fuck yeah"));
            break;
        }
    }
    let history: Vec<String> = s.client().chat_history("streamer").await.unwrap().into_iter().map(|m| m.text).collect();
    assert!(history.contains(&text_of(&approve)) && !history.contains(&text_of(&deny)), "{history:?}");
    assert!(!history.iter().any(|t| t == "I hate you"), "{history:?}");
    s.stop().await;
}

async fn reports_hide_a_message_until_a_moderator_looks(backend: Backend) {
    let s = TestServer::start(backend).await;
    set_target_addr(s.irc);
    s.user("streamer", None).await;
    s.user("helper", None).await;
    let owner = s.client_with(&s.token("streamer", "channel:manage moderator:manage:automod").await);
    owner.raw(Method::PUT, "api/channels/streamer/moderators/helper", &[], None).await.unwrap();
    let q = [("broadcaster_login".to_string(), "streamer".to_string())];
    owner
        .raw(
            Method::PUT,
            "api/moderation/automod/settings",
            &q,
            Some(json!({"overall_level": 0, "report_hide_threshold": 2})),
        )
        .await
        .unwrap();
    let (_, spammer) = irc(&s, "spammer").await;
    let (mut fan_rx, _fan) = irc(&s, "fan").await;
    spammer.say("streamer".into(), "cheap followers at example dot com".into()).await.unwrap();
    spammer.say("streamer".into(), "hello all".into()).await.unwrap();
    let spam = next(&mut fan_rx, |m| match m {
        ServerMessage::Privmsg(p) => Some(p.message_id.clone()),
        _ => None,
    })
    .await;
    let hello = next(&mut fan_rx, |m| match m {
        ServerMessage::Privmsg(p) => Some(p.message_id.clone()),
        _ => None,
    })
    .await;
    assert_eq!(report(&s, "spammer", &spam, "").await, 400, "one's own message");
    assert_eq!(report(&s, "viewer1", "not-a-message", "").await, 404);
    assert_eq!(report(&s, "viewer1", &spam, &"x".repeat(201)).await, 400, "reason too long");
    assert_eq!(report(&s, "viewer1", &spam, "spam").await, 204);
    assert_eq!(report(&s, "viewer1", &spam, "spam").await, 204, "counted once");
    assert_eq!(report(&s, "viewer1", &hello, "").await, 204);
    let mods = s.client_with(&s.token("helper", "moderator:manage").await);
    let queue = mods.raw(Method::GET, "api/moderation/reports", &q, None).await.unwrap();
    let first = &queue["data"][0];
    assert_eq!((first["message_id"].as_str(), first["reports"].as_i64()), (Some(spam.as_str()), Some(1)));
    assert_eq!((first["status"].as_str(), first["reasons"][0].as_str()), (Some("open"), Some("spam")));
    let viewer = s.client_with(&s.token("viewer1", "moderator:manage").await);
    assert!(viewer.raw(Method::GET, "api/moderation/reports", &q, None).await.is_err(), "viewers see no queue");

    // The second viewer's report reaches the threshold: hidden for everyone.
    assert_eq!(report(&s, "viewer2", &spam, "scam link").await, 204);
    let cleared = next(&mut fan_rx, |m| match m {
        ServerMessage::ClearMsg(c) => Some(c.message_id.clone()),
        _ => None,
    })
    .await;
    assert_eq!(cleared, spam);
    let texts = |h: Vec<aethex_sdk::ChatMessage>| h.into_iter().map(|m| m.text).collect::<Vec<_>>();
    assert_eq!(texts(s.client().chat_history("streamer").await.unwrap()), ["hello all"]);
    let queue = mods.raw(Method::GET, "api/moderation/reports", &q, None).await.unwrap();
    assert_eq!((queue["data"][0]["status"].as_str(), queue["data"][0]["reports"].as_i64()), (Some("hidden"), Some(2)));
    assert_eq!(queue["data"][0]["reasons"], json!(["scam link", "spam"]));

    // Dismissed: shown again. Then the other one is removed for good.
    let verdict = |id: String, v: &'static str| {
        let mods = &mods;
        async move {
            mods.raw(Method::PATCH, &format!("api/moderation/reports/{id}"), &[], Some(json!({"verdict": v}))).await
        }
    };
    verdict(spam.clone(), "dismiss").await.unwrap();
    assert!(verdict(spam.clone(), "remove").await.is_err(), "already resolved");
    let again = next(&mut fan_rx, privmsg).await;
    assert_eq!(again, ("spammer".to_string(), "cheap followers at example dot com".to_string()));
    verdict(hello.clone(), "remove").await.unwrap();
    let cleared = next(&mut fan_rx, |m| match m {
        ServerMessage::ClearMsg(c) => Some(c.message_id.clone()),
        _ => None,
    })
    .await;
    assert_eq!(cleared, hello);
    assert_eq!(texts(s.client().chat_history("streamer").await.unwrap()), ["cheap followers at example dot com"]);
    let queue = mods.raw(Method::GET, "api/moderation/reports", &q, None).await.unwrap();
    assert_eq!(queue["data"], json!([]), "nothing left to review");
    let all = [q[0].clone(), ("status".to_string(), "all".to_string())];
    let done = mods.raw(Method::GET, "api/moderation/reports", &all, None).await.unwrap();
    let statuses: Vec<&str> = done["data"].as_array().unwrap().iter().map(|r| r["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["dismissed", "removed"]);
    s.stop().await;
}

/// The session's CSRF token, as the channel page gives it to its scripts.
async fn page_csrf(s: &TestServer, browser: &reqwest::Client) -> String {
    let html = browser.get(s.url("/streamer")).send().await.unwrap().text().await.unwrap();
    let marker = "data-csrf=\"";
    let at = html.find(marker).expect("a signed-in page has the token") + marker.len();
    html[at..].split('"').next().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_web_app_reports_and_its_moderation_page_resolves() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("streamer", None).await;
    s.user("helper", Some("helper password 1")).await;
    s.user("viewer1", Some("viewer password 1")).await;
    let owner = s.client_with(&s.token("streamer", "channel:manage").await);
    owner.raw(Method::PUT, "api/channels/streamer/moderators/helper", &[], None).await.unwrap();
    let (helper, viewer) = (s.browser(), s.browser());
    s.browser_login(&helper, "helper", "helper password 1").await;
    s.browser_login(&viewer, "viewer1", "viewer password 1").await;
    let csrf = common::csrf_of(&helper.get(s.url("/moderation/streamer")).send().await.unwrap().text().await.unwrap());

    // The moderator sets AutoMod and the report threshold with the page's form.
    let saved = helper
        .post(s.url("/moderation/streamer/settings"))
        .form(&[("csrf", csrf.as_str()), ("level", "4"), ("threshold", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 200);
    let refused = helper
        .post(s.url("/moderation/streamer/settings"))
        .form(&[("csrf", csrf.as_str()), ("level", "9"), ("threshold", "1")])
        .send()
        .await
        .unwrap();
    assert!(refused.text().await.unwrap().contains("Choose a level from 0 to 4"));
    let stale = helper
        .post(s.url("/moderation/streamer/settings"))
        .form(&[("csrf", "not-the-token"), ("level", "0"), ("threshold", "0")])
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 403, "CSRF");

    let troll = s.client_with(&s.token("troll", CHAT).await);
    let held = troll.send_chat("streamer", "fuck this stream").await.unwrap_err();
    assert!(held.to_string().contains("being checked by mods"), "{held}");
    let said =
        s.client_with(&s.token("fan", CHAT).await).send_chat("streamer", "buy my course at example dot com").await;
    let said = said.unwrap();

    // A viewer reports from the channel page's script: one report hides it here.
    let token = page_csrf(&s, &viewer).await;
    let report = |token: &str| {
        viewer
            .post(s.url("/chat/reports"))
            .header("X-CSRF-Token", token)
            .json(&json!({"broadcaster_login": "streamer", "message_id": said.id, "reason": "spam"}))
            .send()
    };
    assert_eq!(report("wrong").await.unwrap().status(), 403, "the page's token is required");
    assert_eq!(report(&token).await.unwrap().status(), 204);
    let texts = |h: Vec<aethex_sdk::ChatMessage>| h.into_iter().map(|m| m.text).collect::<Vec<_>>();
    assert!(texts(s.client().chat_history("streamer").await.unwrap()).is_empty(), "hidden");

    // The moderator's page lists both, with a link from the channel page; others are turned away.
    assert!(helper.get(s.url("/streamer")).send().await.unwrap().text().await.unwrap().contains("id=\"mod-link\""));
    assert!(!viewer.get(s.url("/streamer")).send().await.unwrap().text().await.unwrap().contains("id=\"mod-link\""));
    let queue = helper.get(s.url("/moderation/streamer")).send().await.unwrap().text().await.unwrap();
    assert!(queue.contains("fuck this stream") && queue.contains("buy my course at example dot com"), "{queue}");
    assert!(queue.contains("1 report") && queue.contains("hidden until reviewed"));
    assert_eq!(viewer.get(s.url("/moderation/streamer")).send().await.unwrap().status(), 403);
    assert_eq!(s.browser().get(s.url("/moderation/streamer")).send().await.unwrap().status(), 303, "log in first");

    // Allow the held line, dismiss the report: both are in the chat again.
    let helper_api = s.client_with(&s.token("helper", "moderator:manage:automod").await);
    let pending = helper_api.held_messages("streamer").await.unwrap();
    assert_eq!(pending.len(), 1);
    let post = |path: String| helper.post(s.url(&path)).form(&[("csrf", csrf.as_str())]).send();
    let allowed = post(format!("/moderation/streamer/held/{}/allow", pending[0].message_id)).await.unwrap();
    assert_eq!(allowed.status(), 303);
    let again = post(format!("/moderation/streamer/held/{}/deny", pending[0].message_id)).await.unwrap();
    assert!(again.text().await.unwrap().contains("already handled"));
    assert_eq!(post(format!("/moderation/streamer/reports/{}/dismiss", said.id)).await.unwrap().status(), 303);
    let history = texts(s.client().chat_history("streamer").await.unwrap());
    assert_eq!(history, ["fuck this stream", "buy my course at example dot com"]);
    let queue = helper.get(s.url("/moderation/streamer")).send().await.unwrap().text().await.unwrap();
    assert!(queue.contains("No messages are waiting") && queue.contains("No reports to review"));
    s.stop().await;
}
