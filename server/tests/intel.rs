//! Chat intelligence through the public API: a term flooded into one
//! channel's chat by many chatters is first in that channel's trends and in
//! the platform's, absent from a quiet channel's; one chatter repeating a
//! word does not make it trend; the minute's lines are counted by sentiment,
//! and a channel in a language the model does not cover is unscored.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use std::time::Duration;

use aethex_sdk::{ChatTrends, SentimentCounts};
use common::{Backend, TestServer};

async fn trends(s: &TestServer, path: &str) -> ChatTrends {
    let r = s.http().get(s.url(path)).send().await.unwrap();
    assert_eq!(r.status(), 200, "{path}");
    let body: serde_json::Value = r.json().await.unwrap();
    serde_json::from_value(body["data"][0].clone()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flooded_term_trends_in_its_channel_only() {
    let s = TestServer::start(Backend::Sqlite).await;
    for login in ["loud", "quiet", "leise"] {
        s.user(login, None).await;
    }
    let german = s.client_with(&s.token("leise", "channel:manage").await);
    german
        .update_channel("leise", &aethex_sdk::ChannelUpdate { language: Some("de".into()), ..Default::default() })
        .await
        .unwrap();
    let mut chatters = Vec::new();
    for i in 0..8 {
        chatters.push(s.client_with(&s.token(&format!("fan{i}"), "chat:edit").await));
    }
    // Three minutes of usual chat in both channels (the baseline).
    let intel = &s.state.intel;
    for minute in 0..3 {
        for (i, c) in chatters.iter().enumerate() {
            c.send_chat("quiet", &format!("hello everyone, nice weather {i}")).await.unwrap();
            c.send_chat("loud", "the music is good").await.unwrap();
        }
        until_seen(&s, 16 * (minute + 1)).await;
        intel.advance(Duration::from_secs(60));
    }
    // This minute: usual chat, one fan spamming a word in the quiet channel,
    // and the loud channel flooding one word, everyone with an emote.
    for (i, c) in chatters.iter().enumerate() {
        c.send_chat("quiet", &format!("hello everyone, nice weather {i}")).await.unwrap();
        c.send_chat("loud", "the music is good").await.unwrap();
    }
    for _ in 0..6 {
        chatters[0].send_chat("quiet", "banana banana").await.unwrap();
    }
    for c in &chatters {
        c.send_chat("loud", "SPEEDRUN PogChamp").await.unwrap();
        c.send_chat("leise", "Der Speedrun ist super").await.unwrap();
    }
    until_seen(&s, 48 + 16 + 6 + 16).await;
    let loud = trends(&s, "/api/chat/loud/trends").await;
    let top: Vec<&str> = loud.terms.iter().map(|t| t.term.as_str()).collect();
    assert_eq!(
        top[..3].iter().copied().collect::<std::collections::BTreeSet<_>>(),
        ["pogchamp", "speedrun", "speedrun pogchamp"].into(),
        "{top:?}"
    );
    assert!(!top.contains(&"music") && !top.contains(&"good"), "the usual is not trending: {top:?}");
    assert_eq!(loud.terms.iter().find(|t| t.term == "speedrun").unwrap().count, 8, "each chatter once");
    assert!(!top.contains(&"the") && !top.contains(&"is"), "stop words are left out: {top:?}");
    assert_eq!(loud.window_seconds, 60);
    assert_eq!(loud.broadcaster_user_login.as_deref(), Some("loud"));
    // "the music is good" (positive) and "SPEEDRUN PogChamp" (positive): 16 positive lines.
    assert_eq!(loud.sentiment, Some(SentimentCounts { positive: 16, neutral: 0, negative: 0, unscored: 0 }));

    let quiet = trends(&s, "/api/chat/quiet/trends").await;
    let words: Vec<&str> = quiet.terms.iter().map(|t| t.term.as_str()).collect();
    assert!(!words.contains(&"speedrun"), "{words:?}");
    assert!(!words.contains(&"banana"), "one chatter repeating is one mention: {words:?}");
    assert!(words.is_empty(), "nothing bursts in the quiet channel: {words:?}");

    let leise = trends(&s, "/api/chat/leise/trends").await;
    assert_eq!(leise.sentiment.unwrap().unscored, 8, "German is not guessed");
    let leise_words: Vec<&str> = leise.terms.iter().map(|t| t.term.as_str()).collect();
    assert!(leise_words.contains(&"speedrun") && !leise_words.contains(&"der"), "German stop words: {leise_words:?}");

    let platform = trends(&s, "/api/trends").await;
    assert_eq!(s.client().platform_trends().await.unwrap().terms, platform.terms, "the SDK reads the same");
    assert_eq!(s.client().chat_trends("loud").await.unwrap().terms, loud.terms);
    let speedrun = platform.terms.iter().find(|t| t.term == "speedrun").expect("speedrun trends platform-wide");
    assert_eq!(speedrun.score, platform.terms[0].score, "among the first: {:?}", platform.terms);
    assert_eq!(speedrun.count, 8, "the same chatters in two channels count once");
    assert!(platform.terms.iter().all(|t| t.term != "music"), "{:?}", platform.terms);
    assert!(platform.broadcaster_user_login.is_none() && platform.sentiment.is_none());

    assert_eq!(s.http().get(s.url("/api/chat/nobody_here/trends")).send().await.unwrap().status(), 404);
    assert_eq!(s.http().get(s.url("/api/chat/bad%20login/trends")).send().await.unwrap().status(), 400);
    assert_eq!(s.state.intel.counts(), (86, 0), "every line seen, none lost");
}

/// Wait until the service has read `n` chat lines.
async fn until_seen(s: &TestServer, n: u64) {
    for _ in 0..200 {
        if s.state.intel.counts().0 >= n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("chat intelligence saw {:?} of {n} lines", s.state.intel.counts());
}
