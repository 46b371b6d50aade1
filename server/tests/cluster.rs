//! Several `aethex-server` processes as one platform: a PostgreSQL primary
//! with a streaming replica (Debian's PostgreSQL, `pg_basebackup`), one
//! Redis, and HAProxy in front configured by `deploy/haproxy.cfg` itself.
//! Each node is the real binary in its own process; clients reach them
//! directly (to name the node) or through HAProxy.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

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

/// A private PostgreSQL primary and its streaming replica, stopped and
/// deleted when dropped. As root, PostgreSQL runs as the `postgres` user.
struct Postgres {
    dir: std::path::PathBuf,
    bin: std::path::PathBuf,
    primary: u16,
    replica: u16,
}

fn run_pg(script: &str) {
    let root = std::fs::read_to_string("/proc/self/status")
        .map(|s| s.lines().any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0")))
        .unwrap_or(false);
    let out = if root {
        Command::new("su").args(["postgres", "-s", "/bin/sh", "-c", script]).output()
    } else {
        Command::new("sh").args(["-c", script]).output()
    }
    .expect("shell runs");
    assert!(out.status.success(), "{script}: {}", String::from_utf8_lossy(&out.stderr));
}

impl Postgres {
    fn start() -> Self {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .expect("PostgreSQL is installed (scripts/test installs it)")
            .flatten()
            .map(|e| e.path().join("bin"))
            .filter(|b| b.join("initdb").exists())
            .max()
            .expect("initdb");
        let dir = common::temp_dir("cluster-pg");
        let _ = Command::new("chown").args(["postgres", dir.to_str().unwrap()]).status();
        let pg = Self { bin, primary: free_port(), replica: free_port(), dir };
        let (bin, dir) = (pg.bin.display().to_string(), pg.dir.display().to_string());
        run_pg(&format!("'{bin}/initdb' -D '{dir}/primary' -U aethex --auth=trust >'{dir}/initdb.log' 2>&1"));
        pg.ctl("primary", pg.primary, "start");
        // A streaming replica of everything, configured to follow (-R).
        run_pg(&format!(
            "'{bin}/pg_basebackup' -h 127.0.0.1 -p {} -U aethex -D '{dir}/replica' -R -X stream -c fast",
            pg.primary
        ));
        pg.ctl("replica", pg.replica, "start");
        pg
    }

    fn ctl(&self, which: &str, port: u16, action: &str) {
        let (bin, dir) = (self.bin.display().to_string(), self.dir.display().to_string());
        // The replica applies what it receives half a second late, as a
        // loaded one would: a read that must see a write cannot get it from
        // the replica by luck.
        let lag = if which == "replica" { " -c recovery_min_apply_delay=500ms" } else { "" };
        run_pg(&format!(
            "'{bin}/pg_ctl' -D '{dir}/{which}' -l '{dir}/{which}.log' -w -m fast \
             -o \"-p {port} -k '{dir}' -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off{lag}\" {action} >/dev/null"
        ));
    }

    fn url(&self, port: u16) -> String {
        format!("postgres://aethex@127.0.0.1:{port}/postgres")
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let (bin, dir) = (self.bin.display().to_string(), self.dir.display().to_string());
        for which in ["replica", "primary"] {
            let script = format!("'{bin}/pg_ctl' -D '{dir}/{which}' -m immediate stop >/dev/null 2>&1 || true");
            let _ = Command::new("su").args(["postgres", "-s", "/bin/sh", "-c", &script]).status();
            let _ = Command::new("sh").args(["-c", &script]).status();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The platform: nodes, their shared storage, and the load balancer.
struct Cluster {
    nodes: Vec<Option<Proc>>,
    ports: Vec<u16>,
    rtmp: Vec<SocketAddr>,
    data: std::path::PathBuf,
    db: String,
    env: Vec<(String, String)>,
    lb_http: SocketAddr,
    lb_irc: SocketAddr,
    lb_rtmp: SocketAddr,
    pg: Postgres,
    _redis: Guard,
    _haproxy: Guard,
}

impl Cluster {
    async fn start() -> Self {
        Self::start_with(&[]).await
    }

    async fn start_with(extra: &[(&str, &str)]) -> Self {
        let redis_port = free_port();
        let redis = redis(redis_port);
        let pg = Postgres::start();
        let db = pg.url(pg.primary);
        let data = common::temp_dir("cluster");
        let lb_http = SocketAddr::from(([127, 0, 0, 1], free_port()));
        let lb_irc = SocketAddr::from(([127, 0, 0, 1], free_port()));
        let env: Vec<(String, String)> = [
            ("AETHEX_REDIS_URL", format!("redis://127.0.0.1:{redis_port}/")),
            ("AETHEX_DATABASE_REPLICA_URL", pg.url(pg.replica)),
            ("AETHEX_SECRET_KEY", SECRET.to_string()),
            ("AETHEX_PUBLIC_URL", format!("http://{lb_http}")),
            ("AETHEX_TRUSTED_PROXIES", "127.0.0.1".to_string()),
            ("AETHEX_DRAIN_SECONDS", "3".to_string()),
            ("AETHEX_RATE_FREE_PER_DAY", FREE_PER_DAY.to_string()),
            ("AETHEX_RATE_BURST_PER_SECOND", BURST.to_string()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .chain(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())))
        .collect();
        let rtmp: Vec<SocketAddr> = (0..3).map(|_| SocketAddr::from(([127, 0, 0, 1], free_port()))).collect();
        let mut c = Cluster {
            nodes: vec![None, None, None],
            ports: (0..3).map(|_| free_port()).collect(),
            rtmp,
            data,
            db,
            env,
            lb_http,
            lb_irc,
            lb_rtmp: SocketAddr::from(([127, 0, 0, 1], free_port())),
            pg,
            _redis: redis,
            _haproxy: Guard(Command::new("true").spawn().expect("true")),
        };
        // The first node migrates the database; the others start on it.
        for i in 0..3 {
            c.start_node(i, c.ports[i]).await;
        }
        c._haproxy = c.haproxy();
        c.wait_lb().await;
        c
    }

    async fn start_node(&mut self, i: usize, http_port: u16) {
        let mut env: Vec<(&str, &str)> = self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let rtmp = self.rtmp[i].to_string();
        env.push(("AETHEX_RTMP_ADDR", &rtmp));
        // Each node its own data directory, as on separate machines.
        let data = self.data.join(format!("node{}", i + 1));
        std::fs::create_dir_all(&data).expect("node data directory");
        self.nodes[i] = Some(Proc::start(&data, Some(&self.db), http_port, &env).await);
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
            .env("AETHEX_LB_RTMP", self.lb_rtmp.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for i in 0..3 {
            let n = self.node(i);
            cmd.env(format!("AETHEX_NODE{}", i + 1), n.http.to_string())
                .env(format!("AETHEX_NODE{}_IRC", i + 1), n.irc.to_string())
                .env(format!("AETHEX_NODE{}_RTMP", i + 1), self.rtmp[i].to_string())
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

    /// A user who signs in on the web with `password`.
    fn web_user(&self, login: &str, password: &str) {
        use std::io::Write as _;
        let mut child = Command::new(env!("CARGO_BIN_EXE_aethex-server"))
            .args(["user", "create", login, "--password-stdin"])
            .env("AETHEX_DATA_DIR", &self.data)
            .env("AETHEX_DATABASE_URL", &self.db)
            .env("AETHEX_SECRET_KEY", SECRET)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("admin command runs");
        child.stdin.take().expect("stdin").write_all(format!("{password}\n").as_bytes()).expect("password");
        assert!(child.wait().expect("admin command ends").success(), "user create {login}");
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

/// `aethex_db_replica_reads_total{pool}` of node `i`.
async fn replica_count(c: &Cluster, i: usize, pool: &str) -> u64 {
    metric(c, i, &format!("aethex_db_replica_reads_total{{pool=\"{pool}\"}}")).await
}

/// The value of the series `series` (name and labels) in node `i`'s `/metrics`.
async fn metric(c: &Cluster, i: usize, series: &str) -> u64 {
    let text = reqwest::get(c.node(i).url("/metrics")).await.expect("metrics").text().await.expect("text");
    let needle = format!("{series} ");
    text.lines().find_map(|l| l.strip_prefix(&needle)).and_then(|v| v.trim().parse().ok()).unwrap_or(0)
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

    // A write through one node is read at once through another, though
    // reads go to the replica: the writer's reads wait for their own write.
    for n in 0..20 {
        let title = format!("one platform, three nodes, take {n}");
        let update = ChannelUpdate { title: Some(title.clone()), ..Default::default() };
        c.client(n % 3, &alice).update_channel("alice", &update).await.expect("title set");
        let seen = c.client((n + 1) % 3, &alice).channel("alice").await.expect("read through the next node");
        assert_eq!(seen.title, title, "alice reads her own write through another node");
        // Under the burst limit (two requests a turn).
        tokio::time::sleep(Duration::from_millis(1000 * 2 / BURST + 50)).await;
    }
    // Others' reads are served by the replica (and see the write once it is replayed).
    let mut replica_reads = 0;
    for _ in 0..50 {
        let seen = c.client(2, &bob).channel("alice").await.expect("bob reads");
        if seen.title.ends_with("take 19") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(1000 / BURST + 20)).await;
    }
    for i in 0..3 {
        replica_reads += replica_count(&c, i, "replica").await;
    }
    assert!(replica_reads > 0, "the replica served reads");
    // With the replica stopped, every read still works, from the primary.
    c.pg.ctl("replica", c.pg.replica, "stop");
    for n in 0..30 {
        let r = anonymous_get(&c, n % 3, &format!("203.0.113.{n}"), "alice").await;
        assert_eq!(r.status(), 200, "read {n} with the replica down");
    }
    let before = replica_count(&c, 2, "primary").await;
    c.client(2, &bob).channel("alice").await.expect("read with the replica down");
    assert!(replica_count(&c, 2, "primary").await > before, "the primary served it");

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
    // Twenty viewers on node 3 asking for one segment at once cost node 1 one request.
    let media = reqwest::get(c.node(2).url("/hls/alice/source/index.m3u8")).await.unwrap().text().await.unwrap();
    let seg = media.lines().find(|l| l.starts_with("seg")).expect("a whole segment in the playlist").to_string();
    let origin_segments = "aethex_hls_media_served_total{kind=\"segment\"}";
    let before = metric(&c, 0, origin_segments).await;
    let url = c.node(2).url(&format!("/hls/alice/source/{seg}"));
    let bodies = futures_util::future::join_all((0..20).map(|_| async {
        let r = reqwest::get(&url).await.expect("segment");
        assert_eq!(r.status(), 200);
        r.bytes().await.expect("body")
    }))
    .await;
    assert!(!bodies[0].is_empty() && bodies.iter().all(|b| *b == bodies[0]), "every viewer got the same segment");
    assert_eq!(metric(&c, 0, origin_segments).await - before, 1, "node 3 asked node 1 once for twenty viewers");
    assert!(metric(&c, 2, "aethex_hls_edge_requests_total{result=\"hit\"}").await >= 19);
    // Through the load balancer, whatever node answers.
    let r = reqwest::get(format!("http://{}/hls/alice/index.m3u8", c.lb_http)).await.expect("through haproxy");
    assert_eq!(r.status(), 200);
}

// --- faults -------------------------------------------------------------------

/// What the webhook receiver saw: every attempt (message id, type, the
/// event's distinguishing login, accepted?).
#[derive(Default)]
struct Received {
    accepting: bool,
    attempts: Vec<(String, String, String, bool)>,
    /// Web Pushes the push-service stand-in took (RFC 8030: a POST, 201):
    /// the VAPID public key (`k=`) each was signed with.
    pushes: Vec<String>,
}

/// A webhook receiver on loopback that answers challenges, and refuses
/// notifications (503) while not accepting.
async fn receiver(state: std::sync::Arc<std::sync::Mutex<Received>>) -> SocketAddr {
    use aethex_sdk::eventsub::headers;
    use axum::http::{HeaderMap, StatusCode};
    let pushes = state.clone();
    let app = axum::Router::new()
        .route(
            "/push/1",
            axum::routing::post(move |h: HeaderMap| {
                let pushes = pushes.clone();
                async move {
                    let auth = h.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default();
                    let k = auth.split([' ', ',']).find_map(|p| p.strip_prefix("k=")).unwrap_or_default();
                    pushes.lock().unwrap().pushes.push(k.to_string());
                    StatusCode::CREATED
                }
            }),
        )
        .route(
            "/hook",
            axum::routing::post(move |h: HeaderMap, body: String| {
                let state = state.clone();
                async move {
                    let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
                    let header = |n: &str| h.get(n).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
                    if header(headers::MESSAGE_TYPE) == "webhook_callback_verification" {
                        return (StatusCode::OK, v["challenge"].as_str().unwrap_or_default().to_string());
                    }
                    let event = &v["event"];
                    let who =
                        event["user_login"].as_str().or(event["broadcaster_user_login"].as_str()).unwrap_or_default();
                    let mut s = state.lock().unwrap();
                    let ok = s.accepting;
                    s.attempts.push((
                        header(headers::MESSAGE_ID),
                        header(headers::SUBSCRIPTION_TYPE),
                        who.to_string(),
                        ok,
                    ));
                    if ok {
                        (StatusCode::NO_CONTENT, String::new())
                    } else {
                        (StatusCode::SERVICE_UNAVAILABLE, String::new())
                    }
                }
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

/// A chatter on IRC through the load balancer: says a numbered line every
/// two seconds (Twitch's 20 per 30 s), answers PING, and on RECONNECT or a
/// lost connection connects again and rejoins. Records what it hears.
#[derive(Default)]
struct Chatter {
    /// Lines heard: (sender, number).
    heard: Vec<(String, u64)>,
    /// Lines said so far.
    said: u64,
    /// Connections made.
    connections: u32,
}

fn chatter(lb: SocketAddr, login: String, token: String) -> std::sync::Arc<std::sync::Mutex<Chatter>> {
    use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _};
    let state = std::sync::Arc::new(std::sync::Mutex::new(Chatter::default()));
    let st = state.clone();
    tokio::spawn(async move {
        loop {
            let Ok(stream) = tokio::net::TcpStream::connect(lb).await else {
                tokio::time::sleep(Duration::from_millis(200)).await;
                continue;
            };
            st.lock().unwrap().connections += 1;
            let (r, mut w) = stream.into_split();
            let hello = format!("PASS oauth:{token}\r\nNICK {login}\r\nJOIN #alice\r\n");
            if w.write_all(hello.as_bytes()).await.is_err() {
                continue;
            }
            let mut lines = tokio::io::BufReader::new(r).lines();
            let mut tick = tokio::time::interval(Duration::from_secs(2));
            let mut joined = false;
            loop {
                tokio::select! {
                    line = lines.next_line() => {
                        let Ok(Some(line)) = line else { break };
                        if line.starts_with("PING") {
                            let _ = w.write_all(line.replacen("PING", "PONG", 1).as_bytes()).await;
                            let _ = w.write_all(b"\r\n").await;
                        } else if line.contains(" RECONNECT") {
                            break;
                        } else if line.contains(" 366 ") {
                            joined = true;
                        } else if let Some((prefix, text)) = line.split_once(" PRIVMSG #alice :") {
                            let sender = prefix.trim_start_matches(':').split('!').next().unwrap_or_default().to_string();
                            if let Some(n) = text.strip_prefix("line ").and_then(|n| n.parse().ok()) {
                                st.lock().unwrap().heard.push((sender, n));
                            }
                        }
                    }
                    _ = tick.tick(), if joined => {
                        let n = { let mut s = st.lock().unwrap(); s.said += 1; s.said };
                        if w.write_all(format!("PRIVMSG #alice :line {n}\r\n").as_bytes()).await.is_err() { break; }
                    }
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    state
}

/// Every chatter heard every other one say a line numbered above `after`.
async fn all_hear_each_other(chatters: &[(String, std::sync::Arc<std::sync::Mutex<Chatter>>)], after: &[u64]) -> bool {
    for _ in 0..60 {
        let ok = chatters.iter().all(|(me, c)| {
            let c = c.lock().unwrap();
            chatters
                .iter()
                .zip(after)
                .filter(|((other, _), _)| other != me)
                .all(|((other, _), a)| c.heard.iter().any(|(s, n)| s == other && n > a))
        });
        if ok {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    false
}

/// Sign a fan in on the web (through the load balancer, so each request may
/// reach another node), subscribe the browser to Web Push at `endpoint`, and
/// ask for alice's go-live.
async fn web_push_subscription(c: &Cluster, endpoint: &str) {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    use p256::elliptic_curve::sec1::ToEncodedPoint as _;
    c.web_user("pushfan", "a good password");
    let fan = c.admin(&["token", "create", "pushfan", "--scopes", "user:edit:follows"]);
    let base = format!("http://{}", c.lb_http);
    aethex_sdk::Client::new(&base).expect("client").with_token(&fan).follow("alice").await.expect("pushfan follows");
    let browser = reqwest::Client::builder().cookie_store(true).build().expect("browser");
    let page = browser.get(format!("{base}/login")).send().await.expect("login page").text().await.expect("page");
    let home = browser
        .post(format!("{base}/login"))
        .form(&[
            ("login", "pushfan"),
            ("password", "a good password"),
            ("next", "/"),
            ("csrf", &common::csrf_of(&page)),
        ])
        .send()
        .await
        .expect("sign in")
        .text()
        .await
        .expect("home page");
    let token = common::csrf_of(&home);
    let secret = p256::SecretKey::random(&mut rand::rngs::OsRng);
    let public = secret.public_key().to_encoded_point(false);
    let sub = serde_json::json!({"endpoint": endpoint,
        "keys": {"p256dh": URL_SAFE_NO_PAD.encode(public.as_bytes()), "auth": URL_SAFE_NO_PAD.encode([7u8; 16])}});
    let script = |method: reqwest::Method, path: &str| {
        browser
            .request(method, format!("{base}{path}"))
            .header("origin", &base)
            .header("x-csrf-token", &token)
            .header("content-type", "application/json")
    };
    let r = script(reqwest::Method::POST, "/push/subscriptions").body(sub.to_string()).send().await.expect("subscribe");
    assert_eq!(r.status(), 201, "push subscription: {}", r.text().await.unwrap_or_default());
    let r = script(reqwest::Method::PUT, "/push/notify/alice").send().await.expect("notify");
    assert_eq!(r.status(), 200, "notify me: {}", r.text().await.unwrap_or_default());
}

fn said(chatters: &[(String, std::sync::Arc<std::sync::Mutex<Chatter>>)]) -> Vec<u64> {
    chatters.iter().map(|(_, c)| c.lock().unwrap().said).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_node_and_a_rolling_restart_lose_nothing() {
    let mut c =
        Cluster::start_with(&[("AETHEX_WEBHOOK_ALLOW_PRIVATE", "1"), ("AETHEX_WEBHOOK_RETRY_BASE_MS", "200")]).await;
    let alice = c.user("alice", "moderator:read:followers,webhooks:manage,stream:key,channel:manage");
    let alice_id = c.client(0, &alice).channel("alice").await.expect("alice's channel").id;
    let lb = aethex_sdk::Client::new(&format!("http://{}", c.lb_http)).expect("client").with_token(&alice);

    // Webhooks for follows and go-live, made through the load balancer.
    let received = std::sync::Arc::new(std::sync::Mutex::new(Received { accepting: true, ..Default::default() }));
    let hook_addr = receiver(received.clone()).await;
    let hook = format!("http://{hook_addr}/hook");
    for (kind, version, condition) in [
        (
            "channel.follow",
            "2",
            aethex_sdk::eventsub::Condition {
                broadcaster_user_id: Some(alice_id.clone()),
                moderator_user_id: Some(alice_id.clone()),
                ..Default::default()
            },
        ),
        ("stream.online", "1", aethex_sdk::eventsub::Condition::broadcaster(alice_id.clone())),
        ("stream.offline", "1", aethex_sdk::eventsub::Condition::broadcaster(alice_id.clone())),
    ] {
        lb.create_eventsub_subscription(&aethex_sdk::eventsub::CreateSubscription {
            kind: kind.into(),
            version: version.into(),
            condition,
            transport: aethex_sdk::eventsub::Transport::webhook(hook.clone(), "webhook-secret-0123456789"),
        })
        .await
        .expect("webhook subscription");
    }
    // A fan's browser asks for alice's go-live push, through the load balancer.
    web_push_subscription(&c, &format!("http://{hook_addr}/push/1")).await;

    // An event socket through the load balancer.
    let mut socket = EventSocket::connect(lb.clone(), vec![Interest::channel("channel.follow", &alice_id)]);
    match tokio::time::timeout(Duration::from_secs(10), socket.next()).await.expect("welcome") {
        Some(SocketEvent::Connected { .. }) => {}
        other => panic!("expected the welcome, got {other:?}"),
    }
    let followed = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let seen = followed.clone();
    tokio::spawn(async move {
        while let Some(ev) = socket.next().await {
            if let SocketEvent::Notification { event: Event::ChannelFollow(f), .. } = ev {
                seen.lock().unwrap().push(f.user_login);
            }
        }
    });

    // Six chatters through HAProxy's IRC frontend, and followers to come.
    let mut chatters = Vec::new();
    for i in 0..6 {
        let login = format!("chatter{i}");
        let token = c.user(&login, "chat:read,chat:edit");
        chatters.push((login.clone(), chatter(c.lb_irc, login, token)));
    }
    let followers: Vec<(String, String)> =
        (0..12).map(|i| (format!("fan{i}"), c.user(&format!("fan{i}"), "user:edit:follows"))).collect();
    assert!(all_hear_each_other(&chatters, &[0; 6]).await, "everyone chats across the nodes");

    // Alice goes live on node 1; the webhook receiver then stops answering,
    // and three follows through node 1 leave it owing their notifications.
    let key = c.client(0, &alice).stream_key("alice").await.expect("stream key").stream_key;
    let ffmpeg = Guard(publish_picture(c.rtmp[0], &key, "testsrc2=size=320x180:rate=30"));
    let mut live = false;
    for _ in 0..100 {
        if c.client(1, &alice).live_stream("alice").await.ok().flatten().is_some() {
            live = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(live, "alice is live on node 1");
    received.lock().unwrap().accepting = false;
    for (login, token) in &followers[..3] {
        c.client(0, token).follow("alice").await.unwrap_or_else(|e| panic!("{login} follows: {e}"));
    }
    for _ in 0..100 {
        let tried = {
            let r = received.lock().unwrap();
            followers[..3].iter().all(|(l, _)| r.attempts.iter().any(|a| &a.2 == l))
        };
        if tried {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // SIGKILL node 1 under that load.
    let before_kill = said(&chatters);
    c.nodes[0].take().expect("node 1").kill();
    drop(ffmpeg);
    received.lock().unwrap().accepting = true;
    assert!(all_hear_each_other(&chatters, &before_kill).await, "chatters reconnect and chat after the kill");
    for (login, token) in &followers[3..6] {
        lb.clone().with_token(token).follow("alice").await.unwrap_or_else(|e| panic!("{login} follows: {e}"));
    }
    // The killed node's stream ends once, announced by one of the others.
    let mut offline = false;
    for _ in 0..240 {
        if received.lock().unwrap().attempts.iter().any(|a| a.1 == "stream.offline" && a.3) {
            offline = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(offline, "another node closed the dead node's stream");
    c.start_node(0, c.ports[0]).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;

    // A rolling restart, one node at a time, while people follow and chat.
    let before_roll = said(&chatters);
    for (i, (login, token)) in (0..3).zip(&followers[6..9]) {
        let port = c.stop_node(i);
        lb.clone().with_token(token).follow("alice").await.unwrap_or_else(|e| panic!("{login} follows: {e}"));
        c.start_node(i, port).await;
        // HAProxy takes it back after two good checks.
        tokio::time::sleep(Duration::from_millis(2500)).await;
    }
    assert!(all_hear_each_other(&chatters, &before_roll).await, "chatters chat on after the rolling restart");
    for (login, token) in &followers[9..12] {
        lb.clone().with_token(token).follow("alice").await.unwrap_or_else(|e| panic!("{login} follows: {e}"));
    }

    // Every follow reached the webhook exactly once, under the id it was
    // first tried with, and the event socket.
    let fans: Vec<&String> = followers.iter().map(|(l, _)| l).collect();
    let mut complete = false;
    for _ in 0..120 {
        let done = {
            let r = received.lock().unwrap();
            fans.iter().all(|f| r.attempts.iter().any(|a| &&a.2 == f && a.3))
        };
        // A SIGKILLed node takes the frames it had not written yet with it
        // (event sockets, like Twitch's, do not replay): only the follows
        // made after the kill must reach the socket.
        let socket_done = fans[3..].iter().all(|f| followed.lock().unwrap().contains(f));
        if done && socket_done {
            complete = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    // The key browsers subscribe with, as nodes 2 and 3 serve it.
    let mut served_keys = Vec::new();
    for i in 1..3 {
        let served: serde_json::Value =
            reqwest::get(c.node(i).url("/push/key")).await.expect("push key").json().await.expect("json");
        served_keys.push(served["public_key"].as_str().unwrap_or_default().to_string());
    }
    let r = received.lock().unwrap();
    assert!(complete, "every follow was delivered: {:?} / socket {:?}", r.attempts, followed.lock().unwrap());
    for f in &fans {
        let ids: std::collections::BTreeSet<&String> = r.attempts.iter().filter(|a| &&a.2 == f).map(|a| &a.0).collect();
        assert_eq!(ids.len(), 1, "{f}'s notification kept one id over every attempt");
        let accepted = r.attempts.iter().filter(|a| &&a.2 == f && a.3).count();
        assert_eq!(accepted, 1, "{f}'s notification was delivered once");
    }
    for f in &fans[..3] {
        assert!(
            r.attempts.iter().any(|a| &&a.2 == f && !a.3),
            "{f}'s notification was owed by the killed node before the others delivered it"
        );
    }
    let online = r.attempts.iter().filter(|a| a.1 == "stream.online" && a.3).count();
    let offline = r.attempts.iter().filter(|a| a.1 == "stream.offline" && a.3).count();
    assert_eq!((online, offline), (1, 1), "one go-live and one end, whatever the nodes did");
    assert_eq!(r.pushes.len(), 1, "the go-live push went out once, whatever the nodes did");
    // Signed with the key the browser subscribed with, whichever node served it.
    for (i, key) in served_keys.iter().enumerate() {
        assert_eq!(key, &r.pushes[0], "node {} serves the key node 1 signed with", i + 2);
    }
    // The event socket heard each follow after the kill once, and none twice.
    let heard = followed.lock().unwrap();
    for (n, f) in fans.iter().enumerate() {
        let times = heard.iter().filter(|h| h == f).count();
        if n >= 3 {
            assert_eq!(times, 1, "{f} once on the event socket");
        } else {
            assert!(times <= 1, "{f} at most once on the event socket");
        }
    }
    // Every node went away once, so every chatter was moved at least once
    // (by RECONNECT or a lost connection) and came back.
    for (login, ch) in &chatters {
        let n = ch.lock().unwrap().connections;
        assert!(n >= 2, "{login} reconnected ({n} connections)");
    }
}
