//! The user's rights over their data, through the public surfaces: a user
//! who streamed, chatted, followed, subscribed, donated, moderated and was
//! watched exports every kind of row about them (`GET /api/users/me/export`,
//! and `aethex-server user export`), then erases the account
//! (`DELETE /api/users/me`, and `aethex-server user delete` for another
//! user): afterwards no table holds their login or id, their chat shows a
//! pseudonym, analytics still count them de-identified, and their old token
//! and browser session are refused. On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use std::time::Duration;

use common::{publish_picture, Backend, TestServer};
use serde_json::Value;

/// Every row of every table the server owns, as text, for a search.
async fn every_row(s: &TestServer) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (table, _) in aethex_server::store::owners::OWNERS {
        // PostgreSQL searches channels through a column, not a table.
        let Ok(rows) = sqlx::query(&format!("SELECT * FROM {table}")).fetch_all(&s.state.db.pool).await else {
            continue;
        };
        for row in aethex_server::store::rows_json(&rows) {
            out.push((table.to_string(), row.to_string()));
        }
    }
    out
}

async fn leaves_no_trace(backend: Backend) {
    let s = TestServer::start(backend).await;
    let leaver = s.user("leaver", Some("leaver password 1")).await;
    let other = s.user("other", None).await;
    s.user("stayer", None).await;
    s.user("troll", None).await;
    let token = s
        .token(
            "leaver",
            "user:read user:delete chat:read chat:edit user:edit:follows user:edit:subscriptions donations:write \
             stream:key channel:manage moderator:manage analytics:read",
        )
        .await;
    let me = s.client_with(&token);
    let other_owner = s.client_with(&s.token("other", "channel:manage user:edit:follows").await);
    let browser = s.browser();
    s.browser_login(&browser, "leaver", "leaver password 1").await;

    // A life on the platform: follows both ways, a subscription, a donation,
    // chat in another channel, moderating there, a moderator and a blocked
    // term in their own, and a broadcast of their own.
    me.follow("other").await.unwrap();
    other_owner.follow("leaver").await.unwrap();
    me.subscribe("other", 1).await.unwrap();
    me.donate(
        &aethex_sdk::DonationRequest {
            broadcaster_login: "other".into(),
            amount: 300,
            currency: "EUR".into(),
            message: "from leaver".into(),
            donor_name: None,
        },
        Some("privacy-1"),
    )
    .await
    .unwrap();
    let put = |path: String, token: &str| s.http().put(s.url(&path)).bearer_auth(token).send();
    let other_token = s.token("other", "channel:manage").await;
    assert_eq!(put("/api/channels/other/moderators/leaver".into(), &other_token).await.unwrap().status(), 204);
    assert_eq!(put("/api/channels/leaver/moderators/stayer".into(), &token).await.unwrap().status(), 204);
    let r = put("/api/moderation/blocked-terms?broadcaster_login=leaver&term=spoiler".into(), &token).await.unwrap();
    assert_eq!(r.status(), 200);
    me.ban("other", "troll", None, "spam").await.unwrap();
    me.send_chat("other", "hello from leaver").await.unwrap();
    let key = me.stream_key("leaver").await.unwrap();
    let mut ffmpeg = publish_picture(s.rtmp, &key.stream_key, "testsrc2=size=320x180:rate=30");
    let mut live = false;
    for _ in 0..120 {
        if me.live_stream("leaver").await.is_ok_and(|l| l.is_some()) {
            live = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(live, "leaver goes live");
    ffmpeg.kill().unwrap();
    let _ = ffmpeg.wait();
    let mut summarized = false;
    for _ in 0..120 {
        if me.latest_stream_summary("leaver").await.is_ok_and(|x| x.is_final) {
            summarized = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(summarized, "the broadcast is summarized");
    s.state.analytics.flush().await;

    // The export holds every kind of row, and no secret.
    let r = s.http().get(s.url("/api/users/me/export")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let export: Value = r.json().await.unwrap();
    assert_eq!(export["user_id"], leaver.to_string());
    let tables = export["tables"].as_object().unwrap();
    for table in [
        "users",
        "channels",
        "tokens",
        "web_sessions",
        "follows",
        "subscriptions",
        "donations",
        "stream_sessions",
        "channel_moderators",
        "chat_bans",
        "chat_blocked_terms",
        "analytics_events",
        "analytics_viewers",
        "stream_summaries",
    ] {
        assert!(tables[table].as_array().is_some_and(|rows| !rows.is_empty()), "{table}: {export:#}");
    }
    assert_eq!(tables["users"][0]["login"], "leaver");
    assert_eq!(tables["donations"][0]["message"], "from leaver");
    assert_eq!(tables["channel_moderators"].as_array().unwrap().len(), 2, "moderating and moderated");
    let text = export.to_string();
    for secret in ["password_hash", "stream_key", "hash", "secret", &key.stream_key] {
        assert!(!text.contains(secret), "{secret} in the export");
    }
    let by_cli = tokio::task::block_in_place(|| {
        common::admin(&s.data_dir, s.state.config.database_url.as_deref(), &["user", "export", "leaver"])
    });
    let by_cli: Value = serde_json::from_str(&by_cli).unwrap();
    assert_eq!(by_cli["tables"]["follows"], export["tables"]["follows"], "the same rows by the CLI");

    // The community's bots listen for erasures: other's (leaver chatted,
    // followed, subscribed, donated and moderated there) and stayer's (leaver
    // never came by: it must hear nothing).
    use aethex_sdk::event_socket::{EventSocket, Interest, SocketEvent};
    let listen = |token: String, id: i64| {
        EventSocket::connect(s.client_with(&token), vec![Interest::channel("channel.user.erase", &id.to_string())])
    };
    let mut others_bot = listen(s.token("other", "chat:read webhooks:manage").await, other);
    let stayer = aethex_server::accounts::user_id_by_login(&s.state.db, "stayer").await.unwrap().unwrap();
    let mut stayers_bot = listen(s.token("stayer", "chat:read webhooks:manage").await, stayer);
    for bot in [&mut others_bot, &mut stayers_bot] {
        loop {
            match tokio::time::timeout(Duration::from_secs(10), bot.next()).await.expect("the socket connects") {
                Some(SocketEvent::Connected { .. }) => break,
                Some(SocketEvent::SubscribeFailed { kind, error }) => panic!("{kind}: {error}"),
                _ => {}
            }
        }
    }

    // Erasure needs its own scope; then it is whole.
    let read_only = s.token("leaver", "user:read").await;
    assert_eq!(s.http().delete(s.url("/api/users/me")).bearer_auth(&read_only).send().await.unwrap().status(), 403);
    let before = s.state.analytics.activity(aethex_server::analytics::rollup::day_of(s.state.analytics.now())).await;
    let r = s.http().delete(s.url("/api/users/me")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.status(), 204);

    // The community is told, by id only; other communities hear nothing.
    let told = loop {
        match tokio::time::timeout(Duration::from_secs(10), others_bot.next()).await.expect("other's bot is told") {
            Some(SocketEvent::Notification { event, .. }) => break event,
            Some(_) => {}
            None => panic!("the socket closed"),
        }
    };
    let aethex_sdk::Event::ChannelUserErase(told) = told else { panic!("{told:?}") };
    assert_eq!((told.user_id.as_str(), told.broadcaster_user_login.as_str()), (leaver.to_string().as_str(), "other"));
    let quiet = tokio::time::timeout(Duration::from_millis(500), stayers_bot.next()).await;
    assert!(!matches!(quiet, Ok(Some(SocketEvent::Notification { .. }))), "stayer's bot hears nothing: {quiet:?}");
    drop((others_bot, stayers_bot));

    let (login, id) = ("leaver", leaver.to_string());
    for (table, row) in every_row(&s).await {
        assert!(!row.contains(login) && !row.contains(&id), "{table} still names the user: {row}");
    }
    let history = s.http().get(s.url("/api/chat/other/messages")).bearer_auth(&other_token).send().await.unwrap();
    let history: Value = history.json().await.unwrap();
    let line = &history["data"][0];
    assert_eq!(line["text"], "hello from leaver", "the message stays");
    assert!(line["user_login"].as_str().unwrap().starts_with("deleted_"), "{line}");
    assert_eq!(line["user_id"], "");
    let after = s.state.analytics.activity(aethex_server::analytics::rollup::day_of(s.state.analytics.now())).await;
    assert_eq!(after.unwrap().users.dau, before.unwrap().users.dau, "still counted, de-identified");
    for old in [&token, &read_only] {
        let r = s.http().get(s.url("/api/users/me")).bearer_auth(old).send().await.unwrap();
        assert_eq!(r.status(), 401, "an old token is refused");
    }
    assert_eq!(browser.get(s.url("/dashboard")).send().await.unwrap().status(), 303, "the session is gone");
    let r = s.http().get(s.url("/api/channels/leaver")).bearer_auth(&other_token).send().await.unwrap();
    assert_eq!(r.status(), 404, "the channel is gone");
    assert_eq!(other_owner.channel("other").await.unwrap().login, "other", "others keep theirs");

    // The operator erases another user from the command line; a typo or a
    // missing --yes changes nothing.
    let cli = |args: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_aethex-server"));
        cmd.args(args).env("AETHEX_DATA_DIR", &s.data_dir);
        match s.state.config.database_url.as_deref() {
            Some(url) => cmd.env("AETHEX_DATABASE_URL", url),
            None => cmd.env_remove("AETHEX_DATABASE_URL"),
        };
        tokio::task::block_in_place(|| cmd.output().unwrap())
    };
    let no = cli(&["user", "delete", "other"]);
    assert!(!no.status.success() && String::from_utf8_lossy(&no.stderr).contains("--yes"));
    let typo = cli(&["user", "delete", "nobody_here", "--yes"]);
    assert!(!typo.status.success() && String::from_utf8_lossy(&typo.stderr).contains("no user 'nobody_here'"));
    let yes = cli(&["user", "delete", "other", "--yes"]);
    assert!(yes.status.success(), "{}", String::from_utf8_lossy(&yes.stderr));
    let other_id = other.to_string();
    for (table, row) in every_row(&s).await {
        assert!(!row.contains("\"other\"") && !row.contains(&other_id), "{table} still names other: {row}");
    }
    assert_eq!(s.http().get(s.url("/api/users/me")).bearer_auth(&other_token).send().await.unwrap().status(), 401);

    // A creator erased while live: the stream ends first, and nothing about
    // the channel is written after the erasure.
    let live_id = s.user("onair", None).await.to_string();
    let onair = s.token("onair", "stream:key user:delete").await;
    let key = s.client_with(&onair).stream_key("onair").await.unwrap();
    let mut ffmpeg = publish_picture(s.rtmp, &key.stream_key, "testsrc2=size=320x180:rate=30");
    let mut live = false;
    for _ in 0..120 {
        if s.client().live_stream("onair").await.is_ok_and(|l| l.is_some()) {
            live = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(live, "onair goes live");
    let r = s.http().delete(s.url("/api/users/me")).bearer_auth(&onair).send().await.unwrap();
    assert_eq!(r.status(), 204);
    assert!(!s.client().live_stream("onair").await.is_ok_and(|l| l.is_some()), "the stream ended");
    let stayer = s.token("stayer", "user:read").await;
    let gone = s.http().get(s.url("/api/channels/onair")).bearer_auth(&stayer).send().await.unwrap();
    assert_eq!(gone.status(), 404, "the channel is gone");
    tokio::time::sleep(Duration::from_millis(500)).await;
    s.state.analytics.flush().await;
    for (table, row) in every_row(&s).await {
        assert!(!row.contains("onair") && !row.contains(&live_id), "{table} still names onair: {row}");
    }
    let _ = ffmpeg.kill();
    let _ = ffmpeg.wait();
}

both_backends!(leaves_no_trace);
