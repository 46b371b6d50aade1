//! Recommendations end to end, on SQLite and PostgreSQL: six channels go
//! live (ffmpeg over RTMP), viewers with two hidden tastes watch them through
//! the player's beacons (anonymous browsers and signed-in users), training
//! runs, and the lists are checked as their users see them: only live
//! channels, a channel watched by similar viewers above an unrelated one, a
//! quick exit never offered, an opted-out viewer unpersonalised and out of
//! the model, clicks on the web app's home row counted in the variant's
//! click-through, and a model trained by `aethex-server recs train` picked up.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use std::time::Duration;

use aethex_sdk::{ChannelUpdate, RecommendationList, RecommendationReason};
use common::{publish_picture, Backend, TestServer};
use serde_json::json;

async fn beacon(client: &reqwest::Client, s: &TestServer, channel: &str, session: &str, browser: &str, event: &str) {
    let body = json!({"channel": channel, "session": session, "browser": browser, "event": event});
    let r = client.post(s.url("/analytics/views")).json(&body).send().await.unwrap();
    assert_eq!(r.status(), 204, "beacon {event} for {channel}");
}

async fn list(s: &TestServer, token: Option<&str>, query: &str) -> RecommendationList {
    let mut req = s.http().get(s.url(&format!("/api/recommendations?{query}")));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let r = req.send().await.unwrap();
    assert_eq!(r.status(), 200, "{query}");
    r.json().await.unwrap()
}

fn position(l: &RecommendationList, login: &str) -> Option<u32> {
    l.data.iter().find(|r| r.broadcaster_login == login).map(|r| r.position)
}

async fn recommendations_from_real_viewing(backend: Backend) {
    let s = TestServer::start_custom(backend, |c| {
        c.recs.train_minutes = 0;
        c.recs.control_percent = 0;
        c.operators = vec!["ops".into()];
    })
    .await;
    // Channels and what they are about.
    let channels = [
        ("speedy", "Celeste", "speedrun", "Any% world record attempts"),
        ("runner", "Celeste", "speedrun", "Chapter 9 practice"),
        ("chef", "Cooking", "food", "Making ramen from scratch"),
        ("baker", "Cooking", "food", "Sourdough morning"),
        ("tiny", "Celeste", "speedrun", "My first runs"),
        ("gone", "Celeste", "speedrun", "Golden strawberry grind"),
    ];
    let mut publishers = Vec::new();
    for (login, category, tag, title) in channels {
        s.user(login, None).await;
        let owner = s.client_with(&s.token(login, "stream:key channel:manage").await);
        let update = ChannelUpdate {
            title: Some(title.into()),
            category: Some(category.into()),
            tags: Some(vec![tag.into()]),
            language: Some("en".into()),
            ..ChannelUpdate::default()
        };
        owner.update_channel(login, &update).await.unwrap();
        let key = owner.stream_key(login).await.unwrap().stream_key;
        publishers.push((login, publish_picture(s.rtmp, &key, "testsrc2=size=160x90:rate=10")));
    }
    for _ in 0..240 {
        if channels.iter().all(|(l, ..)| s.state.ingest.get(l).is_some_and(|st| !st.is_ended())) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(channels.iter().all(|(l, ..)| s.state.ingest.get(l).is_some()), "every channel went live");
    // Followers, so `tiny` (none) is the only small channel... everyone else has 10.
    for i in 0..10 {
        let fan = format!("fan{i}");
        s.user(&fan, None).await;
        let c = s.client_with(&s.token(&fan, "user:edit:follows").await);
        for login in ["speedy", "runner", "chef", "baker", "gone"] {
            c.follow(login).await.unwrap();
        }
    }

    // Hidden tastes: four browsers watch speedruns, four watch cooking.
    // Alice (signed in) watches `speedy` and `gone`, and leaves `chef` at once.
    // Bob (signed in) watches `speedy` and then opts out.
    let anon = s.http();
    let alice = s.browser();
    s.user("alice", Some("alice password 1")).await;
    s.browser_login(&alice, "alice", "alice password 1").await;
    let bob = s.browser();
    s.user("bob", Some("bob password 123")).await;
    s.browser_login(&bob, "bob", "bob password 123").await;
    let mut watching = Vec::new();
    for i in 0..4 {
        for ch in ["speedy", "runner", "gone"] {
            watching.push((anon.clone(), ch, format!("sess-a{i}-{ch}"), format!("browser-speed-{i}")));
        }
        for ch in ["chef", "baker"] {
            watching.push((anon.clone(), ch, format!("sess-b{i}-{ch}"), format!("browser-cook-{i}")));
        }
    }
    for ch in ["speedy", "gone"] {
        watching.push((alice.clone(), ch, format!("sess-alice-{ch}"), "browser-alice".into()));
    }
    watching.push((bob.clone(), "speedy", "sess-bob-speedy".into(), "browser-bob1".into()));
    for (c, ch, session, browser) in &watching {
        beacon(c, &s, ch, session, browser, "start").await;
    }
    // Alice looks at `chef` and leaves within seconds: a quick exit.
    beacon(&alice, &s, "chef", "sess-alice-chef", "browser-alice", "start").await;
    beacon(&alice, &s, "chef", "sess-alice-chef", "browser-alice", "end").await;
    s.state.analytics.advance(Duration::from_secs(600));
    for (c, ch, session, browser) in &watching {
        beacon(c, &s, ch, session, browser, "heartbeat").await;
        beacon(c, &s, ch, session, browser, "end").await;
    }
    s.state.analytics.flush().await;

    // `gone` ends its stream: it may not be recommended any more.
    let (_, mut gone) = publishers.pop().unwrap();
    gone.kill().unwrap();
    let _ = gone.wait();
    for _ in 0..120 {
        if s.state.ingest.get("gone").is_none_or(|st| st.is_ended()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }

    // Bob opts out through the API before training.
    let bob_token = s.token("bob", "user:read user:edit:settings").await;
    let bob_api = s.client_with(&bob_token);
    assert!(bob_api.recommendation_settings().await.unwrap().personalised);
    assert!(!bob_api.set_recommendation_settings(false).await.unwrap().personalised);
    assert!(!bob_api.recommendation_settings().await.unwrap().personalised);

    let version = s.state.recs.train().await.unwrap();
    assert!(version >= 1);

    let alice_token = s.token("alice", "user:read").await;
    let mine = list(&s, Some(&alice_token), "first=10").await;
    assert_eq!(mine.model_version, version);
    assert!(mine.personalised && mine.variant == "hybrid", "{mine:?}");
    let live = ["speedy", "runner", "chef", "baker", "tiny"];
    assert!(mine.data.iter().all(|r| live.contains(&r.broadcaster_login.as_str())), "only live channels: {mine:?}");
    assert!(position(&mine, "gone").is_none());
    // Her own channel, live now; the one her kind of viewers watch above the unrelated one.
    assert!(mine.data.iter().any(|r| r.broadcaster_login == "speedy" && r.reason == RecommendationReason::Watched));
    let runner = position(&mine, "runner").expect("runner recommended");
    let baker = position(&mine, "baker").expect("baker recommended");
    assert!(runner < baker, "runner {runner} above baker {baker}: {mine:?}");
    assert!(position(&mine, "chef").is_none(), "a quick exit is not offered: {mine:?}");
    // The small channel gets its exploration slot.
    assert!(mine.data.iter().any(|r| r.broadcaster_login == "tiny" && r.reason == RecommendationReason::Explore));

    // An anonymous browser that watched cooking is offered cooking first.
    let cook = list(&s, None, "first=3&browser=browser-cook-1").await;
    assert!(cook.personalised);
    assert!(["chef", "baker"].contains(&cook.data[0].broadcaster_login.as_str()), "{cook:?}");
    // A browser never seen gets the popular channels.
    let fresh = list(&s, None, "browser=browser-never-seen").await;
    assert!(!fresh.personalised);
    assert!(fresh
        .data
        .iter()
        .all(|r| matches!(r.reason, RecommendationReason::Popular | RecommendationReason::Explore)));
    // Bad input is refused.
    for q in ["first=0", "first=51", "browser=x", "list=similar", "list=nope"] {
        let r = s.http().get(s.url(&format!("/api/recommendations?{q}"))).send().await.unwrap();
        assert_eq!(r.status(), 400, "{q}");
    }

    // The opted-out viewer: unpersonalised, and not in the model.
    let theirs = list(&s, Some(&bob_token), "first=10").await;
    assert!(!theirs.personalised && theirs.variant == "none", "{theirs:?}");
    assert!(theirs.data.iter().all(|r| r.reason != RecommendationReason::Watched));

    // Similar channels: the other speedrun channel first.
    let r = s.http().get(s.url("/api/channels/speedy/similar?first=3")).send().await.unwrap();
    let similar: RecommendationList = r.json().await.unwrap();
    assert_eq!(similar.data[0].broadcaster_login, "runner", "{similar:?}");
    assert!(similar.data.iter().all(|r| r.broadcaster_login != "speedy" && r.broadcaster_login != "gone"));
    assert_eq!(s.http().get(s.url("/api/channels/nobody/similar")).send().await.unwrap().status(), 404);

    // The web app: Alice's home page shows the row; clicking a card counts.
    let home = alice.get(s.url("/")).send().await.unwrap().text().await.unwrap();
    let row = home.split("id=\"recommended\"").nth(1).expect("the recommended row").split("</section>").next().unwrap();
    let shown = row.matches("class=\"card\"").count();
    assert!(shown >= 3, "{row}");
    let href = row
        .split("href=\"/runner?ref=recommendations&amp;rec=")
        .nth(1)
        .expect("runner's card")
        .split('"')
        .next()
        .unwrap();
    let page = alice.get(s.url(&format!("/runner?ref=recommendations&rec={href}"))).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains("id=\"similar\""), "the channel page lists similar channels");
    // The same click again is one click; a forged token none.
    alice.get(s.url(&format!("/runner?rec={href}"))).send().await.unwrap();
    alice.get(s.url("/runner?rec=home.1.1.hybrid.00000000000000000000")).send().await.unwrap();
    // Alice then watches runner for five minutes.
    beacon(&alice, &s, "runner", "sess-alice-runner", "browser-alice", "start").await;
    s.state.analytics.advance(Duration::from_secs(300));
    beacon(&alice, &s, "runner", "sess-alice-runner", "browser-alice", "end").await;
    s.state.analytics.flush().await;

    // The API's click report checks the token against the caller and channel.
    let api_click =
        |token: &str, login: &str| json!({"tracking": token, "broadcaster_login": login, "browser": "browser-cook-1"});
    let cook_top = &cook.data[0];
    let r = s
        .http()
        .post(s.url("/api/recommendations/clicks"))
        .json(&api_click(&cook_top.tracking, "tiny"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404, "a token for another channel");
    let r = s
        .http()
        .post(s.url("/api/recommendations/clicks"))
        .json(&api_click(&cook_top.tracking, &cook_top.broadcaster_login))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);

    // The operator's numbers: per variant.
    s.user("ops", Some("ops password 123")).await;
    let ops = s.client_with(&s.token("ops", "analytics:read").await);
    let stats = ops.recommendation_stats(7).await.unwrap();
    assert_eq!(stats.model_version, version);
    assert_eq!(stats.users, 19, "4 + 4 browsers, Alice and the ten followers; Bob opted out");
    let hybrid = stats.variants.iter().find(|v| v.variant == "hybrid").expect("hybrid variant");
    assert_eq!(hybrid.clicks, 2, "{stats:?}");
    assert!(hybrid.impressions >= (shown + mine.data.len() + cook.data.len()) as i64, "{stats:?}");
    assert!((hybrid.click_through_rate - 2.0 / hybrid.impressions as f64).abs() < 1e-9);
    assert!(hybrid.watch_minutes_per_click >= 2.4, "Alice's five minutes over two clicks: {stats:?}");
    // The same on the operator's dashboard.
    let ops_browser = s.browser();
    s.browser_login(&ops_browser, "ops", "ops password 123").await;
    let dash = ops_browser.get(s.url("/dashboard/platform")).send().await.unwrap().text().await.unwrap();
    let table =
        dash.split("id=\"recs-variants\"").nth(1).expect("the variants table").split("</table>").next().unwrap();
    assert!(table.contains("<code>hybrid</code>"), "{table}");
    let viewer = s.client_with(&alice_token);
    assert!(matches!(viewer.recommendation_stats(7).await, Err(aethex_sdk::Error::Forbidden { .. })));

    // A model trained by the admin command beside the server is picked up.
    let db = s.state.config.database_url.clone();
    let out = common::admin(&s.data_dir, db.as_deref(), &["recs", "train"]);
    assert!(out.starts_with(&format!("trained model version {}", version + 1)), "{out}");
    assert!(s.state.recs.refresh().await.unwrap());
    assert_eq!(list(&s, Some(&alice_token), "").await.model_version, version + 1);

    for (_, mut p) in publishers {
        let _ = p.kill();
        let _ = p.wait();
    }
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn recommendations_sqlite() {
    recommendations_from_real_viewing(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn recommendations_postgres() {
    recommendations_from_real_viewing(Backend::Postgres).await;
}

/// Viewers are split between variants by a keyed hash: the same viewer
/// always lands in the same one, and about the configured share in control.
#[tokio::test]
async fn variants_are_deterministic() {
    let s = TestServer::start_custom(Backend::Sqlite, |c| {
        c.recs.train_minutes = 0;
        c.recs.control_percent = 50;
    })
    .await;
    let mut control = 0;
    for i in 0..200 {
        let q = format!("browser=browser-variant-{i:03}");
        let first = list(&s, None, &q).await.variant;
        assert_eq!(list(&s, None, &q).await.variant, first);
        assert!(first == "hybrid" || first == "popular");
        control += usize::from(first == "popular");
    }
    assert!((70..=130).contains(&control), "{control} of 200 in control at 50%");
    s.stop().await;
}
