//! Chatbot benchmark: how long the bot takes per chat line, in process (the
//! bot's own cost: filters, variables, SQLite), and end to end through a real
//! AeThex server's IRC gateway (a moderator's command to the bot's reply as
//! another chatter sees it), and the cost of a Nightbot response URL (issued
//! with 1,000 alive, then a message accepted through it). Prints p50/p99 and
//! operations per second.
//! Run: `cargo bench -p aethex-chatbot --bench bot`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use aethex_chatbot::bot::{Bot, Clock, Line, Settings};
use aethex_chatbot::config::File;
use aethex_chatbot::services::Live;
use aethex_chatbot::store::Store;
use twitch_irc::login::StaticLoginCredentials;
use twitch_irc::message::ServerMessage;
use twitch_irc::{ClientConfig, TwitchIRCClient};

fn report(name: &str, mut ns: Vec<u128>, wall: Duration) {
    ns.sort_unstable();
    let p = |q: f64| ns[((ns.len() as f64 * q) as usize).min(ns.len() - 1)] as f64 / 1000.0;
    println!(
        "{name:<44} n={:<6} p50={:>9.1} µs  p99={:>9.1} µs  {:>10.0} per s",
        ns.len(),
        p(0.50),
        p(0.99),
        ns.len() as f64 / wall.as_secs_f64()
    );
}

async fn in_process(dir: &std::path::Path) {
    let clock: Clock = Arc::new(aethex_chatbot::now_ms);
    let mut file = File::default();
    file.songs.max_queue = 1_000_000;
    file.songs.max_per_user = 1_000_000;
    let s = Settings {
        channel: "alice".into(),
        bot_login: "bot".into(),
        points: file.points.clone(),
        songs: file.songs.clone(),
        filters: {
            let mut f = file.compile_filters(&aethex_chatbot::lang::Replies::english()).unwrap();
            for w in ["spoiler", "free v-bucks", "~/b[i1]tc[o0]in\\s+giveaway/", "*scam*"] {
                f.blacklist_add(w).unwrap();
            }
            f
        },
        timers: Vec::new(),
        replies_per_30s: usize::MAX,
        replies: aethex_chatbot::lang::Replies::english(),
    };
    let store = Store::open(&dir.join("bench.db")).await.unwrap();
    let mut bot = Bot::load(s, store, Live::new(None, false), clock).await.unwrap();
    let m = |login: &str, badges: &str, text: String| Line {
        id: Some("x".into()),
        login: login.into(),
        display: login.into(),
        user_id: format!("id-{login}"),
        badges: badges.into(),
        text,
        emotes: 0,
    };
    bot.on_line(m("mod", "moderator/1", "!addcom !hi -cd=5 Hi $(user), $(touser) is #$(count) and $(eval 6*7)".into()))
        .await;
    bot.on_watch(&(0..100).map(|i| format!("viewer{i}")).collect::<Vec<_>>(), 10).await;
    type Case = (&'static str, Box<dyn Fn(usize) -> Line>);
    let cases: Vec<Case> = vec![
        (
            "plain chat line (all filters, no command)",
            Box::new(move |i| m(&format!("viewer{}", i % 100), "", format!("hello there chat, message number {i} :)"))),
        ),
        ("custom command with variables (mod)", Box::new(move |i| m("mod", "moderator/1", format!("!hi @friend{i}")))),
        (
            "link filtered (delete + timeout)",
            Box::new(move |i| m(&format!("spam{i}"), "", "visit https://spam.example.com".into())),
        ),
        ("!points (SQLite read)", Box::new(move |i| m(&format!("viewer{}", i % 100), "", "!points".into()))),
        ("!sr (SQLite write)", Box::new(move |i| m(&format!("viewer{}", i % 100), "", format!("!sr song number {i}")))),
    ];
    for (name, make) in cases {
        let n = 5_000;
        let mut ns = Vec::with_capacity(n);
        let start = Instant::now();
        for i in 0..n {
            let l = make(i);
            let t = Instant::now();
            let out = bot.on_line(l).await;
            ns.push(t.elapsed().as_nanos());
            assert!(!out.is_empty() || name.starts_with("plain"), "{name} produced nothing");
        }
        report(name, ns, start.elapsed());
    }
}

async fn reply(rx: &mut tokio::sync::mpsc::UnboundedReceiver<ServerMessage>) -> String {
    loop {
        match tokio::time::timeout(Duration::from_secs(5), rx.recv()).await.unwrap().unwrap() {
            ServerMessage::Privmsg(p) if p.sender.login == "bot" => return p.message_text,
            _ => {}
        }
    }
}

async fn over_irc(dir: &std::path::Path) {
    let srv = aethex_server::testing::start(dir.join("server"), |_| {}).await;
    aethex_sdk::chat_transport::set_target_addr(srv.irc);
    let owner = srv.token("streamer", "channel:manage moderator:manage").await;
    let bot_token = srv.token("bot", "chat:read chat:edit").await;
    let mod_token = srv.token("helper", "chat:read chat:edit").await;
    let api = aethex_sdk::Client::new(&srv.base).unwrap().with_token(&owner);
    for m in ["bot", "helper"] {
        api.raw(reqwest::Method::PUT, &format!("api/channels/streamer/moderators/{m}"), &[], None).await.unwrap();
    }
    let file = File { replies_per_30s: Some(1_000_000), ..File::default() };
    let cfg = aethex_chatbot::run::RunConfig {
        server: Some(srv.base.clone()),
        irc: srv.irc.to_string(),
        channel: "streamer".into(),
        token: bot_token,
        login: None,
        db: dir.join("irc-bot.db"),
        file,
    };
    tokio::spawn(async move {
        if let Err(e) =
            aethex_chatbot::run::run(cfg, Arc::new(aethex_chatbot::now_ms), std::future::pending(), None).await
        {
            panic!("the bot stopped: {e}");
        }
    });
    let mut config = ClientConfig::new_simple(StaticLoginCredentials::new("helper".into(), Some(mod_token)));
    config.max_waiting_messages_per_connection = 100;
    config.time_per_message = Duration::from_millis(5);
    let (mut rx, helper) = TwitchIRCClient::<aethex_sdk::chat_transport::AethexTransport, _>::new(config);
    helper.join("streamer".into()).unwrap();
    while !matches!(rx.recv().await, Some(ServerMessage::Join(_))) {}
    while !api.chatters("streamer").await.unwrap().chatters.iter().any(|c| c == "bot") {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    helper.say("streamer".into(), "!addcom !ping -cd=5 pong $(user) #$(count)".into()).await.unwrap();
    reply(&mut rx).await;
    // The server holds moderators to Twitch's 100 messages per 30 s, the
    // helper and the bot alike, so one sample is 90 round trips.
    let n = 90;
    let mut ns = Vec::with_capacity(n);
    let start = Instant::now();
    for i in 0..n {
        let t = Instant::now();
        helper.say("streamer".into(), "!ping".into()).await.unwrap();
        let r = reply(&mut rx).await;
        ns.push(t.elapsed().as_nanos());
        assert_eq!(r, format!("pong helper #{}", i + 1));
    }
    report("command round trip over IRC (sequential, mod)", ns, start.elapsed());
}

/// Response URLs: issuing one among 1,000 alive, and accepting a message through one.
fn response_urls() {
    use aethex_chatbot::respond::{Responses, MAX_LIVE};
    let (urls, mut rx) = Responses::new("http://127.0.0.1:8089");
    let n = 20_000;
    let (mut issue, mut send) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let mut tokens = Vec::with_capacity(n);
    let start = Instant::now();
    for i in 0..n {
        let t = Instant::now();
        let url = urls.issue(i as i64);
        issue.push(t.elapsed().as_nanos());
        tokens.push(url.rsplit('/').next().unwrap().to_string());
    }
    report(&format!("response URL issued ({MAX_LIVE} alive)"), issue, start.elapsed());
    let start = Instant::now();
    for t in tokens.iter().rev().take(MAX_LIVE) {
        let s = Instant::now();
        urls.send(t, "the answer, later", n as i64).unwrap();
        send.push(s.elapsed().as_nanos());
        rx.try_recv().unwrap();
    }
    report("message accepted through a response URL", send, start.elapsed());
}

fn main() {
    if let Ok(f) = std::env::var("AETHEX_LOG") {
        tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::new(f)).init();
    }
    let dir = std::env::temp_dir().join(format!("aethex-chatbot-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    response_urls();
    rt.block_on(async {
        in_process(&dir).await;
        over_irc(&dir).await;
    });
    let _ = std::fs::remove_dir_all(&dir);
}
