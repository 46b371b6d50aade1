//! Analytics from real viewing: an ffmpeg publish, players (HTTP clients with
//! phone, desktop and TV User-Agents, referrers and `?ref=` sources, one
//! logged in, one asking not to be tracked) joining and leaving at known
//! minutes, chatters over IRC, a follow, a subscription and a donation; the
//! stream summary's every number is asserted, provisional while live and
//! final after the end, on SQLite and PostgreSQL. The analytics clock is moved
//! a minute at a time, so four minutes of stream take seconds.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use std::time::Duration;

use aethex_sdk::{Bucket, ChatMoment, Funnel, MoneyTotal, StreamSummary};
use common::browser::{Browser, Page};
use common::{publish_picture, Backend, TestServer};
use serde_json::json;
use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _, BufReader};

const PHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";
const DESKTOP: &str =
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
const TV: &str = "Mozilla/5.0 (SMART-TV; Linux; Tizen 7.0) AppleWebKit/537.36 SamsungBrowser/5.0 TV Safari/537.36";

/// A player's beacon, as the web app's player sends it.
async fn beacon(client: &reqwest::Client, s: &TestServer, ua: &str, body: serde_json::Value) -> u16 {
    client.post(s.url("/analytics/views")).header("user-agent", ua).json(&body).send().await.unwrap().status().as_u16()
}

fn view(session: &str, browser: &str, event: &str, source: Option<&str>) -> serde_json::Value {
    json!({"channel": "caster", "session": session, "browser": browser, "event": event, "source": source})
}

/// Say `lines` in `#caster` over IRC as `login`, waiting until the server has read them.
async fn irc_say(s: &TestServer, login: &str, token: &str, lines: &[&str]) {
    let stream = tokio::net::TcpStream::connect(s.irc).await.unwrap();
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read).lines();
    write.write_all(format!("PASS oauth:{token}\r\nNICK {login}\r\nJOIN #caster\r\n").as_bytes()).await.unwrap();
    while let Some(l) = read.next_line().await.unwrap() {
        if l.contains(" 366 ") {
            break;
        }
    }
    for line in lines {
        write.write_all(format!("PRIVMSG #caster :{line}\r\n").as_bytes()).await.unwrap();
    }
    write.write_all(b"PING :done\r\n").await.unwrap();
    while let Some(l) = read.next_line().await.unwrap() {
        if l.contains("PONG") {
            break;
        }
    }
}

/// Wait until the channel's stream has reached analytics (its summary answers).
async fn until_live(s: &TestServer, token: &str) {
    for _ in 0..120 {
        if summary(s, token).await.0 == 200 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("the stream's start did not reach analytics");
}

async fn summary(s: &TestServer, token: &str) -> (u16, Option<StreamSummary>) {
    let r =
        s.http().get(s.url("/api/channels/caster/analytics/streams/latest")).bearer_auth(token).send().await.unwrap();
    let status = r.status().as_u16();
    let body: serde_json::Value = r.json().await.unwrap();
    (status, serde_json::from_value(body["data"][0].clone()).ok())
}

async fn stream_summary_from_real_viewers(backend: Backend) {
    let s = TestServer::start_custom(backend, |c| c.operators = vec!["caster".into()]).await;
    let minute = || s.state.analytics.advance(Duration::from_secs(60));
    s.user("caster", Some("caster password 1")).await;
    s.user("fan1", Some("fan1 password 12")).await;
    let owner = s.token("caster", "stream:key analytics:read").await;
    let key = s.client_with(&owner).stream_key("caster").await.unwrap();
    let fan1_chat = s.token("fan1", "chat:read chat:edit").await;
    let fan2_chat = s.token("fan2", "chat:read chat:edit").await;
    let fan1 = s.client_with(&s.token("fan1", "donations:write").await);
    let fan2 = s.client_with(&s.token("fan2", "user:edit:follows user:edit:subscriptions").await);
    let anon = s.http();
    let fan1_browser = s.browser();
    s.browser_login(&fan1_browser, "fan1", "fan1 password 12").await;

    // Bad beacons are refused; a beacon for a channel that is not live counts nothing.
    assert_eq!(beacon(&anon, &s, PHONE, view("short", "browser-0000", "start", None)).await, 400);
    assert_eq!(
        beacon(&anon, &s, PHONE, view("session-0000", "browser-0000", "pause", None)).await,
        422,
        "not an event"
    );
    assert_eq!(beacon(&anon, &s, PHONE, json!({"channel": "caster"})).await, 422, "fields missing");
    assert_eq!(beacon(&anon, &s, PHONE, view("session-0000", "browser-0000", "start", None)).await, 204);
    assert_eq!(summary(&s, &owner).await.0, 404, "nothing streamed yet");

    // Put the analytics clock at the start of an hour of a new UTC day, so the
    // stream's minutes are whole minutes of the clock and one day holds it all.
    let now = s.state.analytics.now();
    let to_aligned = 86_400_000 - now.rem_euclid(86_400_000) + 3_600_000 + 200;
    s.state.analytics.advance(Duration::from_millis(to_aligned as u64));
    let mut ffmpeg = publish_picture(s.rtmp, &key.stream_key, "testsrc2=size=320x180:rate=30");
    until_live(&s, &owner).await;

    // Minute 0: six phones from the directory, one desktop from another site,
    // and one viewer whose browser asks not to be tracked.
    for i in 1..=6 {
        let b = view(&format!("phone-session-{i}"), &format!("phone-browser-{i}"), "start", Some("directory"));
        assert_eq!(beacon(&anon, &s, PHONE, b).await, 204);
    }
    let mut external = view("ext-session-1", "ext-browser-1", "start", None);
    external["referrer"] = json!("https://news.example/article");
    assert_eq!(beacon(&anon, &s, DESKTOP, external).await, 204);
    let dnt = anon
        .post(s.url("/analytics/views"))
        .header("user-agent", DESKTOP)
        .header("dnt", "1")
        .json(&view("dnt-session-1", "dnt-browser-1", "start", Some("directory")))
        .send()
        .await
        .unwrap();
    assert_eq!(dnt.status(), 204);

    // Minute 1: the phones beat; three of them leave; fan1 (logged in) arrives
    // from their following list; chat; fan2 follows.
    minute();
    for i in 1..=6 {
        let b = view(&format!("phone-session-{i}"), &format!("phone-browser-{i}"), "heartbeat", Some("directory"));
        assert_eq!(beacon(&anon, &s, PHONE, b).await, 204);
    }
    for i in 1..=3 {
        let b = view(&format!("phone-session-{i}"), &format!("phone-browser-{i}"), "end", Some("directory"));
        assert_eq!(beacon(&anon, &s, PHONE, b).await, 204);
    }
    assert_eq!(
        beacon(&fan1_browser, &s, DESKTOP, view("fan1-session-1", "fan1-browser-1", "start", Some("following"))).await,
        204
    );
    irc_say(&s, "fan1", &fan1_chat, &["hello", "pog"]).await;
    irc_say(&s, "fan2", &fan2_chat, &["hi all"]).await;
    fan2.follow("caster").await.unwrap();

    // Minute 2: the other phones and fan1 beat; a TV arrives with a raid;
    // fan1 donates, fan2 subscribes. The summary so far is provisional.
    minute();
    for i in 4..=6 {
        let b = view(&format!("phone-session-{i}"), &format!("phone-browser-{i}"), "heartbeat", Some("directory"));
        assert_eq!(beacon(&anon, &s, PHONE, b).await, 204);
    }
    assert_eq!(
        beacon(&fan1_browser, &s, DESKTOP, view("fan1-session-1", "fan1-browser-1", "heartbeat", Some("following")))
            .await,
        204
    );
    assert_eq!(beacon(&anon, &s, TV, view("tv-session-1", "tv-browser-1", "start", Some("raid"))).await, 204);
    fan1.donate(
        &aethex_sdk::DonationRequest {
            broadcaster_login: "caster".into(),
            amount: 500,
            currency: "USD".into(),
            message: "gg".into(),
            donor_name: None,
        },
        Some("analytics-donation-1"),
    )
    .await
    .unwrap();
    fan2.subscribe("caster", 1).await.unwrap();
    s.state.analytics.flush().await;
    let (_, live) = summary(&s, &owner).await;
    let live = live.unwrap();
    assert!(!live.is_final && live.ended_at.is_none(), "provisional while live");
    assert_eq!(live.viewers_per_minute, [7, 7, 5]);

    // Minute 3: the last phones and fan1 leave, fan2 says goodbye; the stream ends.
    minute();
    for i in 4..=6 {
        let b = view(&format!("phone-session-{i}"), &format!("phone-browser-{i}"), "end", Some("directory"));
        assert_eq!(beacon(&anon, &s, PHONE, b).await, 204);
    }
    irc_say(&s, "fan2", &fan2_chat, &["bye"]).await;
    assert_eq!(
        beacon(&fan1_browser, &s, DESKTOP, view("fan1-session-1", "fan1-browser-1", "end", Some("following"))).await,
        204
    );
    s.state.analytics.flush().await;
    ffmpeg.kill().unwrap();
    let _ = ffmpeg.wait();
    let mut done = None;
    for _ in 0..120 {
        if let (200, Some(sum)) = summary(&s, &owner).await {
            if sum.is_final {
                done = Some(sum);
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let sum = done.expect("the summary is final soon after the stream ends");

    assert_eq!(sum.broadcaster_user_login, "caster");
    assert_eq!(sum.minutes, 4);
    assert_eq!(sum.viewers_per_minute, [7, 7, 5, 4]);
    assert_eq!((sum.peak_viewers, sum.unique_viewers, sum.watch_minutes), (7, 9, 23));
    assert_eq!(sum.average_viewers, 5.75);
    // Minutes watched: three phones 2, three phones 4, fan1 3 (minutes 1-3), the outside reader 1, the TV 1.
    assert_eq!(sum.retention, [1.0, 7.0 / 9.0, 4.0 / 9.0, 3.0 / 9.0]);
    assert_eq!(sum.chat_per_minute, [0, 3, 0, 1]);
    assert_eq!(sum.top_moments, [ChatMoment { minute: 1, messages: 3 }, ChatMoment { minute: 3, messages: 1 }]);
    assert_eq!((sum.chat_messages, sum.chatters), (4, 2));
    assert_eq!((sum.new_followers, sum.subscriptions), (1, 1));
    assert_eq!(sum.donations, [MoneyTotal { currency: "USD".into(), amount: 500, count: 1 }]);
    assert_eq!(sum.funnel, Funnel { viewers: 9, chatters: 2, followers: 1, subscribers: 1 });
    // Buckets under 5 viewers are withheld: desktop 2 and TV 1; following, raid and external 1 each.
    assert_eq!(sum.devices.shown, [Bucket { key: "phone".into(), viewers: 6 }]);
    assert_eq!(sum.devices.hidden, 3);
    assert_eq!(sum.sources.shown, [Bucket { key: "directory".into(), viewers: 6 }]);
    assert_eq!(sum.sources.hidden, 3);
    assert_eq!(sum.countries.shown, [Bucket { key: "unknown".into(), viewers: 9 }]);
    assert_eq!((sum.raids, sum.clips), (0, 0));
    // Engagement from the same events: 4 messages over 23 watch minutes; chatters in
    // minute 1 (two) and 3 (one); "pog" positive and the rest neutral English chat;
    // a follow, a subscription and a donation. A new platform is judged on the priors.
    let g = sum.engagement_signals.expect("signals");
    assert_eq!((g.chat, g.chatters, g.mood, g.support), (4.0 / 23.0, 3.0 / 23.0, 0.25, 180.0 / 23.0));
    let priors = aethex_server::intel::engagement::PRIORS;
    assert_eq!(sum.engagement, Some(aethex_server::intel::engagement::score(&g, &priors)));
    let per_minute = &sum.engagement_per_minute;
    assert_eq!(per_minute.len(), 4);
    assert!(per_minute[1] > per_minute[2], "the chatty minute scores higher: {per_minute:?}");

    // Only the owner, with the scope, reads it.
    let url = s.url(&format!("/api/analytics/streams/{}", sum.stream_id));
    let by_id = s.http().get(&url).bearer_auth(&owner).send().await.unwrap();
    assert_eq!(by_id.status(), 200);
    let body: serde_json::Value = by_id.json().await.unwrap();
    assert_eq!(serde_json::from_value::<StreamSummary>(body["data"][0].clone()).unwrap(), sum);
    let other = s.token("fan1", "analytics:read").await;
    assert_eq!(s.http().get(&url).bearer_auth(&other).send().await.unwrap().status(), 403);
    let no_scope = s.token("caster", "stream:key").await;
    assert_eq!(s.http().get(&url).bearer_auth(&no_scope).send().await.unwrap().status(), 403);
    assert_eq!(s.http().get(&url).send().await.unwrap().status(), 401);
    assert_eq!(
        s.http().get(s.url("/api/analytics/streams/nope")).bearer_auth(&owner).send().await.unwrap().status(),
        400
    );
    assert_eq!(
        s.http().get(s.url("/api/analytics/streams/999999")).bearer_auth(&owner).send().await.unwrap().status(),
        404
    );

    // The channel's analytics for the day hold the same numbers; the day before is the comparison.
    let date = &sum.started_at[..10];
    let url = s.url(&format!("/api/channels/caster/analytics?from={date}&to={date}"));
    let body: serde_json::Value = s.http().get(&url).bearer_auth(&owner).send().await.unwrap().json().await.unwrap();
    let ch: aethex_sdk::ChannelAnalytics = serde_json::from_value(body["data"][0].clone()).unwrap();
    assert_eq!((ch.from.as_str(), ch.to.as_str(), ch.days.len()), (date, date, 1));
    let day = &ch.days[0].stats;
    assert_eq!((day.live_minutes, day.watch_minutes, day.average_viewers, day.peak_viewers), (4, 23, 5.75, 7));
    assert_eq!((day.unique_viewers, day.chat_messages, day.chatters), (9, 4, 2));
    assert_eq!((day.new_followers, day.subscriptions), (1, 1));
    assert_eq!(day.donations, [MoneyTotal { currency: "USD".into(), amount: 500, count: 1 }]);
    assert_eq!(&ch.total, day, "one day: the total is that day");
    assert_eq!(ch.previous, aethex_sdk::PeriodStats::default(), "nothing the day before");

    // The platform saw ten people today: the nine viewers and fan2, who only chatted, followed and subscribed.
    let p = platform(&s, &owner, "").await;
    assert_eq!((p.users.dau, p.users.wau, p.users.mau, p.users.new_users), (10, 10, 10, 10));
    assert_eq!(p.users.stickiness, 1.0);
    assert_eq!(p.countries.shown, [Bucket { key: "unknown".into(), viewers: 10 }]);
    assert_eq!(p.categories.len(), 1, "the ended stream's category");
    assert_eq!((p.categories[0].streams, p.categories[0].watch_minutes, p.categories[0].growth), (1, 23, None));
    assert_eq!(p.creators, aethex_sdk::CreatorStats { active: 1, new: 1, live: 0 });
    for (bad, why) in [
        ("from=2026-11-30&to=2026-11-01", "reversed"),
        ("from=2026-01-01&to=2026-12-31", "too long"),
        ("from=30.11.2026", "not a day"),
    ] {
        let r = s
            .http()
            .get(s.url(&format!("/api/channels/caster/analytics?{bad}")))
            .bearer_auth(&owner)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "{why}");
    }
    let theirs = s.http().get(&url).bearer_auth(&s.token("fan1", "analytics:read").await).send().await.unwrap();
    assert_eq!(theirs.status(), 403);

    // The creator's page shows the same numbers; another user finds nothing there.
    let caster = s.browser();
    s.browser_login(&caster, "caster", "caster password 1").await;
    let html = caster.get(s.url("/dashboard/analytics")).send().await.unwrap().text().await.unwrap();
    for want in [
        "Stream summary",
        "5.75",
        "Average viewers",
        "Minute 1: 7 viewers",
        "Minute 1: 3 messages",
        "After 3 minutes: 33%",
        "Phone: 6",
        "Directory: 6",
        "3 viewers in groups under 5, not shown",
        "Unknown: 9",
        "5.00 USD",
    ] {
        assert!(html.contains(want), "{want}: {html}");
    }
    let page = s.url(&format!("/dashboard/analytics/{}", sum.stream_id));
    let by_id = caster.get(&page).send().await.unwrap();
    assert_eq!(by_id.status(), 200);
    assert!(by_id.text().await.unwrap().contains("Minute 1: 7 viewers"));
    assert_eq!(fan1_browser.get(&page).send().await.unwrap().status(), 404, "not fan1's stream");
    let empty = fan1_browser.get(s.url("/dashboard/analytics")).send().await.unwrap().text().await.unwrap();
    assert!(empty.contains("No stream yet"), "{empty}");
    assert_eq!(anon.get(s.url("/dashboard/analytics")).send().await.unwrap().status(), 303, "to the log-in page");

    if matches!(backend, Backend::Sqlite) {
        let login = ("caster", "caster password 1");
        screenshot(&s, login, "/dashboard/analytics", ("viewers-chart", 4), "stream-summary").await;
    }
}

async fn until(page: &mut Page, js: &str) {
    for _ in 0..200 {
        if page.eval(js).await == serde_json::Value::Bool(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{js}: not within 20 s");
}

/// A dashboard page in Chromium, desktop and phone, as `login`: `chart` has
/// `bars` bars, nothing overflows, and with `AETHEX_SCREENSHOTS_DIR` the
/// pictures are saved as `<name>-{desktop,phone}.png` (the README shows them).
async fn screenshot(
    s: &TestServer,
    (login, password): (&str, &str),
    path: &str,
    (chart, bars): (&str, usize),
    name: &str,
) {
    use base64::Engine as _;
    let browser = Browser::start().await;
    let mut page = browser.open(&s.url(&format!("/login?next={path}"))).await;
    until(&mut page, "!!document.querySelector('form input[name=password]')").await;
    page.eval(&format!(
        "(f => {{ f.login.value = '{login}'; f.password.value = '{password}'; f.submit(); }})\
         (document.querySelector('form input[name=password]').form)"
    ))
    .await;
    until(&mut page, &format!("location.pathname === '{path}' && document.readyState === 'complete'")).await;
    for (device, width, height, mobile) in [("desktop", 1280, 1000, false), ("phone", 360, 740, true)] {
        let metrics = json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile});
        page.call("Emulation.setDeviceMetricsOverride", metrics).await;
        page.navigate(&s.url(path)).await;
        until(&mut page, &format!("document.readyState === 'complete' && !!document.getElementById('{chart}')")).await;
        assert_eq!(page.eval(&format!("document.querySelectorAll('#{chart} rect').length")).await, bars, "a bar each");
        let offenders = page.eval(include_str!("js/overflow.js")).await;
        assert_eq!(offenders, json!([]), "{device}: text wider than its box");
        let png = page.call("Page.captureScreenshot", json!({"format": "png", "captureBeyondViewport": true})).await;
        let png = base64::engine::general_purpose::STANDARD.decode(png["data"].as_str().unwrap()).unwrap();
        assert!(png.len() > 10_000, "a real picture");
        if let Some(dir) = std::env::var_os("AETHEX_SCREENSHOTS_DIR") {
            std::fs::write(std::path::Path::new(&dir).join(format!("{name}-{device}.png")), &png).unwrap();
        }
    }
}

both_backends!(stream_summary_from_real_viewers);

/// Fetch the channel's master and source playlists as a player with `ua` (and `extra` headers).
async fn play(s: &TestServer, ua: &str, extra: Option<(&str, &str)>) {
    for path in ["/hls/caster/index.m3u8", "/hls/caster/source/index.m3u8"] {
        let mut r = s.http().get(s.url(path)).header("user-agent", ua);
        if let Some((k, v)) = extra {
            r = r.header(k, v);
        }
        assert_eq!(r.send().await.unwrap().status(), 200, "{path}");
    }
}

/// Players that send no beacon (VLC, ffmpeg) count from their HLS requests;
/// the web player, whose playlist requests come before its first beacon, is
/// not counted twice; a player asking not to be tracked is not counted.
async fn players_without_a_beacon_count_from_their_requests(backend: Backend) {
    let s = TestServer::start(backend).await;
    s.user("caster", Some("caster password 1")).await;
    let owner = s.token("caster", "stream:key analytics:read").await;
    let key = s.client_with(&owner).stream_key("caster").await.unwrap();
    let mut ffmpeg = publish_picture(s.rtmp, &key.stream_key, "testsrc2=size=320x180:rate=30");
    until_live(&s, &owner).await;
    let a = &s.state.analytics;
    let apps: Vec<String> = (1..=5).map(|i| format!("VLC/3.0.{i} LibVLC/3.0.{i}")).collect();
    let webs: Vec<String> = (1..=5).map(|i| DESKTOP.replace("Chrome/120.0", &format!("Chrome/120.{i}"))).collect();
    // Minute 0: five VLCs and five web players load the playlists; the web
    // players' beacons come after their first requests; mpv asks not to be tracked.
    for ua in apps.iter().chain(&webs) {
        play(&s, ua, None).await;
    }
    play(&s, "mpv 0.37.0", Some(("dnt", "1"))).await;
    for (i, ua) in webs.iter().enumerate() {
        let b = view(&format!("web-session-{i}"), &format!("web-browser-{i}"), "start", Some("directory"));
        assert_eq!(beacon(&s.http(), &s, ua, b).await, 204);
    }
    a.sample_players(Duration::ZERO);
    // Minute 1: all play on; the web players beat.
    a.advance(Duration::from_secs(60));
    for ua in apps.iter().chain(&webs) {
        play(&s, ua, None).await;
    }
    play(&s, "mpv 0.37.0", Some(("dnt", "1"))).await;
    for (i, ua) in webs.iter().enumerate() {
        let b = view(&format!("web-session-{i}"), &format!("web-browser-{i}"), "heartbeat", Some("directory"));
        assert_eq!(beacon(&s.http(), &s, ua, b).await, 204);
    }
    a.sample_players(Duration::ZERO);
    a.flush().await;
    let (_, live) = summary(&s, &owner).await;
    let live = live.unwrap();
    assert_eq!(live.unique_viewers, 10, "five VLCs and five web players, each once; not mpv");
    assert_eq!(
        live.devices.shown,
        [Bucket { key: "app".into(), viewers: 5 }, Bucket { key: "desktop".into(), viewers: 5 }]
    );
    assert_eq!(
        live.sources.shown,
        [Bucket { key: "direct".into(), viewers: 5 }, Bucket { key: "directory".into(), viewers: 5 }]
    );
    assert_eq!(live.viewers_per_minute, [10, 10]);
    ffmpeg.kill().unwrap();
    let _ = ffmpeg.wait();
}

both_backends!(players_without_a_beacon_count_from_their_requests);

/// The platform analytics as `token` reads them (`query` like `?date=...`).
async fn platform(s: &TestServer, token: &str, query: &str) -> aethex_sdk::PlatformAnalytics {
    let r = s.http().get(s.url(&format!("/api/analytics/platform{query}"))).bearer_auth(token).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let body: serde_json::Value = r.json().await.unwrap();
    serde_json::from_value(body["data"][0].clone()).unwrap()
}

/// The operator's numbers over weeks of viewing: players come and go on known
/// days (the analytics clock moves days at a time) while one stream runs, and
/// DAU, WAU, MAU, stickiness, new viewers, churn, every cohort cell, revenue
/// by currency, region and tier, creators, live channels and health are exact.
async fn platform_numbers_across_weeks(backend: Backend) {
    let s = TestServer::start_custom(backend, |c| c.operators = vec!["boss".into()]).await;
    let a = &s.state.analytics;
    s.user("caster", Some("caster password 1")).await;
    s.user("boss", Some("boss password 123")).await;
    s.user("fan1", Some("fan1 password 12")).await;
    let caster = s.token("caster", "stream:key analytics:read").await;
    let boss = s.token("boss", "analytics:read").await;
    let key = s.client_with(&caster).stream_key("caster").await.unwrap();
    let fan1 = s.client_with(&s.token("fan1", "donations:write").await);
    let fan1_browser = s.browser();
    s.browser_login(&fan1_browser, "fan1", "fan1 password 12").await;
    let anon = s.http();

    // Who may ask, and how.
    let url = s.url("/api/analytics/platform");
    assert_eq!(s.http().get(&url).send().await.unwrap().status(), 401);
    assert_eq!(s.http().get(&url).bearer_auth(&caster).send().await.unwrap().status(), 403, "not an operator");
    let no_scope = s.token("boss", "chat:read").await;
    assert_eq!(s.http().get(&url).bearer_auth(&no_scope).send().await.unwrap().status(), 403);
    for bad in ["?date=30.11.2026", "?date=2999-01-01"] {
        let r = s.http().get(format!("{url}{bad}")).bearer_auth(&boss).send().await.unwrap();
        assert_eq!(r.status(), 400, "{bad}");
    }

    // An hour into a fresh UTC day, the stream starts; "today" will be 45 days on.
    let now = a.now();
    a.advance(Duration::from_millis((86_400_000 - now.rem_euclid(86_400_000) + 3_600_000) as u64));
    let mut ffmpeg = publish_picture(s.rtmp, &key.stream_key, "testsrc2=size=320x180:rate=30");
    until_live(&s, &caster).await;
    let days = |n: u64| a.advance(Duration::from_secs(n * 86_400));
    let (server, anon) = (&s, &anon);
    let watch = |who: Vec<String>| async move {
        for w in who {
            let b = view(&format!("session-{w}"), &format!("browser-{w}"), "start", Some("directory"));
            assert_eq!(beacon(anon, server, PHONE, b).await, 204);
        }
    };
    let names = |prefix: &str, n: usize| (1..=n).map(|i| format!("{prefix}-{i}")).collect::<Vec<_>>();

    // Day -45: six viewers, of whom only old-1 ever comes back.
    watch(names("old", 6)).await;
    // Day -27 (week 0 of the cohorts): five new viewers.
    days(18);
    watch(names("w0", 5)).await;
    // Day -20 (week 1): two of them return, two new.
    days(7);
    watch(vec!["w0-1".into(), "w0-2".into()]).await;
    watch(names("w1", 2)).await;
    // Day -10 (week 2): old-1, w0-1 and w1-1 return; nobody new.
    days(10);
    watch(vec!["old-1".into(), "w0-1".into(), "w1-1".into()]).await;
    // Today (week 3): w0-1 and w1-2 return; three new, and fan1 watches logged in and donates.
    days(10);
    watch(vec!["w0-1".into(), "w1-2".into()]).await;
    watch(names("w3", 3)).await;
    let b = view("session-fan1", "browser-fan1", "start", Some("following"));
    assert_eq!(beacon(&fan1_browser, &s, DESKTOP, b).await, 204);
    fan1.donate(
        &aethex_sdk::DonationRequest {
            broadcaster_login: "caster".into(),
            amount: 500,
            currency: "USD".into(),
            message: "gg".into(),
            donor_name: None,
        },
        Some("platform-donation-1"),
    )
    .await
    .unwrap();

    let p = platform(&s, &boss, "").await;
    let today = aethex_server::analytics::rollup::day_of(a.now());
    assert_eq!(p.date, aethex_server::store::rfc3339(today * 86_400_000)[..10]);
    let u = &p.users;
    assert_eq!((u.dau, u.wau, u.mau, u.new_users), (6, 6, 12, 11));
    assert_eq!(u.stickiness, 0.5);
    assert_eq!((u.churned, u.churn_rate), (5, 5.0 / 6.0), "old-2..6 were active the month before, not since");
    let mut dau = vec![0; 30];
    (dau[2], dau[9], dau[19], dau[29]) = (5, 4, 3, 6);
    assert_eq!(u.dau_by_day, dau);
    let cohorts: Vec<(i64, Vec<i64>)> = p.cohorts.iter().map(|c| (c.size, c.active.clone())).collect();
    assert_eq!(cohorts, [(5, vec![5, 2, 1, 1]), (2, vec![2, 1, 1]), (0, vec![0, 0]), (4, vec![4])]);
    assert_eq!(p.cohorts[0].week_start, aethex_server::store::rfc3339((today - 27) * 86_400_000)[..10]);
    assert_eq!(p.revenue.len(), 1);
    let usd = &p.revenue[0];
    assert_eq!((usd.currency.as_str(), usd.day, usd.week, usd.month, usd.payments), ("USD", 500, 500, 500, 1));
    assert_eq!(usd.arpu, 500.0 / 12.0);
    let split =
        |key: &str| aethex_sdk::RevenueSplit { key: key.into(), currency: "USD".into(), amount: 500, payments: 1 };
    assert_eq!(p.revenue_by_region, [split("unknown")]);
    assert_eq!(p.revenue_by_tier, [split("small")], "caster has no followers");
    assert_eq!(p.creators, aethex_sdk::CreatorStats { active: 1, new: 0, live: 1 }, "streaming since day -45");
    assert_eq!(p.countries.shown, [Bucket { key: "unknown".into(), viewers: 12 }]);
    assert_eq!(p.live.len(), 1);
    let l = &p.live[0];
    assert_eq!(
        (l.broadcaster_user_login.as_str(), l.recent_viewers, l.earlier_viewers, l.growth),
        ("caster", 6, 0, None)
    );
    assert!(p.health.requests > 0 && !p.health.routes.is_empty(), "{:?}", p.health);
    assert_eq!((p.health.live_streams, p.health.analytics_dropped), (1, 0));

    // The channel's 46 days: the 45 closed ones are rolled up on the first
    // read and read back on the second; every person counts once in the total.
    let from = aethex_server::store::rfc3339((today - 45) * 86_400_000);
    let url = s.url(&format!("/api/channels/caster/analytics?from={}", &from[..10]));
    let read = || async {
        let body: serde_json::Value =
            s.http().get(&url).bearer_auth(&caster).send().await.unwrap().json().await.unwrap();
        serde_json::from_value::<aethex_sdk::ChannelAnalytics>(body["data"][0].clone()).unwrap()
    };
    let first = read().await;
    assert_eq!(first.days.len(), 46);
    let uniques: Vec<i64> = [0, 18, 25, 35, 45].iter().map(|d| first.days[*d].stats.unique_viewers).collect();
    assert_eq!(uniques, [6, 5, 4, 3, 6]);
    assert_eq!((first.total.unique_viewers, first.total.chatters, first.total.live_minutes / 1440), (17, 0, 45));
    assert_eq!(first.total.donations, [aethex_sdk::MoneyTotal { currency: "USD".into(), amount: 500, count: 1 }]);
    assert_eq!(read().await, first, "the same from the stored days");

    // The creator's channel analytics page over the same days says the same:
    // a bar and a row per day, the totals; a range it cannot show says why.
    let caster_browser = s.browser();
    s.browser_login(&caster_browser, "caster", "caster password 1").await;
    let to = &aethex_server::store::rfc3339(today * 86_400_000)[..10];
    let page_url = s.url(&format!("/dashboard/analytics/channel?from={}&to={to}", &from[..10]));
    let r = caster_browser.get(&page_url).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    for want in [
        "Channel analytics",
        "<span class=\"figure\">17</span> Unique viewers",
        "5.00 USD (1)",
        "Unique viewers per day",
        &format!("value=\"{}\"", &from[..10]),
    ] {
        assert!(html.contains(want), "{want}: {html}");
    }
    assert_eq!(html.matches("<th scope=\"row\">").count(), 46, "a row per day");
    let unique_chart = html.split("id=\"unique-chart\"").nth(1).unwrap().split("</svg>").next().unwrap();
    assert_eq!(unique_chart.matches("<rect").count(), 46, "a bar per day");
    for (query, why) in [
        (String::new(), "none: the default range"),
        ("from=2026-01-01&to=2026-12-31".to_string(), "too long"),
        ("from=30.11.2026".to_string(), "not a day"),
        (format!("from={to}&to=2999-01-01"), "in the future"),
    ] {
        let r = caster_browser.get(s.url(&format!("/dashboard/analytics/channel?{query}"))).send().await.unwrap();
        let status = r.status();
        let html = r.text().await.unwrap();
        if why.starts_with("none") {
            assert_eq!(status, 200, "{why}");
            assert!(!html.contains("range-error"), "{why}");
        } else {
            assert_eq!(status, 400, "{why}");
            assert!(html.contains("range-error") && html.contains("Showing the last 28 days instead"), "{why}: {html}");
            assert_eq!(html.matches("<th scope=\"row\">").count(), 28, "{why}: the default range is shown");
        }
    }
    let other = s.browser();
    s.browser_login(&other, "fan1", "fan1 password 12").await;
    let theirs = other.get(&page_url).send().await.unwrap().text().await.unwrap();
    assert!(theirs.contains("<span class=\"figure\">0</span> Unique viewers"), "another user sees their own channel");
    assert_eq!(s.http().get(&page_url).send().await.unwrap().status(), 303, "to the log-in page");

    // The same numbers as of day -20: the month then held old-1..6, w0-1..5 and w1-1..2.
    let then = aethex_server::store::rfc3339((today - 20) * 86_400_000);
    let p = platform(&s, &boss, &format!("?date={}", &then[..10])).await;
    assert_eq!((p.users.dau, p.users.wau, p.users.mau, p.users.churned), (4, 4, 13, 0));

    // The operator's dashboard page says the same; nobody else finds it.
    let boss_browser = s.browser();
    s.browser_login(&boss_browser, "boss", "boss password 123").await;
    let html = boss_browser.get(s.url("/dashboard/platform")).send().await.unwrap().text().await.unwrap();
    for want in [
        "<span class=\"figure\">6</span> Active today",
        "<span class=\"figure\">12</span> Active in 30 days",
        "<span class=\"figure\">50%</span> Stickiness",
        "<span class=\"figure\">83%</span> Churn",
        "<td>5</td><td>100%</td><td>40%</td><td>20%</td><td>20%</td>",
        ">caster</a>: 0 watching, 6 in the last 10 minutes (new)",
        "Small (under 100 followers): 5.00 USD (1)",
        "Unknown: 12",
    ] {
        assert!(html.contains(want), "{want}: {html}");
    }
    assert_eq!(fan1_browser.get(s.url("/dashboard/platform")).send().await.unwrap().status(), 404);
    assert_eq!(anon.get(s.url("/dashboard/platform")).send().await.unwrap().status(), 303, "to the log-in page");
    if matches!(backend, Backend::Sqlite) {
        let login = ("boss", "boss password 123");
        screenshot(&s, login, "/dashboard/platform", ("dau-chart", 30), "platform").await;
        let login = ("caster", "caster password 1");
        screenshot(&s, login, "/dashboard/analytics/channel", ("unique-chart", 28), "channel-analytics").await;
    }
    ffmpeg.kill().unwrap();
    let _ = ffmpeg.wait();
}

both_backends!(platform_numbers_across_weeks);

/// `aethex-server analytics export`: a range of days as NDJSON and CSV,
/// oldest first, rows outside the range left out, bad dates refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_operator_exports_a_range_of_events() {
    use aethex_server::analytics::Row;
    let s = TestServer::start(Backend::Sqlite).await;
    let day = aethex_sdk::time::parse_rfc3339("2026-11-30T00:00:00Z").unwrap();
    let a = &s.state.analytics;
    a.record(Row { viewer: Some("a:before".into()), ..Row::new(day - 1, "view", 1, Some(9)) });
    a.record(Row { viewer: Some("a:first".into()), session: Some("s,1".into()), ..Row::new(day, "view", 1, Some(9)) });
    a.record(Row {
        amount: Some(500),
        currency: Some("USD".into()),
        viewer: Some("u:2".into()),
        ..Row::new(day + 86_399_999, "donation", 1, Some(9))
    });
    a.record(Row::new(day + 86_400_000, "chat", 1, Some(9)));
    a.flush().await;

    let data = s.data_dir.clone();
    let export = move |args: &[&str]| {
        let mut all = vec!["analytics", "export"];
        all.extend_from_slice(args);
        common::admin(&data, None, &all)
    };
    let ndjson = tokio::task::block_in_place(|| export(&["--from", "2026-11-30", "--to", "2026-11-30"]));
    let lines: Vec<serde_json::Value> = ndjson.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2, "{ndjson}");
    assert_eq!(lines[0]["at"], "2026-11-30T00:00:00.000Z");
    assert_eq!((lines[0]["viewer"].as_str(), lines[0]["amount"].is_null()), (Some("a:first"), true));
    assert_eq!((lines[1]["kind"].as_str(), lines[1]["amount"].as_i64()), (Some("donation"), Some(500)));
    assert_eq!(lines[1]["stream_id"], 9);
    let csv =
        tokio::task::block_in_place(|| export(&["--from", "2026-11-30", "--to", "2026-11-30", "--format", "csv"]));
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows[0], "at,at_ms,kind,channel_id,stream_id,viewer,session,device,source,country,amount,currency");
    assert_eq!(rows[1], format!("2026-11-30T00:00:00.000Z,{day},view,1,9,a:first,\"s,1\",,,,,"));
    assert_eq!(rows.len(), 3);
    // An RFC 3339 end is excluded; a bad date is refused with its reason.
    let until_midnight =
        tokio::task::block_in_place(|| export(&["--from", "2026-11-29", "--to", "2026-11-30T00:00:00Z"]));
    assert_eq!(until_midnight.lines().count(), 1, "only the row before midnight");
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_aethex-server"))
        .args(["analytics", "export", "--from", "yesterday", "--to", "2026-11-30"])
        .env("AETHEX_DATA_DIR", &s.data_dir)
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("'yesterday' is not a day"));
}

/// Countries come from the viewer's address through MaxMind's own test
/// database (`--geoip-db`), behind a trusted proxy's `X-Forwarded-For`; a
/// country under 5 viewers is withheld, and no address is stored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn countries_come_from_the_location_database() {
    let db = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/GeoIP2-Country-Test.mmdb");
    let s = TestServer::start_custom(Backend::Sqlite, |c| {
        c.geoip_db = Some(db);
        c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    s.user("caster", None).await;
    let owner = s.token("caster", "stream:key analytics:read").await;
    let key = s.client_with(&owner).stream_key("caster").await.unwrap();
    let mut ffmpeg = publish_picture(s.rtmp, &key.stream_key, "testsrc2=size=320x180:rate=30");
    until_live(&s, &owner).await;
    // Six viewers in Great Britain, two in Sweden, one whose proxy hop is not
    // an address, one with no proxy header at all.
    let from = |ip: &'static str, n: usize| (0..n).map(move |i| (ip, format!("{ip}-{i}")));
    let viewers = from("81.2.69.160", 3)
        .chain(from("81.2.69.142", 3))
        .chain(from("89.160.20.128", 2))
        .chain(from("garbage", 1))
        .chain(from("", 1));
    for (ip, id) in viewers {
        let session = format!("session-{}", id.replace('.', "-"));
        let browser = format!("browser-{}", id.replace('.', "-"));
        let mut r = s.http().post(s.url("/analytics/views")).header("user-agent", PHONE);
        if !ip.is_empty() {
            r = r.header("x-forwarded-for", format!("198.51.100.7, {ip}"));
        }
        let status = r.json(&view(&session, &browser, "start", None)).send().await.unwrap().status();
        assert_eq!(status, 204);
    }
    s.state.analytics.flush().await;
    let sum = summary(&s, &owner).await.1.unwrap();
    assert_eq!(sum.countries.shown, [Bucket { key: "GB".into(), viewers: 6 }]);
    assert_eq!(sum.countries.hidden, 4, "Sweden (2) and unknown (2) are under 5");
    // "garbage" is skipped for the hop before it, which is not in the test database.
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT COALESCE(country, '-') FROM analytics_events WHERE kind = 'view'")
            .fetch_all(&s.state.db.pool)
            .await
            .unwrap();
    assert_eq!(stored.iter().filter(|c| *c == "GB").count(), 6);
    assert_eq!(stored.iter().filter(|c| *c == "SE").count(), 2);
    let everything = sqlx::query("SELECT * FROM analytics_events").fetch_all(&s.state.db.pool).await.unwrap();
    let text = serde_json::to_string(&aethex_server::store::rows_json(&everything)).unwrap();
    for ip in ["81.2.69", "89.160.20", "198.51.100", "127.0.0.1"] {
        assert!(!text.contains(ip), "{ip} stored");
    }
    ffmpeg.kill().unwrap();
    let _ = ffmpeg.wait();
}

/// PostgreSQL keeps analytics events in monthly partitions: each month with
/// rows gets its own, this month and the next are made ahead, rows written
/// later land in them, and retention drops whole months that are past.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_keeps_events_in_monthly_partitions() {
    use aethex_server::analytics::{export, partitions, Row};
    let _ = tracing_subscriber::fmt().with_env_filter("warn").with_test_writer().try_init();
    let s = TestServer::start(Backend::Postgres).await;
    let (a, db) = (&s.state.analytics, &s.state.db);
    let now = a.now();
    let day = 86_400_000;
    let (this_month, next_month, long_ago) =
        (partitions::month_of(now), partitions::month_of(partitions::month_of(now).1), now - 200 * day);
    for at in [now, now - 40 * day, long_ago] {
        // Chat rows: views would be held back as one session's heartbeats.
        a.record(Row { viewer: Some("a:someone".into()), ..Row::new(at, "chat", 1, Some(9)) });
    }
    a.flush().await;
    partitions::ensure(db, now).await.unwrap();
    assert_eq!(partitions::ensure(db, now).await.unwrap(), 0, "made once");
    let placed = || async {
        let rows: Vec<(String, i64)> =
            sqlx::query_as("SELECT tableoid::regclass::text, COUNT(*) FROM analytics_events GROUP BY 1 ORDER BY 1")
                .fetch_all(&db.pool)
                .await
                .unwrap();
        rows
    };
    let old = partitions::month_of(long_ago).2;
    let before = partitions::month_of(now - 40 * day).2;
    let mut want = vec![(old.clone(), 1), (before.clone(), 1), (this_month.2.clone(), 1)];
    want.sort();
    want.dedup_by(|x, y| {
        x.0 == y.0 && {
            y.1 += x.1;
            true
        }
    });
    assert_eq!(placed().await, want, "every row in its month's partition, none in the default");
    let made: Option<String> =
        sqlx::query_scalar("SELECT to_regclass($1)::text").bind(&next_month.2).fetch_one(&db.pool).await.unwrap();
    assert_eq!(made.as_deref(), Some(next_month.2.as_str()), "next month's is ready");
    let partitioned: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid WHERE c.relname = 'analytics_events'",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(partitioned, 1);

    // A row written now lands in this month's partition.
    a.record(Row::new(now, "chat", 1, Some(9)));
    a.flush().await;
    assert!(placed().await.contains(&(this_month.2.clone(), 2)), "{:?}", placed().await);

    // Retention of 90 days: the month 200 days ago goes whole; recent months stay.
    export::sweep(db, now, 90).await.unwrap();
    let gone: Option<String> =
        sqlx::query_scalar("SELECT to_regclass($1)::text").bind(&old).fetch_one(&db.pool).await.unwrap();
    assert_eq!(gone, None, "the old month's partition is dropped");
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM analytics_events").fetch_one(&db.pool).await.unwrap();
    assert_eq!(left, 3);
}
