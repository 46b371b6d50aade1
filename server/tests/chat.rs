//! Chat through real clients: the `twitch-irc` crate (over a transport aimed
//! at AeThex's IRC port) and the `irc` crate, plus raw sockets for bad input;
//! moderation through chat commands and REST.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use aethex_sdk::chat_protocol::{ClientFrame, ServerFrame};
use aethex_sdk::chat_socket::ChatSocket;
use aethex_sdk::chat_transport::{set_target_addr, AethexTransport};
use common::{Backend, TestServer};
use futures_util::{SinkExt as _, StreamExt as _};
use tokio::io::{AsyncBufReadExt as _, AsyncReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::TcpStream;
use twitch_irc::login::StaticLoginCredentials;
use twitch_irc::message::ServerMessage;
use twitch_irc::{ClientConfig, TwitchIRCClient};

type Incoming = tokio::sync::mpsc::UnboundedReceiver<ServerMessage>;
type Twitch = TwitchIRCClient<AethexTransport, StaticLoginCredentials>;

fn twitch_client(login: &str, token: Option<String>) -> (Incoming, Twitch) {
    let creds = StaticLoginCredentials::new(login.to_string(), token);
    TwitchIRCClient::<AethexTransport, StaticLoginCredentials>::new(ClientConfig::new_simple(creds))
}

/// The next server message matching `f`, within 5 s.
async fn next_matching<T>(rx: &mut Incoming, mut f: impl FnMut(&ServerMessage) -> Option<T>) -> T {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        let m = tokio::time::timeout_at(deadline, rx.recv()).await.expect("message in time").expect("client alive");
        if let Some(t) = f(&m) {
            return t;
        }
    }
}

async fn joined(rx: &mut Incoming, channel: &str) {
    next_matching(rx, |m| match m {
        ServerMessage::Join(j) if j.channel_login == channel => Some(()),
        _ => None,
    })
    .await
}

async fn notice(rx: &mut Incoming) -> (Option<String>, String) {
    next_matching(rx, |m| match m {
        ServerMessage::Notice(n) => Some((n.message_id.clone(), n.message_text.clone())),
        _ => None,
    })
    .await
}

both_backends!(twitch_clients_chat_with_tags_and_moderation);

async fn twitch_clients_chat_with_tags_and_moderation(backend: Backend) {
    let s = TestServer::start(backend).await;
    set_target_addr(s.irc);
    let streamer_id = s.user("streamer", None).await;
    s.user("fan", None).await;
    s.user("helper", None).await;
    let chat_scopes = "chat:read chat:edit user:edit:subscriptions user:edit:follows";
    let fan_token = s.token("fan", chat_scopes).await;
    s.client_with(&fan_token).subscribe("streamer", 1).await.unwrap();
    let owner = s.client_with(&s.token("streamer", "channel:manage moderator:manage").await);
    owner.raw(reqwest::Method::PUT, "api/channels/streamer/moderators/helper", &[], None).await.unwrap();

    let (mut streamer_rx, streamer) = twitch_client("streamer", Some(s.token("streamer", chat_scopes).await));
    let (mut fan_rx, fan) = twitch_client("fan", Some(fan_token));
    let (mut helper_rx, helper) = twitch_client("helper", Some(s.token("helper", chat_scopes).await));
    let (mut anon_rx, anon) = twitch_client("justinfan12345", None);
    for (c, rx) in
        [(&streamer, &mut streamer_rx), (&fan, &mut fan_rx), (&helper, &mut helper_rx), (&anon, &mut anon_rx)]
    {
        c.join("streamer".into()).unwrap();
        joined(rx, "streamer").await;
    }

    // A tagged PRIVMSG reaches everyone else, with the sender's real badges.
    fan.say("streamer".into(), "hello; @everyone \\o/".into()).await.unwrap();
    let got = next_matching(&mut streamer_rx, |m| match m {
        ServerMessage::Privmsg(p) => Some(p.clone()),
        _ => None,
    })
    .await;
    assert_eq!(got.message_text, "hello; @everyone \\o/");
    assert_eq!((got.sender.login.as_str(), got.channel_login.as_str()), ("fan", "streamer"));
    assert!(got.badges.iter().any(|b| b.name == "subscriber"), "{:?}", got.badges);
    assert_eq!(got.channel_id, streamer_id.to_string());
    // Ids look like Twitch's: never "1" or "0", which Twitch clients read as booleans.
    assert!(streamer_id > 100_000_000, "{streamer_id}");
    let anon_got = next_matching(&mut anon_rx, |m| match m {
        ServerMessage::Privmsg(p) => Some(p.message_text.clone()),
        _ => None,
    })
    .await;
    assert_eq!(anon_got, "hello; @everyone \\o/", "anonymous readers receive");
    streamer.say("streamer".into(), "welcome!".into()).await.unwrap();
    let from_broadcaster = next_matching(&mut fan_rx, |m| match m {
        ServerMessage::Privmsg(p) => Some(p.clone()),
        _ => None,
    })
    .await;
    assert!(from_broadcaster.badges.iter().any(|b| b.name == "broadcaster"));

    // `/me` both ways, the chat command and IRC's CTCP ACTION, arrives as an action.
    fan.me("streamer".into(), "waves".into()).await.unwrap();
    fan.privmsg("streamer".into(), "\u{1}ACTION dances\u{1}".into()).await.unwrap();
    for expected in ["waves", "dances"] {
        let got = next_matching(&mut streamer_rx, |m| match m {
            ServerMessage::Privmsg(p) => Some(p.clone()),
            _ => None,
        })
        .await;
        assert_eq!((got.message_text.as_str(), got.is_action), (expected, true));
    }

    // Platform events reach chat: a renewal is a resub USERNOTICE, a donation AeThex's own.
    s.client_with(&s.token("fan", "user:edit:subscriptions").await).subscribe("streamer", 2).await.unwrap();
    let (msg_id, sub_plan) = next_matching(&mut streamer_rx, |m| match m {
        ServerMessage::UserNotice(u) => {
            Some((u.source.tags.0.get("msg-id").cloned(), u.source.tags.0.get("msg-param-sub-plan").cloned()))
        }
        _ => None,
    })
    .await;
    assert_eq!((msg_id.as_deref(), sub_plan.as_deref()), (Some("sub"), Some("2000")));
    let donation = aethex_sdk::DonationRequest {
        broadcaster_login: "streamer".into(),
        amount: 1250,
        currency: "EUR".into(),
        message: "for the stream".into(),
        donor_name: None,
    };
    s.client_with(&s.token("fan", "donations:write").await).donate(&donation, None).await.unwrap();
    let (system, text) = next_matching(&mut streamer_rx, |m| match m {
        ServerMessage::UserNotice(u) => Some((u.system_message.clone(), u.message_text.clone())),
        _ => None,
    })
    .await;
    assert_eq!(system, "fan donated 12.50 EUR!");
    assert_eq!(text.as_deref(), Some("for the stream"));

    // Anonymous logins are read-only.
    anon.say("streamer".into(), "can I talk?".into()).await.unwrap();
    let (id, _) = notice(&mut anon_rx).await;
    assert_eq!(id.as_deref(), Some("msg_requires_chat_edit"));

    // History over REST has the messages; chatters lists the signed-in users.
    let history: serde_json::Value =
        s.http().get(s.url("/api/chat/streamer/messages")).send().await.unwrap().json().await.unwrap();
    let texts: Vec<&str> = history["data"].as_array().unwrap().iter().map(|m| m["text"].as_str().unwrap()).collect();
    assert_eq!(texts, vec!["hello; @everyone \\o/", "welcome!", "waves", "dances"]);
    let actions: Vec<bool> =
        history["data"].as_array().unwrap().iter().map(|m| m["action"].as_bool().unwrap()).collect();
    assert_eq!(actions, vec![false, false, true, true]);
    let chatters: serde_json::Value =
        s.http().get(s.url("/api/chat/streamer/chatters")).send().await.unwrap().json().await.unwrap();
    assert_eq!(chatters["data"][0]["chatters"], serde_json::json!(["fan", "helper", "streamer"]));
    assert_eq!(chatters["data"][0]["viewer_count"], 4);

    // A moderator deletes a message over REST: CLEARMSG reaches clients, history drops it.
    let fan_msg_id = history["data"][0]["id"].as_str().unwrap().to_string();
    let mod_api = s.client_with(&s.token("helper", "moderator:manage").await);
    mod_api
        .raw(
            reqwest::Method::DELETE,
            "api/moderation/chat",
            &[("broadcaster_login".into(), "streamer".into()), ("message_id".into(), fan_msg_id.clone())],
            None,
        )
        .await
        .unwrap();
    let cleared = next_matching(&mut streamer_rx, |m| match m {
        ServerMessage::ClearMsg(c) => Some(c.message_id.clone()),
        _ => None,
    })
    .await;
    assert_eq!(cleared, fan_msg_id);

    // A moderator times the fan out by chat command: CLEARCHAT for everyone,
    // and the fan's next message is refused.
    helper.privmsg("streamer".into(), "/timeout fan 120".into()).await.unwrap();
    let (id, _) = notice(&mut helper_rx).await;
    assert_eq!(id.as_deref(), Some("timeout_success"));
    let timed_out = next_matching(&mut streamer_rx, |m| match m {
        ServerMessage::ClearChat(c) => Some(format!("{:?}", c.action)),
        _ => None,
    })
    .await;
    assert!(timed_out.contains("UserTimedOut") && timed_out.contains("fan"), "{timed_out}");
    assert!(timed_out.contains("timeout_length: 120s"), "announced as asked, not a second short: {timed_out}");
    fan.say("streamer".into(), "let me talk".into()).await.unwrap();
    let (id, _) = notice(&mut fan_rx).await;
    assert_eq!(id.as_deref(), Some("msg_timedout"));
    // A regular user cannot moderate; moderators cannot ban the broadcaster.
    fan.privmsg("streamer".into(), "/ban helper".into()).await.unwrap();
    assert_eq!(notice(&mut fan_rx).await.0.as_deref(), Some("no_permission"), "regular users cannot moderate");
    helper.privmsg("streamer".into(), "/ban streamer".into()).await.unwrap();
    assert_eq!(notice(&mut helper_rx).await.0.as_deref(), Some("bad_ban_broadcaster"));
    // Unban over REST; slow mode over chat changes ROOMSTATE.
    mod_api
        .raw(
            reqwest::Method::DELETE,
            "api/moderation/bans",
            &[("broadcaster_login".into(), "streamer".into()), ("user_login".into(), "fan".into())],
            None,
        )
        .await
        .unwrap();
    fan.say("streamer".into(), "back again".into()).await.unwrap();
    let back = next_matching(&mut streamer_rx, |m| match m {
        ServerMessage::Privmsg(p) => Some(p.message_text.clone()),
        _ => None,
    })
    .await;
    assert_eq!(back, "back again");
    helper.privmsg("streamer".into(), "/slow 30".into()).await.unwrap();
    let slow = next_matching(&mut fan_rx, |m| match m {
        ServerMessage::RoomState(r) => r.slow_mode.map(|d| (d, r.clone())),
        _ => None,
    })
    .await;
    assert_eq!(slow.0, Duration::from_secs(30));
    // As on Twitch, a mode change carries only what changed, so clients can tell it from a join.
    let mut tags: Vec<&str> = slow.1.source.tags.0.keys().map(String::as_str).collect();
    tags.sort();
    assert_eq!(tags, ["room-id", "slow"]);
    assert_eq!((slow.1.emote_only, slow.1.followers_only.is_none(), slow.1.subscribers_only), (None, true, None));
    fan.say("streamer".into(), "too soon".into()).await.unwrap();
    assert_eq!(notice(&mut fan_rx).await.0.as_deref(), Some("msg_slowmode"));
    // Room modes are visible over REST too.
    let settings: serde_json::Value = s
        .http()
        .get(s.url("/api/moderation/chat-settings?broadcaster_login=streamer"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(settings["data"][0]["slow_seconds"], 30);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn websocket_gateways_share_rooms_with_irc() {
    use tokio_tungstenite::tungstenite::Message as Ws;
    let s = TestServer::start(Backend::Sqlite).await;
    set_target_addr(s.irc);
    s.user("webroom", None).await;
    s.user("webfan", None).await;
    let ws_url = |path: &str| format!("ws://{}{path}", s.addr);
    async fn next_text(
        ws: &mut tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<TcpStream>>,
        needle: &str,
    ) -> String {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        loop {
            let m = tokio::time::timeout_at(deadline, ws.next())
                .await
                .expect("frame in time")
                .expect("open")
                .expect("frame");
            if let Ws::Text(t) = m {
                if t.contains(needle) {
                    return t.to_string();
                }
            }
        }
    }
    // JSON socket through the SDK's typed client: auth, join (history arrives), send.
    async fn next_frame(ws: &mut ChatSocket, mut f: impl FnMut(&ServerFrame) -> bool) -> ServerFrame {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        loop {
            let frame = tokio::time::timeout_at(deadline, ws.next())
                .await
                .expect("frame in time")
                .expect("open")
                .expect("a frame of the protocol");
            if f(&frame) {
                return frame;
            }
        }
    }
    let mut json = ChatSocket::connect(&s.client()).await.unwrap();
    assert_eq!(next_frame(&mut json, |_| true).await, ServerFrame::Welcome { user: None });
    let token = s.token("webfan", "chat:read chat:edit").await;
    json.send(&ClientFrame::Auth { token }).await.unwrap();
    assert_eq!(next_frame(&mut json, |_| true).await, ServerFrame::Welcome { user: Some("webfan".into()) });
    // IRC over WebSocket: one line per frame.
    let (mut ircws, _) = tokio_tungstenite::connect_async(ws_url("/irc")).await.unwrap();
    let host_token = s.token("webroom", "chat:read chat:edit").await;
    for line in [
        "CAP REQ :twitch.tv/tags twitch.tv/commands".to_string(),
        format!("PASS oauth:{host_token}"),
        "NICK webroom".into(),
        "JOIN #webroom".into(),
    ] {
        ircws.send(Ws::text(line)).await.unwrap();
    }
    next_text(&mut ircws, "ROOMSTATE").await;
    ircws.send(Ws::text("PRIVMSG #webroom :first from irc-over-ws")).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    json.send(&ClientFrame::Join { channel: "#WebRoom".into() }).await.unwrap();
    let ServerFrame::History { channel, messages, settings } = next_frame(&mut json, |_| true).await else {
        panic!("history first after a join")
    };
    assert_eq!(channel, "webroom");
    assert!(messages.iter().any(|m| m.text == "first from irc-over-ws"), "{messages:?}");
    assert_eq!(settings, aethex_sdk::ChatSettings::default());
    // A twitch-irc client over TCP is in the same room.
    let (mut rx, _tcp) = twitch_client("webroom", Some(host_token.clone()));
    _tcp.join("webroom".into()).unwrap();
    joined(&mut rx, "webroom").await;
    json.send(&ClientFrame::Send { channel: "webroom".into(), text: "hi from the web".into() }).await.unwrap();
    let ServerFrame::Message { message } = next_frame(&mut json, |_| true).await else { panic!("the sent message") };
    assert_eq!((message.user_login.as_str(), message.text.as_str()), ("webfan", "hi from the web"));
    let line = next_text(&mut ircws, "hi from the web").await;
    assert!(line.starts_with('@') && line.contains("display-name=webfan"), "{line}");
    let tcp_got = next_matching(&mut rx, |m| match m {
        ServerMessage::Privmsg(p) => Some(p.message_text.clone()),
        _ => None,
    })
    .await;
    assert_eq!(tcp_got, "hi from the web");
    // Moderation reaches the JSON socket as typed frames naming the room.
    let host = s.client_with(&s.token("webroom", "moderator:manage").await);
    host.delete_chat_message("webroom", &message.id).await.unwrap();
    let deleted = next_frame(&mut json, |f| matches!(f, ServerFrame::Delete { .. })).await;
    assert_eq!(deleted, ServerFrame::Delete { channel: "webroom".into(), message_id: message.id.clone() });
    host.update_chat_settings(
        "webroom",
        &aethex_sdk::ChatSettingsUpdate { slow_seconds: Some(5), ..Default::default() },
    )
    .await
    .unwrap();
    let ServerFrame::Settings { channel, settings } =
        next_frame(&mut json, |f| matches!(f, ServerFrame::Settings { .. })).await
    else {
        unreachable!()
    };
    assert_eq!((channel.as_str(), settings.slow_seconds), ("webroom", 5));
    host.clear_chat("webroom").await.unwrap();
    let cleared = next_frame(&mut json, |f| matches!(f, ServerFrame::Clear { .. })).await;
    assert_eq!(cleared, ServerFrame::Clear { channel: "webroom".into() });
    // Bad frames get an error, not a disconnect.
    let (mut raw, _) = tokio_tungstenite::connect_async(ws_url("/chat/ws")).await.unwrap();
    raw.send(Ws::text("{not json")).await.unwrap();
    let error: ServerFrame = serde_json::from_str(&next_text(&mut raw, "unreadable frame").await).unwrap();
    assert!(matches!(error, ServerFrame::Error { .. }), "{error:?}");
    raw.send(Ws::text(ClientFrame::Join { channel: "webroom".into() }.to_json())).await.unwrap();
    next_text(&mut raw, "history").await;
    // Anonymous JSON sockets are read-only.
    let mut anon = aethex_sdk::chat_socket::open(&s.client(), None, "webroom").await.unwrap();
    next_frame(&mut anon, |f| matches!(f, ServerFrame::History { .. })).await;
    anon.send(&ClientFrame::Send { channel: "webroom".into(), text: "x".into() }).await.unwrap();
    let ServerFrame::Notice { msg_id, .. } = next_frame(&mut anon, |f| matches!(f, ServerFrame::Notice { .. })).await
    else {
        unreachable!()
    };
    assert_eq!(msg_id, "msg_not_joined", "anonymous sockets cannot talk");
    // A missing room is a notice naming it.
    anon.send(&ClientFrame::Join { channel: "nosuchroom".into() }).await.unwrap();
    let missing = next_frame(&mut anon, |f| matches!(f, ServerFrame::Notice { .. })).await;
    assert_eq!(missing.channel(), Some("nosuchroom"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_socket_joins_share_the_irc_join_rate() {
    let s = TestServer::start(Backend::Sqlite).await;
    for i in 0..21 {
        s.user(&format!("room{i}"), None).await;
    }
    let mut ws = ChatSocket::connect(&s.client()).await.unwrap();
    for i in 0..21 {
        ws.send(&ClientFrame::Join { channel: format!("room{i}") }).await.unwrap();
    }
    let (mut histories, mut refused) = (0, Vec::new());
    while histories + refused.len() < 21 {
        let frame = tokio::time::timeout(Duration::from_secs(5), ws.next()).await.unwrap().unwrap().unwrap();
        match frame {
            ServerFrame::History { .. } => histories += 1,
            ServerFrame::Notice { channel, msg_id, .. } => refused.push((channel, msg_id)),
            _ => {}
        }
    }
    assert_eq!(histories, 20, "20 joins per 10 s, as on IRC");
    assert_eq!(refused, vec![("room20".to_string(), "msg_ratelimit".to_string())]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limit_and_permanent_ban() {
    let s = TestServer::start(Backend::Sqlite).await;
    set_target_addr(s.irc);
    s.user("host", None).await;
    s.user("spammer", None).await;
    let (mut rx, spammer) = twitch_client("spammer", Some(s.token("spammer", "chat:read chat:edit").await));
    spammer.join("host".into()).unwrap();
    joined(&mut rx, "host").await;
    for i in 0..21 {
        spammer.say("host".into(), format!("spam {i}")).await.unwrap();
    }
    let (id, text) = notice(&mut rx).await;
    assert_eq!(id.as_deref(), Some("msg_ratelimit"), "{text}");
    let history: serde_json::Value =
        s.http().get(s.url("/api/chat/host/messages")).send().await.unwrap().json().await.unwrap();
    assert_eq!(history["data"].as_array().unwrap().len(), 20, "20 messages per 30 s for regular users");

    let owner = s.client_with(&s.token("host", "moderator:manage").await);

    // Blocked terms: managed over REST, matched in any case, moderators exempt.
    let q = |term: &str| {
        vec![("broadcaster_login".to_string(), "host".to_string()), ("term".to_string(), term.to_string())]
    };
    let terms = owner.raw(reqwest::Method::PUT, "api/moderation/blocked-terms", &q("Badword"), None).await.unwrap();
    assert_eq!(terms["data"], serde_json::json!(["badword"]));
    s.user("regular", None).await;
    let regular = s.client_with(&s.token("regular", "chat:edit").await);
    let said = regular
        .raw(
            reqwest::Method::POST,
            "api/chat/host/messages",
            &[],
            Some(serde_json::json!({"text": "this has a BADWORD in it"})),
        )
        .await;
    assert!(
        matches!(said, Err(aethex_sdk::Error::Invalid { ref message }) if message.contains("blocked term")),
        "{said:?}"
    );
    let host = s.client_with(&s.token("host", "chat:edit").await);
    host.raw(
        reqwest::Method::POST,
        "api/chat/host/messages",
        &[],
        Some(serde_json::json!({"text": "the broadcaster may say badword"})),
    )
    .await
    .unwrap();
    owner.raw(reqwest::Method::DELETE, "api/moderation/blocked-terms", &q("badword"), None).await.unwrap();
    regular
        .raw(
            reqwest::Method::POST,
            "api/chat/host/messages",
            &[],
            Some(serde_json::json!({"text": "badword is fine now"})),
        )
        .await
        .unwrap();
    let bad = owner.raw(reqwest::Method::PUT, "api/moderation/blocked-terms", &q("   "), None).await;
    assert!(matches!(bad, Err(aethex_sdk::Error::Invalid { .. })));
    let not_mod = regular.raw(reqwest::Method::GET, "api/moderation/blocked-terms", &q("x"), None).await;
    assert!(matches!(not_mod, Err(aethex_sdk::Error::Forbidden { .. })));

    let ban = aethex_sdk::BanRequest {
        broadcaster_login: "host".into(),
        user_login: "spammer".into(),
        duration: None,
        reason: "spam".into(),
    };
    owner
        .raw(reqwest::Method::POST, "api/moderation/bans", &[], Some(serde_json::to_value(&ban).unwrap()))
        .await
        .unwrap();
    let history: serde_json::Value =
        s.http().get(s.url("/api/chat/host/messages")).send().await.unwrap().json().await.unwrap();
    let remaining = history["data"].as_array().unwrap();
    assert!(!remaining.is_empty(), "other users' messages stay");
    assert!(remaining.iter().all(|m| m["user_login"] != "spammer"), "a ban removes the user's messages from history");
    // The ban is checked before the rate limit, so the refusal names the ban.
    let sent = s
        .client_with(&s.token("spammer", "chat:edit").await)
        .raw(reqwest::Method::POST, "api/chat/host/messages", &[], Some(serde_json::json!({"text": "hi"})))
        .await;
    match sent {
        Err(aethex_sdk::Error::Invalid { message }) => assert!(message.contains("banned"), "{message}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    // Non-moderators cannot use the moderation API.
    let nobody = s.client_with(&s.token("spammer", "moderator:manage").await);
    assert!(matches!(
        nobody.raw(reqwest::Method::POST, "api/moderation/bans", &[], Some(serde_json::to_value(&ban).unwrap())).await,
        Err(aethex_sdk::Error::Forbidden { .. })
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn irc_crate_client_talks_plain_irc() {
    use irc::client::prelude::{Client, Command, Config};
    let s = TestServer::start(Backend::Sqlite).await;
    set_target_addr(s.irc);
    s.user("plainroom", None).await;
    s.user("oldschool", None).await;
    let config = Config {
        nickname: Some("oldschool".into()),
        server: Some("127.0.0.1".into()),
        port: Some(s.irc.port()),
        password: Some(format!("oauth:{}", s.token("oldschool", "chat:read chat:edit").await)),
        channels: vec!["#plainroom".into()],
        ..Config::default()
    };
    let mut client = Client::from_config(config).await.unwrap();
    client.identify().unwrap();
    let mut stream = client.stream().unwrap();
    // Wait for our own JOIN echo.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        let m = tokio::time::timeout_at(deadline, stream.next()).await.unwrap().unwrap().unwrap();
        if matches!(m.command, Command::JOIN(ref c, _, _) if c == "#plainroom") {
            break;
        }
    }
    // Another user (over twitch-irc) talks; the plain client gets an untagged PRIVMSG.
    let (mut rx, host) = twitch_client("plainroom", Some(s.token("plainroom", "chat:read chat:edit").await));
    host.join("plainroom".into()).unwrap();
    joined(&mut rx, "plainroom").await;
    host.say("plainroom".into(), "hi old friend".into()).await.unwrap();
    loop {
        let m =
            tokio::time::timeout_at(deadline + Duration::from_secs(5), stream.next()).await.unwrap().unwrap().unwrap();
        if let Command::PRIVMSG(target, text) = &m.command {
            assert_eq!((target.as_str(), text.as_str()), ("#plainroom", "hi old friend"));
            assert!(m.tags.is_none(), "no tags without CAP REQ twitch.tv/tags");
            break;
        }
    }
    // The irc crate writes queued messages while its stream is polled.
    tokio::spawn(async move { while stream.next().await.is_some() {} });
    client.send_privmsg("#plainroom", "hello from irc").unwrap();
    let got = next_matching(&mut rx, |m| match m {
        ServerMessage::Privmsg(p) => Some(p.message_text.clone()),
        _ => None,
    })
    .await;
    assert_eq!(got, "hello from irc");
}

/// A raw socket client for bad input.
struct Raw {
    r: BufReader<tokio::net::tcp::OwnedReadHalf>,
    w: tokio::net::tcp::OwnedWriteHalf,
}

impl Raw {
    async fn connect(addr: SocketAddr) -> Self {
        Self::from_stream(TcpStream::connect(addr).await.unwrap())
    }
    fn from_stream(stream: TcpStream) -> Self {
        let (r, w) = stream.into_split();
        Self { r: BufReader::new(r), w }
    }
    async fn send(&mut self, bytes: &[u8]) {
        self.w.write_all(bytes).await.unwrap();
    }
    /// Lines until one contains `needle` (5 s); None if the server hung up first.
    async fn until(&mut self, needle: &str) -> Option<String> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        loop {
            let mut line = String::new();
            match tokio::time::timeout_at(deadline, self.r.read_line(&mut line)).await {
                Ok(Ok(0)) | Ok(Err(_)) => return None,
                Ok(Ok(_)) if line.contains(needle) => return Some(line),
                Ok(Ok(_)) => {}
                Err(_) => panic!("no line with {needle:?} in time"),
            }
        }
    }
    async fn closed(&mut self) -> bool {
        let mut buf = [0u8; 4096];
        loop {
            match tokio::time::timeout(Duration::from_secs(5), self.r.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) => return true,
                Ok(Ok(_)) => {}
                Err(_) => return false,
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_gets_irc_answers() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("room", None).await;
    s.user("talker", None).await;
    let token = s.token("talker", "chat:read chat:edit").await;

    // Commands before login.
    let mut c = Raw::connect(s.irc).await;
    c.send(b"JOIN #room\r\n").await;
    assert!(c.until(" 451 ").await.is_some());
    // Wrong token: Twitch's exact notice, then the server hangs up.
    c.send(b"PASS oauth:nope\r\nNICK talker\r\n").await;
    assert!(c.until("Login authentication failed").await.is_some());
    assert!(c.closed().await);

    // LF-only lines work; CAP is acknowledged; unknown commands get 421.
    let mut c = Raw::connect(s.irc).await;
    c.send(format!("CAP REQ :twitch.tv/tags twitch.tv/commands\nPASS oauth:{token}\nNICK talker\n").as_bytes()).await;
    assert!(c.until("CAP * ACK").await.is_some());
    assert!(c.until(" 376 ").await.is_some());
    assert!(c.until("GLOBALUSERSTATE").await.is_some());
    c.send(b"FROBNICATE x\r\n").await;
    assert!(c.until(" 421 talker FROBNICATE").await.is_some());
    c.send(b"JOIN #room\r\n").await;
    assert!(c.until("ROOMSTATE").await.is_some());
    // NUL bytes and invalid UTF-8 are refused with a NOTICE, the connection stays.
    c.send(b"PRIVMSG #room :a\0b\r\n").await;
    assert!(c.until("NOTICE").await.is_some());
    c.send(b"PRIVMSG #room :\xff\xfe\r\n").await;
    assert!(c.until("UTF-8").await.is_some());
    // Whispers, however addressed, are refused clearly (Twitch's msg-id, so clients settle at once).
    for line in
        ["PRIVMSG #tmijs :/w room hi\r\n", "PRIVMSG #jtv :.w room hi\r\n", "PRIVMSG #room :/whisper room hi\r\n"]
    {
        c.send(line.as_bytes()).await;
        let notice = c.until("NOTICE").await.expect("an answer");
        assert!(notice.contains("msg-id=whisper_restricted"), "{line}: {notice}");
    }
    // Over-long text is refused; a JOIN flood is rate limited; nonexistent rooms are answered.
    c.send(format!("PRIVMSG #room :{}\r\n", "x".repeat(501)).as_bytes()).await;
    assert!(c.until("msg_too_long").await.is_some());
    let flood: String = (0..25).map(|i| format!("JOIN #nochannel{i}\r\n")).collect();
    c.send(flood.as_bytes()).await;
    assert!(c.until("msg_channel_suspended").await.is_some());
    assert!(c.until("msg_ratelimit").await.is_some());
    c.send(b"PING :tmi.twitch.tv\r\n").await;
    assert!(c.until("PONG tmi.twitch.tv :tmi.twitch.tv").await.is_some());
    // A bare PING (tmi.js's keepalive) gets the bare PONG tmi.js reads.
    c.send(b"PING\r\n").await;
    assert_eq!(c.until("PONG").await.as_deref().map(str::trim_end), Some("PONG :tmi.twitch.tv"));
    // A line beyond the IRC and tag limits ends the connection.
    c.send(format!("PRIVMSG #room :{}\r\n", "y".repeat(10_000)).as_bytes()).await;
    assert!(c.until("too long").await.is_some());
    assert!(c.closed().await);

    // And the room still works for everyone else.
    let mut d = Raw::connect(s.irc).await;
    d.send(format!("PASS oauth:{token}\r\nNICK talker\r\nJOIN #room\r\nPRIVMSG #room :still fine\r\n").as_bytes())
        .await;
    assert!(d.until(" 366 ").await.is_some());
    let history: serde_json::Value =
        s.http().get(s.url("/api/chat/room/messages")).send().await.unwrap().json().await.unwrap();
    let wait = tokio::time::Instant::now() + Duration::from_secs(3);
    let mut texts =
        history["data"].as_array().unwrap().iter().map(|m| m["text"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    while !texts.contains(&"still fine".to_string()) && tokio::time::Instant::now() < wait {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let h: serde_json::Value =
            s.http().get(s.url("/api/chat/room/messages")).send().await.unwrap().json().await.unwrap();
        texts = h["data"].as_array().unwrap().iter().map(|m| m["text"].as_str().unwrap().to_string()).collect();
    }
    assert_eq!(texts, vec!["still fine"]);
}

fn spawn_redis(port: u16) -> std::process::Child {
    let ok = std::process::Command::new("redis-server")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(ok, "redis-server is needed for the multi-node test: run scripts/test, which installs it");
    std::process::Command::new("redis-server")
        .args(["--port", &port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("redis-server starts")
}

async fn wait_redis(port: u16) {
    for _ in 0..100 {
        if TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("redis did not start");
}

/// Log a raw client in and join a room; returns it once the JOIN is confirmed.
async fn raw_member(addr: SocketAddr, login_lines: &str, room: &str) -> Raw {
    let mut c = Raw::connect(addr).await;
    c.send(format!("{login_lines}JOIN #{room}\r\n").as_bytes()).await;
    assert!(c.until(" 366 ").await.is_some(), "joined #{room}");
    c
}

/// Send numbered messages from `from` until `to` sees one (the other node's
/// Redis subscription may still be connecting); returns the text seen.
async fn until_crossed(from: &mut Raw, to: &mut Raw, room: &str, tag: &str, limit: Duration) -> Option<String> {
    let deadline = tokio::time::Instant::now() + limit;
    let mut n = 0;
    while tokio::time::Instant::now() < deadline {
        n += 1;
        from.send(format!("PRIVMSG #{room} :{tag} {n}\r\n").as_bytes()).await;
        let mut line = String::new();
        if let Ok(Ok(_)) = tokio::time::timeout(Duration::from_millis(500), to.r.read_line(&mut line)).await {
            if line.contains(tag) {
                return Some(line);
            }
        }
    }
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_share_rooms_through_redis_and_survive_its_outage() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut redis = spawn_redis(port);
    wait_redis(port).await;
    let url = format!("redis://127.0.0.1:{port}/");
    // Two server processes sharing one database and one Redis.
    let data = common::temp_dir("nodes");
    for login in ["hub", "alpha", "beta", "gamma"] {
        common::admin(&data, None, &["user", "create", login]);
    }
    let token = |login: &str, scopes: &str| common::admin(&data, None, &["token", "create", login, "--scopes", scopes]);
    let scopes = "chat:read,chat:edit";
    let env = [("AETHEX_REDIS_URL", url.as_str())];
    let a = common::Proc::start(&data, None, common::free_port(), &env).await;
    let b = common::Proc::start(&data, None, common::free_port(), &env).await;
    // Alpha sends on node A; a second reader watches node A; beta is on node B.
    let mut alpha = raw_member(a.irc, &format!("PASS oauth:{}\r\nNICK alpha\r\n", token("alpha", scopes)), "hub").await;
    let mut watcher_a = raw_member(a.irc, "NICK justinfan555\r\n", "hub").await;
    let mut beta = raw_member(b.irc, &format!("PASS oauth:{}\r\nNICK beta\r\n", token("beta", scopes)), "hub").await;

    let crossed = until_crossed(&mut alpha, &mut beta, "hub", "cross", Duration::from_secs(10)).await;
    assert!(crossed.is_some_and(|l| l.contains("PRIVMSG #hub :cross")), "a message on node A reaches node B");
    // History on node B includes messages sent through node A.
    let h: serde_json::Value = reqwest::get(b.url("/api/chat/hub/messages")).await.unwrap().json().await.unwrap();
    assert!(h["data"].as_array().unwrap().iter().any(|m| m["user_login"] == "alpha"));

    // Redis goes away: node A keeps serving its own members.
    redis.kill().unwrap();
    redis.wait().unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    alpha.send(b"PRIVMSG #hub :while apart\r\n").await;
    assert!(watcher_a.until("while apart").await.is_some(), "local delivery survives a Redis outage");

    // Redis returns on the same address: the nodes find each other again.
    let mut redis = spawn_redis(port);
    wait_redis(port).await;
    let again = until_crossed(&mut alpha, &mut beta, "hub", "rejoined", Duration::from_secs(20)).await;
    assert!(again.is_some(), "fan-out resumes when Redis returns");

    // Moderation state crosses too: a ban made through node A holds on node B.
    let owner = aethex_sdk::Client::new(&a.url("")).unwrap().with_token(token("hub", "moderator:manage"));
    let ban = aethex_sdk::BanRequest {
        broadcaster_login: "hub".into(),
        user_login: "beta".into(),
        duration: None,
        reason: String::new(),
    };
    owner
        .raw(reqwest::Method::POST, "api/moderation/bans", &[], Some(serde_json::to_value(&ban).unwrap()))
        .await
        .unwrap();
    let mut refused = false;
    for _ in 0..20 {
        beta.send(b"PRIVMSG #hub :am I banned\r\n").await;
        let mut line = String::new();
        if let Ok(Ok(_)) = tokio::time::timeout(Duration::from_millis(500), beta.r.read_line(&mut line)).await {
            if line.contains("msg_banned") {
                refused = true;
                break;
            }
        }
    }
    assert!(refused, "a ban made through node A is enforced on node B");

    // The rate limit holds across nodes: 15 messages through A and 10 through B exceed 20 per 30 s.
    let gamma_token = token("gamma", scopes);
    let mut gamma_a = raw_member(a.irc, &format!("PASS oauth:{gamma_token}\r\nNICK gamma\r\n"), "hub").await;
    let mut gamma_b = raw_member(b.irc, &format!("PASS oauth:{gamma_token}\r\nNICK gamma\r\n"), "hub").await;
    let burst: String = (0..15).map(|i| format!("PRIVMSG #hub :via a {i}\r\n")).collect();
    gamma_a.send(burst.as_bytes()).await;
    tokio::time::sleep(Duration::from_millis(700)).await;
    let burst: String = (0..10).map(|i| format!("PRIVMSG #hub :via b {i}\r\n")).collect();
    gamma_b.send(burst.as_bytes()).await;
    assert!(gamma_b.until("msg_ratelimit").await.is_some(), "node B counts what gamma sent through node A");
    let _ = redis.kill();
    let _ = redis.wait();
    a.kill();
    b.kill();
    let _ = std::fs::remove_dir_all(&data);
}

async fn viewer_count(srv: &TestServer, room: &str) -> i64 {
    let v: serde_json::Value =
        srv.http().get(srv.url(&format!("/api/chat/{room}/chatters"))).send().await.unwrap().json().await.unwrap();
    v["data"][0]["viewer_count"].as_i64().unwrap()
}

/// A client that stops reading is dropped, and nobody else waits for it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_reads_is_dropped() {
    let srv = TestServer::start(Backend::Sqlite).await;
    srv.user("streamer", None).await;
    let owner = srv.token("streamer", "channel:manage").await;
    // Ten moderators may send 100 messages per 30 s each: 1,000 in all.
    let mut senders = Vec::new();
    for i in 0..10 {
        let login = format!("mod{i}");
        srv.user(&login, None).await;
        let resp = srv
            .http()
            .put(srv.url(&format!("/api/channels/streamer/moderators/{login}")))
            .bearer_auth(&owner)
            .send()
            .await
            .unwrap();
        assert!(resp.status().is_success());
        senders.push(srv.token(&login, "chat:edit").await);
    }
    // The stalled client: a small receive window, joins, then never reads again.
    let sock = tokio::net::TcpSocket::new_v4().unwrap();
    sock.set_recv_buffer_size(2048).unwrap();
    let mut stalled = Raw::from_stream(sock.connect(srv.irc).await.unwrap());
    stalled.send(b"NICK justinfan777\r\nJOIN #streamer\r\n").await;
    assert!(stalled.until(" 366 ").await.is_some());
    let healthy = raw_member(srv.irc, "NICK justinfan778\r\n", "streamer").await;
    assert_eq!(viewer_count(&srv, "streamer").await, 2);

    let reader = tokio::spawn(async move {
        let mut healthy = healthy;
        let mut seen = 0;
        let deadline = tokio::time::Instant::now() + Duration::from_secs(120);
        while seen < 1000 {
            let mut line = String::new();
            match tokio::time::timeout_at(deadline, healthy.r.read_line(&mut line)).await {
                Ok(Ok(n)) if n > 0 => {
                    if line.contains("PRIVMSG #streamer :flood") {
                        seen += 1;
                    }
                }
                _ => break,
            }
        }
        (seen, healthy)
    });
    let text = "y".repeat(400);
    let mut tasks = Vec::new();
    for (i, token) in senders.into_iter().enumerate() {
        let (http, url, text) = (srv.http(), srv.url("/api/chat/streamer/messages"), text.clone());
        tasks.push(tokio::spawn(async move {
            for j in 0..100 {
                let resp = http
                    .post(&url)
                    .bearer_auth(&token)
                    .json(&serde_json::json!({"text": format!("flood {i}-{j} {text}")}))
                    .send()
                    .await
                    .unwrap();
                assert!(resp.status().is_success(), "{}", resp.text().await.unwrap());
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let (seen, _healthy) = reader.await.unwrap();
    assert_eq!(seen, 1000, "the reading client got every message");
    // The stalled one is gone from the room; the reading one is still there...
    let deadline = tokio::time::Instant::now() + Duration::from_secs(40);
    while viewer_count(&srv, "streamer").await != 1 {
        assert!(tokio::time::Instant::now() < deadline, "the stalled client was never dropped");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // ...and its socket, once drained, is closed by the server. After a long
    // zero window the server's kernel probes with backoff, so draining may
    // pause for seconds: allow a minute in all.
    let drained = tokio::time::timeout(Duration::from_secs(60), async {
        let mut buf = [0u8; 16 * 1024];
        loop {
            match stalled.r.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    })
    .await;
    assert!(drained.is_ok(), "the server hung up on the stalled client");
}

/// The free API tier is read-only on every surface that writes: REST, IRC
/// (messages and typed moderation commands), IRC over WebSocket and the JSON socket.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_free_tier_is_read_only_on_every_chat_surface() {
    use tokio_tungstenite::tungstenite::Message as Ws;
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("room", None).await;
    let user = s.user("freebie", None).await;
    let app = s.app("https://app.example/cb", aethex_server::auth::Tier::Free, false).await;
    let token = s.token_for(&app.client_id, Some(user), "chat:read chat:edit moderator:manage", 3600).await;
    let client = s.client_with(&token);
    assert!(matches!(client.send_chat("room", "over rest").await, Err(aethex_sdk::Error::Forbidden { .. })));
    // IRC over TCP: the login works (reading is allowed), talking and moderating do not.
    let mut irc = Raw::connect(s.irc).await;
    irc.send(
        format!("CAP REQ :twitch.tv/tags twitch.tv/commands\r\nPASS oauth:{token}\r\nNICK freebie\r\nJOIN #room\r\n")
            .as_bytes(),
    )
    .await;
    irc.until("ROOMSTATE").await.expect("joined");
    for line in ["PRIVMSG #room :over irc", "PRIVMSG #room :/ban room", "PRIVMSG #room :.slow 5"] {
        irc.send(format!("{line}\r\n").as_bytes()).await;
        let notice = irc.until("NOTICE").await.expect("a refusal");
        assert!(notice.contains("msg-id=msg_read_only_tier"), "{line}: {notice}");
    }
    // IRC over WebSocket.
    let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{}/irc", s.addr)).await.unwrap();
    for line in ["CAP REQ :twitch.tv/tags".to_string(), format!("PASS oauth:{token}"), "NICK freebie".into()] {
        ws.send(Ws::text(line)).await.unwrap();
    }
    ws.send(Ws::text("PRIVMSG #room :over irc-ws")).await.unwrap();
    let refused = loop {
        let frame = tokio::time::timeout(Duration::from_secs(5), ws.next()).await.unwrap().unwrap().unwrap();
        if let Ws::Text(t) = frame {
            if t.contains("NOTICE") {
                break t.to_string();
            }
        }
    };
    assert!(refused.contains("msg-id=msg_read_only_tier"), "{refused}");
    // The JSON socket.
    let mut json = aethex_sdk::chat_socket::open(&s.client(), Some(&token), "room").await.unwrap();
    let mut joined = false;
    while !joined {
        joined = matches!(json.next().await.unwrap().unwrap(), ServerFrame::History { .. });
    }
    json.send(&ClientFrame::Send { channel: "room".into(), text: "over json".into() }).await.unwrap();
    let frame = tokio::time::timeout(Duration::from_secs(5), json.next()).await.unwrap().unwrap().unwrap();
    assert!(matches!(&frame, ServerFrame::Notice { msg_id, .. } if msg_id == "msg_read_only_tier"), "{frame:?}");
    // Nothing got through, and nothing changed.
    assert!(s.client().chat_settings("room").await.unwrap().slow_seconds == 0);
    let history: serde_json::Value =
        s.http().get(s.url("/api/chat/room/messages")).send().await.unwrap().json().await.unwrap();
    assert_eq!(history["data"].as_array().map(Vec::len), Some(0), "{history}");
    // The same user through a pro-tier app talks.
    let pro = s.token("freebie", "chat:read chat:edit").await;
    assert_eq!(s.client_with(&pro).send_chat("room", "over rest, pro").await.unwrap().text, "over rest, pro");
}

/// IRC over WebSocket where Twitch serves it and tmi.js looks: the root path
/// of the host, with the `irc` subprotocol chosen when offered, every line
/// `\r\n`-terminated (Twurple parses nothing else); a plain GET of `/` is still the home page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn irc_over_websocket_at_the_root_like_twitch() {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest as _;
    use tokio_tungstenite::tungstenite::Message as Ws;
    let s = TestServer::start(Backend::Sqlite).await;
    let token = s.token("rooted", "chat:read chat:edit").await;
    let mut req = format!("ws://{}/", s.addr).into_client_request().unwrap();
    req.headers_mut().insert("sec-websocket-protocol", "irc".parse().unwrap());
    let (mut ws, resp) = tokio_tungstenite::connect_async(req).await.unwrap();
    assert_eq!(resp.headers()["sec-websocket-protocol"], "irc");
    for line in [
        "CAP REQ :twitch.tv/tags twitch.tv/commands".to_string(),
        format!("PASS oauth:{token}"),
        "NICK rooted".into(),
        "JOIN #rooted".into(),
    ] {
        ws.send(Ws::text(line)).await.unwrap();
    }
    let mut frames = Vec::new();
    while !frames.iter().any(|f: &String| f.contains("ROOMSTATE")) {
        let frame = tokio::time::timeout(Duration::from_secs(5), ws.next()).await.unwrap().unwrap().unwrap();
        if let Ws::Text(t) = frame {
            frames.push(t.to_string());
        }
    }
    assert!(frames.iter().any(|f| f.contains(" 001 rooted ")), "{frames:?}");
    for f in &frames {
        assert!(
            f.ends_with("\r\n") && !f[..f.len() - 2].contains(['\r', '\n']),
            "one terminated line per frame: {f:?}"
        );
    }
    // Without the subprotocol it works too; a plain GET is the home page.
    let (_ws, resp) = tokio_tungstenite::connect_async(format!("ws://{}/", s.addr)).await.unwrap();
    assert!(!resp.headers().contains_key("sec-websocket-protocol"));
    let home = s.http().get(s.url("/")).send().await.unwrap();
    assert_eq!(home.status(), 200);
    assert!(home.text().await.unwrap().contains("AeThex LIVE"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_socket_takes_twitch_chat_commands_from_moderators_only() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("cmdroom", None).await;
    s.user("cmdfan", None).await;
    async fn next(ws: &mut ChatSocket, mut f: impl FnMut(&ServerFrame) -> bool) -> ServerFrame {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        loop {
            let frame = tokio::time::timeout_at(deadline, ws.next()).await.expect("frame in time").unwrap().unwrap();
            if f(&frame) {
                return frame;
            }
        }
    }
    let notice = |f: &ServerFrame| matches!(f, ServerFrame::Notice { .. });
    let say = |text: &str| ClientFrame::Send { channel: "cmdroom".into(), text: text.into() };
    let host_token = s.token("cmdroom", "chat:read chat:edit").await;
    let fan_token = s.token("cmdfan", "chat:read chat:edit").await;
    let mut host = aethex_sdk::chat_socket::open(&s.client(), Some(&host_token), "cmdroom").await.unwrap();
    let mut fan = aethex_sdk::chat_socket::open(&s.client(), Some(&fan_token), "cmdroom").await.unwrap();
    next(&mut host, |f| matches!(f, ServerFrame::History { .. })).await;
    next(&mut fan, |f| matches!(f, ServerFrame::History { .. })).await;

    // A viewer's command is refused and changes nothing.
    fan.send(&say("/timeout cmdroom 60")).await.unwrap();
    let ServerFrame::Notice { msg_id, .. } = next(&mut fan, notice).await else { unreachable!() };
    assert_eq!(msg_id, "no_permission");
    fan.send(&say("hello mods")).await.unwrap();
    let ServerFrame::Message { message } = next(&mut host, |f| matches!(f, ServerFrame::Message { .. })).await else {
        unreachable!()
    };
    // The broadcaster deletes the line, then times the viewer out: both as Twitch's commands.
    host.send(&say(&format!("/delete {}", message.id))).await.unwrap();
    let ServerFrame::Notice { msg_id, .. } = next(&mut host, notice).await else { unreachable!() };
    assert_eq!(msg_id, "delete_message_success");
    let ServerFrame::Delete { message_id, .. } = next(&mut fan, |f| matches!(f, ServerFrame::Delete { .. })).await
    else {
        unreachable!()
    };
    assert_eq!(message_id, message.id);
    host.send(&say("/timeout cmdfan 60")).await.unwrap();
    let ServerFrame::Notice { msg_id, .. } = next(&mut host, notice).await else { unreachable!() };
    assert_eq!(msg_id, "timeout_success");
    let cleared = next(&mut fan, |f| matches!(f, ServerFrame::ClearUser { .. })).await;
    assert!(
        matches!(cleared, ServerFrame::ClearUser { duration: Some(60), ref user_login, .. } if user_login == "cmdfan")
    );
    fan.send(&say("still here?")).await.unwrap();
    let ServerFrame::Notice { msg_id, .. } = next(&mut fan, notice).await else { unreachable!() };
    assert_eq!(msg_id, "msg_timedout");
    // ". " before a command sends it as text.
    host.send(&say(". /slow is a word here")).await.unwrap();
    let ServerFrame::Message { message } = next(&mut host, |f| matches!(f, ServerFrame::Message { .. })).await else {
        unreachable!()
    };
    assert_eq!(message.text, "/slow is a word here");
    assert!(!s.client().chat_settings("cmdroom").await.map(|c| c.slow_seconds > 0).unwrap_or(true));
    s.stop().await;
}
