//! Several `aethex-server` processes as one platform: one PostgreSQL, one
//! Redis, and HAProxy in front configured by `deploy/haproxy.cfg` itself.
//! Each node is the real binary in its own process; clients reach them
//! directly (to name the node) or through HAProxy.

mod common;

use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use aethex_sdk::event_socket::{EventSocket, Interest, SocketEvent};
use aethex_sdk::{ChannelUpdate, Event};
use common::{free_port, publish_picture, Proc};

const SECRET: &str = "5eb1c0ffee5eb1c0ffee5eb1c0ffee5eb1c0ffee5eb1c0ffee5eb1c0ffee5eb1";
const FREE_PER_DAY: u64 = 30;
const BURST: u64 = 10;

/// A process killed when dropped.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn need(program: &str) {
    let ok = Command::new(program).arg("-v").output().is_ok();
    assert!(ok, "{program} is needed for the cluster tests: run scripts/test, which installs it");
}

fn redis(port: u16) -> Guard {
    need("redis-server");
    Guard(
        Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server starts"),
    )
}

/// The platform: nodes, their shared storage, and the load balancer.
struct Cluster {
    nodes: Vec<Option<Proc>>,
    rtmp: Vec<SocketAddr>,
    data: std::path::PathBuf,
    db: String,
    env: Vec<(String, String)>,
    lb_http: SocketAddr,
    lb_irc: SocketAddr,
    _redis: Guard,
    _haproxy: Guard,
}

impl Cluster {
    async fn start() -> Self {
        let redis_port = free_port();
        let redis = redis(redis_port);
        let db = common::fresh_postgres_url().await;
        let data = common::temp_dir("cluster");
        let lb_http = SocketAddr::from(([127, 0, 0, 1], free_port()));
        let lb_irc = SocketAddr::from(([127, 0, 0, 1], free_port()));
        let env: Vec<(String, String)> = [
            ("AETHEX_REDIS_URL", format!("redis://127.0.0.1:{redis_port}/")),
            ("AETHEX_SECRET_KEY", SECRET.to_string()),
            ("AETHEX_PUBLIC_URL", format!("http://{lb_http}")),
            ("AETHEX_TRUSTED_PROXIES", "127.0.0.1".to_string()),
            ("AETHEX_DRAIN_SECONDS", "3".to_string()),
            ("AETHEX_RATE_FREE_PER_DAY", FREE_PER_DAY.to_string()),
            ("AETHEX_RATE_BURST_PER_SECOND", BURST.to_string()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let rtmp: Vec<SocketAddr> = (0..3).map(|_| SocketAddr::from(([127, 0, 0, 1], free_port()))).collect();
        let mut c = Cluster {
            nodes: vec![None, None, None],
            rtmp,
            data,
            db,
            env,
            lb_http,
            lb_irc,
            _redis: redis,
            _haproxy: Guard(Command::new("true").spawn().expect("true")),
        };
        // The first node migrates the database; the others start on it.
        for i in 0..3 {
            c.start_node(i, free_port()).await;
        }
        c._haproxy = c.haproxy();
        c.wait_lb().await;
        c
    }

    async fn start_node(&mut self, i: usize, http_port: u16) {
        let mut env: Vec<(&str, &str)> = self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let rtmp = self.rtmp[i].to_string();
        env.push(("AETHEX_RTMP_ADDR", &rtmp));
        self.nodes[i] = Some(Proc::start(&self.data, Some(&self.db), http_port, &env).await);
    }

    fn node(&self, i: usize) -> &Proc {
        self.nodes[i].as_ref().expect("node running")
    }

    fn haproxy(&self) -> Guard {
        need("haproxy");
        let cfg = concat!(env!("CARGO_MANIFEST_DIR"), "/../deploy/haproxy.cfg");
        let mut cmd = Command::new("haproxy");
        cmd.args(["-db", "-f", cfg])
            .env("AETHEX_LB_HTTP", self.lb_http.to_string())
            .env("AETHEX_LB_IRC", self.lb_irc.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for i in 0..3 {
            let n = self.node(i);
            cmd.env(format!("AETHEX_NODE{}", i + 1), n.http.to_string())
                .env(format!("AETHEX_NODE{}_IRC", i + 1), n.irc.to_string())
                .env(format!("AETHEX_NODE{}_PORT", i + 1), n.http.port().to_string());
        }
        Guard(cmd.spawn().expect("haproxy starts"))
    }

    async fn wait_lb(&self) {
        for _ in 0..100 {
            if let Ok(r) = reqwest::get(format!("http://{}/readyz", self.lb_http)).await {
                if r.status() == 200 {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("haproxy did not come up");
    }

    /// An admin command of the binary on the shared database; its stdout.
    fn admin(&self, args: &[&str]) -> String {
        let out = Command::new(env!("CARGO_BIN_EXE_aethex-server"))
            .args(args)
            .env("AETHEX_DATA_DIR", &self.data)
            .env("AETHEX_DATABASE_URL", &self.db)
            .env("AETHEX_SECRET_KEY", SECRET)
            .output()
            .expect("admin command runs");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8").trim().to_string()
    }

    fn user(&self, login: &str, scopes: &str) -> String {
        self.admin(&["user", "create", login]);
        self.admin(&["token", "create", login, "--scopes", scopes])
    }

    fn client(&self, i: usize, token: &str) -> aethex_sdk::Client {
        aethex_sdk::Client::new(&self.node(i).url("")).expect("client").with_token(token)
    }

    /// SIGTERM and wait for the process to finish its graceful shutdown.
    fn stop_node(&mut self, i: usize) -> u16 {
        let mut p = self.nodes[i].take().expect("node running");
        let port = p.http.port();
        let pid = p.child.id().to_string();
        assert!(Command::new("kill").args(["-TERM", &pid]).status().expect("kill").success());
        // A hang guard, not a timing assertion.
        for _ in 0..300 {
            if p.child.try_wait().expect("wait").is_some() {
                return port;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("node {i} did not stop within 30 s of SIGTERM");
    }
}

/// Anonymous `GET /api/channels/{login}` from the client `ip` (the nodes
/// trust the test's address as a proxy) through node `i`.
async fn anonymous_get(c: &Cluster, i: usize, ip: &str, login: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(c.node(i).url(&format!("/api/channels/{login}")))
        .header("x-forwarded-for", ip)
        .send()
        .await
        .expect("request")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_nodes_are_one_platform() {
    let mut c = Cluster::start().await;
    let alice = c.user("alice", "moderator:read:followers,webhooks:manage,stream:key,channel:manage");
    let bob = c.user("bob", "user:edit:follows");
    let alice_id = c.client(0, &alice).channel("alice").await.expect("alice's channel").id;

    // An event socket on node 1 hears a follow made through node 3.
    let mut socket = EventSocket::connect(c.client(0, &alice), vec![Interest::channel("channel.follow", &alice_id)]);
    match tokio::time::timeout(Duration::from_secs(10), socket.next()).await.expect("welcome in time") {
        Some(SocketEvent::Connected { .. }) => {}
        other => panic!("expected the welcome, got {other:?}"),
    }
    c.client(2, &bob).follow("alice").await.expect("bob follows through node 3");
    match tokio::time::timeout(Duration::from_secs(10), socket.next()).await.expect("the follow arrives") {
        Some(SocketEvent::Notification { event: Event::ChannelFollow(f), .. }) => assert_eq!(f.user_login, "bob"),
        other => panic!("expected bob's follow, got {other:?}"),
    }

    // A write through one node is read through another.
    let update = ChannelUpdate { title: Some("one platform, three nodes".into()), ..Default::default() };
    c.client(0, &alice).update_channel("alice", &update).await.expect("title set through node 1");
    let seen = c.client(2, &bob).channel("alice").await.expect("read through node 3");
    assert_eq!(seen.title, "one platform, three nodes");

    // The burst limit counts requests wherever they land: more than BURST
    // within a second, spread over the three nodes, meets a 429 naming it.
    let mut burst_refusals = 0;
    for n in 0..(BURST as usize + 5) {
        let r = anonymous_get(&c, n % 3, "198.51.100.1", "alice").await;
        if r.status() == 429 {
            assert_eq!(r.headers()["ratelimit-limit"], BURST.to_string().as_str(), "the burst limit refused");
            burst_refusals += 1;
        }
    }
    assert!(burst_refusals >= 1, "the burst across nodes was enforced");

    // The daily quota is one across nodes: paced under the burst limit, the
    // quota's worth of requests is served in turns by the three nodes, the
    // next is refused on any of them...
    let ip = "198.51.100.2";
    for n in 0..FREE_PER_DAY as usize {
        let r = anonymous_get(&c, n % 3, ip, "alice").await;
        assert_eq!(r.status(), 200, "request {n} is within the quota");
        let left: u64 = r.headers()["ratelimit-remaining"].to_str().unwrap().parse().unwrap();
        assert_eq!(left, FREE_PER_DAY - n as u64 - 1, "each node counts the same bucket");
        tokio::time::sleep(Duration::from_millis(1000 / BURST)).await;
    }
    for i in 0..3 {
        let r = anonymous_get(&c, i, ip, "alice").await;
        assert_eq!(r.status(), 429, "node {} refuses the spent quota", i + 1);
        assert_eq!(r.headers()["ratelimit-limit"], FREE_PER_DAY.to_string().as_str());
    }
    // ...and stays spent after a node restarts.
    let port = c.stop_node(1);
    c.start_node(1, port).await;
    let r = anonymous_get(&c, 1, ip, "alice").await;
    assert_eq!(r.status(), 429, "the quota survived node 2's restart");

    // A stream published to node 1 plays from node 2, as ffprobe reads it.
    let key = c.client(0, &alice).stream_key("alice").await.expect("stream key").stream_key;
    let _ffmpeg = Guard(publish_picture(c.rtmp[0], &key, "testsrc2=size=640x360:rate=30"));
    let master = c.node(1).url("/hls/alice/index.m3u8");
    let mut ready = false;
    for _ in 0..150 {
        // Two whole segments, so ffprobe has something to read.
        let media = match reqwest::get(c.node(1).url("/hls/alice/source/index.m3u8")).await {
            Ok(r) if r.status() == 200 => r.text().await.unwrap_or_default(),
            _ => String::new(),
        };
        if media.matches("#EXTINF").count() >= 2 {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(ready, "node 2 serves the playlist of the stream node 1 ingests");
    let probe = Command::new("ffprobe")
        .args(["-v", "error", "-show_entries", "stream=codec_name,width,height,sample_rate", "-of", "compact", &master])
        .output()
        .expect("ffprobe runs");
    let streams = String::from_utf8_lossy(&probe.stdout);
    assert!(probe.status.success(), "ffprobe: {}", String::from_utf8_lossy(&probe.stderr));
    assert!(streams.contains("codec_name=h264|width=640|height=360"), "video through node 2: {streams}");
    assert!(streams.contains("codec_name=aac"), "audio through node 2: {streams}");
    // Every node lists it as live, with node 1's viewer count (ffprobe was one viewer).
    for i in [1, 2] {
        let live = c.client(i, &bob).live_stream("alice").await.expect("streams").expect("alice is live on every node");
        assert_eq!(live.broadcaster_login, "alice");
    }
    let mut counted = false;
    for _ in 0..40 {
        let live = c.client(2, &bob).live_stream("alice").await.expect("streams").expect("live");
        if live.viewer_count >= 1 {
            counted = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(counted, "node 3 shows the viewer node 1 counted through node 2's proxy");
    // Through the load balancer, whatever node answers.
    let r = reqwest::get(format!("http://{}/hls/alice/index.m3u8", c.lb_http)).await.expect("through haproxy");
    assert_eq!(r.status(), 200);
    let _ = c.lb_irc;
}
