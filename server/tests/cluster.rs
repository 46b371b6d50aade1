//! Several `aethex-server` processes as one platform: a PostgreSQL primary
//! with a streaming replica (Debian's PostgreSQL, `pg_basebackup`), one
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
    rtmp: Vec<SocketAddr>,
    data: std::path::PathBuf,
    db: String,
    env: Vec<(String, String)>,
    lb_http: SocketAddr,
    lb_irc: SocketAddr,
    pg: Postgres,
    _redis: Guard,
    _haproxy: Guard,
}

impl Cluster {
    async fn start() -> Self {
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
            pg,
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

/// `aethex_db_replica_reads_total{pool}` of node `i`.
async fn replica_count(c: &Cluster, i: usize, pool: &str) -> u64 {
    let text = reqwest::get(c.node(i).url("/metrics")).await.expect("metrics").text().await.expect("text");
    let needle = format!("aethex_db_replica_reads_total{{pool=\"{pool}\"}} ");
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
    // Through the load balancer, whatever node answers.
    let r = reqwest::get(format!("http://{}/hls/alice/index.m3u8", c.lb_http)).await.expect("through haproxy");
    assert_eq!(r.status(), 200);
    let _ = c.lb_irc;
}
