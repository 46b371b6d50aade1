//! HLS through a caching proxy: nginx with `deploy/nginx/hls-cache.conf`
//! in front of one server, 200 low-latency viewers of one stream, and the
//! origin's own metrics counting what reached it.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{publish_picture, Backend, TestServer};

const VIEWERS: usize = 200;
const WATCH: Duration = Duration::from_secs(8);

/// A process killed when dropped.
struct Guard(std::process::Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn nginx(origin: std::net::SocketAddr, port: u16, dir: &std::path::Path) -> Guard {
    let ok = std::process::Command::new("nginx").arg("-v").output().is_ok();
    assert!(ok, "nginx is needed for the cache test: run scripts/test, which installs it");
    let include = concat!(env!("CARGO_MANIFEST_DIR"), "/../deploy/nginx/hls-cache.conf");
    let d = dir.display();
    // nginx's workers (`nobody` when started as root) write the cache.
    let _ = std::process::Command::new("chmod").args(["-R", "0777", &d.to_string()]).status();
    let conf = format!(
        "daemon off;\nworker_processes 1;\nerror_log {d}/error.log warn;\npid {d}/nginx.pid;\n\
         events {{ worker_connections 4096; }}\n\
         http {{\n  access_log off;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n\
           fastcgi_temp_path {d}/fcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n\
           proxy_cache_path {d}/cache keys_zone=aethex_hls:10m max_size=256m inactive=60s use_temp_path=off;\n\
           upstream aethex_origin {{ server {origin}; keepalive 32; }}\n\
           server {{\n    listen 127.0.0.1:{port};\n    include {include};\n  }}\n}}\n"
    );
    let path = dir.join("nginx.conf");
    std::fs::write(&path, conf).unwrap();
    Guard(
        std::process::Command::new("nginx")
            .args(["-p", &d.to_string(), "-c", path.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("nginx starts"),
    )
}

/// `aethex_hls_media_served_total{kind}` of the origin.
async fn served(s: &TestServer, kind: &str) -> u64 {
    let text = reqwest::get(s.url("/metrics")).await.unwrap().text().await.unwrap();
    let needle = format!("aethex_hls_media_served_total{{kind=\"{kind}\"}} ");
    text.lines().find_map(|l| l.strip_prefix(&needle)).and_then(|v| v.trim().parse().ok()).expect("the counter")
}

/// What every viewer asked the cache for: URL → requests.
type Asked = Arc<Mutex<HashMap<String, u64>>>;

/// One LL-HLS player: the live edge once, then blocking reloads for the
/// hinted part, fetching every new part as it is listed (as hls.js does).
async fn viewer(base: String, token: Option<String>, asked: Asked, until: tokio::time::Instant) {
    let http = reqwest::Client::new();
    let query = token.map(|t| format!("token={t}&")).unwrap_or_default();
    let mut url = format!("{base}/index.m3u8?{query}");
    let mut fetched: HashSet<String> = HashSet::new();
    let mut first = true;
    while tokio::time::Instant::now() < until {
        let Ok(r) = http.get(&url).send().await else { continue };
        assert_eq!(r.status(), 200, "{url}");
        let playlist = r.text().await.unwrap();
        if !first {
            *asked.lock().unwrap().entry(url.clone()).or_default() += 1;
        }
        for part in playlist.lines().filter_map(|l| l.strip_prefix("#EXT-X-PART:")) {
            let uri = part.split("URI=\"").nth(1).and_then(|u| u.split('"').next()).unwrap().to_string();
            // A player joins at the live edge: parts listed in its first playlist are history.
            if first || !fetched.insert(uri.clone()) {
                fetched.insert(uri);
                continue;
            }
            let part_url = format!("{base}/{uri}");
            let r = http.get(&part_url).send().await.unwrap();
            assert_eq!(r.status(), 200, "{part_url}");
            assert!(!r.bytes().await.unwrap().is_empty());
            *asked.lock().unwrap().entry(part_url).or_default() += 1;
        }
        first = false;
        let hint = playlist
            .lines()
            .find_map(|l| l.strip_prefix("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part"))
            .and_then(|h| h.split(".m4s").next())
            .and_then(|h| h.split_once('.'))
            .map(|(m, p)| (m.to_string(), p.to_string()));
        let Some((msn, part)) = hint else { panic!("no preload hint in {playlist}") };
        url = format!("{base}/index.m3u8?{query}_HLS_msn={msn}&_HLS_part={part}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_viewers_one_origin_request_per_part() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("caster", None).await;
    let key = s.client_with(&s.token("caster", "stream:key").await).stream_key("caster").await.unwrap().stream_key;
    let _ffmpeg = Guard(publish_picture(s.rtmp, &key, "testsrc2=size=320x180:rate=30"));
    let origin: std::net::SocketAddr = s.url("").trim_start_matches("http://").parse().unwrap();
    let dir = common::temp_dir("nginx-cache");
    let port = common::free_port();
    let _nginx = nginx(origin, port, &dir);
    let base = format!("http://127.0.0.1:{port}/hls/caster/source");
    // Until the stream has two segments, through the cache.
    let mut ready = false;
    for _ in 0..150 {
        if let Ok(r) = reqwest::get(format!("{base}/index.m3u8")).await {
            if r.status() == 200 && r.text().await.unwrap_or_default().matches("#EXTINF").count() >= 2 {
                ready = true;
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(ready, "the stream plays through nginx");

    let (parts0, reloads0) = (served(&s, "part").await, served(&s, "blocking_reload").await);
    let asked: Asked = Arc::default();
    let until = tokio::time::Instant::now() + WATCH;
    let viewers: Vec<_> =
        (0..VIEWERS).map(|_| tokio::spawn(viewer(base.clone(), None, asked.clone(), until))).collect();
    for v in viewers {
        v.await.expect("viewer ran");
    }
    let (parts1, reloads1) = (served(&s, "part").await, served(&s, "blocking_reload").await);

    let asked: HashMap<String, u64> = std::mem::take(&mut *asked.lock().unwrap());
    let part_urls = asked.keys().filter(|u| u.contains("/part")).count() as u64;
    let part_requests: u64 = asked.iter().filter(|(u, _)| u.contains("/part")).map(|(_, n)| n).sum();
    let reload_urls = asked.keys().filter(|u| u.contains("_HLS_msn")).count() as u64;
    let reload_requests: u64 = asked.iter().filter(|(u, _)| u.contains("_HLS_msn")).map(|(_, n)| n).sum();
    eprintln!(
        "{VIEWERS} viewers: {part_requests} part requests for {part_urls} parts, {reload_requests} blocking reloads \
         of {reload_urls} playlists; the origin served {} parts and {} reloads",
        parts1 - parts0,
        reloads1 - reloads0
    );
    assert!(part_urls >= 10, "the viewers followed the stream ({part_urls} parts)");
    // On two loaded cores not every player keeps up with every part; what
    // matters is that many shared each one.
    assert!(part_requests >= part_urls * 20, "the parts were shared by many viewers");
    assert_eq!(parts1 - parts0, part_urls, "one origin request per part");
    assert_eq!(reloads1 - reloads0, reload_urls, "one origin request per blocking reload");

    // Playback tokens through the cache: once the channel requires them,
    // nothing plays without one, each viewer's own token opens the master
    // playlist, and the media URLs name the channel's shared token, so
    // viewers with different tokens still share every cached part.
    let owner = s.client_with(&s.token("caster", "channel:manage").await);
    let require = aethex_sdk::ChannelUpdate { playback_token_required: Some(true), ..Default::default() };
    owner.update_channel("caster", &require).await.unwrap();
    let edge = format!("http://127.0.0.1:{port}/hls/caster");
    assert_eq!(reqwest::get(format!("{edge}/index.m3u8")).await.unwrap().status(), 403, "no token, no playlist");
    assert_eq!(reqwest::get(format!("{base}/index.m3u8")).await.unwrap().status(), 403, "nor a media playlist");
    let mut shared = HashSet::new();
    for _ in 0..3 {
        let grant: serde_json::Value =
            s.http().post(s.url("/api/channels/caster/playback-token")).send().await.unwrap().json().await.unwrap();
        let mine = grant["data"][0]["token"].as_str().unwrap().to_string();
        let master = reqwest::get(format!("{edge}/index.m3u8?token={mine}")).await.unwrap();
        assert_eq!(master.status(), 200, "a viewer's own token opens the master playlist through the cache");
        let body = master.text().await.unwrap();
        let media = body.split("source/index.m3u8?token=").nth(1).unwrap().lines().next().unwrap().to_string();
        shared.insert(media);
    }
    assert_eq!(shared.len(), 1, "every viewer's media URLs carry one shared token");
    let token = shared.into_iter().next();
    let (parts0, asked) = (served(&s, "part").await, Asked::default());
    let until = tokio::time::Instant::now() + Duration::from_secs(4);
    let viewers: Vec<_> =
        (0..50).map(|_| tokio::spawn(viewer(base.clone(), token.clone(), asked.clone(), until))).collect();
    for v in viewers {
        v.await.expect("viewer with a token ran");
    }
    let parts1 = served(&s, "part").await;
    let asked = asked.lock().unwrap();
    let part_urls = asked.keys().filter(|u| u.contains("/part") && u.contains("?token=")).count() as u64;
    assert!(part_urls >= 5, "viewers with tokens followed the stream");
    assert_eq!(parts1 - parts0, part_urls, "one origin request per part, tokens and all");
}
