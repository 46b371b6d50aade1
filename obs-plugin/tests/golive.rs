//! The AeThex side of one-click go-live against a real server: the channel
//! gets the settings' title, category and tags, and the plan carries the
//! channel's real ingest URL and key; every failure is a sentence for the streamer.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)] // test code: a panic is the failure report

use aethex_obs::golive::{prepare, GoLiveError};
use aethex_obs::settings::Settings;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn go_live_applies_settings_and_returns_the_ingest() {
    let dir = std::env::temp_dir().join(format!("aethex-obs-golive-{}", std::process::id()));
    let srv = aethex_server::testing::start(dir, |_| {}).await;
    let base = srv.base.clone();
    let issue = |scopes: &'static str| srv.token("streamer", scopes);
    let token = issue("channel:manage stream:key").await;
    let settings = Settings {
        title: "Live from OBS".into(),
        category: "Retro".into(),
        tags: vec!["obs".into(), "speedrun".into()],
        ..Default::default()
    };
    let plan = prepare(&base, Some(&token), &settings).await.unwrap();
    assert_eq!(plan.login, "streamer");
    assert!(plan.ingest_url.starts_with("rtmp://") && plan.ingest_url.ends_with("/live"), "{}", plan.ingest_url);
    let client = aethex_sdk::Client::new(&base).unwrap().with_token(&token);
    assert_eq!(client.stream_key("streamer").await.unwrap().stream_key, plan.stream_key);
    let channel = client.channel("streamer").await.unwrap();
    assert_eq!((channel.title.as_str(), channel.category.as_str()), ("Live from OBS", "Retro"));
    assert_eq!(channel.tags, vec!["obs", "speedrun"]);

    // Each failure is a sentence the plugin can show.
    assert_eq!(prepare(&base, None, &settings).await, Err(GoLiveError::NotLoggedIn));
    assert!(matches!(prepare(&base, Some("axa_bogus"), &settings).await, Err(GoLiveError::LoginRefused(_))));
    let no_key_scope = issue("channel:manage").await;
    assert!(
        matches!(prepare(&base, Some(&no_key_scope), &settings).await, Err(GoLiveError::LoginRefused(m)) if m.contains("stream:key"))
    );
    let err = prepare("http://127.0.0.1:9", Some(&token), &settings).await.unwrap_err();
    assert_eq!(err, GoLiveError::Unreachable("http://127.0.0.1:9".into()));
    assert!(err.to_string().contains("cannot reach"));
}
