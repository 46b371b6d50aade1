//! The real serenity client against a local fake Discord (`fake_discord`,
//! written from Discord's API docs) and a real AeThex server with a real
//! RTMP publish from ffmpeg: slash commands register, `/notify add` sets up an
//! announcement, going live produces exactly one message with the expected
//! embed (also across a bot restart and a gateway reconnect), `/stream` and `!stream` answer, `/link`
//! through the device flow gives a subscriber their role (taken again when the
//! subscription ends), a channel closed to the bot is told to the admin by
//! DM, and going offline edits the announcement.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)] // test code: a panic is the failure report
#![recursion_limit = "256"]

mod fake_discord;

use std::time::Duration;

use aethex_discord::app::{run_until, Config};
use aethex_discord::lang::{Arg::T, Lang};
use fake_discord::*;
use serde_json::json;

const FAN_PASSWORD: &str = "fan password 1234";
/// `admins-only` as discord-bot/locales/de.ftl words it.
const GERMAN_ADMINS_ONLY: &str =
    "Das dürfen nur Mitglieder mit der Berechtigung „Server verwalten“, und nur auf einem Server.";

fn content(call: &fake_discord::Call) -> String {
    call.body["data"]["content"].as_str().or(call.body["content"].as_str()).unwrap_or_default().to_string()
}

/// The Discord id the fake gave a relayed message: ids are handed out in order, so find it by nonce-free position.
fn relayed_id(fake: &FakeDiscord, call: &fake_discord::Call) -> String {
    fake.reply_id(call).expect("the fake answered the relay")
}

fn start_bot(config: Config) -> (tokio::sync::oneshot::Sender<()>, tokio::task::JoinHandle<()>) {
    let (stop, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        run_until(config, async move {
            let _ = rx.await;
        })
        .await
        .unwrap();
    });
    (stop, task)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serenity_against_a_fake_discord_and_a_real_server() {
    let filter = std::env::var("AETHEX_LOG").unwrap_or_else(|_| "warn".into());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
        .with_test_writer()
        .try_init();
    let dir = std::env::temp_dir().join(format!("aethex-discord-it-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let srv = aethex_server::testing::start(dir.join("server"), |_| {}).await;
    let fake = FakeDiscord::start().await;
    let creator = srv.token("streamer", CREATOR_SCOPES).await;
    let owner = aethex_sdk::Client::new(&srv.base)
        .unwrap()
        .with_token(srv.token("streamer", "channel:manage stream:key").await);
    owner
        .update_channel(
            "streamer",
            &aethex_sdk::ChannelUpdate {
                title: Some("Speedrun night".into()),
                category: Some("Retro".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let fan = aethex_sdk::Client::new(&srv.base)
        .unwrap()
        .with_token(srv.token_with_password("fan", Some(FAN_PASSWORD), "user:edit:subscriptions").await);

    let config = Config {
        public_url: Some("https://live.example".into()),
        ..bot_config(&fake, &srv.base, creator, dir.join("bot.db"))
    };
    let (stop, task) = start_bot(config.clone());
    fake.connected().await;
    let identify = &fake.identifies()[0];
    assert!(identify["d"]["token"].as_str().unwrap().ends_with("Bot-token-for-the-fake"), "{identify}");
    assert_ne!(identify["d"]["intents"].as_u64().unwrap() & (1 << 15), 0, "MESSAGE_CONTENT for !stream");
    let registered = fake.wait_for("PUT", &format!("/applications/{APP_ID}/commands"), 1).await;
    let names: Vec<&str> = registered[0].body.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["notify", "stream", "link", "roles", "bridge"]);
    // Localized for Discord's client languages: names, descriptions, options' descriptions.
    let notify = &registered[0].body[0];
    assert_eq!(notify["name_localizations"]["de"], "benachrichtigen", "{notify}");
    assert_eq!(notify["name_localizations"]["ja"], "通知");
    for locale in ["es-ES", "es-419", "fr", "de", "pt-BR", "zh-CN", "ja", "ko", "ru", "it", "pl"] {
        let d = notify["description_localizations"][locale].as_str().unwrap_or_default();
        assert!(!d.is_empty() && d != notify["description"], "{locale}: {d:?}");
        assert!(notify["options"][0]["description_localizations"][locale].is_string(), "{locale}: the subcommand too");
    }

    // /notify add, by an admin; a member without Manage Server is refused.
    let add = login_and_channel("add", "streamer", ANNOUNCE_CHANNEL);
    fake.dispatch(
        "INTERACTION_CREATE",
        fake.interaction("notify", add.clone(), member(FAN, "fan", &[], "0"), GENERAL_CHANNEL),
    );
    let refused = fake.wait_for("POST", "/callback", 1).await;
    assert!(content(&refused[0]).contains("Only server managers"), "{}", content(&refused[0]));
    assert_eq!(refused[0].body["data"]["flags"], 64, "ephemeral");
    // The same from a member whose Discord is in German: the answer is German.
    let mut german = fake.interaction("notify", add.clone(), member(FAN, "fan", &[], "0"), GENERAL_CHANNEL);
    german["locale"] = json!("de");
    fake.dispatch("INTERACTION_CREATE", german);
    let refused = fake.wait_for("POST", "/callback", 2).await;
    assert_eq!(content(&refused[1]), GERMAN_ADMINS_ONLY);
    // The announcement channel speaks French (chosen), whatever the server's language.
    let french = Lang::named("fr").unwrap();
    let mut add_french = add.clone();
    add_french[0]["options"].as_array_mut().unwrap().push(json!({"name": "language", "type": 3, "value": "fr"}));
    add_french[0]["options"].as_array_mut().unwrap().push(json!({"name": "summary", "type": 5, "value": true}));
    let mut admin_adds = fake.interaction("notify", add_french, member(ADMIN, "admin", &[], "8"), GENERAL_CHANNEL);
    admin_adds["guild_locale"] = json!("de");
    fake.dispatch("INTERACTION_CREATE", admin_adds);
    let added = fake.wait_for("POST", "/callback", 3).await;
    let said = content(&added[2]);
    let summary_on = Lang::english().say("notify-summary-on", &[]);
    assert!(said.contains("announce **streamer**") && said.ends_with(&format!("(Français) {summary_on}")), "{said}");
    let add_old = login_and_channel("add", "streamer", DELETED_CHANNEL);
    fake.dispatch(
        "INTERACTION_CREATE",
        fake.interaction("notify", add_old, member(ADMIN, "admin", &[], "8"), GENERAL_CHANNEL),
    );
    fake.wait_for("POST", "/callback", 4).await;
    // Another creator's summary is their analytics: refused.
    let mut fans = login_and_channel("add", "fan", ANNOUNCE_CHANNEL);
    fans[0]["options"].as_array_mut().unwrap().push(json!({"name": "summary", "type": 5, "value": true}));
    fake.dispatch(
        "INTERACTION_CREATE",
        fake.interaction("notify", fans, member(ADMIN, "admin", &[], "8"), GENERAL_CHANNEL),
    );
    let refused = content(&fake.wait_for("POST", "/callback", 5).await[4]);
    assert!(refused.contains("**streamer**") && refused.contains("analytics"), "{refused}");
    // Set up by an admin whose Discord is in Japanese, in a server whose
    // preferred language is German: that channel's announcements are German,
    // and problems are told to the admin in Japanese.
    let add_closed = login_and_channel("add", "streamer", FORBIDDEN_CHANNEL);
    let mut japanese_admin = fake.interaction("notify", add_closed, member(ADMIN, "admin", &[], "8"), GENERAL_CHANNEL);
    japanese_admin["locale"] = json!("ja");
    japanese_admin["guild_locale"] = json!("de");
    fake.dispatch("INTERACTION_CREATE", japanese_admin);
    fake.wait_for("POST", "/callback", 6).await;
    let mut callbacks = 6;

    // Discord misbehaves on the first announcement: a 429 in one channel, the other channel is gone.
    let announce_path = format!("/channels/{ANNOUNCE_CHANNEL}/messages");
    fake.fail_next("POST", &announce_path, 429);
    fake.fail_next("POST", &format!("/channels/{DELETED_CHANNEL}/messages"), 404);
    fake.fail_next("POST", &format!("/channels/{FORBIDDEN_CHANNEL}/messages"), 403);

    // Go live with a real RTMP publish.
    let key = owner.stream_key("streamer").await.unwrap();
    let target = format!("{}/{}", key.ingest_url.trim_end_matches('/'), key.stream_key);
    let mut ffmpeg = publish(&target, 300);
    let attempts = fake.wait_for("POST", &announce_path, 2).await;
    assert_eq!(attempts.iter().map(|c| c.status).collect::<Vec<_>>(), [429, 200], "retried after the rate limit");
    assert_eq!(attempts[0].body["nonce"], attempts[1].body["nonce"], "the retry carries the same nonce");
    let created = &attempts[1..];
    let body = &created[0].body;
    let embed = &body["embeds"][0];
    let name = owner.channel("streamer").await.unwrap().display_name;
    assert_eq!(embed["title"], "Speedrun night");
    assert_eq!(embed["url"], "https://live.example/streamer?ref=discord");
    assert_eq!(embed["description"], french.say("embed-streaming", &[("name", T(&name))]), "in French");
    assert!(embed["thumbnail"]["url"].as_str().unwrap().ends_with("/thumbnail.jpg"));
    assert!(embed["timestamp"].is_string(), "started-at");
    let category = french.say("embed-category", &[]);
    assert!(embed["fields"].as_array().unwrap().iter().any(|f| f["name"] == category && f["value"] == "Retro"));
    assert_eq!(content(&created[0]), french.say("announce-live", &[("name", T(&name))]));
    assert_eq!(body["nonce"].as_str().unwrap().len(), 25);
    assert_eq!(body["enforce_nonce"], true);
    assert_eq!(body["allowed_mentions"]["parse"], json!([]), "no pings");

    // The missing permission is told to the admin who set the bot up, once, by DM.
    let dm = fake.wait_for("POST", "/users/@me/channels", 1).await;
    assert_eq!(dm[0].body["recipient_id"], ADMIN.to_string());
    let told = fake.wait_for("POST", &format!("/channels/{DM_CHANNEL}/messages"), 1).await;
    let forbidden = FORBIDDEN_CHANNEL.to_string();
    let japanese = Lang::named("ja").unwrap();
    let expected = japanese.say("announce-no-permission", &[("login", T("streamer")), ("channel", T(&forbidden))]);
    assert_eq!(content(&told[0]), expected, "told in the admin's language");
    assert!(expected.contains(&format!("<#{FORBIDDEN_CHANNEL}>")));

    // The deleted channel is forgotten.
    fake.wait_for("POST", &format!("/channels/{DELETED_CHANNEL}/messages"), 1).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    fake.dispatch(
        "INTERACTION_CREATE",
        fake.interaction(
            "notify",
            json!([{"name": "list", "type": 1, "options": []}]),
            member(ADMIN, "admin", &[], "8"),
            GENERAL_CHANNEL,
        ),
    );
    callbacks += 1;
    let list = content(&fake.wait_for("POST", "/callback", callbacks).await[callbacks - 1]);
    assert!(list.contains(&ANNOUNCE_CHANNEL.to_string()) && !list.contains(&DELETED_CHANNEL.to_string()), "{list}");
    let with_summary = Lang::english().say("notify-list-summary", &[]);
    assert!(list.contains(&format!("<#{ANNOUNCE_CHANNEL}> · Français {with_summary}")), "{list}");
    assert!(!list.contains("**fan**"), "the refused target was not added: {list}");
    assert!(list.contains(&format!("<#{FORBIDDEN_CHANNEL}> · Deutsch")), "the server's language: {list}");

    // A server with nothing announced: the answer names the command as a
    // mention, which Discord shows in the reader's language (notify was registered first).
    let mut elsewhere = fake.interaction(
        "notify",
        json!([{"name": "list", "type": 1, "options": []}]),
        member(ADMIN, "admin", &[], "8"),
        GENERAL_CHANNEL,
    );
    elsewhere["guild_id"] = json!("4242");
    fake.dispatch("INTERACTION_CREATE", elsewhere);
    callbacks += 1;
    let none = content(&fake.wait_for("POST", "/callback", callbacks).await[callbacks - 1]);
    assert_eq!(none, format!("No announcements yet: </notify add:{COMMAND_IDS}>."));

    // /stream and !stream.
    fake.dispatch(
        "INTERACTION_CREATE",
        fake.interaction("stream", json!([]), member(FAN, "fan", &[], "0"), GENERAL_CHANNEL),
    );
    callbacks += 1;
    let answered = fake.wait_for("POST", "/callback", callbacks).await;
    let text = content(&answered[callbacks - 1]);
    assert!(text.contains("is live") && text.contains("Speedrun night") && text.contains("viewers"), "{text}");
    fake.dispatch("MESSAGE_CREATE", fake.message(GENERAL_CHANNEL, FAN, "fan", "!stream"));
    let replied = fake.wait_for("POST", &format!("/channels/{GENERAL_CHANNEL}/messages"), 1).await;
    assert!(content(&replied[0]).contains("is live") && content(&replied[0]).contains("Speedrun night"));
    fake.dispatch("MESSAGE_CREATE", fake.message(GENERAL_CHANNEL, FAN, "fan", "!stream nobody_here"));
    let replied = fake.wait_for("POST", &format!("/channels/{GENERAL_CHANNEL}/messages"), 2).await;
    assert!(content(&replied[1]).contains("no AeThex channel 'nobody_here'"), "{}", content(&replied[1]));

    // A restarted bot (same database, new gateway session) catches up without a second announcement.
    stop.send(()).unwrap();
    task.await.unwrap();
    fake.disconnect();
    let (stop, task) = start_bot(config.clone());
    fake.connected().await;
    fake.wait_for("PUT", &format!("/applications/{APP_ID}/commands"), 2).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let ok = |f: &FakeDiscord| f.matching("POST", &announce_path).iter().filter(|c| c.status == 200).count();
    assert_eq!(ok(&fake), 1, "exactly one announcement");

    // The gateway connection drops under the running bot: serenity reconnects (its RESUME is
    // refused, so it IDENTIFYs anew), commands keep working, and nothing is announced twice.
    let before = fake.identifies().len();
    fake.disconnect();
    fake.identified_more_than(before).await;
    fake.connected().await;
    let replies = fake.matching("POST", &format!("/channels/{GENERAL_CHANNEL}/messages")).len();
    fake.dispatch("MESSAGE_CREATE", fake.message(GENERAL_CHANNEL, FAN, "fan", "!stream"));
    fake.wait_for("POST", &format!("/channels/{GENERAL_CHANNEL}/messages"), replies + 1).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(ok(&fake), 1, "still one announcement after the gateway reconnect");

    // Subscriber roles: configure, subscribe, /link through the device flow.
    let roles = json!([{"name": "subscriber", "type": 8, "value": SUB_ROLE.to_string()}]);
    fake.dispatch(
        "INTERACTION_CREATE",
        fake.interaction("roles", roles, member(ADMIN, "admin", &[], "8"), GENERAL_CHANNEL),
    );
    callbacks += 1;
    let done = fake.wait_for("POST", "/callback", callbacks).await;
    assert!(content(&done[callbacks - 1]).contains("get their roles"), "{}", content(&done[callbacks - 1]));
    fan.subscribe("streamer", 1).await.unwrap();
    fake.dispatch(
        "INTERACTION_CREATE",
        fake.interaction("link", json!([]), member(FAN, "fan", &[], "0"), GENERAL_CHANNEL),
    );
    callbacks += 1;
    let prompt = fake.wait_for("POST", "/callback", callbacks).await;
    let text = content(&prompt[callbacks - 1]);
    let code = text.split("**").nth(1).unwrap_or_else(|| panic!("no code in {text}")).to_string();
    assert!(text.contains("/activate"), "{text}");
    srv.approve_device("fan", FAN_PASSWORD, &code).await;
    fake.wait_for("PUT", &format!("/guilds/{GUILD}/members/{FAN}/roles/{SUB_ROLE}"), 1).await;
    let followup = fake.wait_for("POST", &format!("/webhooks/{APP_ID}/"), 1).await;
    assert!(content(&followup[0]).contains("Linked to AeThex account **fan**"), "{}", content(&followup[0]));
    // The subscription runs out: channel.subscription.end takes the role at once
    // (the periodic pass is an hour away in this configuration).
    assert!(srv.expire_subscription("fan", "streamer").await);
    fake.wait_for("DELETE", &format!("/guilds/{GUILD}/members/{FAN}/roles/{SUB_ROLE}"), 1).await;
    // The fan subscribes again (the role comes back), then erases their AeThex
    // account: channel.user.erase takes the role and drops the link.
    fan.subscribe("streamer", 1).await.unwrap();
    fake.wait_for("PUT", &format!("/guilds/{GUILD}/members/{FAN}/roles/{SUB_ROLE}"), 2).await;
    let leaving = srv.token("fan", "user:delete").await;
    let erased =
        reqwest::Client::new().delete(format!("{}/api/users/me", srv.base)).bearer_auth(&leaving).send().await.unwrap();
    assert_eq!(erased.status(), 204);
    fake.wait_for("DELETE", &format!("/guilds/{GUILD}/members/{FAN}/roles/{SUB_ROLE}"), 2).await;
    let mut linked = Vec::new();
    for _ in 0..50 {
        let db = sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.join("bot.db").display())).await.unwrap();
        linked = sqlx::query_scalar::<_, String>("SELECT aethex_login FROM links").fetch_all(&db).await.unwrap();
        db.close().await;
        if linked.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(linked.is_empty(), "the erased account's link is gone: {linked:?}");

    // The chat bridge: AeThex → Discord without pings, Discord → AeThex without echo, deletions follow.
    let bridge = login_and_channel("set", "streamer", GENERAL_CHANNEL);
    fake.dispatch(
        "INTERACTION_CREATE",
        fake.interaction("bridge", bridge, member(ADMIN, "admin", &[], "8"), GENERAL_CHANNEL),
    );
    callbacks += 1;
    fake.wait_for("POST", "/callback", callbacks).await;
    let general = format!("/channels/{GENERAL_CHANNEL}/messages");
    let before = fake.matching("POST", &general).len();
    let viewer = aethex_sdk::Client::new(&srv.base).unwrap().with_token(srv.token("viewer", "chat:edit").await);
    let mut sent = None;
    for _ in 0..50 {
        // The bridge joins the room shortly after /bridge; retry until a line crosses.
        let m = viewer.send_chat("streamer", "hi from aethex @everyone").await.unwrap();
        tokio::time::sleep(Duration::from_millis(200)).await;
        if fake.matching("POST", &general).len() > before {
            sent = Some(m);
            break;
        }
    }
    let sent = sent.expect("an AeThex line reached Discord");
    let relayed = fake.matching("POST", &general).pop().unwrap();
    let text = content(&relayed);
    assert!(text.starts_with("**viewer**: hi from aethex") && !text.contains("@everyone"), "{text}");
    fake.dispatch("MESSAGE_CREATE", fake.message(GENERAL_CHANNEL, FAN, "fan", "hello from discord"));
    let mut seen = false;
    for _ in 0..50 {
        let history = viewer.raw(reqwest::Method::GET, "api/chat/streamer/messages", &[], None).await.unwrap();
        if history["data"].as_array().unwrap().iter().any(|m| m["text"] == "[discord] fan: hello from discord") {
            seen = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(seen, "the Discord line reached AeThex chat");
    let moderator =
        aethex_sdk::Client::new(&srv.base).unwrap().with_token(srv.token("streamer", "moderator:manage").await);
    let q = [("broadcaster_login".to_string(), "streamer".to_string()), ("message_id".to_string(), sent.id.clone())];
    moderator.raw(reqwest::Method::DELETE, "api/moderation/chat", &q, None).await.unwrap();
    let relayed_id = relayed_id(&fake, &relayed);
    fake.wait_for("DELETE", &format!("{general}/{relayed_id}"), 1).await;
    assert!(
        !fake.matching("POST", &general).iter().any(|c| content(c).contains("hello from discord")),
        "no echo back to Discord"
    );

    // Offline: the announcement is edited to say it ended.
    ffmpeg.kill().await.unwrap();
    let edits = fake.wait_for("PATCH", &format!("{announce_path}/"), 1).await;
    let ended = &edits[0].body["embeds"][0];
    assert_eq!(content(&edits[0]), french.say("announce-was-live", &[("name", T(&name))]));
    let ran = ended["fields"].as_array().unwrap().last().unwrap()["value"].as_str().unwrap().to_string();
    assert_eq!(ended["description"], french.say("embed-ended", &[("duration", T(&ran))]), "{ended}");
    assert!(ended["fields"].as_array().unwrap().iter().any(|f| f["name"] == french.say("embed-ran-for", &[])));
    // Then the stream summary, once final, in French, with the server's numbers.
    let posted = fake.wait_for("POST", &announce_path, 3).await;
    let posted = &posted[2];
    assert_eq!(content(posted), french.say("summary-content", &[("name", T(&name))]));
    let analyst = aethex_sdk::Client::new(&srv.base).unwrap().with_token(srv.token("streamer", "analytics:read").await);
    let final_summary = analyst.latest_stream_summary("streamer").await.unwrap();
    assert!(final_summary.is_final);
    let fields = posted.body["embeds"][0]["fields"].as_array().unwrap();
    let field = |id: &str| {
        let label = french.say(id, &[]);
        fields.iter().find(|f| f["name"] == label.as_str()).unwrap_or_else(|| panic!("{id} in {fields:?}"))["value"]
            .clone()
    };
    assert_eq!(field("summary-peak"), final_summary.peak_viewers.to_string());
    assert_eq!(field("summary-unique"), final_summary.unique_viewers.to_string());
    assert_eq!(field("summary-messages"), final_summary.chat_messages.to_string());
    assert_eq!(field("summary-chatters"), final_summary.chatters.to_string());
    assert!(final_summary.chat_messages >= 2, "the bridged lines were counted: {final_summary:?}");
    assert_eq!(posted.body["embeds"][0]["title"], french.say("summary-title", &[("title", T("Speedrun night"))]));
    assert_eq!(posted.body["allowed_mentions"]["parse"], json!([]), "no pings");
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(
        fake.matching("POST", &announce_path).iter().filter(|c| c.status == 200).count(),
        2,
        "one announcement, one summary"
    );
    let unknown: Vec<String> = fake
        .calls()
        .iter()
        .filter(|c| {
            !["gateway", "applications", "channels", "interactions", "webhooks", "guilds", "users/@me/channels"]
                .iter()
                .any(|p| c.path.contains(p))
        })
        .map(|c| format!("{} {}", c.method, c.path))
        .collect();
    assert!(unknown.is_empty(), "calls the fake does not know: {unknown:?}");
    assert_eq!(fake.matching("POST", "/users/@me/channels").len(), 1, "the admin was told once, across the restart");

    stop.send(()).unwrap();
    task.await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aethex_down_is_waited_out_and_a_refused_token_is_a_config_error() {
    let dir = std::env::temp_dir().join(format!("aethex-discord-down-{}", std::process::id()));
    let fake = FakeDiscord::start().await;
    let config = bot_config(&fake, "http://127.0.0.1:9", "whatever".into(), dir.join("down.db"));
    // Unreachable: the bot keeps waiting (no crash, no exit) until told to stop. The wait
    // must run out with the bot still running: a bot that gave up (even with Ok) fails here.
    let (stop, rx) = tokio::sync::oneshot::channel::<()>();
    let mut waiting = tokio::spawn(run_until(config.clone(), async move {
        let _ = rx.await;
    }));
    let early = tokio::time::timeout(Duration::from_millis(2500), &mut waiting).await;
    assert!(early.is_err(), "the bot stopped before it was told to: {early:?}");
    assert!(fake.calls().is_empty(), "nothing reaches Discord before AeThex answers");
    stop.send(()).unwrap();
    let stopped = tokio::time::timeout(Duration::from_secs(10), waiting)
        .await
        .expect("the bot stops when told to")
        .expect("the bot's task did not panic");
    assert!(stopped.is_ok(), "{stopped:?}");

    let srv = aethex_server::testing::start(dir.join("server"), |_| {}).await;
    let refused = run_until(
        Config { server: srv.base.clone(), token: "axa_not_a_token".into(), ..config },
        std::future::pending(),
    )
    .await;
    match refused {
        Err(aethex_discord::app::StartError::Config(m)) => assert!(m.contains("refused"), "{m}"),
        other => panic!("expected a configuration error, got {other:?}"),
    }
}
